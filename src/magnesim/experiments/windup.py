"""Dorsal-horn wind-up: C-fibre stimulus trains across [Mg2+]o, frequency, NMDA block and subunit.

Protocol (Dickenson & Sullivan 1987; Aguiar et al. 2010): ``stimuli`` electrical stimuli at ``freq``
on the circuit of :class:`~magnesim.circuit.WindupCircuit`. Counting follows Aguiar's analysis
(herreroscatter.m): the spikes of the WDR neuron later than 100 ms after a stimulus and before the
next one are that stimulus's C-fibre response (the Aδ response arrives at 30–35 ms).

Wind-up measures, per condition with responses r_1 … r_n:

* ``windup_index`` = Σ r_k / (n · r_1): 1 without wind-up; NaN when the first response is 0;
* ``windup_excess`` = Σ r_k − n · r_1: the spikes added by wind-up (Herrero et al. 2000's
  "absolute wind-up"); unlike the index it does not shrink when the first response itself is
  large (in Mg2+-free conditions the cell fires throughout every window).

All conditions (the outer product of the swept values) run in one compiled call.
"""

from __future__ import annotations

import numpy as np

from .._provenance import model_provenance
from ..cell import run
from ..circuit import WindupCircuit
from ..errors import ParameterError, invalid
from ..params import value
from ..units import CONCENTRATION, FREQUENCY, NEURAL_STEP, SCALE, to_kernel, to_kernel_array
from ._seeds import seeds

__all__ = ["FREQUENCIES", "START_MS", "STIMULI", "windup", "windup_counts", "windup_index"]

START_MS = 500.0


FREQUENCIES = FREQUENCY.within(0.05, 5.0)  # C-fibre trains the circuit was built for (wind-up needs >= 0.5 Hz)
STIMULI = (2, 100)


