"""PopPK presets: the typical profiles of pk.md §8.3, closed-form exactness, superposition, covariates."""

import numpy as np
import pytest

from magnesim.body import Subject, parse_regimen, preset, simulate_pk
from magnesim.body.linear import solve_linear

# pk.md §8.3 (model-derived implementation checks, not validation data): total serum Mg, mmol/L.
SALINGER = {  # typical woman: 55 kg, creatinine 0.8 mg/dL, baseline 0.85
    "zuspan": {0.5: 1.83, 4: 1.74, 12: 1.70},
    "4 g MgSO4.7H2O IV over 20 min, then 2 g/h MgSO4.7H2O IV for 24 h": {0.5: 1.88, 4: 2.32, 12: 2.52},
    "sibai": {0.5: 2.34, 4: 2.48, 12: 2.54},
    "pritchard": {0.5: 2.10, 1: 2.18, 4: 1.99, 12: 1.72, 24: 1.66},
    "dhaka": {0.5: 1.98, 4: 1.66, 12: 1.32, 24: 1.26},
}
DU = {  # typical woman: 85 kg, creatinine 0.8 mg/dL, baseline 0.74
    "4 g MgSO4.7H2O IV over 20 min, then 2 g/h MgSO4.7H2O IV for 24 h": {1 / 3: 1.71, 4: 2.00, 12: 2.45, 24: 2.75},
    "zuspan": {1 / 3: 1.71, 4: 1.50, 12: 1.64, 24: 1.76},
}


@pytest.mark.parametrize(("model", "weight", "table"), [("salinger-2013", 55, SALINGER), ("du-2019", 85, DU)])
def test_typical_profiles_within_5_percent(model, weight, table):
    for regimen, expected in table.items():
        times = sorted(expected)
        ds = simulate_pk(regimen, model, Subject(weight_kg=weight, scr_mg_dL=0.8), hours=24, output_step_h=1 / 12)
        got = ds.serum_total_mM.sel(time_h=times, method="nearest").values[0]
        np.testing.assert_allclose(got, [expected[t] for t in times], rtol=0.05, err_msg=f"{model} {regimen}")
        np.testing.assert_allclose(got, [expected[t] for t in times], atol=0.012)  # in fact to the notes' rounding


def test_iv_bolus_matches_analytic_one_compartment():
    p = preset("salinger-2013")
    t = p.typical(np.array([55.0]), np.array([0.8]), None, None)
    times = np.linspace(0, 24, 49)
    amounts, _, _ = solve_linear(p.system(t), parse_regimen("16 mmol IV"), times)
    k = t.cl[0] / t.vc[0]
    np.testing.assert_allclose(amounts[0, :, 0], 16.0 * np.exp(-k * times), rtol=1e-12)


def test_superposition():
    p = preset("du-2019")
    t = p.typical(np.array([70.0, 90.0]), np.array([0.8, 1.2]), None, None)
    times = np.linspace(0, 36, 73)
    a = parse_regimen("4 g MgSO4.7H2O IV over 20 min")
    b = parse_regimen("10 g MgSO4.7H2O IM at 2 h, then 1 g/h MgSO4.7H2O IV for 12 h")
    xa, _, _ = solve_linear(p.system(t), a, times)
    xb, _, _ = solve_linear(p.system(t), b, times)
    xab, _, _ = solve_linear(p.system(t), a + b, times)
    np.testing.assert_allclose(xab, xa + xb, atol=1e-11)
    x2, _, _ = solve_linear(p.system(t), parse_regimen("8 g MgSO4.7H2O IV over 20 min"), times)
    np.testing.assert_allclose(x2, 2 * xa, atol=1e-11)


@pytest.mark.parametrize("model", ["salinger-2013", "du-2019", "lu-2002", "deng-2024"])
def test_preset_mass_balance(model):
    ds = simulate_pk("pritchard", model, hours=36)
    assert float(abs(ds.mass_balance_residual_mmol).max()) < 1e-9 * float(ds.dosed_cumulative_mmol.max())


