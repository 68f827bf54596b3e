"""Sparse wiring, in-loop Poisson sources and short-term depression of the engine."""

import dataclasses

import numpy as np
import pytest

from magnesim.cell import (
    Connections,
    Depression,
    Drive,
    PoissonTrain,
    PospischilNeuron,
    Recurrent,
    run,
)
from magnesim.errors import ParameterError
from magnesim.synapse import ampa
from magnesim.synapse.conductances import ExpConductance

from .._devices import several_devices

# a counting synapse: conductance = number of events received so far (no decay), in units of 1e-6 nS
COUNTER = dataclasses.replace(ampa(1e-6), kinetics=ExpConductance(1e15, 1e-6))


def counts(source, n, duration=1000.0, dt=0.1, **kw):
    r = run(PospischilNeuron(), [Drive(COUNTER, source)], n, duration, dt, record=("g0",), bin_ms=duration / 10, **kw)
    return np.diff(np.vstack([np.zeros((1, n)), r.traces["g0"] * 1e6]), axis=0).round()


def test_poisson_counts_have_poisson_statistics():
    rates = np.linspace(50.0, 4000.0, 300)
    c = counts(PoissonTrain(rates, seed=3), rates.size, duration=2000.0)
    total = c.sum(axis=0)
    z = (total - 2.0 * rates) / np.sqrt(2.0 * rates)  # 2 s
    assert abs(z.mean()) < 0.25 and 0.8 < z.std() < 1.2
    fano = (c.var(axis=0, ddof=1) / c.mean(axis=0)).mean()  # variance = mean for Poisson counts
    assert 0.85 < fano < 1.15
    corr = np.corrcoef(c[:, 100:200].T)[np.triu_indices(100, 1)]
    assert abs(corr.mean()) < 0.05  # streams are independent


@several_devices
def test_poisson_reproducible_and_independent_of_sharding_and_batch():
    src = PoissonTrain(500.0, seed=11)
    a = counts(src, 160, shard=True)
    b = counts(src, 160, shard=False)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(counts(src, 40, shard=False), a[:, :40])  # stream = neuron index
    assert not np.array_equal(counts(PoissonTrain(500.0, seed=12), 160, shard=False), a)
    shared = counts(PoissonTrain(500.0, seed=11, stream=np.zeros(4, int)), 4, shard=False)
    assert np.all(shared == shared[:, :1])  # equal streams see equal events


def test_poisson_rate_out_of_range():
    with pytest.raises(ParameterError, match="rate_hz"):
        counts(PoissonTrain(1e6), 4)


def _pair_drives(source):
    return [Drive(ampa(40.0), source)]


def test_sparse_wiring_equals_dense_matrix():
    """Connections with index lists give exactly the spikes of the equivalent dense Recurrent matrix."""
    rng = np.random.default_rng(0)
    p, k = 12, 3
    pre = np.stack([rng.choice(np.delete(np.arange(p), i), k, replace=False) for i in range(p)])
    dense = np.zeros((p, p))
    np.add.at(dense, (np.repeat(np.arange(p), k), pre.ravel()), 1.0)
    i_ext = np.tile(np.where(np.arange(p) < 3, 300.0, 60.0), 2)
    kw = dict(i_ext_pA=i_ext, bin_ms=1.0, shard=False)
    a = run(PospischilNeuron(), _pair_drives(Connections(pre, p, 1.5)), 2 * p, 300.0, 0.05, **kw)
    b = run(PospischilNeuron(), _pair_drives(Recurrent(dense, 1.5)), 2 * p, 300.0, 0.05, **kw)
    np.testing.assert_array_equal(a.spikes, b.spikes)
    assert a.spike_count[3:p].sum() > 0  # the wiring carries spikes
    per_neuron = np.concatenate([pre, pre])  # (n, K) form: the same network per condition
    c = run(PospischilNeuron(), _pair_drives(Connections(per_neuron, p, 1.5)), 2 * p, 300.0, 0.05, **kw)
    np.testing.assert_array_equal(a.spikes, c.spikes)


