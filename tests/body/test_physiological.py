"""The physiological model: steady state with diet, mass balance, CSF, oral absorption, renal
function, topical and immersion exposure, and consistency with the popPK presets."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from magnesim.body import Physiological, Subject, simulate_pk

HEALTHY = Subject(sex="male", height_cm=175, weight_kg=70, age_y=30, scr_mg_dL=0.9)  # CKD-EPI 2021: GFR 126 mL/min


@pytest.fixture(scope="module")
def month():
    return simulate_pk("0.001 mmol IV", "physiological", HEALTHY, hours=30 * 24, output_step_h=6.0)


def test_baseline_steady_state_with_diet(month):
    serum = month.serum_total_mM.values[0]
    assert np.max(np.abs(serum / serum[0] - 1)) < 0.01  # drift < 1% over 30 days
    urine_per_day = float(month.urine_cumulative_mmol.values[0, -1]) / 30
    assert 3.0 <= urine_per_day <= 5.0  # normal 24-h urinary Mg 3.0-4.9 mmol/day (Wallach)
    assert 0.75 <= serum[0] <= 0.955  # NHANES I reference interval


def test_fractional_excretion_textbook_range():
    # Boron & Boulpaep, Sutton 1993: normal FEMg <= 5% (about 3-5%)
    assert 0.03 <= Physiological().fractional_excretion(HEALTHY) <= 0.05


@pytest.mark.xfail(strict=True, reason="model FEMg is 4.05% at GFR 126 mL/min: just above Elisaf's normal 0.5-4% "
                                        "(urine ~4.35 mmol/day over a filtered load of ~107 mmol/day); reported in the README")
def test_fractional_excretion_elisaf_range():
    assert 0.005 <= Physiological().fractional_excretion(HEALTHY) <= 0.04


@given(
    loading_g=st.floats(0.5, 8.0), rate_g_h=st.floats(0.0, 3.0), hours=st.floats(1.0, 30.0), im_g=st.floats(0.0, 10.0),
    oral_mg=st.floats(0.0, 1000.0), weight=st.floats(40.0, 140.0), gfr=st.floats(15.0, 180.0), area=st.floats(10.0, 2000.0),
)
@settings(max_examples=12)
def test_mass_balance_random_regimens_and_subjects(loading_g, rate_g_h, hours, im_g, oral_mg, weight, gfr, area):
    parts = [f"{loading_g:.3f} g MgSO4.7H2O IV over 20 min"]
    if rate_g_h > 0.01:
        parts.append(f"then {rate_g_h:.3f} g/h MgSO4.7H2O IV for {hours:.2f} h")
    text = ", ".join(parts)
    if im_g > 0.01:
        text += f" + {im_g:.3f} g MgSO4.7H2O IM at 1 h"
    if oral_mg > 1:
        text += f" + {oral_mg:.1f} mg Mg as Mg citrate oral every 8 h x 3"
    text += f" + MgCl2 cream 50 mg Mg on {area:.0f} cm2 for 8 h"
    ds = simulate_pk(text, "physiological", Subject(weight_kg=weight, gfr_mL_min=gfr), hours=48, output_step_h=1.0)
    total = float(ds.body_mmol.values[0, 0]) + float(ds.dosed_cumulative_mmol.values[-1])
    assert float(np.abs(ds.mass_balance_residual_mmol).max()) < 1e-9 * total


def test_csf_baseline_ratio():
    ds = simulate_pk("0.001 mmol IV", hours=1)
    ratio = float(ds.csf_total_mM.values[0, 0] / ds.serum_total_mM.values[0, 0])
    assert 1.3 <= ratio <= 1.4  # McKee 2005 1.36; Sakamoto 2005 1.38 (ionized); Oppelt 1963 1.34 (dogs)


@pytest.mark.parametrize(("rate_g_h", "fold_range"), [(0.9, (1.8, 2.2)), (2.3, (3.2, 3.8))])
def test_csf_rises_little_while_serum_is_held_high(rate_g_h, fold_range):
    """pk.md §4.2: serum held at 2-3.5x baseline raises CSF by ~10-21% (Wong 2009; Oppelt 1963): <= 25%."""
    ds = simulate_pk(f"{rate_g_h} g/h MgSO4.7H2O IV for 72 h", hours=72, output_step_h=1.0)
    serum, csf = ds.serum_total_mM.values[0], ds.csf_total_mM.values[0]
    fold = serum[-1] / serum[0]
    assert fold_range[0] <= fold <= fold_range[1]
    assert abs(serum[-1] / serum[-13] - 1) < 0.02  # held: steady over the last 12 h
    rise = csf[-1] / csf[0] - 1
    assert 0.05 <= rise <= 0.25


def test_oral_absorption_follows_fine_curve():
    """Fine et al. 1991: fractional absorption 65% at the lowest intake (meal only, ~1 mmol) falling
    to 11% with 80 mEq added. These endpoints determined Vmax and Km (pk.md §5), so this checks the
    implementation and the shape, not an independent prediction."""
    m = Physiological()
    doses = np.array([1.0, 6.0, 11.0, 21.0, 41.0])  # meal (~1 mmol) + 0, 10, 20, 40, 80 mEq
    fractions = np.array([m.oral_absorbable(d, "mg") / d for d in doses])
    assert fractions[0] == pytest.approx(0.65, abs=0.03)
    assert fractions[-1] == pytest.approx(0.11, abs=0.02)
    assert np.all(np.diff(fractions) < 0)
    # MgO absorbs less than soluble salts (Firoz & Graber 2001)
    assert m.oral_absorbable(16.5, "mgo") < 0.5 * m.oral_absorbable(16.5, "mg-citrate")
    mgo = simulate_pk("400 mg Mg as MgO oral daily x 5", hours=120, output_step_h=1.0)
    citrate = simulate_pk("400 mg Mg as Mg citrate oral daily x 5", hours=120, output_step_h=1.0)
    assert citrate.urine_cumulative_mmol.values[0, -1] > mgo.urine_cumulative_mmol.values[0, -1]


def test_lower_gfr_more_exposure():
    auc = []
    for gfr in (15, 30, 60, 90, 120, 150):
        ds = simulate_pk("zuspan", "physiological", Subject(gfr_mL_min=gfr), hours=48, output_step_h=1.0)
        excess = ds.serum_total_mM.values[0] - ds.serum_total_mM.values[0, 0]
        auc.append(float(np.trapezoid(excess, ds.time_h.values)))
    assert np.all(np.diff(auc) < 0), auc


def test_central_parameters_consistent_with_poppk():
    """The physiological model's serum profile under IV regimens stays within 15% of the popPK typical
    profiles (Salinger 55 kg, Du 85 kg; creatinine 0.8 mg/dL, pregnant), after the loading phase."""
    for model, weight, regimen in [("salinger-2013", 55, "zuspan"), ("salinger-2013", 55, "sibai"),
                                   ("du-2019", 85, "zuspan"), ("du-2019", 85, "4 g MgSO4.7H2O IV over 20 min, then 2 g/h MgSO4.7H2O IV for 24 h")]:
        subject = Subject(weight_kg=weight, scr_mg_dL=0.8, pregnant=True)
        ref = simulate_pk(regimen, model, subject, hours=24, output_step_h=1.0)
        phys = simulate_pk(regimen, "physiological", subject, hours=24, output_step_h=1.0)
        later = ref.time_h.values >= 2
        ratio = phys.serum_total_mM.values[0, later] / ref.serum_total_mM.values[0, later]
        assert np.all(np.abs(ratio - 1) < 0.15), (model, regimen, ratio.round(3))
    # renal clearance of the increment above threshold, f_UF x GFR, against the popPK clearances
    # (pk.md §2: typical CL 3.7-5 L/h; Du 2019 3.72, Salinger 2013 4.81 at creatinine 0.8 mg/dL)
    cl = Physiological().f_uf * Subject(weight_kg=55, scr_mg_dL=0.8, pregnant=True).gfr_L_h
    assert 3.7 <= cl <= 5.0


def test_load_peak_matches_poppk_presets():
    """Regression (issue 13): at the end of a 4 g IV load (20 min) the rise of serum total Mg over
    baseline was 30% above the popPK presets' typical rises taken together (central volume 0.2 L/kg).
    Each preset at its own typical covariates (scripts/calibrate_body.py): the summed rise is now
    within 10% of theirs, and within 10% of Salinger's (the only model fitted to a load in this window)."""
    deng_weight = 29.0 * 1.65**2  # BMI 29 at 165 cm; creatinine for a Cockcroft-Gault CrCl of 175 mL/min
    subjects = {"salinger-2013": Subject(weight_kg=55, scr_mg_dL=0.8, pregnant=True), "du-2019": Subject(weight_kg=85, scr_mg_dL=0.8, pregnant=True),
                "lu-2002": Subject(weight_kg=70, scr_mg_dL=0.8, pregnant=True),
                "deng-2024": Subject(weight_kg=deng_weight, scr_mg_dL=110 * deng_weight * 0.85 / (72 * 175), pregnant=True)}
    rise = {}
    for model, subject in subjects.items():
        for name in (model, "physiological"):
            serum = simulate_pk("4 g MgSO4.7H2O IV over 20 min", name, subject, hours=1, output_step_h=1 / 12).serum_total_mM.values[0]
            rise[model, name] = serum[4] - serum[0]  # t = 20 min
    phys = sum(rise[m, "physiological"] for m in subjects)
    ref = sum(rise[m, m] for m in subjects)
    assert abs(phys / ref - 1) < 0.10, (phys, ref)
    assert abs(rise["salinger-2013", "physiological"] / rise["salinger-2013", "salinger-2013"] - 1) < 0.10


