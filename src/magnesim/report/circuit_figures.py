"""Figures for the circuit layer (matplotlib, non-interactive backend)."""

from __future__ import annotations

from ._mpl import pyplot as _pyplot

__all__ = ["windup_figure"]


def windup_figure(ds):
    """C-fibre response against stimulus number for every condition of a :func:`magnesim.experiments.windup` Dataset."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 4))
    stacked = ds.spikes_per_stimulus.stack(condition=("subunit", "mg_mM", "freq_hz", "nmda_scale"))
    for i in range(stacked.sizes["condition"]):
        c = stacked.isel(condition=i)
        sub = "" if c.subunit.item() == "none" else f", {c.subunit.item()}"
        ax.plot(ds.stimulus, c.values, marker="o", ms=3,
                label=f"{c.mg_mM.item():g} mM, {c.freq_hz.item():g} Hz, NMDA ×{c.nmda_scale.item():g}{sub}")
    ax.set_xlabel("stimulus")
    ax.set_ylabel("C-fibre response (WDR spikes)")
    ax.set_title("Dorsal-horn wind-up (Aguiar et al. 2010 circuit, recalibrated)", fontsize=10)
    if stacked.sizes["condition"] <= 12:
        ax.legend(fontsize=7)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig
