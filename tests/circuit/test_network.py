"""Low-Mg2+ network requirements (issues 3, 13): quiet at 1-2 mM, recurrent events without Mg2+ at the
intervals of slices, abolished by an NMDA antagonist, event rate non-increasing in [Mg2+]o.

Calibration (scripts/calibrate_network.py, parameter notes network.*) used only three targets: quiet
at 1 mM, repeated bursts (not a sustained state) at 0 mM, and (issue 13) a mean interval between
Mg2+-free events within the 4-160 s of slices, with seed 1. The other [Mg2+]o values, the event
durations, the antagonist and seed 2 are validation. Qualitative targets: Anderson et al. 1986, Mody et al. 1987
(Mg2+-free medium evokes recurrent epileptiform discharges that NMDA antagonists abolish).
"""

import numpy as np
import pytest
import xarray as xr

from magnesim.circuit import LowMgNetwork, population_bursts
from magnesim.experiments import network

pytestmark = pytest.mark.slow  # the 30-s network runs (~7 min)

MG = [0.0, 0.1, 0.5, 1.0, 2.0]


@pytest.fixture(scope="module")
def sweep():
    """Seed 1, 30 s: 0 and 1 mM from the validation run (shared, same seed and length), the rest here."""
    from magnesim.validation._circuit import NETWORK_RUN, network_run

    both = network_run().sel(nmda_scale=1.0)
    rest = network([0.1, 0.5, 2.0], NETWORK_RUN, 1.0, seed=1).isel(seed=0, nmda_scale=0)
    return xr.concat([both, rest], "mg_mM", join="outer").sortby("mg_mM")


@pytest.fixture(scope="module")
def antagonist():
    from magnesim.validation._circuit import NETWORK_RUN

    return network([0.0], NETWORK_RUN, [0.0, 1.0], seed=2).isel(seed=0)


def test_quiet_asynchronous_at_1_to_2_mM(sweep):
    quiet = sweep.sel(mg_mM=[1.0, 2.0])
    assert np.all(quiet.events.values == 0)
    assert np.all(quiet.exc_rate_hz.values < 2.0)
    assert np.all(quiet.inh_rate_hz.values > 0.5)  # active (background-driven), not silent
    assert float(quiet.population_rate.max()) < 10.0  # no synchronous surge below the detector either


def test_recurrent_events_without_mg(sweep, antagonist):
    free = sweep.sel(mg_mM=0.0)
    assert int(free.events) >= 3 and float(free.event_peak_hz.max()) > 50.0  # repeated, in 29.5 s analysed
    other_seed = antagonist.sel(nmda_scale=1.0, mg_mM=0.0)
    assert int(other_seed.events) >= 2 and float(other_seed.event_peak_hz.max()) > 50.0  # 29.5 s analysed


def test_recurrent_events_at_0_1_mM(sweep):
    """Validation: slices discharge in nominally Mg2+-free ACSF, which holds 50-80 uM (V063)."""
    assert int(sweep.sel(mg_mM=0.1).events) >= 3


def test_events_recur_at_slice_intervals(antagonist):
    """Validation on seed 2 (seed 1 at 0 mM is the calibration target network-interval): seconds apart,
    as in slices (Avoli 1991: 4-160 s; rodent interictal ~0.1-0.5 Hz), each a 100-800 ms discharge
    (Tancredi 1990)."""
    ds = antagonist.sel(nmda_scale=1.0, mg_mM=0.0)
    onsets = ds.event_onset_ms.values[np.isfinite(ds.event_onset_ms.values)]
    ends = ds.event_end_ms.values[np.isfinite(ds.event_end_ms.values)]
    assert 2.0 <= float(ds.mean_interval_s) <= 160.0
    assert float(ds.mean_interval_s) == pytest.approx(np.diff(onsets).mean() / 1000.0)
    assert np.all((ends - onsets >= 100.0) & (ends - onsets <= 800.0))


def test_nmda_antagonist_abolishes_events(antagonist):
    blocked = antagonist.sel(nmda_scale=0.0)
    assert np.all(blocked.events.values == 0)
    assert np.all(blocked.exc_rate_hz.values < 2.0)


def test_event_rate_non_increasing_in_mg(sweep):
    rate = sweep.event_rate_per_min.values
    assert np.all(np.diff(rate[1:]) <= 0), dict(zip(MG, rate, strict=True))  # from 0.1 mM up
    assert rate[0] > 0 and rate[-1] == 0


def test_dataset_units_and_provenance(sweep):
    assert sweep.mean_rate_hz.attrs["units"] == "Hz" and sweep.event_rate_per_min.attrs["units"] == "1/min"
    assert "network.nmda_e" in sweep.attrs["network_parameters"]
    assert sweep.attrs["model"] == "pospischil-2008" and sweep.attrs["detector"].startswith("population rate")
    assert '"value": 0.0015' in sweep.attrs["parameters"]  # the network's RS slow K+ density, one value per cell type
    assert "pospischil.fs.g_na" in sweep.attrs["inhibitory_cell_parameters"]


def test_burst_detector_on_synthetic_rates():
    rate = np.zeros(400)  # 5 ms bins, 2 s
    rate[40:60] = 100.0  # 100 ms burst
    rate[70:74] = 100.0  # 20 ms later: merged with the first
    rate[200:202] = 200.0  # 10 ms at 200 Hz: smoothed to 100 Hz, above threshold for > 20 ms, kept
    rate[300:301] = 60.0  # one bin at 60 Hz: smoothed to 15 Hz, below threshold
    events = population_bursts(rate, 5.0)
    assert events.shape == (2, 3)
    assert events[0, 0] == pytest.approx(195.0, abs=10) and events[0, 1] == pytest.approx(375.0, abs=10)
    assert population_bursts(np.full(100, 5.0), 5.0).shape == (0, 3)


def test_wiring_fixed_in_degree_without_self_contacts():
    net = LowMgNetwork()
    pre_e, pre_i = net.wiring(7)
    assert pre_e.shape == (1000, 80) and pre_i.shape == (1000, 20)
    assert pre_e.max() < 800 and pre_i.min() >= 800
    assert not np.any(pre_e == np.arange(1000)[:, None]) and not np.any(pre_i == np.arange(1000)[:, None])
    assert all(len(set(row)) == row.size for row in pre_e)  # no double contacts
    assert not np.array_equal(net.wiring(8)[0], pre_e)
