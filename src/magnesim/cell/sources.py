"""Where a drive's presynaptic events come from: one class per kind of source, each implementing the
engine's :class:`Source` protocol, so the engine never asks which kind it holds.

A source prepares, outside the compiled loop, the arrays it needs (``prepare`` returns a hashable
*static* part fixed for the compiler, its *train*, which enters the loop as an argument, and
optionally an array of events per step, (T, n) or (T, 1), which the loop slices and hands back as
``step_events``); inside the loop it turns the step number into events per neuron (``events``), after
``localise`` has turned its train into what this device's neurons read. ``events``, ``localise`` and
``partition`` are classmethods: inside the loop a source is its class, its static part and its
arrays. It pads its per-neuron arrays when the engine splits neurons across devices (``pad``: a
source with per-neuron arrays must override the default, which pads nothing) and says how its train
is split (``partition``).
Wired sources (:class:`Recurrent`, :class:`Connections`) also say how many neurons form one population
(``population_size``) and after how many steps a spike arrives (``delays``).
Kernel units: ms, steps of ``dt``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import jax.numpy as jnp
import numpy as np

from .._jax import jax
from ..errors import ParameterError, invalid

__all__ = ["Connections", "EventArray", "PoissonTrain", "Recurrent", "RegularTrain", "Source", "SourceBase", "StepContext", "VolleyTrain", "mix32", "pad_neurons"]


class StepContext:
    """What a source may read inside the time loop at step ``k`` besides its own train: the number of
    neurons on this device ``n``, the ``dtype``, and the neurons' spikes of the last ``ring`` steps
    (``delayed``: summed over a set of delays, read once per set)."""

    def __init__(self, k, n: int, dtype, past, ring: int):
        self.k, self.n, self.dtype, self._past, self._ring, self._read = k, n, dtype, past, ring, {}

    def delayed(self, delays: tuple[int, ...]):
        if delays not in self._read:  # drives with the same delays (AMPA and NMDA of one contact) read once
            self._read[delays] = sum(self._past[jnp.mod(self.k - d, self._ring)] for d in delays)
        return self._read[delays]


class Source(Protocol):
    """The engine's view of a source of presynaptic events."""

    def population_size(self) -> int: ...
    def delays(self, dt_ms: float) -> tuple[int, ...]: ...
    def pad(self, n: int, n_pad: int) -> Source: ...
    def prepare(self, n: int, n_steps: int, dt_ms: float, dtype) -> tuple[Any, Any, Any]: ...

    @classmethod
    def localise(cls, static, train, n: int): ...
    @classmethod
    def events(cls, static, train, ctx: StepContext, step_events): ...
    @classmethod
    def partition(cls, static, train, neurons_first): ...


class SourceBase:
    """Defaults of the protocol, for a new kind of source to inherit: one neuron per population, no
    spike delays, nothing to pad or localise, every array of its train split by neuron."""

    def population_size(self) -> int:
        return 1

    def delays(self, dt_ms: float) -> tuple[int, ...]:
        return ()

    def pad(self, n: int, n_pad: int):
        return self

    @classmethod
    def localise(cls, static, train, n: int):
        return train

    @classmethod
    def partition(cls, static, train, neurons_first):
        return neurons_first(train)


def pad_neurons(tree, n: int, n_pad: int, axis: int = 0):
    """Pad every array whose ``axis`` has length n (a per-neuron array) to n_pad, repeating the last entry."""

    def pad(x):
        a = np.asarray(x) if not isinstance(x, jax.Array) else x
        if getattr(a, "ndim", 0) > axis and a.shape[axis] == n:
            widths = [(0, 0)] * a.ndim
            widths[axis] = (0, n_pad - n)
            return jnp.pad(jnp.asarray(a), widths, mode="edge")
        return x

    return jax.tree_util.tree_map(pad, tree)


