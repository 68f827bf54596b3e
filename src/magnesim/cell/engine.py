"""Simulate point neurons with synaptic drives: one compiled ``lax.scan`` over time for all neurons.

Each of the N neurons is a condition: synapse weights, block-model parameters, [Mg2+]o, injected
current and stimulus trains may differ per neuron (arrays broadcast over N), so a sweep over
thousands of conditions is one call. Presynaptic events come from a source
(:mod:`magnesim.cell.sources`: regular trains, volleys, Poisson trains, the neurons' own spikes
through dense or sparse wiring, arrays of counts per step), each implementing the engine's
:class:`~magnesim.cell.sources.Source` protocol. [Mg2+]o may be constant per neuron or a sampled
curve over time (:class:`SampledCurve`).

Per step (dt): synapse states take the step's events; the membrane and gates advance by the cell's
exponential-Euler step with the synaptic conductances, blocked at the step's start potential;
the Ca2+ pool integrates the synaptic Ca2+ current; a spike is an upward crossing of the threshold.
Spike counts are returned per bin of ``bin_steps`` steps, and recorded variables at each bin's end.
Kernel units: mV, ms, nS, pA, mM (Mg2+), µM (Ca2+i).
"""

from __future__ import annotations

import functools
import numbers
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

import jax.numpy as jnp
import numpy as np

from .._jax import jax
from .sources import Connections, EventArray, PoissonTrain, Recurrent, RegularTrain, Source, StepContext, VolleyTrain, pad_neurons

__all__ = [
    "Connections",
    "Depression",
    "Drive",
    "EventArray",
    "PoissonTrain",
    "Record",
    "Recurrent",
    "RegularTrain",
    "Result",
    "SampledCurve",
    "VolleyTrain",
    "run",
]


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
class SampledCurve:
    """A quantity sampled at ``times_ms`` (linear interpolation; held constant outside)."""

    times_ms: np.ndarray
    values: np.ndarray  # (K,) or (K, N)


@dataclass(frozen=True)
class Drive:
    """A synapse with its presynaptic events, in compartment ``compartment`` of the cell: on every
    neuron, or with ``role`` r only on the neuron at position r of each population (neurons form
    consecutive populations of the size the wired sources give; a circuit of several cell roles)."""

    synapse: object
    source: Source
    compartment: int = 0
    role: int | None = None


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


class Record(NamedTuple):
    """A recorded variable: ``name`` (the key of Result.traces) and what it is: a drive's ``quantity``
    ("g" gating, "b" block, "i" current, "ica" Ca2+ current) with the drive's index, or, without a
    drive, "cell" (a variable of the cell), "pool" (the Ca2+ pool) or "resources" (depressing synapses)."""

    name: str
    quantity: str
    drive: int | None = None


_DRIVE_QUANTITIES = ("g", "b", "i", "ica")


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
    population = _population(drives)
    records = _records(cell, drives, record, calcium, depression, population)
    devices = jax.local_devices()
    if shard is None:  # whole populations per device: at least one each
        shard = len(devices) > 1 and n >= 64 * len(devices) and n % population == 0 and n // population >= len(devices)
    if shard and len(devices) > 1:
        return _run_sharded(cell, drives, n, duration_ms, dt_ms, devices, mg_mM=mg_mM, i_ext_pA=i_ext_pA, bin_ms=bin_ms,
                            records=records, threshold_mV=threshold_mV, calcium=calcium, dtype=dtype, depression=depression,
                            population=population)
    return _run(cell, drives, n, duration_ms, dt_ms, None, mg_mM=mg_mM, i_ext_pA=i_ext_pA, bin_ms=bin_ms, records=records,
                threshold_mV=threshold_mV, calcium=calcium, dtype=dtype, depression=depression, population=population)


def _records(cell, drives, record, calcium, depression, population: int) -> tuple[Record, ...]:
    """The records by name, checked: bad names fail here, in one line, not inside the compiled loop."""
    from ..errors import ParameterError, invalid

    compartments = cell.compartments
    for i, d in enumerate(drives):
        if not 0 <= d.compartment < len(compartments):
            raise ParameterError(invalid(f"drives[{i}].compartment", d.compartment,
                                         f"0 to {len(compartments) - 1} ({', '.join(compartments)})"))
        if d.role is not None and not (isinstance(d.role, numbers.Integral) and not isinstance(d.role, bool) and 0 <= d.role < population):
            raise ParameterError(invalid(f"drives[{i}].role", d.role, f"None or a position 0 to {population - 1} in the population "
                                         f"of {population} neurons"))
    accepted = {name: Record(name, "cell") for name in cell.recordable}
    accepted |= {"ca": Record("ca", "pool")} if calcium is not None else {}
    accepted |= {"x": Record("x", "resources")} if depression is not None else {}
    accepted |= {f"{q}{i}": Record(f"{q}{i}", q, i) for i in range(len(drives)) for q in _DRIVE_QUANTITIES}
    for name in record:
        if name not in accepted:
            raise ParameterError(invalid("record", name, ", ".join(accepted)))
    return tuple(accepted[name] for name in record)


