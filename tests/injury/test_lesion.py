"""In-vivo NMDA lesion (issue 5): the rat scaling and the lesion model.

Calibrated (scripts/calibrate_lesion.py): rat.ka_ip and rat.renal_maturity on Sameshima 1999, and the
NMDA clearance on McDonald 1990's untreated lesion. Not fitted: McDonald 1990's protection by Mg2+
(29 +/- 11, 52 +/- 12, 62 +/- 7% at 2/3/4 mmol/kg) — the model's values are compared below and, where
they miss, reported as expected failures.
"""

import dataclasses

import numpy as np
import pytest

from magnesim.body import RAT_ROUTES, Physiological, RatPK
from magnesim.body.ode import StepInputs
from magnesim.experiments import lesion
from magnesim.injury import StriatalLesion

pytestmark = pytest.mark.slow  # 400-shell lesion runs (~2.5 min)

MGSO4_270_MG_PER_KG = 270.0 / 246.47  # mmol Mg per kg (heptahydrate)


@pytest.fixture(scope="module")
def doses():
    return lesion("0.5,1,2,3,4,6 mmol/kg")


@pytest.fixture(scope="module")
def sameshima():
    out = RatPK().simulate(MGSO4_270_MG_PER_KG, "ip", hours=4.0)
    return lambda t: float(np.interp(t, out["time_h"], out["serum_ionized_mM"][0]))


@pytest.mark.parametrize(("time_h", "observed", "sd"), [(0.5, 1.38, 0.07), (3.5, 0.73, 0.07)])
def test_calibration_rat_serum_after_ip_mgso4(sameshima, time_h, observed, sd):
    """Sameshima et al. 1999, P7 rats, 270 mg/kg MgSO4 i.p.: serum ionized Mg (mean +/- SD); the baseline
    0.52 mM is an input (rat.serum_ionized_baseline), checked as a steady state below."""
    model = sameshima(time_h)
    assert abs(model - observed) <= sd, f"Sameshima 1999 at {time_h} h: model {model:.3f} mM, observed {observed} +/- {sd}"


def test_calibration_untreated_lesion(doses):
    """McDonald et al. 1990: NMDA alone cost the injected hemisphere 31 +/- 3% of its weight."""
    model = doses.attrs["lesion_fraction_no_mg"]
    assert abs(model - 0.31) <= 0.03, f"McDonald 1990 untreated lesion: model {model:.3f}, observed 0.31 +/- 0.03"


def test_lesion_decreases_monotonically_with_dose(doses):
    relative = doses.lesion_relative.values
    assert np.all(np.diff(relative) < 0) and relative[0] < 1.0
    assert np.all(np.diff(doses.brain_mg_peak_mM.values) > 0)


@pytest.mark.parametrize(("dose", "observed", "sem"), [
    (2.0, 29.0, 11.0),
    pytest.param(3.0, 52.0, 12.0, marks=pytest.mark.xfail(strict=True, reason="model 23%: below the range")),
    pytest.param(4.0, 62.0, 7.0, marks=pytest.mark.xfail(strict=True, reason="model 24%: below the range")),
])
def test_validation_mcdonald_protection(doses, dose, observed, sem):
    """McDonald et al. 1990 (validation, not fitted): protection by one i.p. dose 15 min after the NMDA.
    The model's brain [Mg2+] rises only ~20% through the CSF link; in the graded culture model (issue 13)
    that moves the lesion edge little: 21% at 2 mmol/kg is within McDonald's range, but 23 and 24% at
    3 and 4 mmol/kg are below it, a dose-response flatter than observed (the ungraded model of issue 5
    over-protected: 63/71/76%; the graded one with a culture-wide glutamate loop 16/18/19%)."""
    model = float(doses.protection_pct.sel(mg_dose_mmol_per_kg=dose))
    assert abs(model - observed) <= sem, f"McDonald 1990 at {dose} mmol/kg: model {model:.1f}%, observed {observed} +/- {sem}%"


def test_protection_direction_matches_mcdonald(doses):
    """What the model does reproduce: Mg2+ protects, more with a larger dose, and an open barrier
    (brain following serum) would protect far more than measured."""
    p = doses.protection_pct.sel(mg_dose_mmol_per_kg=[2.0, 3.0, 4.0]).values
    assert 10.0 < p[0] < p[1] < p[2] < 100.0


def test_later_dose_protects_less_and_open_barrier_bounds_it():
    late = [float(lesion(3.0, at=t).protection_pct[0]) for t in ("0 min", "30 min", "1 h", "2 h")]
    assert late == sorted(late, reverse=True) and late[-1] < 10.0
    open_barrier = lesion(3.0, brain="serum")
    assert float(open_barrier.protection_pct[0]) >= float(lesion(3.0).protection_pct[0])
    assert float(open_barrier.brain_mg_peak_mM[0]) > 2.0


@pytest.mark.parametrize("route", RAT_ROUTES)
def test_rat_pk_route_baseline_and_mass_balance(route):
    rat, body = RatPK(), Physiological()
    out = rat.simulate([0.0, 2.0], route, hours=6.0, dt_h=1 / 60)
    serum = out["serum_ionized_mM"]
    assert serum[0] == pytest.approx(rat.serum_ionized_baseline, rel=1e-9)  # the diet holds the measured baseline
    p = rat.params(route, body)
    bolus = 2.0 * rat.weight_kg / float(p.vc[0]) * body.f_ion * body.f_uf
    assert serum[1, 0] - serum[0, 0] == pytest.approx(bolus if route == "iv" else 0.0, abs=1e-12)  # i.v. at once, else absorbed
    assert serum[1, -1] == pytest.approx(rat.serum_ionized_baseline, rel=0.2)  # back near baseline by 6 h
    x0 = body.baseline_state(p)
    x0[:, 0 if route == "iv" else 7] += 2.0 * rat.weight_kg
    xs = body.simulate(p, x0, StepInputs(np.zeros((360, 13)), np.zeros((360, 13)), np.zeros(360)), 1 / 60, 360)
    assert xs[0, -1].sum() == pytest.approx(x0[0].sum() + float(p.diet[0]) * 6.0, rel=1e-9)  # RK4 keeps the mass


def test_nmda_spread_conserves_the_injected_amount():
    """Analytic: the extracellular NMDA integrates to M·exp(−k t) when the domain holds the whole plume."""
    model = dataclasses.replace(StriatalLesion(), hemisphere_mm3=2000.0)
    t = np.array([60.0, 90.0, 120.0])
    c_mM = model.nmda_uM(t) / 1000.0
    amount = model.ecs_fraction * c_mM.sum(axis=1) * model.hemisphere_mm3 / c_mM.shape[1]  # equal-volume shells
    assert amount == pytest.approx(model.nmda_nmol * np.exp(-model.clearance_per_h * t / 60.0), rel=0.02)
