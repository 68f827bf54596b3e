"""The B1 neuron (Traub-Miles + AMPA + NMDA with Jahr-Stevens block) against NEURON reference traces.

`scripts/reference_traces/b1_neuron.py` ran the same neuron in NEURON 9.0.2 with CVODE (atol 1e-6,
output interpolated at 0.025 ms) and stored spike times and voltage in tests/data/reference. magnesim
integrates by exponential Euler, a first-order method, so its spike-time error grows with dt and
accumulates over a 2 s run; the tolerances follow from that: at the benchmark's dt = 0.025 ms spike
counts within 3 and the first spike within 0.2 ms; at dt/4 counts within 1 and errors ~4x smaller.
"""

from pathlib import Path

import numpy as np
import pytest

from magnesim.cell import Drive, RegularTrain, TraubMiles, run
from magnesim.synapse import ampa, nmda

REF = np.load(Path(__file__).parents[1] / "data" / "reference" / "b1_neuron_cvode.npz")
MG = REF["mg_mM"]
STARTS = np.concatenate([[0], np.cumsum(REF["spike_counts"])])


def reference_spikes(i):
    return REF["spike_times_ms"][STARTS[i]:STARTS[i + 1]]


def simulate(dt):
    train = RegularTrain(10.0, 50.0, 40)
    r = run(TraubMiles(), [Drive(ampa(6.0), train), Drive(nmda(3.0), train)], MG.size, 2000.0, dt, mg_mM=MG, bin_ms=dt,
            record=("v",), shard=False)
    v = r.traces["v"]
    t = np.arange(1, v.shape[0] + 1) * dt
    spikes = []
    for i in range(MG.size):
        up = np.nonzero((v[:-1, i] < -20) & (v[1:, i] >= -20))[0]
        spikes.append(t[up] + (-20 - v[up, i]) / (v[up + 1, i] - v[up, i]) * dt)  # interpolated crossing
    return spikes


@pytest.fixture(scope="module")
def coarse():
    return simulate(0.025)


@pytest.fixture(scope="module")
def fine():
    return simulate(0.00625)


def test_spike_counts_at_benchmark_step(coarse):
    counts = np.array([s.size for s in coarse])
    np.testing.assert_allclose(counts, REF["spike_counts"], atol=3)  # CVODE: 157 57 49 40 40


def test_first_spike_and_regular_firing(coarse):
    for i in range(MG.size):
        assert abs(coarse[i][0] - reference_spikes(i)[0]) < 0.2
    # at 3 mM the cell follows the 20 Hz input one-for-one: every spike within 0.5 ms
    np.testing.assert_allclose(coarse[4], reference_spikes(4), atol=0.5)


def test_convergence_towards_reference(coarse, fine):
    counts = np.array([s.size for s in fine])
    np.testing.assert_allclose(counts, REF["spike_counts"], atol=1)
    for i in range(MG.size):
        e_coarse = abs(coarse[i][0] - reference_spikes(i)[0])
        e_fine = abs(fine[i][0] - reference_spikes(i)[0])
        assert e_fine < e_coarse / 3  # first order: 4x smaller step, ~4x smaller error
    np.testing.assert_allclose(fine[4], reference_spikes(4), atol=0.1)
