"""Recurrent drives: spikes of simulated neurons reach their targets after the delay, within a population only."""

import numpy as np
import pytest

from magnesim.cell import Drive, Recurrent, WDRNeuron, run
from magnesim.errors import ParameterError
from magnesim.synapse import ampa

from .._devices import several_devices

CHAIN = np.array([[0.0, 0.0], [1.0, 0.0]])  # post 1 <- pre 0


def chain(i_ext, weights=CHAIN, delay=2.0, record=()):
    drive = Drive(ampa(50.0), Recurrent(weights, delay), 0)
    return run(WDRNeuron(), [drive], len(i_ext), 300.0, 0.025, i_ext_pA=np.asarray(i_ext), bin_ms=0.025,
               record=record, threshold_mV=-30.0)


def test_spikes_propagate_only_along_connections():
    r = chain([150.0, 0.0, 0.0, 0.0])  # two populations (conditions); only neuron 0 of the first is driven
    counts = r.spike_count
    assert counts[0] > 3 and counts[1] > 0  # the target follows
    assert counts[2] == 0 and counts[3] == 0  # nothing leaks into the second condition
    silent = chain([150.0, 0.0], weights=np.zeros((2, 2)))
    assert silent.spike_count[1] == 0


def test_conductance_arrives_after_the_delay():
    r = chain([150.0, 0.0], delay=2.0, record=("g0",))
    pre_spike = int(np.argmax(r.spikes[:, 0] > 0))  # step of neuron 0's first spike
    g = r.traces["g0"][:, 1]
    first_event = int(np.argmax(g > 0))
    assert first_event - pre_spike == pytest.approx(2.0 / 0.025, abs=1)
    assert g[first_event] == pytest.approx(50.0)


def test_bad_wiring_rejected():
    with pytest.raises(ParameterError, match="weights"):
        chain([150.0, 0.0, 0.0], weights=CHAIN)  # 3 neurons are not whole populations of 2


def test_several_delays_are_parallel_contacts():
    """One drive with delays (2, 7) ms equals two drives with one delay each (the synapse is linear)."""
    def both(drives):
        return run(WDRNeuron(), drives, 2, 200.0, 0.025, i_ext_pA=np.array([150.0, 0.0]), bin_ms=0.025, record=("v",),
                   threshold_mV=-30.0).traces["v"][:, 1]

    joint = both([Drive(ampa(5.0), Recurrent(CHAIN, np.array([2.0, 7.0])), 0)])
    split = both([Drive(ampa(5.0), Recurrent(CHAIN, 2.0), 0), Drive(ampa(5.0), Recurrent(CHAIN, 7.0), 0)])
    np.testing.assert_allclose(joint, split, atol=1e-9)
    assert joint.max() > both([]).max() + 1.0  # the contacts do depolarise the target


@several_devices
def test_sharded_populations_match_unsharded():
    i_ext = np.tile([150.0, 0.0], 70)  # 70 populations of two
    kw = dict(i_ext_pA=i_ext, bin_ms=1.0, threshold_mV=-30.0)
    drive = [Drive(ampa(50.0), Recurrent(CHAIN, 2.0), 0)]
    a = run(WDRNeuron(), drive, i_ext.size, 100.0, 0.025, shard=True, **kw)
    b = run(WDRNeuron(), drive, i_ext.size, 100.0, 0.025, shard=False, **kw)
    np.testing.assert_array_equal(a.spikes, b.spikes)


def test_a_drive_on_one_role_of_each_population():
    """A drive with ``role`` r reaches only position r of each population: the same spikes as giving
    the other positions zero weight (how circuits expressed roles before), and no gating there."""
    from magnesim.cell import RegularTrain, TraubMiles

    n, train = 6, RegularTrain(5.0, 10.0, 20)
    wiring = Drive(ampa(0.0), Recurrent(np.zeros((2, 2)), 1.0))  # populations of two neurons, no coupling
    weights = np.linspace(4.0, 9.0, n)
    by_role = run(TraubMiles(), [wiring, Drive(ampa(weights), train, role=1)], n, 200.0, record=("g1",))
    by_weight = run(TraubMiles(), [wiring, Drive(ampa(np.where(np.arange(n) % 2 == 1, weights, 0.0)), train)], n, 200.0)
    np.testing.assert_array_equal(by_role.spikes, by_weight.spikes)
    assert by_role.spike_count[1::2].sum() > 0 and np.all(by_role.traces["g1"][:, 0::2] == 0) and by_role.traces["g1"][:, 1::2].max() > 0
    with pytest.raises(ParameterError, match=r"drives\[1\]\.role: got 2; accepted: None or a position 0 to 1"):
        run(TraubMiles(), [wiring, Drive(ampa(1.0), train, role=2)], n, 10.0)


def test_roles_accept_numpy_integers_and_wired_sources_must_agree():
    from magnesim.cell import RegularTrain, TraubMiles

    train = RegularTrain(5.0, 10.0, 2)
    pairs = Drive(ampa(0.0), Recurrent(np.zeros((2, 2)), 1.0))
    run(TraubMiles(), [pairs, Drive(ampa(1.0), train, role=np.int64(1))], 4, 5.0)
    with pytest.raises(ParameterError, match=r"drives: got 'populations of \[2, 3\]'; accepted: wired sources of one population size"):
        run(TraubMiles(), [pairs, Drive(ampa(0.0), Recurrent(np.zeros((3, 3)), 1.0))], 6, 5.0)