def test_bad_sparse_wiring_rejected():
    with pytest.raises(ParameterError, match="pre"):
        run(PospischilNeuron(), _pair_drives(Connections(np.array([[5], [0]]), 2, 1.0)), 4, 10.0, 0.1)
    with pytest.raises(ParameterError, match="pre"):
        run(PospischilNeuron(), _pair_drives(Connections(np.zeros((2, 1), int), 2, 1.0)), 3, 10.0, 0.1)


def test_depression_follows_tsodyks_markram_recursion():
    """A presynaptic cell firing regularly: the resources delivered with successive spikes follow
    x_{k+1} = 1 − (1 − x_k (1 − U)) e^(−Δt/τ_rec) (Tsodyks & Markram 1997)."""
    use, tau = 0.5, 200.0
    r = run(PospischilNeuron(), [Drive(COUNTER, Recurrent(np.array([[0.0, 0.0], [1.0, 0.0]]), 0.1))], 2, 1000.0, 0.05,
            i_ext_pA=np.array([400.0, 0.0]), bin_ms=0.05, record=("g0", "x"), depression=Depression(use, tau))
    steps = np.flatnonzero(r.spikes[:, 0])
    assert steps.size > 5
    delivered = np.diff(np.concatenate([[0.0], r.traces["g0"][:, 1] * 1e6]))
    got = np.array([delivered[s: s + 5].sum() for s in steps[:-1]])  # event arrives 0.1 ms after the spike
    x, expected = 1.0, []
    for k, s in enumerate(steps[:-1]):
        expected.append(x)
        x = 1.0 - (1.0 - x * (1.0 - use)) * np.exp(-(steps[k + 1] - s) * 0.05 / tau)
    np.testing.assert_allclose(got, expected, rtol=2e-3, atol=2e-3)
    assert 0.0 < r.traces["x"][:, 0].min() < 0.5 and np.all(r.traces["x"][:, 1] == 1.0)  # only the firing cell depletes


def test_pospischil_cells_rest_and_adapt():
    """Resting potentials of Pospischil's fits (RS −71.9, FS −71.4 mV, as in the paper's figures) and
    spike-frequency adaptation of the RS cell under a current step."""
    for cell, rest in ((PospischilNeuron(), -71.9), (PospischilNeuron.fast_spiking(), -71.4)):
        r = run(cell, [], 1, 500.0, 0.05, bin_ms=100.0, record=("v",))
        assert r.traces["v"][-1, 0] == pytest.approx(rest, abs=0.3)
        assert r.spike_count[0] == 0
    step = run(PospischilNeuron(), [], 1, 1000.0, 0.05, i_ext_pA=200.0, bin_ms=100.0)
    assert step.spikes[0, 0] > step.spikes[-1, 0] > 0


def test_a_new_kind_of_source_needs_no_change_to_the_engine():
    """A source written outside the engine (the Source protocol, defaults from SourceBase) drives
    neurons exactly like the same events given as an EventArray."""
    from dataclasses import dataclass

    import jax.numpy as jnp

    from magnesim.cell import Drive, EventArray, TraubMiles, run
    from magnesim.cell.sources import SourceBase
    from magnesim.synapse import ampa

    @dataclass(frozen=True)
    class EveryNthStep(SourceBase):
        every: int

        def prepare(self, n, n_steps, dt_ms, dtype):
            return self.every, (), None  # the period is static; nothing enters the loop as data

        @classmethod
        def events(cls, static, train, ctx, step_events):
            return jnp.broadcast_to((jnp.mod(ctx.k, static) == 0).astype(ctx.dtype), (ctx.n,))

    dt, steps, every = 0.025, 8000, 400  # 200 ms, an event every 10 ms
    counts = (np.arange(steps) % every == 0).astype(float)
    synapse = ampa(np.array([2.0, 6.0]))
    ours = run(TraubMiles(), [Drive(synapse, EveryNthStep(every))], 2, steps * dt, dt, record=("g0",))
    reference = run(TraubMiles(), [Drive(synapse, EventArray(counts))], 2, steps * dt, dt, record=("g0",))
    np.testing.assert_array_equal(ours.spikes, reference.spikes)
    np.testing.assert_allclose(ours.traces["g0"], reference.traces["g0"], rtol=1e-12)
    assert ours.traces["g0"].max() > 0