@pytest.mark.parametrize("model", ["salinger-2013", "du-2019", "deng-2024"])
def test_lower_renal_function_more_exposure(model):
    auc = []
    for scr in (0.6, 0.8, 1.2, 2.0, 4.0):
        ds = simulate_pk("zuspan", model, Subject(scr_mg_dL=scr), hours=48, output_step_h=0.5)
        auc.append(float(np.trapezoid(ds.serum_total_mM.values[0], ds.time_h.values)))
    assert np.all(np.diff(auc) > 0), auc


def test_population_variability_and_seed():
    a = simulate_pk("zuspan", "du-2019", population=200, seed=7, hours=12)
    b = simulate_pk("zuspan", "du-2019", population=200, seed=7, hours=12)
    c = simulate_pk("zuspan", "du-2019", population=200, seed=8, hours=12)
    np.testing.assert_array_equal(a.serum_total_mM.values, b.serum_total_mM.values)
    assert not np.allclose(a.serum_total_mM.values, c.serum_total_mM.values)
    spread = a.serum_total_mM.sel(time_h=12).values
    assert 0.1 < np.std(spread) / np.mean(spread) < 0.5


def test_presets_refuse_routes_they_do_not_model():
    from magnesim.errors import ParameterError

    with pytest.raises(ParameterError, match="route oral"):
        simulate_pk("400 mg Mg as MgO oral daily x 3", "salinger-2013")


def test_du_intercompartmental_clearance_scales_with_weight():
    """Regression (issue 13): Du 2019 scales Q with (WT/85)^0.75, as CL (Table 3: one WT exponent for CL
    and Q); the preset had held Q at 3.66 L/h for every weight."""
    t = preset("du-2019").typical(np.array([55.0, 85.0, 120.0]), np.array([0.8, 0.8, 0.8]), None, None)
    np.testing.assert_allclose(t.q, 3.66 * (np.array([55.0, 85.0, 120.0]) / 85.0) ** 0.75, rtol=1e-12)
    np.testing.assert_allclose(t.q / t.cl, 3.66 / 3.72, rtol=1e-12)  # same creatinine: Q and CL scale alike


@pytest.mark.parametrize(("model", "published"), [
    ("du-2019", {"cl": 0.0749, "vc": 0.241}),  # Du 2019 Table 3, variances on the log scale
    ("deng-2024", {"cl": 0.082, "vc": 0.023}),  # Deng 2024 Table 2
    ("lu-2002", {"cl": np.log1p(0.39**2), "vc": np.log1p(0.26**2), "vp": np.log1p(0.38**2), "q": np.log1p(0.59**2)}),
])
def test_iiv_is_the_published_variance_on_the_log_scale(model, published):
    """The library holds IIV as CVs of log-normal parameters; the population draws log P ~ N(log P_typ,
    ln(1 + CV^2)), which must give back the published omega^2 (Du and Deng report omega^2 and define
    CV = sqrt(exp(omega^2) - 1)). Salinger 2013 estimated none."""
    from magnesim.body.population import lognormal_sigma

    cvs = preset(model).variability()
    assert set(cvs) == set(published)
    for key, omega2 in published.items():
        assert lognormal_sigma(cvs[key]) ** 2 == pytest.approx(omega2, rel=0.01), key
    assert preset("salinger-2013").variability() == {}


@pytest.mark.parametrize("seed", range(4))
def test_segment_exponential_matches_scipy_over_the_model_range(seed):
    """magnesim.body.linear.expm (fixed Taylor order, 2^10 scaling) against SciPy's Padé expm, on
    compartmental rate matrices with rate constants 0.01-6/h over segments up to 168 h."""
    from scipy.linalg import expm as scipy_expm

    from magnesim.body.linear import expm

    rng = np.random.default_rng(seed)
    for h in (1e-3, 0.25, 4.0, 24.0, 168.0):
        k = rng.uniform(0.01, 6.0 if h < 100 else 1.0, size=(4, 4))
        a = k - np.diag(k.sum(axis=0) + np.diag(k))  # columns sum to <= 0: a compartment model
        a[:, -1] = 0.0  # an absorbing compartment
        reference = scipy_expm(a * h)
        np.testing.assert_allclose(np.asarray(expm(a * h)), reference, rtol=1e-10, atol=1e-13 * np.abs(reference).max())
