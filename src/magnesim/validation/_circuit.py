"""Predictors of the circuit layer: dorsal-horn wind-up and the low-Mg2+ network."""

from __future__ import annotations

import functools

__all__ = ["network_event_duration", "network_event_interval", "network_events", "windup_first_response_ratio", "windup_growth",
           "windup_index"]


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


NETWORK_RUN = "30 s"  # long enough for several Mg2+-free events at intervals of seconds


@functools.cache
def network_run():
    """The 1000-cell network at 0 and 1 mM Mg2+, with and without NMDA receptors, seed 1, 30 s (shared
    with the circuit tests)."""
    from ..experiments import network

    return network([0.0, 1.0], NETWORK_RUN, [1.0, 0.0], seed=1).isel(seed=0)


def network_events(mg_mM: float, nmda_scale: float = 1.0) -> float:
    """Population bursts in 29.5 s (after the 0.5 s warm-up) of the 1000-cell network, seed 1."""
    return float(network_run().events.sel(mg_mM=mg_mM, nmda_scale=nmda_scale))


def network_event_interval(mg_mM: float) -> float:
    """Mean interval (s) between the onsets of successive population bursts; nan with fewer than two."""
    return float(network_run().mean_interval_s.sel(mg_mM=mg_mM, nmda_scale=1.0))


def network_event_duration(mg_mM: float) -> float:
    """Mean duration (ms) of the population bursts; nan without any."""
    return float(network_run().mean_event_ms.sel(mg_mM=mg_mM, nmda_scale=1.0))
