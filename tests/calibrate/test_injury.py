"""The injury layer is calibratable: exact gradients of the culture targets in the slow model's
parameters, and the example spec of scripts/calibrate_injury.py's fit."""

import dataclasses
import importlib.util
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from magnesim.body import DT_H
from magnesim.calibrate import Settings, build_problem, load_spec, predictor_registry
from magnesim.injury import ExcitotoxicInjury
from magnesim.validation import targets

ROOT = Path(__file__).parents[2]
# One target per injury predictor; V077, not V078, for the rescue: V078's is ~1e-9, its gradient noise.
GRADIENT = ["V082", "V082-slope", "grabb-150uM", "V085", "V077"]
FIELDS = ("tau_m_min", "theta_damage", "k_damage")  # injury.tau_mito, injury.theta_damage, injury.k_damage
# The model is piecewise smooth (bilinear influx surface, load thresholds, read-offs on a concentration
# grid), so a finite difference is only a reference away from kinks. The checks run at this fixed
# point (the library values before the issue-13 recalibration), not at whatever the library holds.
AT = {"tau_m_min": 21.4, "theta_damage": 2.38, "k_damage": 0.059, "k_release_uM": 58.4, "theta_release": 4.69,
      "tau_release_min": 1.68, "density_sd": 0.96}


@pytest.mark.slow
@pytest.mark.parametrize("target_id", GRADIENT)
def test_gradient_matches_central_differences(target_id):
    t = next(t for t in targets() if t.id == target_id)
    p = predictor_registry()[t.predict]
    base = dataclasses.replace(ExcitotoxicInjury(), **AT)

    def predict(x):  # x: the log of FIELDS, as the calibration moves them
        return p.fn((dataclasses.replace(base, **dict(zip(FIELDS, jnp.exp(x), strict=True))),), Settings(DT_H), **t.args)

    x0 = np.log([getattr(base, f) for f in FIELDS])
    grad = np.asarray(jax.jit(jax.grad(predict))(x0))
    # A small step: the model is piecewise smooth (bilinear influx surface, thresholds), and steps of
    # 1e-5 already straddle kinks of the Hill read-off at the 1e-5 level.
    h, value = 1e-6, jax.jit(predict)
    fd = np.array([(float(value(x0 + h * e)) - float(value(x0 - h * e))) / (2 * h) for e in np.eye(len(FIELDS))])
    assert np.all(np.abs(grad) > 1e-3)  # every component informative, so the relative test means something
    np.testing.assert_allclose(grad, fd, rtol=1e-5, atol=0)


def test_hessian_is_finite_and_exact():
    """Regression: the endogenous glutamate's occupancy c^1.4, at c = 0 before any release, made every
    second derivative nan (0 · inf), and so the Laplace report of every injury calibration."""
    t = next(t for t in targets() if t.id == "V085")
    p = predictor_registry()[t.predict]
    base = dataclasses.replace(ExcitotoxicInjury(), **AT)

    def predict(x):
        return p.fn((dataclasses.replace(base, **dict(zip(FIELDS, jnp.exp(x), strict=True))),), Settings(DT_H), **t.args)

    x0 = np.log([getattr(base, f) for f in FIELDS])
    hessian = np.asarray(jax.jit(jax.jacfwd(jax.jacfwd(predict)))(x0))  # as the problem's Hessian
    h, grad = 1e-6, jax.jit(jax.grad(predict))
    fd = np.array([(grad(x0 + h * e) - grad(x0 - h * e)) / (2 * h) for e in np.eye(len(FIELDS))])
    assert np.all(np.isfinite(hessian))
    np.testing.assert_allclose(hessian, fd, rtol=1e-5, atol=1e-9)


def _script():
    spec = importlib.util.spec_from_file_location("calibrate_injury", ROOT / "scripts" / "calibrate_injury.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_example_spec_frees_the_scripts_parameters_and_evaluates():
    spec = load_spec(ROOT / "examples" / "calibration" / "injury_slow.yaml")
    assert [p.id for p in spec.parameters] == list(_script().FITTED.values())
    problem = build_problem(spec)
    assert {t.layer for t in problem.targets} == {"injury"} and {t.role for t in problem.targets} == {"calibration"}
    loss, grad = problem.loss_and_grad(problem.u_start)
    assert np.isfinite(loss) and loss > 0 and np.all(np.isfinite(grad)) and np.any(grad != 0)
