"""Figures for the circuit layer (matplotlib, non-interactive backend)."""

from __future__ import annotations

import numpy as np

from ._mpl import pyplot as _pyplot

__all__ = ["network_figure", "windup_figure"]


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


def network_figure(ds):
    """Population rate of every condition of a :func:`magnesim.experiments.network` Dataset, one panel
    each, with the detected seizure-like events shaded."""
    plt = _pyplot()
    stacked = ds.population_rate.stack(condition=("seed", "mg_mM", "nmda_scale"))
    n = stacked.sizes["condition"]
    # the event table is (seed, mg, scale, event); with no event anywhere it has no event axis to stack
    table = ds[["event_onset_ms", "event_end_ms"]].transpose("seed", "mg_mM", "nmda_scale", "event")
    onsets, ends = (table[k].values.reshape(n, -1) if table.sizes["event"] else np.zeros((n, 0)) for k in ("event_onset_ms", "event_end_ms"))
    fig, axes = plt.subplots(n, 1, figsize=(8, 1.4 * n + 0.8), sharex=True, squeeze=False)
    for i, ax in enumerate(axes[:, 0]):
        c = stacked.isel(condition=i)
        ax.plot(ds.time, c.values, lw=0.6, color="k")
        for a, b in zip(onsets[i], ends[i], strict=True):
            if a == a:  # NaN pads the event table
                ax.axvspan(a / 1000.0, b / 1000.0, color="tab:red", alpha=0.25, lw=0)
        events = int(ds.events.stack(condition=("seed", "mg_mM", "nmda_scale")).isel(condition=i))
        ax.set_title(f"{c.mg_mM.item():g} mM Mg2+, NMDA ×{c.nmda_scale.item():g}, seed {c.seed.item()}: {events} events",
                     fontsize=8, loc="left")
        ax.set_ylabel("Hz", fontsize=8)
        ax.grid(alpha=0.3)
    axes[-1, 0].set_xlabel("time (s)")
    fig.suptitle("Low-Mg2+ network: population rate, seizure-like events shaded", fontsize=10)
    fig.tight_layout()
    return fig
