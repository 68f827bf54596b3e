"""``magnesim run`` (a scenario from dose to outcomes) and ``magnesim scenario schema``."""

from __future__ import annotations

from typing import Annotated

import typer

from ._output import Progress, as_options, check_out_dir, emit_json

__all__ = ["run", "scenario_app", "schema"]

scenario_app = typer.Typer(help="Scenario files: the JSON Schema.", no_args_is_help=True, add_completion=False)


@scenario_app.command("schema")
def schema() -> None:
    """Print the JSON Schema of scenario files."""
    from ..scenario import Scenario

    emit_json(Scenario.model_json_schema())


def run(
    scenario: Annotated[str | None, typer.Argument(help="Scenario YAML file (default: the embedded default scenario).")] = None,
    out: Annotated[str, typer.Option("--out", help="Directory for results.nc and report.html.")] = "magnesim-results",
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
    uncertainty: Annotated[int | None, typer.Option("--uncertainty", help="Draw N sets of the body model's uncertain parameters and report 5-50-95% bands.")] = None,
    uncertainty_seed: Annotated[int, typer.Option("--uncertainty-seed", help="Seed of the parameter draws.")] = 0,
) -> None:
    """Run a scenario: body model → tissue [Mg2+] → neural experiments; write results.nc and report.html."""
    from ..body.simulate import check_uncertainty
    from ..scenario import plan_scenario, read_scenario_text
    from ..scenario.pipeline import run_scenario, steps

    text, where = read_scenario_text(scenario)
    plan = plan_scenario(text, where)  # every check happens before anything is written
    spec = plan.scenario
    with as_options(uncertainty="--uncertainty"):
        check_uncertainty(uncertainty, spec.body.model.strip().lower(), spec.population.size if spec.population is not None else 1)
    out_dir = check_out_dir(out)
    with Progress([*steps(spec), "report"], quiet) as progress:
        ds = run_scenario(plan, progress, scenario_text=text, uncertainty=uncertainty, uncertainty_seed=uncertainty_seed)
        ds.to_netcdf(out_dir / "results.nc")  # saved before the report is drawn
        progress("report")
        from ..report.html import scenario_report, summary_table

        (out_dir / "report.html").write_text(scenario_report(ds), encoding="utf-8")
        progress.finish("done")
    header, rows = summary_table(ds)
    if as_json:
        emit_json({"scenario": spec.name, "tissue": spec.tissue, "band": ds.attrs["band"], "results": str(out_dir / "results.nc"),
                   "report": str(out_dir / "report.html"), "time_points": [dict(zip(header, r, strict=True)) for r in rows]})
        return
    print(f"{spec.name}: [Mg2+]o from {spec.tissue}; regimen {spec.regimen}")
    names = [h for h in header[1:] if not h.endswith(("_p5", "_p95"))]
    banded = len(names) < len(header) - 1
    if banded:
        print(f"median [5th, 95th percentile]; band: {ds.attrs['band']}")
    width = 30 if banded else 26
    print("  ".join([f"{header[0]:>8}", *(f"{h:>{width}}" for h in names)]))
    for r in rows:
        row = dict(zip(header, r, strict=True))
        cells = [f"{row[n]:.4g} [{row[n + '_p5']:.4g}, {row[n + '_p95']:.4g}]" if banded else f"{row[n]:.4g}" for n in names]
        print("  ".join([f"{row[header[0]]:>8g}", *(f"{c:>{width}}" for c in cells)]))
    print(f"wrote {out_dir / 'results.nc'} and {out_dir / 'report.html'}")
