"""Figures for the injury layer (matplotlib, non-interactive backend)."""

from __future__ import annotations

from ._mpl import pyplot as _pyplot

__all__ = ["excitotox_figure"]


def excitotox_figure(ds):
    """Death at 24 h against agonist concentration, one line per ([Mg2+]o, exposure, antagonist time)."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 4))
    for d in ds.duration_min.values:
        for m in ds.mg_mM.values:
            for a in ds.antagonist_at_min.values:
                y = ds.death_fraction_24h.sel(duration_min=d, mg_mM=m, antagonist_at_min=a)
                tail = "" if a == float("inf") else f", antagonist at {a:g} min"
                ax.plot(ds.conc_uM, y, marker="o", ms=3, label=f"{m:g} mM Mg2+, {d:g} min{tail}")
    ax.set_xscale("log" if ds.conc_uM.size > 1 and float(ds.conc_uM.min()) > 0 else "linear")
    ax.set_xlabel(f"{ds.attrs['agonist']} (µM)")
    ax.set_ylabel("death fraction at 24 h")
    ax.set_ylim(-0.02, 1.02)
    ax.set_title("Excitotoxic challenge (calibrated minimal injury model)", fontsize=10)
    ax.legend(fontsize=7)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig
