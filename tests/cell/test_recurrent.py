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