def _step_counts(start_ms, interval_ms, dt_ms):
    """A train's first step and its interval in steps (whole numbers, at least one step apart)."""
    start = jnp.round(jnp.asarray(start_ms, float) / dt_ms).astype(jnp.int32)
    every = jnp.maximum(jnp.round(jnp.asarray(interval_ms, float) / dt_ms), 1.0).astype(jnp.int32)
    return start, every


def _delay_steps(delay_ms, dt_ms: float) -> tuple[int, ...]:
    """A wired source's delays in whole steps (at least one), static for the compiler."""
    steps = np.maximum(np.round(np.atleast_1d(np.asarray(delay_ms, float)) / dt_ms), 1).astype(int)
    return tuple(int(x) for x in steps)


def mix32(x):
    """lowbias32 integer hash (C. Wellons): uint32 → well-mixed uint32 (NumPy or JAX arrays)."""
    xp = jnp if isinstance(x, jax.Array) else np
    x = x ^ (x >> 16)
    x = x * xp.uint32(0x7FEB352D)
    x = x ^ (x >> 15)
    x = x * xp.uint32(0x846CA68B)
    return x ^ (x >> 16)


@dataclass(frozen=True)
class RegularTrain(SourceBase):
    """Events at start, start + interval, … (``count`` of them); arrays give one train per neuron."""

    start_ms: float | np.ndarray
    interval_ms: float | np.ndarray
    count: int | np.ndarray

    def pad(self, n, n_pad):
        return RegularTrain(*(pad_neurons(x, n, n_pad) for x in (self.start_ms, self.interval_ms, self.count)))

    def prepare(self, n, n_steps, dt_ms, dtype):
        # a train shared by every neuron stays scalar: its events cost nothing per neuron
        start, every = _step_counts(self.start_ms, self.interval_ms, dt_ms)
        return None, (start, every, jnp.asarray(self.count, jnp.int32)), None

    @classmethod
    def events(cls, static, train, ctx, step_events):
        start, every, count = train
        since = ctx.k - start
        hit = (since >= 0) & (jnp.mod(since, every) == 0) & (since < every * count)
        return jnp.broadcast_to(hit.astype(ctx.dtype), (ctx.n,))


@dataclass(frozen=True)
class VolleyTrain(SourceBase):
    """Stimuli at start, start + interval, … (``count``; start and interval may be per neuron), each
    followed by a volley of fibre arrivals at ``offsets_ms`` after it: shape (F,) for the same pattern
    every stimulus, or (count, F) for a pattern redrawn per stimulus. Each arrival is one event."""

    start_ms: float | np.ndarray
    interval_ms: float | np.ndarray
    count: int
    offsets_ms: np.ndarray

    def pad(self, n, n_pad):
        return VolleyTrain(pad_neurons(self.start_ms, n, n_pad), pad_neurons(self.interval_ms, n, n_pad), self.count, self.offsets_ms)

    def prepare(self, n, n_steps, dt_ms, dtype):
        offsets = np.asarray(self.offsets_ms, dtype=float)
        offsets = np.broadcast_to(offsets, (self.count, offsets.shape[-1])) if offsets.ndim == 1 else offsets
        steps = np.round(offsets / dt_ms).astype(int)
        table = np.zeros((self.count + 1, steps.max() + 1))  # a trailing zero row: stimuli past the last read it
        for k in range(self.count):
            np.add.at(table[k], steps[k], 1.0)  # arrivals per step offset after stimulus k
        start, every = _step_counts(self.start_ms, self.interval_ms, dt_ms)
        return None, (start, every, jnp.asarray(table)), None

    @classmethod
    def events(cls, static, train, ctx, step_events):
        start, every, table = train
        since = ctx.k - start
        stim = since // every
        phase = since - stim * every
        ok = (since >= 0) & (phase < table.shape[1])
        row = jnp.clip(stim, 0, table.shape[0] - 1)
        counts = table[row, jnp.clip(phase, 0, table.shape[1] - 1)]
        return jnp.broadcast_to(jnp.where(ok, counts, 0.0).astype(ctx.dtype), (ctx.n,))

    @classmethod
    def partition(cls, static, train, neurons_first):
        start, every, _ = train
        from jax.sharding import PartitionSpec

        return (*neurons_first((start, every)), PartitionSpec())  # the volley table is shared


