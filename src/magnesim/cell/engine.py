"""Simulate point neurons with synaptic drives: one compiled ``lax.scan`` over time for all neurons.

Each of the N neurons is a condition: synapse weights, block-model parameters, [Mg2+]o, injected
current and stimulus trains may differ per neuron (arrays broadcast over N), so a sweep over
thousands of conditions is one call. Presynaptic events come from a :class:`RegularTrain` (generated
inside the scan, per-neuron start, interval and count) or an :class:`EventArray` of counts per step.
[Mg2+]o may be constant per neuron or a sampled curve over time (:class:`SampledCurve`).

Per step (dt): synapse states take the step's events; the membrane and gates advance by the cell's
exponential-Euler step with the synaptic conductances, blocked at the step's start potential;
the Ca2+ pool integrates the synaptic Ca2+ current; a spike is an upward crossing of the threshold.
Spike counts are returned per bin of ``bin_steps`` steps, and recorded variables at each bin's end.
Kernel units: mV, ms, nS, pA, mM (Mg2+), µM (Ca2+i).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

import jax.numpy as jnp
import numpy as np

from .._jax import jax

__all__ = [
    "Connections",
    "Depression",
    "Drive",
    "EventArray",
    "PoissonTrain",
    "Recurrent",
    "RegularTrain",
    "Result",
    "SampledCurve",
    "VolleyTrain",
    "run",
]


@dataclass(frozen=True)
class RegularTrain:
    """Events at start, start + interval, … (``count`` of them); arrays give one train per neuron."""

    start_ms: float | np.ndarray
    interval_ms: float | np.ndarray
    count: int | np.ndarray


@dataclass(frozen=True)
class VolleyTrain:
    """Stimuli at start, start + interval, … (``count``; start and interval may be per neuron), each
    followed by a volley of fibre arrivals at ``offsets_ms`` after it: shape (F,) for the same pattern
    every stimulus, or (count, F) for a pattern redrawn per stimulus. Each arrival is one event."""

    start_ms: float | np.ndarray
    interval_ms: float | np.ndarray
    count: int
    offsets_ms: np.ndarray


@dataclass(frozen=True)
class Recurrent:
    """Spikes of the simulated neurons themselves, after ``delay_ms``: neurons form populations of
    size P = weights.shape[1] (conditions are consecutive populations, all with the same wiring);
    postsynaptic neuron i of a population receives Σ_j weights[i, j] × spike_j(t − delay) events.
    ``delay_ms`` may be a list of delays (F,): each connection then stands for F parallel contacts,
    one per delay (a relay cell's axon branching onto its target)."""

    weights: np.ndarray  # (P, P): post × pre, event multiplicity (0 for no connection)
    delay_ms: float | np.ndarray


@dataclass(frozen=True)
class Connections:
    """Spikes of the simulated neurons through sparse wiring with a fixed in-degree K: neuron i of a
    population of ``population`` neurons receives one event per spike of each neuron ``pre[i, k]`` of
    its own population (indices 0 … P − 1; a repeated index is a multiple contact), ``delay_ms``
    later. ``pre`` is (P, K) for the same wiring in every population, or (n, K) for a wiring per
    neuron (a different network per condition). Costs n·K per step, against n·P for
    :class:`Recurrent`'s dense matrix."""

    pre: np.ndarray
    population: int
    delay_ms: float | np.ndarray


@dataclass(frozen=True)
class PoissonTrain:
    """Independent Poisson events at ``rate_hz`` per neuron (scalar or (n,)), drawn inside the time
    loop from a counter-based hash of (seed, stream, step): the same seed and stream give the same
    events however the neurons are batched or sharded. ``stream`` (n,) defaults to the neuron index;
    give equal streams to neurons that should see the same input (common random numbers across
    conditions)."""

    rate_hz: float | np.ndarray
    seed: int | np.ndarray = 0
    stream: np.ndarray | None = None


@dataclass(frozen=True)
class Depression:
    """Short-term depression of the simulated neurons' output synapses (Tsodyks & Markram 1997): each
    neuron's terminals hold a fraction x of their resources (1 at rest); a spike releases
    ``use`` · x, and x recovers to 1 with ``tau_rec_ms``. Recurrent and sparse drives deliver each
    spike with weight x (just before the spike), so a rested synapse gives its nominal conductance.
    ``use`` 0 makes a neuron's synapses static. Arrays give per-neuron values."""

    use: float | np.ndarray
    tau_rec_ms: float | np.ndarray


@dataclass(frozen=True)
class EventArray:
    """Event counts per step: shape (T,) for all neurons or (T, N)."""

    counts: np.ndarray


@dataclass(frozen=True)
class SampledCurve:
    """A quantity sampled at ``times_ms`` (linear interpolation; held constant outside)."""

    times_ms: np.ndarray
    values: np.ndarray  # (K,) or (K, N)


@dataclass(frozen=True)
class Drive:
    """A synapse on every neuron with its presynaptic events, in compartment ``compartment`` of the cell."""

    synapse: object
    source: RegularTrain | VolleyTrain | Recurrent | Connections | PoissonTrain | EventArray
    compartment: int = 0


@dataclass(frozen=True)
class Result:
    """Spike counts per bin (bins, N), recorded variables at bin ends (bins, N), the bin width."""

    spikes: np.ndarray
    traces: dict[str, np.ndarray] = field(default_factory=dict)
    bin_ms: float = 0.0
    dt_ms: float = 0.0

    @property
    def spike_count(self) -> np.ndarray:
        return self.spikes.sum(axis=0)


def _per_step(x, n_steps: int, dt: float, n: int):
    """Constant, per-neuron, or SampledCurve → array broadcastable to (T, N) or (N,)."""
    if isinstance(x, SampledCurve):
        t = np.arange(n_steps) * dt
        values = np.asarray(x.values, dtype=float)
        if values.ndim == 1:
            return jnp.asarray(np.interp(t, x.times_ms, values))[:, None], True
        return jnp.asarray(np.stack([np.interp(t, x.times_ms, values[:, i]) for i in range(values.shape[1])], axis=1)), True
    return jnp.broadcast_to(jnp.asarray(x, dtype=float), (n,)), False


def run(cell, drives: Sequence[Drive], n: int, duration_ms: float, dt_ms: float = 0.025, *, mg_mM=1.0, i_ext_pA=0.0,
        bin_ms: float = 1.0, record: Sequence[str] = (), threshold_mV: float = -20.0, calcium=None, dtype=jnp.float64,
        shard: bool | None = None, depression: Depression | None = None) -> Result:
    """Simulate ``n`` neurons of ``cell`` with ``drives`` for ``duration_ms``.

    ``record``: any of the cell's ``recordable`` names (Traub–Miles: "v", "m", "h", "n"), "ca" (the
    pool's Ca2+), and per drive i "g{i}" (gating, nS), "b{i}" (block), "i{i}" (current, pA), "ica{i}"
    (Ca2+ current, pA). ``calcium``: a CalciumPool for cells without their own Ca2+ handling.
    ``shard``: split the neurons across the local devices (default: when there are several and at
    least 64 neurons per device).
    """
    _check_record_and_compartments(cell, drives, record, calcium, depression)
    devices = jax.local_devices()
    population = max((_population(d.source) for d in drives), default=1)
    if shard is None:  # whole populations per device: at least one each
        shard = len(devices) > 1 and n >= 64 * len(devices) and n % population == 0 and n // population >= len(devices)
    if shard and len(devices) > 1:
        return _run_sharded(cell, drives, n, duration_ms, dt_ms, devices, population, mg_mM=mg_mM, i_ext_pA=i_ext_pA,
                            bin_ms=bin_ms, record=record, threshold_mV=threshold_mV, calcium=calcium, dtype=dtype,
                            depression=depression)
    return _run(cell, drives, n, duration_ms, dt_ms, None, mg_mM=mg_mM, i_ext_pA=i_ext_pA, bin_ms=bin_ms, record=record,
                threshold_mV=threshold_mV, calcium=calcium, dtype=dtype, depression=depression)


def _check_record_and_compartments(cell, drives, record, calcium, depression) -> None:
    """Bad names fail here, in one line, not as an index error inside the compiled loop."""
    from ..errors import ParameterError, invalid

    compartments = cell.compartments
    for i, d in enumerate(drives):
        if not 0 <= d.compartment < len(compartments):
            raise ParameterError(invalid(f"drives[{i}].compartment", d.compartment,
                                         f"0 to {len(compartments) - 1} ({', '.join(compartments)})"))
    accepted = [*cell.recordable, *(["ca"] if calcium is not None else []), *(["x"] if depression is not None else []),
                *(f"{kind}{i}" for i in range(len(drives)) for kind in ("g", "b", "i", "ica"))]
    for name in record:
        if name not in accepted:
            raise ParameterError(invalid("record", name, ", ".join(accepted)))


def _population(source) -> int:
    """Neurons per population of a wired source (1 for sources without wiring)."""
    if isinstance(source, Recurrent):
        return int(np.shape(source.weights)[0])
    return int(source.population) if isinstance(source, Connections) else 1


def _mix32(x):
    """lowbias32 integer hash (C. Wellons): uint32 → well-mixed uint32 (NumPy or JAX arrays)."""
    xp = jnp if isinstance(x, jax.Array) else np
    x = x ^ (x >> 16)
    x = x * xp.uint32(0x7FEB352D)
    x = x ^ (x >> 15)
    x = x * xp.uint32(0x846CA68B)
    return x ^ (x >> 16)


def _poisson_terms(lam_max: float) -> int:
    """Terms of the Poisson inversion so that P(count > terms) < 1e-12 at the largest mean."""
    from scipy.stats import poisson

    return max(1, int(poisson.isf(1e-12, lam_max)) + 1)


def _delay_steps(source, dt_ms: float) -> tuple[int, ...]:
    """A recurrent drive's delays in whole steps (at least one), static for the compiler."""
    steps = np.maximum(np.round(np.atleast_1d(np.asarray(source.delay_ms, float)) / dt_ms), 1).astype(int)
    return tuple(int(x) for x in steps)


def _pad(tree, n: int, n_pad: int, axis: int = 0):
    """Pad every array whose ``axis`` has length n (a per-neuron array) to n_pad, repeating the last entry."""

    def pad(x):
        a = np.asarray(x) if not isinstance(x, jax.Array) else x
        if getattr(a, "ndim", 0) > axis and a.shape[axis] == n:
            widths = [(0, 0)] * a.ndim
            widths[axis] = (0, n_pad - n)
            return jnp.pad(jnp.asarray(a), widths, mode="edge")
        return x

    return jax.tree_util.tree_map(pad, tree)


def _run_sharded(cell, drives, n, duration_ms, dt_ms, devices, population, **kw):
    d = len(devices)
    n_pad = -(-n // (d * population)) * d * population  # whole populations on each device
    drives = [Drive(_pad(dr.synapse, n, n_pad), _pad_source(dr.source, n, n_pad), dr.compartment) for dr in drives]
    mg = kw.pop("mg_mM")
    iext = kw.pop("i_ext_pA")
    if kw["depression"] is not None:
        kw["depression"] = Depression(*(_pad(x, n, n_pad) for x in (kw["depression"].use, kw["depression"].tau_rec_ms)))
    mesh = jax.sharding.Mesh(np.array(devices), ("neurons",))
    result = _run(_pad(cell, n, n_pad), drives, n_pad, duration_ms, dt_ms, mesh,
                  mg_mM=_pad_curve(mg, n, n_pad) if isinstance(mg, SampledCurve) else _pad(mg, n, n_pad),
                  i_ext_pA=_pad_curve(iext, n, n_pad) if isinstance(iext, SampledCurve) else _pad(iext, n, n_pad), **kw)
    return Result(result.spikes[:, :n], {k: v[:, :n] for k, v in result.traces.items()}, result.bin_ms, result.dt_ms)


@functools.lru_cache(maxsize=32)
def _sharded_fn(mesh, n: int, statics: tuple):
    """``_simulate`` under shard_map, jitted once per mesh, size and settings. What is split across
    devices follows each argument's role, not its shape: per-neuron parameters and states on their
    first axis, per-step inputs on their second, volley tables and population weights never."""
    from jax.sharding import PartitionSpec

    kwargs = dict(statics)
    d = mesh.devices.size

    def neurons_first(tree):
        return jax.tree_util.tree_map(lambda x: PartitionSpec("neurons") if np.ndim(x) >= 1 and np.shape(x)[0] == n else PartitionSpec(), tree)

    def neurons_second(tree):
        return jax.tree_util.tree_map(lambda x: PartitionSpec(None, "neurons") if np.ndim(x) == 2 and np.shape(x)[1] == n else PartitionSpec(), tree)

    def train_spec(kind, train):
        if kind == "recurrent":
            return jax.tree_util.tree_map(lambda x: PartitionSpec(), train)
        if kind == "volley":
            start, every, _ = train
            return (*neurons_first((start, every)), PartitionSpec())
        return neurons_first(train)

    def call(cell, synapses, calcium, trains, constant, per_step, depression):
        train_specs = tuple(train_spec(kind, t) for (kind, *_), t in zip(kwargs["structure"], trains, strict=True))
        in_specs = (*neurons_first((cell, synapses, calcium)), train_specs, neurons_first(constant), neurons_second(per_step),
                    neurons_first(depression))
        out_specs = (PartitionSpec(None, "neurons"), {name: PartitionSpec(None, "neurons") for name in kwargs["record"]})
        body = partial(_simulate, n=n // d, **kwargs)
        return jax.shard_map(body, mesh=mesh, in_specs=in_specs, out_specs=out_specs, check_vma=False)(
            cell, synapses, calcium, trains, constant, per_step, depression)

    return jax.jit(call)


def _sharded(mesh, n: int, statics: dict):
    return _sharded_fn(mesh, n, tuple(sorted(statics.items())))


def _pad_source(source, n, n_pad):
    if isinstance(source, RegularTrain):
        return RegularTrain(*(_pad(x, n, n_pad) for x in (source.start_ms, source.interval_ms, source.count)))
    if isinstance(source, VolleyTrain):
        return VolleyTrain(_pad(source.start_ms, n, n_pad), _pad(source.interval_ms, n, n_pad), source.count, source.offsets_ms)
    if isinstance(source, Recurrent):
        return source
    if isinstance(source, Connections):
        pre = np.asarray(source.pre)
        return source if pre.shape[0] != n else Connections(np.asarray(_pad(pre, n, n_pad)), source.population, source.delay_ms)
    if isinstance(source, PoissonTrain):
        stream = np.arange(n) if source.stream is None else source.stream
        return PoissonTrain(*(np.asarray(_pad(np.broadcast_to(x, (n,)), n, n_pad)) for x in (source.rate_hz, source.seed, stream)))
    counts = np.asarray(source.counts)
    return source if counts.ndim == 1 else EventArray(np.asarray(_pad(counts, n, n_pad, axis=1)))


def _pad_curve(curve: SampledCurve, n, n_pad):
    values = np.asarray(curve.values)
    return curve if values.ndim == 1 else SampledCurve(curve.times_ms, np.asarray(_pad(values, n, n_pad, axis=1)))


_KINDS = {RegularTrain: "train", VolleyTrain: "volley", Recurrent: "recurrent", Connections: "sparse", PoissonTrain: "poisson"}


def _wiring(source: Connections, n: int) -> np.ndarray:
    """Checked (n, K) presynaptic indices, local to each neuron's population."""
    from ..errors import ParameterError, invalid

    pre = np.asarray(source.pre)
    p = int(source.population)
    if pre.ndim != 2 or pre.shape[0] not in (p, n) or n % p or not np.issubdtype(pre.dtype, np.integer):
        raise ParameterError(invalid("pre", pre.shape, f"integer indices (P, K) or ({n}, K) with P = population dividing {n}"))
    if pre.size and (pre.min() < 0 or pre.max() >= p):
        raise ParameterError(invalid("pre", f"indices {pre.min()}..{pre.max()}", f"0 to {p - 1} (population {p})"))
    return np.tile(pre, (n // p, 1)).astype(np.int32) if pre.shape[0] == p else pre.astype(np.int32)


def _poisson_source(source: PoissonTrain, n: int, dt_ms: float):
    """(mean events per step, its e^(−mean), per-neuron hash key (uint32)), each (n,), of a Poisson train."""
    from ..errors import ParameterError, invalid

    rate = np.broadcast_to(np.asarray(source.rate_hz, float), (n,))
    lam = rate * dt_ms * 1e-3
    if not np.all(np.isfinite(lam)) or lam.min() < 0 or lam.max() > 5:
        raise ParameterError(invalid("rate_hz", f"{rate.max():g} Hz", f"0 to {5e3 / dt_ms:g} Hz at dt {dt_ms:g} ms (at most 5 events per step)"))
    seed = np.broadcast_to(np.asarray(source.seed), (n,)).astype(np.uint64).astype(np.uint32)
    stream = np.arange(n) if source.stream is None else np.broadcast_to(np.asarray(source.stream), (n,))
    with np.errstate(over="ignore"):
        key = _mix32(_mix32(seed ^ np.uint32(0x9E3779B9)) ^ stream.astype(np.uint32))
    return jnp.asarray(lam), jnp.asarray(np.exp(-lam)), jnp.asarray(key, dtype=jnp.uint32)


def _run(cell, drives: Sequence[Drive], n: int, duration_ms: float, dt_ms: float, mesh, *, mg_mM, i_ext_pA, bin_ms, record,
         threshold_mV, calcium, dtype, depression) -> Result:
    bin_steps = max(1, int(round(bin_ms / dt_ms)))
    n_bins = int(round(duration_ms / dt_ms)) // bin_steps
    n_steps = n_bins * bin_steps
    mg, mg_t = _per_step(mg_mM, n_steps, dt_ms, n)
    iext, iext_t = _per_step(i_ext_pA, n_steps, dt_ms, n)
    trains, arrays = [], []
    for d in drives:
        if isinstance(d.source, RegularTrain):
            s = d.source
            # a train shared by every neuron stays scalar: its events cost nothing per neuron
            start, every = _step_counts(s.start_ms, s.interval_ms, dt_ms)
            trains.append((start, every, jnp.asarray(s.count, jnp.int32)))
            arrays.append(None)
        elif isinstance(d.source, Recurrent):
            w = jnp.asarray(d.source.weights, dtype=float)
            if w.ndim != 2 or w.shape[0] != w.shape[1] or n % w.shape[0]:
                from ..errors import ParameterError, invalid

                raise ParameterError(invalid("weights", w.shape, f"a square (P, P) matrix with P dividing the {n} neurons"))
            trains.append((w,))
            arrays.append(None)
        elif isinstance(d.source, Connections):
            trains.append((jnp.asarray(_wiring(d.source, n)),))
            arrays.append(None)
        elif isinstance(d.source, PoissonTrain):
            trains.append(_poisson_source(d.source, n, dt_ms))
            arrays.append(None)
        elif isinstance(d.source, VolleyTrain):
            v = d.source
            offsets = np.asarray(v.offsets_ms, dtype=float)
            offsets = np.broadcast_to(offsets, (v.count, offsets.shape[-1])) if offsets.ndim == 1 else offsets
            steps = np.round(offsets / dt_ms).astype(int)
            table = np.zeros((v.count + 1, steps.max() + 1))  # a trailing zero row: stimuli past the last read it
            for k in range(v.count):
                np.add.at(table[k], steps[k], 1.0)  # arrivals per step offset after stimulus k
            start, every = _step_counts(v.start_ms, v.interval_ms, dt_ms)
            trains.append((start, every, jnp.asarray(table)))
            arrays.append(None)
        else:
            counts = np.asarray(d.source.counts, dtype=float)[:n_steps]
            counts = np.pad(counts, [(0, n_steps - counts.shape[0])] + [(0, 0)] * (counts.ndim - 1))
            arrays.append(jnp.asarray(counts if counts.ndim == 2 else counts[:, None], dtype=dtype))
            trains.append(None)
    synapses = tuple(d.synapse for d in drives)
    per_step = {"mg": mg if mg_t else None, "iext": iext if iext_t else None,
                "events": tuple(a for a in arrays if a is not None)}
    constant = {"mg": None if mg_t else mg, "iext": None if iext_t else iext}
    kinds = [_KINDS.get(type(d.source), "array") for d in drives]
    delays = [_delay_steps(d.source, dt_ms) if k in ("recurrent", "sparse") else () for k, d in zip(kinds, drives, strict=True)]
    ring = max((max(x) for x in delays if x), default=0)
    # static extras: population size of sparse wiring, terms of the Poisson inversion
    extras = [_population(d.source) if k == "sparse" else _poisson_terms(float(np.max(t[0]))) if k == "poisson" else 0
              for k, d, t in zip(kinds, drives, trains, strict=True)]
    structure = tuple((kind, d.compartment, x, e) for kind, d, x, e in zip(kinds, drives, delays, extras, strict=True))
    statics = dict(structure=structure, record=tuple(record), n_bins=n_bins, bin_steps=bin_steps, dt=float(dt_ms),
                   threshold=float(threshold_mV), dtype=jnp.dtype(dtype).name, ring=ring)
    if depression is not None:
        depression = (jnp.broadcast_to(jnp.asarray(depression.use, float), (n,)),
                      jnp.broadcast_to(jnp.asarray(depression.tau_rec_ms, float), (n,)))
    args = (cell, synapses, calcium, tuple(trains), constant, per_step, depression)
    if mesh is None:
        out = _simulate(*args, n=n, **statics)
    else:  # each device runs the time loop for its share of the conditions
        out = _sharded(mesh, n, statics)(*args)
    spikes, traces = out
    return Result(np.asarray(spikes), {k: np.asarray(v) for k, v in traces.items()}, bin_steps * dt_ms, dt_ms)


@partial(jax.jit, static_argnames=("structure", "record", "n", "n_bins", "bin_steps", "dt", "threshold", "dtype", "ring"))
def _simulate(cell, synapses, calcium, trains, constant, per_step, depression, *, structure, record, n, n_bins, bin_steps, dt, threshold, dtype,
              ring=0):
    dtype = jnp.dtype(dtype)
    cast = lambda tree: jax.tree_util.tree_map(lambda x: jnp.asarray(x, dtype) if jnp.issubdtype(jnp.asarray(x).dtype, jnp.floating) else x, tree)
    params = lambda tree: jax.tree_util.tree_map(lambda x: jnp.asarray(x, dtype), tree)  # integer weights too
    cell, synapses, calcium, depression = params((cell, synapses, calcium, depression))
    trains, constant = cast((trains, constant))
    state0 = (cell.init((n,)), tuple(s.init((n,)) for s in synapses), jnp.full((n,), calcium.rest_uM, dtype) if calcium is not None else None)
    # equilibrate kinetic receptor states (Kampa) at rest before the run
    mg0 = constant["mg"] if per_step["mg"] is None else per_step["mg"][0]  # [Mg2+]o at t = 0
    state0 = (state0[0], tuple(_rest(s, st, state0[0][0], mg0) for s, st in zip(synapses, state0[1], strict=True)), state0[2])

    # sparse wiring as flat indices into this device's neurons: local neuron i's population starts at (i // P) P
    flat = [jnp.asarray((jnp.arange(n) // extra * extra)[:, None] + train[0], jnp.int32) if kind == "sparse" else None
            for (kind, _, _, extra), train in zip(structure, trains, strict=True)]

    def events_at(k, arrays_k, past):
        out, j, delayed = [], 0, {}
        for (kind, _, delays, extra), train, idx in zip(structure, trains, flat, strict=True):
            if kind == "train":
                start, every, count = train
                since = k - start
                hit = (since >= 0) & (jnp.mod(since, every) == 0) & (since < every * count)
                out.append(jnp.broadcast_to(hit.astype(dtype), (n,)))
            elif kind == "recurrent":  # spikes of `delay` steps ago, through the population wiring
                (w,) = train
                if delays not in delayed:  # drives with the same delays (AMPA and NMDA of one contact) read once
                    delayed[delays] = sum(past[jnp.mod(k - d, ring)] for d in delays)
                out.append((delayed[delays].reshape(-1, w.shape[1]) @ w.T).reshape(n).astype(dtype))
            elif kind == "sparse":  # gather the spikes of each neuron's K presynaptic partners
                if delays not in delayed:
                    delayed[delays] = sum(past[jnp.mod(k - d, ring)] for d in delays)
                out.append(delayed[delays][idx].sum(axis=1))
            elif kind == "poisson":  # invert the Poisson CDF at a hashed uniform: count = #{j : F(j) < u}
                lam, p0, key = train
                bits = _mix32(key ^ _mix32(k.astype(jnp.uint32) * jnp.uint32(0x9E3779B9) + jnp.uint32(1)))
                u = (bits >> 8).astype(dtype) * (1.0 / (1 << 24))
                p = p0
                cdf, count = p, jnp.zeros_like(lam)
                for j in range(1, extra + 1):
                    count = count + (u > cdf)
                    p = p * lam / j
                    cdf = cdf + p
                out.append(count.astype(dtype))
            elif kind == "volley":
                start, every, table = train
                since = k - start
                stim = since // every
                phase = since - stim * every
                ok = (since >= 0) & (phase < table.shape[1])
                row = jnp.clip(stim, 0, table.shape[0] - 1)
                counts = table[row, jnp.clip(phase, 0, table.shape[1] - 1)]
                out.append(jnp.broadcast_to(jnp.where(ok, counts, 0.0).astype(dtype), (n,)))
            else:
                out.append(arrays_k[j][0] if arrays_k[j].shape[0] == 1 else arrays_k[j])
                j += 1
        return out

    def step(carry, xs):
        (cs, ss, ca, (past, last, x)), k = carry
        arrays_k, mg_k, iext_k = xs
        if ring:  # file the previous step's spikes first: the buffer is then only read, and updates in place
            past = past.at[jnp.mod(k - 1, ring)].set(last)
        mg = constant["mg"] if mg_k is None else mg_k
        iext = constant["iext"] if iext_k is None else iext_k
        vs = cell.voltages(cs)
        events = events_at(k, arrays_k, past)
        comps = [c for _, c, _, _ in structure]
        ss = tuple(s.step(st, e, vs[c], mg, dt) for s, st, e, c in zip(synapses, ss, events, comps, strict=True))
        zero = jnp.zeros_like(vs[0])
        syn = [[zero, zero, zero] for _ in vs]  # per compartment: g (nS), g·E (nS·mV), Ca2+ current (pA)
        ca_in = cell.calcium(cs) if calcium is None else (ca,) * len(vs)
        for s, st, c in zip(synapses, ss, comps, strict=True):
            g = s.conductance(st, vs[c], mg)
            syn[c][0] = syn[c][0] + g
            syn[c][1] = syn[c][1] + g * s.e_rev_mV
            if calcium is not None or cell.uses_synaptic_calcium:
                syn[c][2] = syn[c][2] + s.ca_current(st, vs[c], mg, ca_in[c])
        cs_new = cell.step(cs, tuple(tuple(x) for x in syn), iext, dt)
        v_spike = vs[0]
        spike = (v_spike < threshold) & (cell.voltages(cs_new)[0] >= threshold)
        ca_new = calcium.step(ca, sum(x[2] for x in syn), cell.area_um2, dt) if calcium is not None else None
        fired = spike.astype(dtype)
        if depression is not None:  # deliver each spike with the resources left; deplete, then recover
            use, tau_rec = depression
            out = fired * x
            x = 1.0 - (1.0 - x * (1.0 - use * fired)) * jnp.exp(-dt / tau_rec)
            fired = out
        return ((cs_new, ss, ca_new, (past, fired, x)), k + 1), spike.astype(jnp.int32)

    def snapshot(cs, ss, ca, x, mg):
        out = {}
        for name in record:
            if name == "ca" and calcium is not None:
                out[name] = ca
            elif name == "x" and depression is not None:
                out[name] = x
            elif name in cell.recordable:
                out[name] = cell.record(cs, name)
            else:
                kind = name.rstrip("0123456789")
                i = int(name[len(kind):])
                s, st, v = synapses[i], ss[i], cell.voltages(cs)[structure[i][1]]
                if kind == "g":
                    out[name] = s.gating(st)
                elif kind == "b":
                    out[name] = s.block_factor(st, v, mg)
                elif kind == "i":
                    out[name] = s.current(st, v, mg)
                else:
                    out[name] = s.ca_current(st, v, mg, ca if calcium is not None else cell.calcium(cs)[structure[i][1]])
        return out

    def one_bin(carry, xs):
        carry, spikes = jax.lax.scan(step, carry, xs, length=bin_steps)
        (cs, ss, ca, (_, _, x)), _ = carry
        mg_last = constant["mg"] if xs[1] is None else xs[1][-1]
        return carry, (spikes.sum(axis=0), snapshot(cs, ss, ca, x, mg_last))

    def binned(x):
        return None if x is None else x.reshape(n_bins, bin_steps, *x.shape[1:])

    xs = (tuple(binned(a) for a in per_step["events"]), binned(per_step["mg"]), binned(per_step["iext"]))
    # spikes (times their resources) of the last `ring` steps; the last step's; the resources
    past0 = (jnp.zeros((max(ring, 1), n), dtype), jnp.zeros((n,), dtype), jnp.ones((n,), dtype) if depression is not None else None)
    # the step counter is an integer: a float32 counter stops at 2**24 steps (7 min at 0.025 ms)
    _, (spikes, traces) = jax.lax.scan(one_bin, ((*state0, past0), jnp.asarray(0, jnp.int32)), xs, length=n_bins)
    return spikes, traces


def _step_counts(start_ms, interval_ms, dt_ms):
    """A train's first step and its interval in steps (whole numbers, at least one step apart)."""
    start = jnp.round(jnp.asarray(start_ms, float) / dt_ms).astype(jnp.int32)
    every = jnp.maximum(jnp.round(jnp.asarray(interval_ms, float) / dt_ms), 1.0).astype(jnp.int32)
    return start, every


def _rest(synapse, state, v, mg):
    """Kinetic-block synapses start from their resting steady state without transmitter."""
    if not hasattr(synapse, "receptor"):
        return state
    x = jax.vmap(lambda vi, mi: synapse.receptor.steady_state(vi, 0.0, mi))(v, jnp.broadcast_to(mg, v.shape))
    return state._replace(occupancy=x.astype(state.occupancy.dtype))