def test_topical_and_immersion_exposure():
    """A cream moves serum by far less than 0.01 mmol/L; flotation by ~0.03; both scale with the
    low-confidence skin permeability, which can be overridden."""
    cream = "MgCl2 cream 56 mg Mg daily x 14 on 200 cm2 for 8 h"
    base = simulate_pk(cream, hours=14 * 24, output_step_h=1.0)
    high = simulate_pk(cream, hours=14 * 24, output_step_h=1.0, skin_permeability_cm_s=1e-6)
    rise = lambda ds: float(ds.serum_total_mM.values[0].max() - ds.serum_total_mM.values[0, 0])
    local = lambda ds: float(np.nanmax(ds.local_tissue_mM.values[0]) / ds.local_tissue_mM.values[0, 0] - 1)
    assert 0 < rise(base) < 0.001 and rise(high) > rise(base)
    assert 0 < local(base) < local(high)
    floatation = simulate_pk("flotation 60 min", hours=6, output_step_h=0.25)
    delivered = float(floatation.dosed_cumulative_mmol.values[-1])
    assert 0.002 < rise(floatation) < delivered / (0.2 * 70)  # below the dose spread over serum/ECF alone
    assert float(floatation.dosed_cumulative_mmol.values[-1]) == pytest.approx(1e-8 * 3600 * 1.8 * 18000, rel=1e-9)


