"""``magnesim tdm``: fit a patient's measured serum Mg, forecast, and recommend the maintenance rate."""

from __future__ import annotations

import dataclasses
from typing import Annotated

import typer

from ._output import check_out_dir, emit_json, json_text

__all__ = ["tdm"]


def tdm(
    patient: Annotated[str, typer.Argument(help="Patient YAML file (examples/tdm/ shows every key).")],
    model: Annotated[str, typer.Option("--model", help="A population-PK preset with published variability, or 'all' to average them.")] = "all",
    target: Annotated[str | None, typer.Option("--target", help="Target range of serum total Mg, e.g. 1.8-3.0mM, 4.4-7.3 mg/dL "
                                                                    "(default: the file's, else 1.8-3.0 mmol/L).")] = None,
    posterior: Annotated[str, typer.Option("--posterior", help="laplace (Gaussian at the MAP) or sir (sampling-importance-resampling).")] = "laplace",
    draws: Annotated[int, typer.Option("--draws", help="Posterior draws for the forecast and the recommendation.")] = 500,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the posterior draws.")] = 0,
    out: Annotated[str, typer.Option("--out", help="Directory for tdm.json and report.html.")] = "magnesim-tdm",
    as_json: Annotated[bool, typer.Option("--json", help="Print the result (as in tdm.json) on stdout.")] = False,
) -> None:
    """Bayesian dose individualisation of MgSO4: MAP fit of the measured levels, forecast of serum, CSF and
    NMDA block, and the maintenance rate that keeps serum in the target range within the toxicity bound."""
    from .._jax import enable_compilation_cache
    from ..report.tdm_report import tdm_report
    from ..tdm import parse_target, read_patient
    from ..tdm import tdm as run_tdm

    enable_compilation_cache()
    p = read_patient(patient)
    if target is not None:
        p = dataclasses.replace(p, target_mM=parse_target(target, "--target"))
    out_dir = check_out_dir(out)
    result = run_tdm(p, model, draws, posterior, seed)
    doc = result.to_dict()
    (out_dir / "tdm.json").write_text(json_text(doc), encoding="utf-8")
    (out_dir / "report.html").write_text(tdm_report(result), encoding="utf-8")
    if as_json:
        emit_json({**doc, "files": {"json": str(out_dir / "tdm.json"), "report": str(out_dir / "report.html")}})
        return
    _summary(result, doc, out_dir)


def _summary(result, doc, out_dir) -> None:
    p = result.patient
    lo, hi = p.target_mM
    levels = ", ".join(f"{lv.time_h:g} h {'<' if lv.below else ''}{lv.mM:.2f}" for lv in sorted(p.levels, key=lambda lv: lv.time_h))
    print(f"patient: {p.name or p.source}; levels (mmol/L): {levels}; decision at {p.now_h:g} h, horizon {p.horizon_h:g} h")
    for f in doc["fits"]:
        params = "  ".join(f"{k} {v['individual']:.3g} [{v['p5']:.3g}-{v['p95']:.3g}] (typ {v['typical']:.3g})" for k, v in f["parameters"].items())
        pred = ", ".join(f"{x:.2f}" for x in f["predicted_at_levels_mM"])
        print(f"  {f['model']:<10} weight {f['weight']:.3f}  OFV {f['ofv']:.2f}  {params}  predicted {pred}")
    by_label = {c.label: c for c in result.candidates}
    keep = by_label["no change"]
    rec = result.recommendation
    print(f"doses as written: in {lo:g}-{hi:g} mmol/L {100 * keep.p_in_range:.0f}% of the horizon, P(reflex-loss level) "
          f"{100 * keep.p_toxic:.1f}%, median at the end {keep.median_end_mM:.2f} mmol/L")
    flag = "" if rec.meets_bound else f"  (no regimen meets P <= {100 * p.toxic_risk:g}%: lowest risk shown)"
    print(f"recommended from {p.now_h:g} h: {rec.label} MgSO4.7H2O IV: in range {100 * rec.p_in_range:.0f}%, "
          f"P(reflex-loss level) {100 * rec.p_toxic:.1f}%, median at the end {rec.median_end_mM:.2f} mmol/L{flag}")
    csf = doc["forecast"]["recommended"]["csf_ionized_mM"]["p50"][-1]
    unblocked = doc["forecast"]["recommended"]["nmda_unblocked_fraction_at_-60mV"]["p50"][-1]
    print(f"  at the end of the horizon: CSF ionized Mg {csf:.3f} mmol/L, NMDA unblocked fraction at -60 mV {unblocked:.4f}")
    print(f"  {'maintenance (no re-load)':<26} {'in range':>8} {'below':>6} {'P toxic':>8} {'median end':>10}")
    for c in result.candidates:
        if c.reload_g == 0.0:
            print(f"  {c.label:<26} {100 * c.p_in_range:7.0f}% {100 * c.p_below:5.0f}% {100 * c.p_toxic:7.1f}% {c.median_end_mM:10.2f}")
    print(f"wrote {out_dir / 'tdm.json'} and {out_dir / 'report.html'}")
