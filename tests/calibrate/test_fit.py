"""Gradients, synthetic recovery and the Laplace report of the calibration engine (float64, short runs)."""

import numpy as np
import pytest

from magnesim.calibrate import build_problem, calibrate, fit, validate_spec

VOLUMES = ["body.v_central", "body.v_fast_tissue", "body.q_fast_tissue"]
# serum 30 min into a 4 g IV load (over baseline) and 4 h into the Pritchard regimen, and total body Mg
SERUM_TARGETS = ["okusanya_load", "india_pritchard_4h", "body_total"]


@pytest.fixture(scope="module")
def problem():
    spec = validate_spec({"name": "volumes", "parameters": VOLUMES, "targets": SERUM_TARGETS, "solver": {"dt": "5 min"},
                          "optimiser": {"tolerance": 1e-9}, "starts": 2, "seed": 3})
    return build_problem(spec)


@pytest.fixture(scope="module")
def truth(problem):
    """Known values, perturbed from the library's: 35% of the way (in transformed coordinates) to the
    farther bound, so inside the range whatever the library values are."""
    u0 = problem.u_start
    lo, hi = np.array([p.u_bounds for p in problem.parameters]).T
    far = np.where(hi - u0 > u0 - lo, hi, lo)
    return problem.to_natural(u0 + 0.35 * (far - u0))


@pytest.fixture(scope="module")
def recovered(problem, truth):
    synthetic = problem.with_observed(dict(zip((t.id for t in problem.targets), problem.predictions(problem.to_transformed(truth)),
                                               strict=True)))
    return fit(synthetic)


def test_gradient_matches_central_differences(problem):
    for u in (problem.u_start, problem.u_start + np.array([0.05, -0.1, 0.08])):
        _, grad = problem.loss_and_grad(u)
        h = 1e-5
        fd = np.array([(problem.loss(u + h * e) - problem.loss(u - h * e)) / (2 * h) for e in np.eye(u.size)])
        assert np.all(np.abs(grad) > 1e-3)  # every component informative, so the relative test means something
        np.testing.assert_allclose(grad, fd, rtol=1e-5, atol=0)


@pytest.mark.slow
def test_synthetic_recovery_within_one_percent(problem, truth, recovered):
    assert np.all(np.abs(problem.to_natural(problem.u_start) / truth - 1) > 0.05)  # the fit starts away from the truth
    np.testing.assert_allclose(recovered.fitted, truth, rtol=0.01)
    assert recovered.loss < 1e-12 < recovered.initial_loss
    assert recovered.history[0] == recovered.initial_loss and recovered.history[-1] == pytest.approx(recovered.loss)
    assert len(recovered.starts) == 2 and all(s.converged for s in recovered.starts)
    assert [t.fitted for t in recovered.targets] == pytest.approx([t.observed for t in recovered.targets], rel=1e-6)


def test_laplace_covariance_symmetric_positive_definite(recovered):
    lp = recovered.laplace
    assert lp.positive_definite and lp.identifiable and not lp.at_bound and not lp.near_singular
    np.testing.assert_allclose(lp.covariance, lp.covariance.T, rtol=1e-12)
    assert np.all(np.linalg.eigvalsh(lp.covariance) > 0) and np.all(lp.eigenvalues > 0)
    np.testing.assert_allclose(np.diag(lp.correlation), 1.0)
    np.testing.assert_allclose(lp.standard_errors, np.sqrt(np.diag(lp.covariance)))
    # the Laplace covariance of the loss sum(r²) is 2 H⁻¹ in the optimiser's coordinates
    np.testing.assert_allclose(lp.covariance_transformed @ lp.hessian, 2 * np.eye(3), atol=1e-8)


def test_parameters_entering_only_as_a_product_are_flagged():
    # CSF ionized Mg at baseline is csf_ionized_fraction × csf_ratio × (a function of other parameters)
    result = calibrate({"parameters": ["body.csf_ionized_fraction", "body.csf_ratio"], "targets": ["mckee_csf_ion0", "sakamoto_csf_img"]})
    lp = result.laplace
    assert not lp.identifiable and len(lp.near_singular) == 1
    direction = lp.near_singular[0]
    assert set(direction["parameters"]) == {"body.csf_ionized_fraction", "body.csf_ratio"}
    # flat along d log f + d log r = 0; with u = (logit f, log r) that is u ∝ (1, −(1 − f))
    f = result.fitted[0]
    v = np.array([direction["parameters"]["body.csf_ionized_fraction"], direction["parameters"]["body.csf_ratio"]])
    np.testing.assert_allclose(v / np.linalg.norm(v), np.array([1.0, -(1 - f)]) / np.hypot(1.0, 1 - f), atol=1e-6)
    assert np.all(np.isnan(lp.covariance)) and np.all(np.isnan(lp.standard_errors))
    assert "not identifiable" in result.patch()
