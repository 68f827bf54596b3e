"""Wind-up requirements (issue 3): growth at 1 Hz, frequency dependence, AP5, [Mg2+]o dependence.

Calibration (scripts/calibrate_windup.py) used only the 1 Hz, 1 mM control and AP5 conditions; the
frequency series and the [Mg2+]o curve are validation. Targets: Dickenson & Sullivan 1987 (AP5
reduces wind-up with minor change of the C input), Herrero et al. 2000 (wind-up at >= 0.5 Hz, none
at <= 0.2 Hz).
"""

import numpy as np
import pytest

from magnesim.experiments import windup, windup_index

MG = [0.0, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0]


@pytest.fixture(scope="module")
def at_1hz():
    return windup(mg=MG, freq=1.0, nmda_scale=[1.0, 0.0]).isel(subunit=0, freq_hz=0)


@pytest.fixture(scope="module")
def frequencies():
    return windup(mg=1.0, freq=[0.2, 0.5, 1.0, 2.0]).isel(subunit=0, mg_mM=0, nmda_scale=0)


def test_index_definition():
    np.testing.assert_allclose(windup_index([[2, 2, 2, 2], [2, 4, 6, 8]]), [1.0, 2.5])
    assert np.isnan(windup_index([0, 3, 4]))


def test_windup_at_1hz_1mM(at_1hz):
    r = at_1hz.spikes_per_stimulus.sel(mg_mM=1.0, nmda_scale=1.0).values
    assert r[0] >= 3  # the first stimulus already evokes a C response
    assert r[-1] >= 1.5 * r[0] and np.all(np.diff(r) >= -1)  # responses grow along the train
    assert float(at_1hz.windup_index.sel(mg_mM=1.0, nmda_scale=1.0)) > 1.3


@pytest.mark.slow
def test_frequency_dependence(frequencies):
    wi = frequencies.windup_index.values  # 0.2, 0.5, 1, 2 Hz
    assert wi[0] <= 1.1  # little or none at 0.2 Hz
    assert np.all(wi[1:] >= 1.2) and np.all(np.diff(wi[1:]) > 0)  # clear at 0.5-2 Hz, growing with frequency


def test_ap5_abolishes_windup_but_keeps_the_first_response(at_1hz):
    control, ap5 = at_1hz.sel(mg_mM=1.0, nmda_scale=1.0), at_1hz.sel(mg_mM=1.0, nmda_scale=0.0)
    assert abs(int(ap5.first_response) - int(control.first_response)) <= 0.3 * int(control.first_response)
    assert float(ap5.windup_index) <= 1.1
    assert int(ap5.windup_excess) <= 0.2 * int(control.windup_excess)


def test_mg_dependence_monotone_and_smooth(at_1hz):
    c = at_1hz.sel(nmda_scale=1.0)
    total = c.total_spikes.values
    assert np.all(np.diff(total) < 0)  # more Mg2+, fewer C-evoked spikes over the whole train
    assert np.all(total[:-1] / total[1:] < 3.0)  # no knife-edge between neighbouring grid points
    excess = c.windup_excess.sel(mg_mM=slice(0.1, None)).values
    assert np.all(np.diff(excess) <= 0) and excess[-1] <= 5  # wind-up falls with Mg2+ from 0.1 to 3 mM
    first = c.first_response.sel(mg_mM=slice(0.25, None)).values
    assert np.all((first >= 3) & (first <= 60))  # neither silent nor runaway (the published model's knife-edge)


@pytest.mark.xfail(strict=True, reason="Mg2+-free: the first C response is already ~100 spikes (near the firing "
                   "ceiling), so wind-up at 0 mM is smaller than at 0.1 mM; monotone only from 0.1 mM")
def test_mg_dependence_monotone_from_zero(at_1hz):
    excess = at_1hz.windup_excess.sel(nmda_scale=1.0).values
    assert excess[0] >= excess[1]


def test_weaker_block_subunit_winds_up_more():
    ds = windup(mg=1.0, stimuli=6, subunit=["GluN2A", "GluN2D"]).squeeze()
    assert int(ds.total_spikes.sel(subunit="GluN2D")) > int(ds.total_spikes.sel(subunit="GluN2A"))
    assert ds.attrs["block"] == "woodhull"


def test_dataset_units_and_provenance(at_1hz):
    assert at_1hz.mg_mM.attrs["units"] == "mM" and at_1hz.attrs["magnesim_version"]
    assert '"id": "windup.relay_nmda"' in at_1hz.attrs["circuit_parameters"]
    assert at_1hz.attrs["stimuli"] == 16 and at_1hz.attrs["count_after_ms"] == 100.0