@dataclass(frozen=True)
class Recurrent(SourceBase):
    """Spikes of the simulated neurons themselves, after ``delay_ms``: neurons form populations of
    size P = weights.shape[1] (conditions are consecutive populations, all with the same wiring);
    postsynaptic neuron i of a population receives Σ_j weights[i, j] × spike_j(t − delay) events.
    ``delay_ms`` may be a list of delays (F,): each connection then stands for F parallel contacts,
    one per delay (a relay cell's axon branching onto its target)."""

    weights: np.ndarray  # (P, P): post × pre, event multiplicity (0 for no connection)
    delay_ms: float | np.ndarray

    def population_size(self):
        return int(np.shape(self.weights)[0])

    def delays(self, dt_ms):
        return _delay_steps(self.delay_ms, dt_ms)

    def prepare(self, n, n_steps, dt_ms, dtype):
        w = jnp.asarray(self.weights, dtype=float)
        if w.ndim != 2 or w.shape[0] != w.shape[1] or n % w.shape[0]:
            raise ParameterError(invalid("weights", w.shape, f"a square (P, P) matrix with P dividing the {n} neurons"))
        return self.delays(dt_ms), (w,), None

    @classmethod
    def events(cls, static, train, ctx, step_events):  # spikes of `delay` steps ago, through the population wiring
        (w,) = train
        return (ctx.delayed(static).reshape(-1, w.shape[1]) @ w.T).reshape(ctx.n).astype(ctx.dtype)

    @classmethod
    def partition(cls, static, train, neurons_first):
        from jax.sharding import PartitionSpec

        return jax.tree_util.tree_map(lambda x: PartitionSpec(), train)  # the population's wiring is shared


