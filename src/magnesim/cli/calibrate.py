"""``magnesim calibrate``: fit library parameters to validation targets from a YAML spec."""

from __future__ import annotations

from typing import Annotated

import typer

from ._output import Progress, check_out_dir, emit_json, json_text

__all__ = ["calibrate"]


def _g(x: float) -> str:
    return f"{x:.4g}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("s" if n != 1 else "")


def calibrate(
    spec: Annotated[str, typer.Argument(help="Calibration spec YAML file (examples/calibration/body_volumes.yaml shows every key).")],
    out: Annotated[str, typer.Option("--out", help="Directory for fit.json and patch.yaml.")] = "magnesim-calibration",
    as_json: Annotated[bool, typer.Option("--json", help="Print the fit (as in fit.json) on stdout.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
) -> None:
    """Fit parameters to validation targets on exact JAX gradients (vmapped BFGS starts, L-BFGS-B polish); write fit.json and patch.yaml."""
    from ..calibrate import build_problem, fit, parse_spec, read_spec

    text, where = read_spec(spec)
    problem = build_problem(parse_spec(text, where), where)  # every check (and the compilation) before anything is written
    out_dir = check_out_dir(out)
    stages = ["starts", "polish", "laplace"]
    with Progress(stages, quiet) as progress:
        result = fit(problem, progress)
        progress.finish("done")
    doc = result.to_dict()
    (out_dir / "fit.json").write_text(json_text(doc), encoding="utf-8")
    (out_dir / "patch.yaml").write_text(result.patch(), encoding="utf-8")
    if as_json:
        emit_json({**doc, "files": {"fit": str(out_dir / "fit.json"), "patch": str(out_dir / "patch.yaml")}})
        return
    best = result.starts[result.best_start]
    print(f"calibration {result.name}: {_count(len(result.parameters), 'parameter')}, {_count(len(result.targets), 'target')}, "
          f"{_count(len(result.starts), 'start')}; loss {_g(result.initial_loss)} -> {_g(result.loss)} "
          f"(start {result.best_start + 1}, {best.steps} steps, {'converged' if best.converged else best.message})")
    lp = result.laplace
    print(f"  {'parameter':<28} {'library':>10} {'fitted':>10} {'SD':>10}  {'unit':<8} bounds")
    for row in doc["parameters"]:
        flag = "  at bound" if row["at_bound"] else ""
        print(f"  {row['id']:<28} {_g(row['library_value']):>10} {_g(row['fitted']):>10} {_g(row['standard_error']):>10}  "
              f"{row['unit']:<8} [{_g(row['bounds'][0])}, {_g(row['bounds'][1])}]{flag}")
    print(f"  {'target':<28} {'observed':>10} {'library':>10} {'fitted':>10}  tolerance")
    for t in result.targets:
        unit = "" if t.unit == "1" else f" {t.unit}"
        print(f"  {t.id:<28} {_g(t.observed):>10} {_g(t.initial):>10} {_g(t.fitted):>10}  {t.tolerance}{unit}")
    if lp.identifiable:
        print(f"identifiability: Hessian positive definite, condition number {_g(lp.condition_number)}")
    for d in lp.near_singular:
        print(f"identifiability: near-singular direction (curvature {_g(d['curvature_ratio'])} of the largest): "
              + ", ".join(f"{pid} {c:+.2f}" for pid, c in d["parameters"].items()))
    for d in lp.negative_curvature:
        print("identifiability: negative curvature (a saddle, not a minimum): " + ", ".join(d["parameters"]))
    if lp.at_bound:
        print(f"at a bound (no Laplace SD): {', '.join(lp.at_bound)}")
    print(f"wrote {out_dir / 'fit.json'} and {out_dir / 'patch.yaml'}")
