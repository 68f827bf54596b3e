"""Low-Mg2+ epileptiform activity: population bursts of the E/I network across [Mg2+]o, NMDA block and seed.

Each condition is one network of :class:`~magnesim.circuit.LowMgNetwork` (1000 cells) simulated for
``duration``; conditions that share a seed share the wiring and the background events (common random
numbers), so differences between [Mg2+]o or NMDA-scale conditions come from the model, not the draw.
The first ``network.warmup`` (500 ms) is left out: the network starts at rest and synchronised.

Per condition: seizure-like ``events`` (population bursts, :func:`~magnesim.circuit.population_bursts`),
``event_rate_per_min`` over the analysed time, the mean event duration and interval between onsets,
``mean_rate_hz`` of all cells (and of E and I cells), the population rate in 5 ms bins, and each
event's onset, end and peak. All conditions run in one
compiled call (float32 by default: the network is chaotic, so float32 and float64 runs diverge spike
by spike after a few hundred ms, as two seeds do; their statistics agree).
"""

from __future__ import annotations

import functools

import numpy as np

from .._provenance import model_provenance
from ..cell import run
from ..circuit import LowMgNetwork, population_bursts
from ..params import value
from ..units import CONCENTRATION, SCALE, TIME, to_kernel, to_kernel_array
from ._seeds import seeds

__all__ = ["durations", "network"]

_BIN_MS = 5.0


@functools.cache
def durations():
    """Accepted run lengths: the warm-up (not analysed) plus at least 1 s, up to 10 min."""
    return TIME.within(value("network.warmup", "ms") + 1000.0, 600_000.0)


def network(mg="1 mM", duration="20 s", nmda_scale=1.0, seed=1, *, block: str = "jahr-stevens-1990", subunit: str | None = None,
            net: LowMgNetwork | None = None, dt_ms=0.1, dtype: str = "float32"):
    """Population bursts and rates of every (seed, [Mg2+]o, NMDA scale) condition → xarray Dataset.

    ``nmda_scale`` 0 removes every NMDA conductance (an NMDA antagonist such as AP5); ``block`` and
    ``subunit`` choose the receptor layer's Mg2+ block model.
    """
    import xarray as xr

    mgs = np.atleast_1d(to_kernel_array(mg, "mg", CONCENTRATION.within(0.0, 20.0)))
    scales = np.atleast_1d(to_kernel_array(nmda_scale, "nmda_scale", SCALE.within(0.0, 10.0)))
    seed_values = seeds(seed)
    warmup = value("network.warmup", "ms")
    t_ms = to_kernel(duration, "duration", durations())
    dt_ms = to_kernel(dt_ms, "dt_ms", TIME.within(0.01, 0.1))
    net = net or LowMgNetwork()
    grid = np.stack(np.meshgrid(seed_values, mgs, scales, indexing="ij"), axis=-1).reshape(-1, 3)
    c, p, n_e = grid.shape[0], net.size, int(net.n_exc)
    drives, depression = net.drives(grid[:, 2], grid[:, 0].astype(np.int64), block=block, subunit=subunit)
    out = run(net.cell(c), drives, c * p, t_ms, dt_ms, mg_mM=np.repeat(grid[:, 1], p), bin_ms=_BIN_MS, threshold_mV=-20.0,
              dtype=dtype, depression=depression)
    skip = int(round(warmup / _BIN_MS))
    spikes = out.spikes[skip:].reshape(-1, c, p)  # bins × conditions × cells
    analysed_s = spikes.shape[0] * _BIN_MS / 1000.0
    rate = spikes.sum(axis=2) / p / (_BIN_MS / 1000.0)  # population rate (Hz per cell), bins × conditions
    bursts = [population_bursts(rate[:, k], _BIN_MS) for k in range(c)]
    most = max((b.shape[0] for b in bursts), default=0)
    table = np.full((c, most, 3), np.nan)
    for k, b in enumerate(bursts):
        table[k, : b.shape[0]] = b
    table[..., :2] += warmup  # times from the start of the simulation
    events = np.array([b.shape[0] for b in bursts])
    shape = (seed_values.size, mgs.size, scales.size)
    dims = ("seed", "mg_mM", "nmda_scale")
    per_cell = lambda x, cells: (x.sum(axis=(0, 2)) / cells / analysed_s).reshape(shape)
    mean_burst = np.array([np.mean(b[:, 1] - b[:, 0]) if b.shape[0] else np.nan for b in bursts])
    mean_interval = np.array([np.mean(np.diff(b[:, 0])) / 1000.0 if b.shape[0] > 1 else np.nan for b in bursts])
    time_s = (warmup + (np.arange(rate.shape[0]) + 0.5) * _BIN_MS) / 1000.0
    ds = xr.Dataset(
        {"events": (dims, events.reshape(shape), {"units": "1", "long_name": "seizure-like events (population bursts)"}),
         "event_rate_per_min": (dims, (events / (analysed_s / 60.0)).reshape(shape), {"units": "1/min"}),
         "mean_rate_hz": (dims, per_cell(spikes, p), {"units": "Hz", "long_name": "mean firing rate, all cells"}),
         "exc_rate_hz": (dims, per_cell(spikes[:, :, :n_e], n_e), {"units": "Hz"}),
         "inh_rate_hz": (dims, per_cell(spikes[:, :, n_e:], p - n_e), {"units": "Hz"}),
         "mean_event_ms": (dims, mean_burst.reshape(shape), {"units": "ms"}),
         "mean_interval_s": (dims, mean_interval.reshape(shape), {"units": "s", "long_name": "mean time between event onsets (nan below two events)"}),
         "population_rate": ((*dims, "time"), rate.T.reshape(*shape, -1), {"units": "Hz", "bin_ms": _BIN_MS}),
         "event_onset_ms": ((*dims, "event"), table[..., 0].reshape(*shape, most), {"units": "ms"}),
         "event_end_ms": ((*dims, "event"), table[..., 1].reshape(*shape, most), {"units": "ms"}),
         "event_peak_hz": ((*dims, "event"), table[..., 2].reshape(*shape, most), {"units": "Hz"})},
        coords={"seed": ("seed", seed_values), "mg_mM": ("mg_mM", mgs, {"units": "mM"}), "nmda_scale": ("nmda_scale", scales),
                "time": ("time", time_s, {"units": "s"}), "event": ("event", np.arange(most))},
    )
    rs, fs = net.cell_types()
    ds.attrs.update(model_provenance(rs))  # the excitatory cell; the inhibitory one below
    ds.attrs["inhibitory_cell_parameters"] = model_provenance(fs)["parameters"]
    ds.attrs["network_parameters"] = model_provenance(net)["parameters"]
    ds.attrs.update({"network": "low-Mg2+ E/I network (800 RS + 200 FS Pospischil cells)", "block": block,
                     "subunit": subunit or "none", "duration_ms": t_ms, "analysed_s": analysed_s, "warmup_ms": warmup,
                     "dt_ms": dt_ms, "dtype": dtype, "threshold_mV": -20.0,
                     "detector": "population rate smoothed {:g} ms above {:g} Hz for >= {:g} ms; gaps < {:g} ms merged".format(
                         value("network.burst_smoothing", "ms"), value("network.burst_threshold", "Hz"),
                         value("network.burst_min_duration", "ms"), value("network.burst_merge_gap", "ms")),
                     "integrator": "exponential Euler (Rush-Larsen gates), order 1"})
    return ds
