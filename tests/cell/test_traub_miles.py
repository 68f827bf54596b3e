"""The Traub-Miles neuron and the simulation engine: rates, rest, firing, time-varying Mg2+, sweeps."""

import jax.numpy as jnp
import numpy as np
import pytest

from magnesim.cell import Drive, RegularTrain, SampledCurve, TraubMiles, run
from magnesim.experiments import fire
from magnesim.synapse import ampa, nmda

from .._devices import several_devices


def test_rates_match_the_textbook_forms():
    tm = TraubMiles()
    v = np.linspace(-100, 50, 1501)
    u = v - tm.v_t_mV
    with np.errstate(invalid="ignore", divide="ignore"):  # the textbook forms are 0/0 at three points
            expected = [0.32 * (13 - u) / (np.exp((13 - u) / 4) - 1), 0.28 * (u - 40) / (np.exp((u - 40) / 5) - 1),
                    0.128 * np.exp((17 - u) / 18), 4 / (1 + np.exp((40 - u) / 5)),
                    0.032 * (15 - u) / (np.exp((15 - u) / 5) - 1), 0.5 * np.exp((10 - u) / 40)]
    for got, ref in zip(tm.rates(v), expected, strict=True):
        ok = np.isfinite(ref)
        np.testing.assert_allclose(np.asarray(got)[ok], ref[ok], rtol=1e-8)


def test_units_of_the_cobahh_cell():
    tm = TraubMiles()
    assert tm.capacitance_pF == pytest.approx(200.0)
    assert tm._nS(tm.g_leak_S_cm2) == pytest.approx(10.0)
    assert tm._nS(tm.g_na_S_cm2) == pytest.approx(20000.0)


def test_action_potentials_need_na_channels_not_nmda():
    ds = fire("200 pA", [0.0, 1.0], "1 mM", "500 ms", na_scale=[0.0, 1.0])
    spikes = ds.spikes.sel(current_pA=200.0, mg_mM=1.0)
    assert int(spikes.sel(nmda_scale=0.0, na_scale=1.0)) > 10  # fires with NMDA removed
    assert int(spikes.sel(nmda_scale=1.0, na_scale=0.0)) == 0  # no spikes without g_Na


def test_more_mg_fewer_spikes_and_one_call_sweep():
    n = 31
    mg = np.linspace(0, 3, n)
    train = RegularTrain(10.0, 50.0, 20)
    r = run(TraubMiles(), [Drive(ampa(6.0), train), Drive(nmda(3.0), train)], n, 1000.0, mg_mM=mg, bin_ms=50.0)
    counts = r.spike_count
    assert counts[0] > counts[-1] and np.all(np.diff(counts) <= 1)


def test_time_varying_mg_curve():
    """[Mg2+]o stepping from 0 to 3 mM halfway cuts the NMDA current at rest."""
    train = RegularTrain(10.0, 50.0, 40)
    drives = [Drive(nmda(3.0), train)]
    curve = SampledCurve(np.array([0.0, 999.9, 1000.0, 2000.0]), np.array([0.0, 0.0, 3.0, 3.0]))
    r = run(TraubMiles(), drives, 1, 2000.0, mg_mM=curve, bin_ms=10.0, record=("i0", "b0"))
    b = r.traces["b0"][:, 0]
    assert b[50] == pytest.approx(1.0) and b[150] < 0.2


def test_per_neuron_weights_and_trains():
    weights = np.array([0.0, 3.0, 6.0])
    train = RegularTrain(10.0, np.array([1000.0, 50.0, 50.0]), np.array([1, 40, 40]))
    r = run(TraubMiles(), [Drive(ampa(weights), train)], 3, 1000.0, bin_ms=100.0, record=("g0",))
    assert r.traces["g0"][:, 0].max() == 0.0
    assert r.spike_count[2] >= r.spike_count[1] >= r.spike_count[0]


@several_devices
def test_sharding_across_devices_changes_nothing():
    """Conditions split across host devices (one per core) give identical results, padding included."""
    n = 301
    mg = np.linspace(0, 3, n)
    train = RegularTrain(10.0, 50.0, 10)
    drives = [Drive(ampa(np.linspace(3, 9, n)), train), Drive(nmda(3.0), train)]
    a = run(TraubMiles(), drives, n, 300.0, mg_mM=mg, bin_ms=50.0, shard=False, record=("v",))
    b = run(TraubMiles(), drives, n, 300.0, mg_mM=mg, bin_ms=50.0, shard=True, record=("v",))
    np.testing.assert_array_equal(a.spikes, b.spikes)
    np.testing.assert_array_equal(a.traces["v"], b.traces["v"])


def test_trains_keep_time_past_2_to_the_24_steps_in_float32():
    """The step counter is an integer: a float32 counter stops at 2**24 steps and later trains never fire.
    The same train 2**24 steps later leaves the same conductance 20 ms after its start."""
    dt = 0.025

    def conductance(start_step):
        start = start_step * dt
        r = run(TraubMiles(), [Drive(ampa(50.0), RegularTrain(start, 5.0, 3))], 1, start + 20.0, dt, bin_ms=start + 20.0,
                dtype=jnp.float32, shard=False, record=("g0",))
        return float(r.traces["g0"][-1, 0])

    early = conductance(1000)
    assert early > 1.0 and conductance(2**24 + 1000) == pytest.approx(early, rel=1e-3)