def test_skin_permeability_rejects_absurd_values():
    from magnesim.errors import ParameterError

    with pytest.raises(ParameterError, match="skin_permeability"):
        simulate_pk("flotation 60 min", skin_permeability_cm_s=-1.0)


def test_rk4_step_convergence():
    coarse = simulate_pk("zuspan", hours=24, output_step_h=1.0, dt_h=1 / 6)
    fine = simulate_pk("zuspan", hours=24, output_step_h=1.0, dt_h=1 / 60)
    np.testing.assert_allclose(coarse.serum_total_mM.values, fine.serum_total_mM.values, rtol=1e-4)


def test_pool_uptake_calibration_target():
    """Calibration check (not validation): ~90% of a 4 g IV load in urine by 24 h (Lu & Nightingale 2000)."""
    m = Physiological()
    ds = simulate_pk("4 g MgSO4.7H2O IV over 20 min", subject=Subject(scr_mg_dL=0.8, pregnant=True), hours=24, output_step_h=1.0)
    excess = float(ds.urine_cumulative_mmol.values[0, -1]) - 24 * m.diet_absorbed_per_h()
    assert excess / float(ds.dosed_cumulative_mmol.values[-1]) == pytest.approx(0.90, abs=0.02)


def test_observe_names_the_states_for_human_rat_numpy_and_jax():
    """One reading of the states for every caller: the human Dataset and the rat share its names, the
    numbers are amounts over the subject's volumes, and JAX states give the NumPy numbers."""
    import jax.numpy as jnp

    from magnesim.body import RatPK
    from magnesim.body.physiological import STATES

    m = Physiological()
    p = m.subject_params([Subject(weight_kg=60.0), Subject(weight_kg=90.0)])
    x = m.baseline_state(p)
    x[:, STATES.index("csf")] *= 1.1
    seen = Physiological.observe(p, x)
    np.testing.assert_allclose(seen["serum_total_mM"], x[:, 0] / p.vc, rtol=1e-15)
    np.testing.assert_allclose(seen["csf_ionized_mM"], m.csf_ionized_fraction * x[:, STATES.index("csf")] / m.csf_volume, rtol=1e-15)
    assert np.all(np.isnan(seen["local_tissue_mM"]))  # no application site
    traced = Physiological.observe(p, jnp.asarray(x))
    for name, value in seen.items():
        np.testing.assert_allclose(np.asarray(traced[name]), value, rtol=1e-15, err_msg=name)
    rat = RatPK().simulate([0.0, 2.0], hours=1.0)
    ds = simulate_pk("4 g MgSO4.7H2O IV over 20 min", hours=1.0)
    assert set(seen) == set(rat) - {"time_h", "brain_tissue_mM"} and set(seen) <= set(ds.data_vars)
    assert rat["csf_total_mM"].shape == (2, rat["time_h"].size)


def test_rat_brain_tissue_dilutes_the_extracellular_rise():
    """Perfused tissue Mg = alpha x CSF + (1 - alpha) x cells (cells held): its relative rise is the
    CSF's relative rise times the extracellular share of tissue Mg, so always smaller."""
    from magnesim.body import RatPK

    rat = RatPK()
    out = rat.simulate([1.5], route="sc", hours=6.0)
    csf, tissue = out["csf_total_mM"][0], out["brain_tissue_mM"][0]
    share = rat.brain_ecs_fraction * csf[0] / tissue[0]
    np.testing.assert_allclose(tissue / tissue[0] - 1, share * (csf / csf[0] - 1), rtol=1e-12, atol=1e-15)
    assert 0 < tissue.max() / tissue[0] - 1 < csf.max() / csf[0] - 1
