"""The two-compartment WDR neuron (Aguiar et al. 2010 currents): rest, excitability, Ca2+ and I_CAN."""

import dataclasses

import numpy as np
import pytest

from magnesim.cell import Drive, VolleyTrain, WDRNeuron, run
from magnesim.synapse import DualExpConductance, Synapse

W = WDRNeuron()


def test_geometry():
    assert W.soma_area == pytest.approx(np.pi * 400)
    assert W.dend_area == pytest.approx(np.pi * 2000)
    assert W.coupling_nS() == pytest.approx(33.46, abs=0.05)  # Ra 150 ohm cm, soma + half dendrite


def test_rest_and_current_evoked_firing():
    r = run(W, [], 4, 1500.0, i_ext_pA=np.array([0.0, 20.0, 100.0, 200.0]), bin_ms=100.0, record=("v",), threshold_mV=-30.0, shard=False)
    counts = r.spike_count
    assert counts[0] == 0 and r.traces["v"][-1, 0] == pytest.approx(W.e_pas, abs=0.5)
    assert counts[1] <= counts[2] <= counts[3] and counts[3] > 0


def test_volley_answer_then_rest_not_bistable():
    """An Aδ volley (20 fibres, 0.8 nS AMPA each) evokes a few spikes, then the cell is silent again."""
    rng = np.random.default_rng(0)
    volley = VolleyTrain(100.0, 1000.0, 1, 30.0 + 5.0 * rng.random((1, 20)))
    ampa = Synapse(DualExpConductance(0.1, 5.0, 0.8), 0.0, 0.0, None, "fraction", "ampa")
    r = run(W, [Drive(ampa, volley, 1)], 1, 1000.0, bin_ms=50.0, threshold_mV=-30.0, shard=False)
    spikes = r.spikes[:, 0]
    assert 1 <= spikes[2:4].sum() <= 10 and spikes[6:].sum() == 0


def test_hillock_axon_lumping_removes_bistability():
    bare = dataclasses.replace(W, axon_length_um=0.0, hillock_length_um=0.0)
    rng = np.random.default_rng(0)
    volley = VolleyTrain(100.0, 1000.0, 1, 30.0 + 5.0 * rng.random((1, 20)))
    ampa = Synapse(DualExpConductance(0.1, 5.0, 0.8), 0.0, 0.0, None, "fraction", "ampa")
    r = run(bare, [Drive(ampa, volley, 1)], 1, 1000.0, bin_ms=50.0, threshold_mV=-30.0, shard=False)
    assert r.spikes[6:, 0].sum() > 50  # the bare 20 um HH2 soma keeps firing after one volley


def test_dendritic_calcium_drives_slow_can_current():
    """Depolarising the cell raises dendritic Ca2+ through L-type channels; I_CAN follows with its
    ~2 s time constant (m∞ = 0.5 at 0.5 µM Ca2+)."""
    r = run(W, [], 1, 4000.0, i_ext_pA=150.0, bin_ms=500.0, record=("ca_dend", "m_can"), threshold_mV=-30.0, shard=False)
    m = r.traces["m_can"][:, 0]
    assert r.traces["ca_dend"][-1, 0] > 0.1
    assert m[0] < m[3] < m[-1]  # still rising after 2 s: slow


def test_synaptic_calcium_current_recordable_without_a_pool():
    """Regression: recording "ica{i}" on a cell with its own Ca2+ shells (no CalciumPool) used its Ca2+."""
    from magnesim.cell import RegularTrain
    from magnesim.synapse import nmda

    r = run(W, [Drive(nmda(2.0), RegularTrain(50.0, 100.0, 5), 1)], 1, 400.0, i_ext_pA=60.0, bin_ms=5.0,
            record=("ica0", "i0"), threshold_mV=-30.0, shard=False)
    ica, i = r.traces["ica0"][:, 0], r.traces["i0"][:, 0]
    assert ica.min() < 0 and np.all(ica <= 0)
    np.testing.assert_allclose(ica, 0.1 * np.minimum(i, 0.0), rtol=1e-9, atol=1e-12)
