"""The loss: each target's tolerance gives its scale; one-sided targets count only their violation."""

import jax.numpy as jnp
import numpy as np
import pytest

from magnesim.calibrate import Term, predictor_registry
from magnesim.calibrate._problem import _Kernel
from magnesim.validation import Target, Tolerance

RECORD = {"id": "x", "layer": "body", "quantity": "q", "condition": "c", "unit": "mM", "role": "calibration", "source": "s",
          "predict": "body_baseline", "args": {"quantity": "serum_total_mM"}}


@pytest.mark.parametrize(("observed", "tolerance", "side", "centre", "scale"), [
    (0.8, {"abs": 0.1}, "both", 0.8, 0.1),
    (0.8, {"rel": 0.25}, "both", 0.8, 0.2),
    (0.55, {"range": [0.5, 0.66]}, "both", 0.55, 0.08),
    (2.0, {"at_most": 2.0}, "at_most", 2.0, 2.0),
    (0.0, {"at_most": 0.0}, "at_most", 0.0, 1.0),
    (1.0, {"at_least": -0.5}, "at_least", -0.5, 0.5),
])
def test_scale_from_tolerance(observed, tolerance, side, centre, scale):
    target = Target(**RECORD, observed=observed, tolerance=Tolerance(**tolerance))
    term = Term.of(target, predictor_registry()["body_baseline"], (0,))
    assert (term.side, term.centre) == (side, centre) and term.scale == pytest.approx(scale)


def test_hinge_counts_only_the_violation():
    kernel = _Kernel(lambda u: u, ("both", "at_most", "at_most", "at_least", "at_least"))
    centre, scale = jnp.array([1.0, 2.0, 2.0, 1.0, 1.0]), jnp.array([0.5, 2.0, 2.0, 1.0, 1.0])
    u = jnp.array([2.0, 1.0, 3.0, 2.0, 0.5])  # off by 2 scales; inside; 0.5 beyond; inside; 0.5 beyond
    (value, predicted), grad = kernel.value_and_grad(u, centre, scale)
    assert float(value) == pytest.approx(4.0 + 0.25 + 0.25) and np.array_equal(predicted, u)
    np.testing.assert_allclose(grad, [2 * 2 / 0.5, 0.0, 2 * 0.5 / 2.0, 0.0, -2 * 0.5])
