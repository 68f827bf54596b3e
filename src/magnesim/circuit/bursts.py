"""Detect population bursts (seizure-like events) in a network's population rate.

A burst is a stretch where the population rate of all cells, smoothed with a boxcar of ``smooth_ms``,
stays above ``threshold_hz`` for at least ``min_ms``; bursts separated by less than ``merge_ms`` are
one event (a discharge with brief dips is one discharge). Defaults are in the parameter library
(``network.burst_*``): 20 Hz (about ten times the rate of the quiet network, and far beyond the
fluctuations of 1000 independent cells firing at a few Hz), 20 ms smoothing, 20 ms minimum, 100 ms
merge gap. The detector is deliberately simple and independent of the model: it sees only spike
counts per bin, as an extracellular field recording would.
"""

from __future__ import annotations

import numpy as np

from ..params import value

__all__ = ["population_bursts"]


def population_bursts(rate_hz, bin_ms: float, *, threshold_hz: float | None = None, smooth_ms: float | None = None,
                      min_ms: float | None = None, merge_ms: float | None = None) -> np.ndarray:
    """Bursts of a population rate sampled every ``bin_ms`` → array (events, 3): onset (ms from the first
    bin's start), end (ms), peak smoothed rate (Hz)."""
    rate = np.asarray(rate_hz, dtype=float)
    threshold = value("network.burst_threshold", "Hz") if threshold_hz is None else threshold_hz
    smooth = value("network.burst_smoothing", "ms") if smooth_ms is None else smooth_ms
    shortest = value("network.burst_min_duration", "ms") if min_ms is None else min_ms
    gap = value("network.burst_merge_gap", "ms") if merge_ms is None else merge_ms
    width = max(1, int(round(smooth / bin_ms)))
    smoothed = np.convolve(rate, np.ones(width) / width, mode="same")
    above = np.concatenate([[False], smoothed > threshold, [False]])
    edges = np.flatnonzero(np.diff(above.astype(np.int8)))
    runs = [(a, b) for a, b in zip(edges[::2], edges[1::2], strict=True) if (b - a) * bin_ms >= shortest]
    merged: list[list[int]] = []
    for a, b in runs:
        if merged and (a - merged[-1][1]) * bin_ms < gap:
            merged[-1][1] = b
        else:
            merged.append([a, b])
    return np.array([(a * bin_ms, b * bin_ms, smoothed[a:b].max()) for a, b in merged]).reshape(-1, 3)
