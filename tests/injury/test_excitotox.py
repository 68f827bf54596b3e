"""Excitotoxic injury (issue 5): calibration targets reproduced, and predictions that were not fitted.

Calibration (scripts/calibrate_injury.py) used exactly the targets of CALIBRATION below; the
[Mg2+]o dependence, the rescue time course between its two anchors, the route comparison and the
influx surface's invariants are not fitted.
"""

import numpy as np
import pytest

from magnesim.experiments import excitotox
from magnesim.experiments.excitotox import rescued_fraction
from magnesim.injury import ExcitotoxicInjury, influx_surface, occupancy

NEVER = 72 * 60.0  # antagonist at 72 h: never within the 24 h


@pytest.fixture(scope="module")
def acute():
    return excitotox("NMDA", 500.0, ["2 min", "5 min", "7.5 min"], 0.0,
                     antagonist_at=["5 min", "10 min", "15 min", "20 min", "35 min", "72 h"]).isel(conc_uM=0, mg_mM=0)


@pytest.fixture(scope="module")
def chronic():
    return excitotox("NMDA", [50.0, 85.0], "24 h", 0.8).death_fraction_24h.values.ravel()


def _rescue(acute, at_min):
    return float(rescued_fraction(acute.death_fraction_24h.sel(duration_min=5.0), at_min))


CALIBRATION = [  # (id, source, quantity, getter, lo, hi)
    ("V082", "Frandsen & Schousboe 1990", "chronic NMDA ED50 65 uM: death at 50 uM", lambda a, c: c[0], 0.0, 0.5),
    ("V082", "Frandsen & Schousboe 1990", "chronic NMDA ED50 65 uM: death at 85 uM", lambda a, c: c[1], 0.5, 1.0),
    ("V085", "Frandsen & Schousboe 1987", "2 min exposure survivable", lambda a, c: float(
        a.death_fraction_24h.sel(duration_min=2.0, antagonist_at_min=NEVER)), 0.0, 0.2),
    ("V086", "Frandsen & Schousboe 1987", "5 min exposure lethal", lambda a, c: float(
        a.death_fraction_24h.sel(duration_min=5.0, antagonist_at_min=NEVER)), 0.7, 1.0),
    ("V086", "Frandsen & Schousboe 1987", "7.5 min exposure lethal", lambda a, c: float(
        a.death_fraction_24h.sel(duration_min=7.5, antagonist_at_min=NEVER)), 0.8, 1.0),
    ("V077", "Hartley & Choi 1989", "immediate post-exposure antagonist rescues 40-80%", lambda a, c: _rescue(a, 5.0), 0.4, 0.8),
    ("V078", "Hartley & Choi 1989", "rescue ~0 by 30 min after the exposure", lambda a, c: _rescue(a, 35.0), 0.0, 0.1),
]


@pytest.mark.parametrize(("target", "source", "quantity", "get", "lo", "hi"), CALIBRATION, ids=[f"{t[0]}-{t[2][:30]}" for t in CALIBRATION])
def test_calibration_target(acute, chronic, target, source, quantity, get, lo, hi):
    model = get(acute, chronic)
    assert lo <= model <= hi, f"{target} ({source}): {quantity}: model {model:.3f}, accepted [{lo}, {hi}]"


def test_more_mg_less_death_and_less_load():
    ds = excitotox("NMDA", [30.0, 100.0, 300.0], "10 min", [0.0, 0.25, 0.5, 1.0, 2.0])
    death = ds.death_fraction_24h.squeeze("antagonist_at_min").squeeze("duration_min").values  # conc × mg
    load = ds.peak_load.squeeze("antagonist_at_min").squeeze("duration_min").values
    assert np.all(np.diff(death, axis=1) <= 1e-9) and np.all(np.diff(load, axis=1) < 0)
    assert death[:, 0].max() > 0.5 and death[:, -1].max() < 0.1


def test_rescue_declines_with_antagonist_delay(acute):
    rescue = [_rescue(acute, t) for t in (5.0, 10.0, 15.0, 20.0, 35.0)]
    assert np.all(np.diff(rescue) <= 1e-9) and rescue[0] > rescue[-1]


def test_nmda_route_more_toxic_than_vgcc_at_equal_load():
    """Sattler et al. 1998: the same Ca2+ load kills through NMDA receptors, not through VGCCs."""
    model = ExcitotoxicInjury()
    steps = int(24 * 60 / 0.25)
    t = (np.arange(steps) + 0.5) * 0.25
    occ = np.where(t < 10.0, float(occupancy(500.0, "NMDA", 10.0)), 0.0)[:, None]
    zero = np.zeros_like(occ)
    nmda = model.simulate(occ, zero, zero, zero)
    j = np.where(t < 10.0, 1.0, 0.0)[:, None]  # the same normalised influx through VGCCs (J(occ, 0) / J_ref = 1)
    vgcc = model.simulate(zero, zero, zero, j)
    assert float(nmda["death"][-1, 0]) > 0.9 and float(vgcc["death"][-1, 0]) < 0.05


def test_influx_surface_invariants():
    s = influx_surface()
    assert np.all(s.influx_pA >= 0) and np.all(s.influx_pA[0] == 0)  # no agonist, no influx
    assert np.all(np.diff(s.influx_pA, axis=1) <= 0.05 * s.influx_pA.max())  # more Mg2+, less influx
    assert np.all(np.diff(s.influx_pA, axis=0) >= -0.05 * s.influx_pA.max())  # more agonist, more influx
    assert s.influx_pA[-1, 0] > 5 * s.influx_pA[-1, list(s.mg_mM).index(1.0)]  # Mg2+ block at full activation


def test_bad_input():
    from magnesim.errors import MagnesimError

    with pytest.raises(MagnesimError, match="agonist"):
        excitotox("kainate")
    with pytest.raises(MagnesimError, match="conc"):
        excitotox("NMDA", "-5 uM")
    with pytest.raises(MagnesimError, match="duration"):
        excitotox("NMDA", "100 uM", "5 mM")
