"""The self-contained HTML report of ``magnesim tdm``: the fitted curve with the levels, the forecast
bands under the written doses and under the recommendation, the CSF and NMDA receptor forecast, the
fits and the trade-off table."""

from __future__ import annotations

import html

import numpy as np

from .._provenance import version
from ..params import value
from ._mpl import pyplot as _pyplot
from .html_parts import figure, page, table

__all__ = ["tdm_report", "trade_off_rows"]

_COLORS = {"no_change": "C0", "recommended": "C2"}
_LABELS = {"no_change": "doses as written", "recommended": "recommended"}


def _band(ax, t, x, key):
    p5, p50, p95 = np.percentile(x, [5, 50, 95], axis=0)
    ax.fill_between(t, p5, p95, color=_COLORS[key], alpha=0.2, lw=0)
    ax.plot(t, p50, color=_COLORS[key], label=f"{_LABELS[key]} (median, 5-95%)")


def serum_figure(result):
    plt = _pyplot()
    p, t = result.patient, result.time_h
    fig, ax = plt.subplots(figsize=(8.5, 4.2))
    lo, hi = p.target_mM
    ax.axhspan(lo, hi, color="gold", alpha=0.18, lw=0, label=f"target {lo:g}-{hi:g} mM")
    toxic = value("threshold.reflex_loss", "mmol/L")
    ax.axhline(toxic, color="tab:red", lw=0.8, ls="--", label=f"reflex loss {toxic:g} mM")
    for key in ("no_change", "recommended"):
        _band(ax, t, result.serum[key], key)
    measured = [lv for lv in p.levels if not lv.below]
    below = [lv for lv in p.levels if lv.below]
    ax.plot([lv.time_h for lv in measured], [lv.mM for lv in measured], "ko", label="measured")
    if below:
        ax.plot([lv.time_h for lv in below], [lv.mM for lv in below], "kv", mfc="none", label="below LOQ")
    ax.axvline(p.now_h, color="0.4", lw=0.8, ls=":")
    ax.text(p.now_h, ax.get_ylim()[1], " now", fontsize=8, va="top", color="0.3")
    ax.set_xlabel("time from the first dose (h)")
    ax.set_ylabel("serum total Mg (mmol/L)")
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    return fig


def neural_figure(result):
    plt = _pyplot()
    t = result.time_h
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.6))
    for key in ("no_change", "recommended"):
        _band(axes[0], t, result.csf_ionized[key], key)
        _band(axes[1], t, result.unblocked[key], key)
    axes[0].set_ylabel("CSF ionized Mg (mmol/L)")
    axes[1].set_ylabel("NMDA unblocked fraction at -60 mV")
    for ax in axes:
        ax.set_xlabel("time from the first dose (h)")
        ax.axvline(result.patient.now_h, color="0.4", lw=0.8, ls=":")
        ax.legend(fontsize=7)
    fig.tight_layout()
    return fig


def trade_off_rows(result) -> list[tuple]:
    """One row per candidate: label, share of the horizon in range and below it, P(toxic), median end."""
    return [(c.label, f"{100 * c.p_in_range:.1f}%", f"{100 * c.p_below:.1f}%", f"{100 * c.p_toxic:.1f}%", f"{c.median_end_mM:.2f}",
             "yes" if c.meets_bound else "no") for c in result.candidates]


def tdm_report(result) -> str:
    d = result.to_dict()
    p = result.patient
    rec = result.recommendation
    lo, hi = p.target_mM
    fits = [(f["model"], f"{f['weight']:.3f}", f"{f['ofv']:.2f}", "yes" if f["converged"] else "no",
             "; ".join(f"{k} {v['individual']:.3g} [{v['p5']:.3g}-{v['p95']:.3g}] (typical {v['typical']:.3g})" for k, v in f["parameters"].items()),
             ", ".join(f"{x:.2f}" for x in f["predicted_at_levels_mM"])) for f in d["fits"]]
    levels = ", ".join(f"{lv.time_h:g} h: {'< ' if lv.below else ''}{lv.mM:.2f} mmol/L" for lv in sorted(p.levels, key=lambda lv: lv.time_h))
    verdict = ("" if rec.meets_bound else
               f"<p><b>No regimen keeps the probability of reaching the reflex-loss level at or below {100 * p.toxic_risk:g}%: "
               "the lowest-risk one is shown; check the patient clinically and measure again.</b></p>")
    parts = [
        f"<p>{html.escape(p.name or 'patient')} ({html.escape(p.source)}); doses: {html.escape(p.regimen.text or 'as events')}; "
        f"levels: {html.escape(levels)}; decision at {p.now_h:g} h, horizon {p.horizon_h:g} h, target {lo:g}-{hi:g} mmol/L.</p>",
        f"<h2>Recommendation</h2><p><b>{html.escape(rec.label)}</b> from {p.now_h:g} h (MgSO4·7H2O IV): serum in the target range "
        f"{100 * rec.p_in_range:.0f}% of the next {p.horizon_h:g} h on average, probability of reaching the reflex-loss level "
        f"{100 * rec.p_toxic:.1f}% (accepted: {100 * p.toxic_risk:g}%).</p>" + verdict,
        figure(serum_figure(result), "Serum total Mg: measured levels, and the posterior forecast (median and 5-95%) under the "
               "doses as written and under the recommendation"),
        figure(neural_figure(result), "CSF ionized Mg (physiological model's CSF compartment driven by the forecast serum) and the "
               "NMDA receptor's unblocked fraction at -60 mV there (Jahr-Stevens)"),
        "<h2>Fits</h2>", table(["model", "weight", "OFV", "converged", "individual parameters [90% interval]", "predicted at the levels (mmol/L)"], fits),
        f"<p>Posterior: {html.escape(d['posterior']['method'])}, {d['posterior']['draws']} draws; model weights from the Laplace "
        "marginal likelihood.</p>",
        "<h2>Trade-off</h2>", table(["regimen from now", "in range", "below", "P(reflex-loss level)", "median at the end (mmol/L)",
                                     f"P(toxic) <= {p.toxic_risk:g}"], trade_off_rows(result)),
        f"<p>magnesim {html.escape(version())}. Decision support from published population models; not a substitute for "
        "clinical judgement, reflexes, respiration and urine output.</p>",
    ]
    return page("magnesim tdm", f"Magnesium dose individualisation: {p.name or 'patient'}", parts)
