"""Figures for the body layer."""

from __future__ import annotations

import numpy as np

from ._mpl import pyplot as _pyplot

__all__ = ["band", "pk_figure", "serum_thresholds"]


def band(ax, t, values, label, color):
    """One subject's line, or a population's median with its 5–95th percentile band."""
    if values.shape[0] == 1:
        ax.plot(t, values[0], color=color, label=label)
        return
    p5, p50, p95 = np.nanpercentile(values, [5, 50, 95], axis=0)
    ax.fill_between(t, p5, p95, color=color, alpha=0.25, lw=0)
    ax.plot(t, p50, color=color, label=f"{label} (median, 5-95%)")


def serum_thresholds(ax, ds):
    """Shade the therapeutic range of serum total Mg and draw the toxicity thresholds (the body model's
    ``hours_above_*`` variables carry them) up to reflex loss, or higher where serum gets there."""
    top = np.nanmax(ds.serum_total_mM.values)
    limits = {name.removeprefix("hours_above_"): ds[name].attrs["threshold_mM"] for name in ds.data_vars if name.startswith("hours_above_")}
    if "therapeutic_low" in limits and "therapeutic_high" in limits:
        ax.axhspan(limits["therapeutic_low"], limits["therapeutic_high"], color="gold", alpha=0.18, lw=0,
                   label=f"therapeutic {limits['therapeutic_low']:g}-{limits['therapeutic_high']:g} mM")
    t_end = ds.time_h.values[-1]
    for name, c in limits.items():
        if not name.startswith("therapeutic") and c <= max(1.3 * top, 3.6):
            ax.axhline(c, color="tab:red", lw=0.8, ls="--")
            ax.text(t_end, c, name.replace("_", " "), fontsize=6, ha="right", va="bottom", color="tab:red")


def pk_figure(ds):
    """Serum total and ionized Mg with the therapeutic and toxic thresholds; CSF; cumulative urine."""
    plt = _pyplot()
    t = ds.time_h.values
    has_csf = not np.all(np.isnan(ds.csf_total_mM.values))
    fig, axes = plt.subplots(1, 3 if has_csf else 2, figsize=(12 if has_csf else 8.5, 3.8))
    ax = axes[0]
    band(ax, t, ds.serum_total_mM.values, "serum total", "C0")
    band(ax, t, ds.serum_ionized_mM.values, "serum ionized", "C1")
    serum_thresholds(ax, ds)
    ax.set_xlabel("time (h)")
    ax.set_ylabel("Mg (mmol/L)")
    ax.set_title("serum", fontsize=10)
    ax.legend(fontsize=7)
    if has_csf:
        ax = axes[1]
        band(ax, t, ds.csf_total_mM.values, "CSF total", "C2")
        band(ax, t, ds.csf_ionized_mM.values, "CSF ionized", "C3")
        ax.set_xlabel("time (h)")
        ax.set_ylabel("Mg (mmol/L)")
        ax.set_title("cerebrospinal fluid", fontsize=10)
        ax.legend(fontsize=7)
    ax = axes[-1]
    band(ax, t, ds.urine_cumulative_mmol.values, "urine", "C4")
    ax.plot(t, ds.dosed_cumulative_mmol.values, color="k", lw=0.8, ls=":", label="dosed")
    ax.set_xlabel("time (h)")
    ax.set_ylabel("cumulative Mg (mmol)")
    ax.set_title("urine", fontsize=10)
    ax.legend(fontsize=7)
    fig.suptitle(f"{ds.attrs['model']}: {ds.attrs['regimen']}"[:140], fontsize=9)
    fig.tight_layout()
    return fig