def _population(drives) -> int:
    """Neurons per population, as the wired sources give it (1 without wiring); they must agree."""
    from ..errors import ParameterError, invalid

    sizes = sorted({d.source.population_size() for d in drives} - {1})
    if len(sizes) > 1:
        raise ParameterError(invalid("drives", f"populations of {sizes}", "wired sources of one population size"))
    return sizes[0] if sizes else 1


def _run_sharded(cell, drives, n, duration_ms, dt_ms, devices, **kw):
    d, population = len(devices), kw["population"]
    n_pad = -(-n // (d * population)) * d * population  # whole populations on each device
    drives = [Drive(pad_neurons(dr.synapse, n, n_pad), dr.source.pad(n, n_pad), dr.compartment, dr.role) for dr in drives]
    mg = kw.pop("mg_mM")
    iext = kw.pop("i_ext_pA")
    if kw["depression"] is not None:
        kw["depression"] = Depression(*(pad_neurons(x, n, n_pad) for x in (kw["depression"].use, kw["depression"].tau_rec_ms)))
    mesh = jax.sharding.Mesh(np.array(devices), ("neurons",))
    result = _run(pad_neurons(cell, n, n_pad), drives, n_pad, duration_ms, dt_ms, mesh,
                  mg_mM=_pad_curve(mg, n, n_pad) if isinstance(mg, SampledCurve) else pad_neurons(mg, n, n_pad),
                  i_ext_pA=_pad_curve(iext, n, n_pad) if isinstance(iext, SampledCurve) else pad_neurons(iext, n, n_pad), **kw)
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

    def call(cell, synapses, calcium, trains, constant, per_step, depression):
        train_specs = tuple(kind.partition(static, t, neurons_first) for (kind, _, static), t in zip(kwargs["structure"], trains, strict=True))
        in_specs = (*neurons_first((cell, synapses, calcium)), train_specs, neurons_first(constant), neurons_second(per_step),
                    neurons_first(depression))
        out_specs = (PartitionSpec(None, "neurons"), {r.name: PartitionSpec(None, "neurons") for r in kwargs["records"]})
        body = partial(_simulate, n=n // d, **kwargs)
        return jax.shard_map(body, mesh=mesh, in_specs=in_specs, out_specs=out_specs, check_vma=False)(
            cell, synapses, calcium, trains, constant, per_step, depression)

    return jax.jit(call)


def _sharded(mesh, n: int, statics: dict):
    return _sharded_fn(mesh, n, tuple(sorted(statics.items())))


def _pad_curve(curve: SampledCurve, n, n_pad):
    values = np.asarray(curve.values)
    return curve if values.ndim == 1 else SampledCurve(curve.times_ms, np.asarray(pad_neurons(values, n, n_pad, axis=1)))


def _run(cell, drives: Sequence[Drive], n: int, duration_ms: float, dt_ms: float, mesh, *, mg_mM, i_ext_pA, bin_ms, records,
         threshold_mV, calcium, dtype, depression, population) -> Result:
    bin_steps = max(1, int(round(bin_ms / dt_ms)))
    n_bins = int(round(duration_ms / dt_ms)) // bin_steps
    n_steps = n_bins * bin_steps
    mg, mg_t = _per_step(mg_mM, n_steps, dt_ms, n)
    iext, iext_t = _per_step(i_ext_pA, n_steps, dt_ms, n)
    prepared = [d.source.prepare(n, n_steps, dt_ms, dtype) for d in drives]  # (static, train, per-step events) each
    trains = tuple(train for _, train, _ in prepared)
    synapses = tuple(d.synapse for d in drives)
    per_step = {"mg": mg if mg_t else None, "iext": iext if iext_t else None, "events": tuple(events for _, _, events in prepared)}
    constant = {"mg": None if mg_t else mg, "iext": None if iext_t else iext}
    ring = max((max(x) for x in (d.source.delays(dt_ms) for d in drives) if x), default=0)
    structure = tuple((type(d.source), d.compartment, static) for d, (static, _, _) in zip(drives, prepared, strict=True))
    roles = tuple(None if d.role is None else int(d.role) for d in drives)
    statics = dict(structure=structure, roles=roles if any(r is not None for r in roles) else None, population=population,
                   records=records, n_bins=n_bins, bin_steps=bin_steps, dt=float(dt_ms),
                   threshold=float(threshold_mV), dtype=jnp.dtype(dtype).name, ring=ring)
    if depression is not None:
        depression = (jnp.broadcast_to(jnp.asarray(depression.use, float), (n,)),
                      jnp.broadcast_to(jnp.asarray(depression.tau_rec_ms, float), (n,)))
    args = (cell, synapses, calcium, trains, constant, per_step, depression)
    if mesh is None:
        out = _simulate(*args, n=n, **statics)
    else:  # each device runs the time loop for its share of the conditions
        out = _sharded(mesh, n, statics)(*args)
    spikes, traces = out
    return Result(np.asarray(spikes), {k: np.asarray(v) for k, v in traces.items()}, bin_steps * dt_ms, dt_ms)


@partial(jax.jit, static_argnames=("structure", "roles", "population", "records", "n", "n_bins", "bin_steps", "dt", "threshold", "dtype",
                                   "ring"))
def _simulate(cell, synapses, calcium, trains, constant, per_step, depression, *, structure, roles, population, records, n, n_bins, bin_steps,
              dt, threshold, dtype, ring=0):
    dtype = jnp.dtype(dtype)
    cast = lambda tree: jax.tree_util.tree_map(lambda x: jnp.asarray(x, dtype) if jnp.issubdtype(jnp.asarray(x).dtype, jnp.floating) else x, tree)
    params = lambda tree: jax.tree_util.tree_map(lambda x: jnp.asarray(x, dtype), tree)  # integer weights too
    cell, synapses, calcium, depression = params((cell, synapses, calcium, depression))
    trains, constant = cast((trains, constant))
    state0 = (cell.init((n,)), tuple(s.init((n,)) for s in synapses), jnp.full((n,), calcium.rest_uM, dtype) if calcium is not None else None)
    # equilibrate kinetic receptor states (Kampa) at rest before the run
    mg0 = constant["mg"] if per_step["mg"] is None else per_step["mg"][0]  # [Mg2+]o at t = 0
    state0 = (state0[0], tuple(_rest(s, st, state0[0][0], mg0) for s, st in zip(synapses, state0[1], strict=True)), state0[2])

    # what each source reads inside the loop, for this device's n neurons (sparse wiring: flat indices)
    inputs = tuple(kind.localise(static, train, n) for (kind, _, static), train in zip(structure, trains, strict=True))

    # a drive with a role reaches one position of each population (a device holds whole populations)
    position = jnp.arange(n) % population
    only = {r: (position == r).astype(dtype) for r in set(roles or ()) if r is not None}

    def events_at(k, events_k, past):
        ctx = StepContext(k, n, dtype, past, ring)
        out = [kind.events(static, train, ctx, e) for (kind, _, static), train, e in zip(structure, inputs, events_k, strict=True)]
        return out if roles is None else [e if r is None else e * only[r] for e, r in zip(out, roles, strict=True)]

    def step(carry, xs):
        (cs, ss, ca, (past, last, x)), k = carry
        events_k, mg_k, iext_k = xs
        if ring:  # file the previous step's spikes first: the buffer is then only read, and updates in place
            past = past.at[jnp.mod(k - 1, ring)].set(last)
        mg = constant["mg"] if mg_k is None else mg_k
        iext = constant["iext"] if iext_k is None else iext_k
        vs = cell.voltages(cs)
        events = events_at(k, events_k, past)
        comps = [c for _, c, _ in structure]
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
        for r in records:
            if r.drive is None:
                out[r.name] = ca if r.quantity == "pool" else x if r.quantity == "resources" else cell.record(cs, r.name)
                continue
            compartment = structure[r.drive][1]
            s, st, v = synapses[r.drive], ss[r.drive], cell.voltages(cs)[compartment]
            if r.quantity == "g":
                out[r.name] = s.gating(st)
            elif r.quantity == "b":
                out[r.name] = s.block_factor(st, v, mg)
            elif r.quantity == "i":
                out[r.name] = s.current(st, v, mg)
            else:
                out[r.name] = s.ca_current(st, v, mg, ca if calcium is not None else cell.calcium(cs)[compartment])
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


def _rest(synapse, state, v, mg):
    """Kinetic-block synapses start from their resting steady state without transmitter."""
    if not hasattr(synapse, "receptor"):
        return state
    x = jax.vmap(lambda vi, mi: synapse.receptor.steady_state(vi, 0.0, mi))(v, jnp.broadcast_to(mg, v.shape))
    return state._replace(occupancy=x.astype(state.occupancy.dtype))
