"""Relief of Mg2+ block after a step from −70 to +40 mV in 1 mM Mg2+ and 1 mM glutamate
(Kampa et al. 2004, J Physiol 556:337, abstract: components ~0.1 ms, ~4 ms and ~300 ms;
calibration_targets V021–V023). Tolerance 30% (issue 2)."""

import numpy as np
import pytest

from magnesim.errors import ParameterError
from magnesim.experiments import unblock


@pytest.fixture(scope="module")
def step():
    return unblock(mg="1 mM", v_from="-70 mV", v_to="40 mV", at="3500 ms")


def test_fast_and_intermediate_components(step):
    taus = step.tau_ms.values
    assert taus[0] == pytest.approx(0.1, rel=0.3)
    assert taus[1] == pytest.approx(4.0, rel=0.3)
    assert np.all(step.weight.values[:2] > 0.2)


def test_slow_relief_modes(step):
    """Mg2+ leaving closed and desensitised receptors: the exact relaxation modes of the post-step
    scheme at 235–305 ms are within 30% of ~300 ms. A 3-exponential fit lumps them with the slow
    re-equilibration of desensitisation into one slower component (~0.9 s over Kampa's 1.1 s
    window); that discrepancy is reported in the README and by `magnesim unblock`."""
    modes = step.eigen_tau_ms.values
    slow = modes[(modes > 100) & (modes < 1000)]
    assert slow.size >= 2
    assert np.all(np.abs(slow / 300.0 - 1) < 0.3)
    assert step.tau_ms.values[2] > 300.0
    assert step.weight.values[2] > 0  # the slow fitted component is relief, not decay


def test_fit_reproduces_trace(step):
    y = step.conducting_fraction.values
    assert step.attrs["fit_rms"] < 0.01 * (y.max() - y.min())
    np.testing.assert_allclose(step.fit.values, y, atol=0.02 * y.max())
    assert step.weight.sum() == pytest.approx(1.0)


def test_more_mg_less_current_before_relief():
    low = unblock(mg="0.1 mM", at="10 ms")
    high = unblock(mg="2 mM", at="10 ms")
    assert low.conducting_fraction.values[0] > high.conducting_fraction.values[0]


def test_instantaneous_model_rejected():
    with pytest.raises(ParameterError, match="model: got 'jahr-stevens-1990'"):
        unblock("jahr-stevens-1990")
