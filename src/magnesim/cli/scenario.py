"""``magnesim run`` (a scenario from dose to outcomes) and ``magnesim scenario schema``."""

from __future__ import annotations

from typing import Annotated

import typer

from ._output import Progress, check_out_dir, emit_json

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
) -> None:
    """Run a scenario: body model → tissue [Mg2+] → neural experiments; write results.nc and report.html."""
    from ..scenario import parse_scenario, read_scenario_text
    from ..scenario.pipeline import run_scenario, steps

    text, where = read_scenario_text(scenario)
    spec = parse_scenario(text, where)  # every check happens before anything is written
    out_dir = check_out_dir(out)
    with Progress([*steps(spec), "report"], quiet) as progress:
        ds = run_scenario(spec, progress, scenario_text=text)
        ds.to_netcdf(out_dir / "results.nc")  # saved before the report is drawn
        progress("report")
        from ..report.html import scenario_report, summary_table

        (out_dir / "report.html").write_text(scenario_report(ds), encoding="utf-8")
        progress.finish("done")
    header, rows = summary_table(ds)
    if as_json:
        emit_json({"scenario": spec.name, "tissue": spec.tissue, "results": str(out_dir / "results.nc"), "report": str(out_dir / "report.html"),
                   "time_points": [dict(zip(header, r)) for r in rows]})
        return
    print(f"{spec.name}: [Mg2+]o from {spec.tissue}; regimen {spec.regimen}")
    print("  ".join(f"{h:>26}" if i else f"{h:>8}" for i, h in enumerate(header)))
    for r in rows:
        print("  ".join(f"{c:>26.4g}" if i else f"{c:>8g}" for i, c in enumerate(r)))
    print(f"wrote {out_dir / 'results.nc'} and {out_dir / 'report.html'}")