def windup_index(counts) -> np.ndarray:
    """Σ responses / (n × first response) along the last axis (NaN where the first response is 0)."""
    counts = np.asarray(counts, dtype=float)
    first = counts[..., 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(first > 0, counts.sum(axis=-1) / (counts.shape[-1] * first), np.nan)


def _responses(spikes, bin_ms, interval, stimuli, after_ms):
    """C-fibre spikes per stimulus (conditions × stimuli) from binned spike counts (bins × conditions)."""
    since = (np.arange(spikes.shape[0]) + 0.5)[:, None] * bin_ms - START_MS
    k = np.floor(since / interval[None, :])
    ok = (since >= 0) & (k < stimuli) & (since - k * interval[None, :] > after_ms)
    counts = np.zeros((spikes.shape[1], stimuli), dtype=int)
    rows, cols = np.nonzero(ok)
    np.add.at(counts, (cols, k[rows, cols].astype(int)), spikes[rows, cols])
    return counts


def windup_counts(mg_mM, freq_hz, nmda_scale, stimuli: int, duration_ms: float, *, block: str, subunit, circuit: WindupCircuit,
                  seed: int, dt_ms: float, dtype: str, after_ms: float) -> np.ndarray:
    """C-fibre responses (conditions × stimuli) for per-condition arrays in kernel units, simulated for
    ``duration_ms`` (at least the longest train). Conditions do not interact: a condition's counts do
    not depend on which others share the call (sweeps rely on it)."""
    interval = 1000.0 / np.asarray(freq_hz, float)
    drives = circuit.drives(START_MS, interval, stimuli, np.asarray(nmda_scale, float), block=block, subunit=subunit, seed=seed)
    out = run(circuit.cell(), drives, 2 * interval.size, duration_ms, dt_ms, mg_mM=np.repeat(np.asarray(mg_mM, float), 2), bin_ms=5.0,
              threshold_mV=-30.0, dtype=dtype)
    return _responses(out.spikes[:, 1::2], out.bin_ms, interval, stimuli, after_ms)


def windup(mg="1 mM", freq="1 Hz", stimuli: int = 16, nmda_scale=1.0, subunit=None, *, block: str | None = None,
           circuit: WindupCircuit | None = None, seed: int = 0, dt_ms=0.05, dtype: str = "float64"):
    """C-fibre responses and wind-up of every ([Mg2+]o, frequency, NMDA scale, subunit) condition → xarray Dataset.

    ``subunit``: GluN2 subunit preset(s) of the block model ("GluN2A" … "GluN2D"; None for the
    model's own constants). ``block``: the receptor-layer block model (default Jahr–Stevens 1990, or
    Woodhull when subunits are given). ``nmda_scale`` 0 removes every NMDA conductance (AP5).
    """
    import xarray as xr

    lo, hi = STIMULI
    if isinstance(stimuli, bool) or not isinstance(stimuli, (int, np.integer)) or not lo <= stimuli <= hi:
        raise ParameterError(invalid("stimuli", stimuli, f"a whole number of stimuli from {lo} to {hi}"))
    dt_ms = to_kernel(dt_ms, "dt_ms", NEURAL_STEP)
    mgs = np.atleast_1d(to_kernel_array(mg, "mg", CONCENTRATION.within(0.0, 20.0)))
    freqs = np.atleast_1d(to_kernel_array(freq, "freq", FREQUENCIES))
    scales = np.atleast_1d(to_kernel_array(nmda_scale, "nmda_scale", SCALE.within(0.0, 10.0)))
    seed = int(seeds(seed, many=False)[0])
    subunits = [subunit] if subunit is None or isinstance(subunit, str) else list(subunit)
    circuit = circuit or WindupCircuit()
    if block is None:
        block = "jahr-stevens-1990" if subunits == [None] else "woodhull"
    after = value("windup.count_after", "ms")
    grid = np.stack(np.meshgrid(mgs, freqs, scales, indexing="ij"), axis=-1).reshape(-1, 3)
    duration = START_MS + 1000.0 / float(freqs.min()) * stimuli
    # the subunit preset changes the block model's structure: one call each
    results = [windup_counts(grid[:, 0], grid[:, 1], grid[:, 2], stimuli, duration, block=block, subunit=sub, circuit=circuit,
                             seed=seed, dt_ms=dt_ms, dtype=dtype, after_ms=after) for sub in subunits]
    counts = np.stack(results).reshape(len(subunits), mgs.size, freqs.size, scales.size, stimuli)
    dims = ("subunit", "mg_mM", "freq_hz", "nmda_scale")
    first = counts[..., 0]
    ds = xr.Dataset(
        {"spikes_per_stimulus": ((*dims, "stimulus"), counts, {"units": "1", "long_name": "C-fibre response (WDR spikes)"}),
         "windup_index": (dims, windup_index(counts), {"units": "1", "definition": "sum of responses / (stimuli x first response)"}),
         "windup_excess": (dims, counts.sum(axis=-1) - stimuli * first, {"units": "1", "definition": "sum of responses - stimuli x first response"}),
         "first_response": (dims, first, {"units": "1"}),
         "total_spikes": (dims, counts.sum(axis=-1), {"units": "1"})},
        coords={"subunit": ("subunit", [s or "none" for s in subunits]), "mg_mM": ("mg_mM", mgs, {"units": "mM"}),
                "freq_hz": ("freq_hz", freqs, {"units": "Hz"}), "nmda_scale": ("nmda_scale", scales),
                "stimulus": ("stimulus", np.arange(1, stimuli + 1))},
    )
    ds.attrs.update(model_provenance(circuit.cell()))
    ds.attrs["circuit_parameters"] = model_provenance(circuit)["parameters"]
    ds.attrs.update({"circuit": "aguiar-2010 relay interneuron -> WDR (recalibrated)", "block": block, "seed": seed, "dt_ms": dt_ms, "dtype": dtype, "stimuli": stimuli,
                     "start_ms": START_MS, "count_after_ms": after, "threshold_mV": -30.0,
                     "integrator": "exponential Euler, two compartments, order 1"})
    return ds
