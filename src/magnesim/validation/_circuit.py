"""Predictors of the circuit layer: dorsal-horn wind-up and the low-Mg2+ network."""

from __future__ import annotations

import functools

__all__ = ["network_events", "windup_first_response_ratio", "windup_growth", "windup_index"]


@functools.cache
def _windup():
    from ..experiments import windup

    return windup(mg=1.0, freq=[0.2, 0.5, 1.0], nmda_scale=[1.0, 0.0]).isel(subunit=0, mg_mM=0)


def windup_index(freq_hz: float, nmda_scale: float = 1.0) -> float:
    """Wind-up index (mean response over the first) of 16 C-fibre stimuli, 1 mM Mg2+."""
    return float(_windup().windup_index.sel(freq_hz=freq_hz, nmda_scale=nmda_scale))


def windup_growth(freq_hz: float) -> float:
    """Last C response over the first (16 stimuli, 1 mM Mg2+)."""
    r = _windup().spikes_per_stimulus.sel(freq_hz=freq_hz, nmda_scale=1.0).values
    return float(r[-1] / r[0])


def windup_first_response_ratio() -> float:
    """First C response with NMDA receptors blocked (AP5) over control, at 1 Hz."""
    first = _windup().first_response.sel(freq_hz=1.0)
    return float(first.sel(nmda_scale=0.0) / first.sel(nmda_scale=1.0))


@functools.cache
def _network():
    from ..experiments import network

    return network([0.0, 1.0], "8 s", [1.0, 0.0], seed=1).isel(seed=0)


def network_events(mg_mM: float, nmda_scale: float = 1.0) -> float:
    """Population bursts in 7.5 s (after the 0.5 s warm-up) of the 1000-cell network, seed 1."""
    return float(_network().events.sel(mg_mM=mg_mM, nmda_scale=nmda_scale))
