"""Figures for the injury layer (matplotlib, non-interactive backend)."""

from __future__ import annotations

from ._mpl import pyplot as _pyplot

__all__ = ["excitotox_figure", "lesion_figure"]


def excitotox_figure(ds):
    """Death at 24 h against agonist concentration, one line per ([Mg2+]o, exposure, antagonist time)."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 4))
    for d in ds.duration_min.values:
        for m in ds.mg_mM.values:
            for a in ds.antagonist_at_min.values:
                y = ds.death_fraction.sel(duration_min=d, mg_mM=m, antagonist_at_min=a)
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


def lesion_figure(ds):
    """Brain extracellular [Mg2+] after each dose, and death fraction against distance from the NMDA injection."""
    plt = _pyplot()
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6))
    for dose in ds.mg_dose_mmol_per_kg.values:
        x = ds.sel(mg_dose_mmol_per_kg=dose)
        label = f"{dose:g} mmol/kg ({float(x.protection_pct):.0f}% protection)"
        left.plot(ds.time_h, x.brain_mg_mM, label=label)
        right.plot(ds.radius_mm, x.death_fraction, label=label)
    left.set_xlim(0, min(6.0, float(ds.time_h.max())))
    left.set_xlabel("time after NMDA (h)")
    left.set_ylabel(f"brain extracellular [Mg2+] (mM, {ds.attrs['brain_link']} link)")
    right.set_xlabel("distance from the injection (mm)")
    right.set_ylabel(f"death fraction at {ds.attrs['hours']:g} h")
    right.set_ylim(-0.02, 1.02)
    for ax in (left, right):
        ax.grid(alpha=0.3)
    right.legend(fontsize=7)
    fig.suptitle(f"Intrastriatal NMDA in a P7 rat, Mg2+ {ds.attrs['route']} at {ds.attrs['at_min']:g} min (McDonald 1990 protocol)", fontsize=10)
    fig.tight_layout()
    return fig