@dataclass(frozen=True)
class Connections(SourceBase):
    """Spikes of the simulated neurons through sparse wiring with a fixed in-degree K: neuron i of a
    population of ``population`` neurons receives one event per spike of each neuron ``pre[i, k]`` of
    its own population (indices 0 … P − 1; a repeated index is a multiple contact), ``delay_ms``
    later. ``pre`` is (P, K) for the same wiring in every population, or (n, K) for a wiring per
    neuron (a different network per condition). Costs n·K per step, against n·P for
    :class:`Recurrent`'s dense matrix."""

    pre: np.ndarray
    population: int
    delay_ms: float | np.ndarray

    def population_size(self):
        return int(self.population)

    def delays(self, dt_ms):
        return _delay_steps(self.delay_ms, dt_ms)

    def pad(self, n, n_pad):
        pre = np.asarray(self.pre)
        return self if pre.shape[0] != n else Connections(np.asarray(pad_neurons(pre, n, n_pad)), self.population, self.delay_ms)

    def _wiring(self, n: int) -> np.ndarray:
        """Checked (n, K) presynaptic indices, local to each neuron's population."""
        pre = np.asarray(self.pre)
        p = self.population_size()
        if pre.ndim != 2 or pre.shape[0] not in (p, n) or n % p or not np.issubdtype(pre.dtype, np.integer):
            raise ParameterError(invalid("pre", pre.shape, f"integer indices (P, K) or ({n}, K) with P = population dividing {n}"))
        if pre.size and (pre.min() < 0 or pre.max() >= p):
            raise ParameterError(invalid("pre", f"indices {pre.min()}..{pre.max()}", f"0 to {p - 1} (population {p})"))
        return np.tile(pre, (n // p, 1)).astype(np.int32) if pre.shape[0] == p else pre.astype(np.int32)

    def prepare(self, n, n_steps, dt_ms, dtype):
        return (self.delays(dt_ms), self.population_size()), (jnp.asarray(self._wiring(n)),), None

    @classmethod
    def localise(cls, static, train, n):
        """Flat indices into this device's neurons: local neuron i's population starts at (i // P) P."""
        _, p = static
        return jnp.asarray((jnp.arange(n) // p * p)[:, None] + train[0], jnp.int32)

    @classmethod
    def events(cls, static, train, ctx, step_events):  # gather the spikes of each neuron's K presynaptic partners
        delays, _ = static
        return ctx.delayed(delays)[train].sum(axis=1)


@dataclass(frozen=True)
class PoissonTrain(SourceBase):
    """Independent Poisson events at ``rate_hz`` per neuron (scalar or (n,)), drawn inside the time
    loop from a counter-based hash of (seed, stream, step): the same seed and stream give the same
    events however the neurons are batched or sharded. ``stream`` (n,) defaults to the neuron index;
    give equal streams to neurons that should see the same input (common random numbers across
    conditions)."""

    rate_hz: float | np.ndarray
    seed: int | np.ndarray = 0
    stream: np.ndarray | None = None

    def pad(self, n, n_pad):
        stream = np.arange(n) if self.stream is None else self.stream
        return PoissonTrain(*(np.asarray(pad_neurons(np.broadcast_to(x, (n,)), n, n_pad)) for x in (self.rate_hz, self.seed, stream)))

    def prepare(self, n, n_steps, dt_ms, dtype):
        """(mean events per step, its e^(−mean), per-neuron hash key (uint32)), each (n,), and the terms
        of the Poisson inversion so that P(count > terms) < 1e-12 at the largest mean."""
        from scipy.stats import poisson

        rate = np.broadcast_to(np.asarray(self.rate_hz, float), (n,))
        lam = rate * dt_ms * 1e-3
        if not np.all(np.isfinite(lam)) or lam.min() < 0 or lam.max() > 5:
            raise ParameterError(invalid("rate_hz", f"{rate.max():g} Hz", f"0 to {5e3 / dt_ms:g} Hz at dt {dt_ms:g} ms (at most 5 events per step)"))
        seed = np.broadcast_to(np.asarray(self.seed), (n,)).astype(np.uint64).astype(np.uint32)
        stream = np.arange(n) if self.stream is None else np.broadcast_to(np.asarray(self.stream), (n,))
        with np.errstate(over="ignore"):
            key = mix32(mix32(seed ^ np.uint32(0x9E3779B9)) ^ stream.astype(np.uint32))
        terms = max(1, int(poisson.isf(1e-12, float(np.max(lam)))) + 1)
        return terms, (jnp.asarray(lam), jnp.asarray(np.exp(-lam)), jnp.asarray(key, dtype=jnp.uint32)), None

    @classmethod
    def events(cls, static, train, ctx, step_events):  # invert the Poisson CDF at a hashed uniform: count = #{j : F(j) < u}
        lam, p0, key = train
        bits = mix32(key ^ mix32(ctx.k.astype(jnp.uint32) * jnp.uint32(0x9E3779B9) + jnp.uint32(1)))
        u = (bits >> 8).astype(ctx.dtype) * (1.0 / (1 << 24))
        p = p0
        cdf, count = p, jnp.zeros_like(lam)
        for j in range(1, static + 1):
            count = count + (u > cdf)
            p = p * lam / j
            cdf = cdf + p
        return count.astype(ctx.dtype)


@dataclass(frozen=True)
class EventArray(SourceBase):
    """Event counts per step: shape (T,) for all neurons or (T, N)."""

    counts: np.ndarray

    def pad(self, n, n_pad):
        counts = np.asarray(self.counts)
        return self if counts.ndim == 1 else EventArray(np.asarray(pad_neurons(counts, n, n_pad, axis=1)))

    def prepare(self, n, n_steps, dt_ms, dtype):
        counts = np.asarray(self.counts, dtype=float)[:n_steps]
        counts = np.pad(counts, [(0, n_steps - counts.shape[0])] + [(0, 0)] * (counts.ndim - 1))
        return None, None, jnp.asarray(counts if counts.ndim == 2 else counts[:, None], dtype=dtype)

    @classmethod
    def events(cls, static, train, ctx, step_events):
        return step_events[0] if step_events.shape[0] == 1 else step_events
