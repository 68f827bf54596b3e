"""The closed-form mammillary propagator against the general matrix-exponential one."""

import jax.numpy as jnp
import numpy as np
import pytest

import magnesim  # noqa: F401  (JAX in float64)
from magnesim._jax import jax
from magnesim.body.linear import segment_states
from magnesim.body.mammillary import mammillary_states


def _rate_matrix(body: int, k10, k12, k21, ka):
    """(body states, depot, eliminated); JAX so that it can be differentiated."""
    n = body + 2
    a = jnp.zeros((n, n))
    a = a.at[0, 0].set(-k10) if body == 1 else a.at[:2, :2].set(jnp.array([[-k10 - k12, k21], [k12, -k21]]))
    return a.at[0, body].set(ka).at[body, body].set(-ka).at[-1, 0].set(k10)


def _history(rng, body: int, segments: int = 7):
    n = body + 2
    rates = np.zeros((segments, n))
    boluses = np.zeros((segments + 1, n))
    for col in (0, body):  # IV into the central state, IM into the depot
        rates[:, col] = rng.uniform(0, 5, segments) * (rng.random(segments) > 0.4)
        boluses[:, col] = rng.uniform(0, 10, segments + 1) * (rng.random(segments + 1) > 0.6)
    widths = rng.uniform(0, 24, segments)
    widths[-1] = 0.0  # padding segment
    return rng.uniform(0, 3, n), rates, boluses, widths


@pytest.mark.parametrize("body", [1, 2])
@pytest.mark.parametrize("seed", range(6))
def test_matches_matrix_exponential(body, seed):
    rng = np.random.default_rng(seed)
    k10, k12, k21, ka = rng.uniform(0.02, 4.0, 4)
    if seed == 0:
        ka = k10  # the depot's rate equals an eigenvalue of a one-compartment body: the confluent case
    a = _rate_matrix(body, k10, k12, k21, ka)
    x0, rates, boluses, widths = _history(rng, body)
    closed = np.asarray(mammillary_states(a, body, x0, rates, boluses, widths))
    general = np.asarray(segment_states(a, x0, rates, boluses, widths))
    np.testing.assert_allclose(closed, general, rtol=1e-11, atol=1e-11)


@pytest.mark.parametrize("body", [1, 2])
def test_gradient_matches_matrix_exponential(body):
    rng = np.random.default_rng(11)
    x0, rates, boluses, widths = _history(rng, body)

    def central(kind, k):
        a = _rate_matrix(body, *k)
        states = mammillary_states(a, body, x0, rates, boluses, widths) if kind == "closed" else segment_states(a, x0, rates, boluses, widths)
        return states[:, 0].sum()

    k = np.array([0.3, 0.8, 0.5, 1.1])
    closed = np.asarray(jax.grad(lambda kk: central("closed", kk))(k))
    general = np.asarray(jax.grad(lambda kk: central("general", kk))(k))
    np.testing.assert_allclose(closed, general, rtol=1e-9, atol=1e-11)


def test_amounts_stay_nonnegative_and_elimination_never_runs_backwards():
    # (the eliminated amount is the remainder of what entered, so mass balance holds by construction;
    # a sign error in the body or depot propagation would show here as a negative or falling amount)
    rng = np.random.default_rng(5)
    x0, rates, boluses, widths = _history(rng, 2)
    states = np.asarray(mammillary_states(_rate_matrix(2, 0.4, 0.9, 0.3, 1.5), 2, x0, rates, boluses, widths))
    assert np.all(states >= -1e-12)
    assert np.all(np.diff(states[:, -1]) >= -1e-12)  # elimination never runs backwards
