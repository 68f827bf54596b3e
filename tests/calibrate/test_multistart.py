"""The multi-start: MINUIT's box maps, one vmapped optimistix call for all starts, each start's optimum
the one it reaches alone."""

import numpy as np
import optimistix as optx
import pytest

from magnesim.calibrate import build_problem, fit, starts, validate_spec
from magnesim.calibrate._multistart import NUDGE, Box

INF = np.inf
# CSF ionized Mg is csf_ionized_fraction × csf_ratio × (the rest): a flat valley, so each start ends at
# its own point on it and a start that drifted to another start's path would show
PRODUCT = {"parameters": ["body.csf_ionized_fraction", "body.csf_ratio"], "targets": ["mckee_csf_ion0", "sakamoto_csf_img"],
           "starts": 4, "seed": 1}


def test_box_maps_round_trip_and_keep_u_inside():
    box = Box((-1.0, 0.0, -INF, -INF), (2.0, INF, 3.0, INF))
    u = np.array([[0.3, 4.0, -5.0, 7.0], [1.9, 0.5, 2.9, -2.0]])
    np.testing.assert_allclose(np.asarray(box.to_u(box.to_z(u)[0])), u[0], rtol=1e-12)
    np.testing.assert_allclose(np.asarray(box.to_u(box.to_z(u)[1])), u[1], rtol=1e-12)
    z = np.linspace(-20.0, 20.0, 101)
    inside = np.array([np.asarray(box.to_u(np.full(4, v))) for v in z])
    assert np.all(inside[:, 0] >= -1.0) and np.all(inside[:, 0] <= 2.0) and np.all(inside[:, 1] >= 0.0) and np.all(inside[:, 2] <= 3.0)


def test_starts_on_a_bound_are_nudged_inside():
    box = Box((-1.0, -1.0, 0.0, -INF), (-0.5, 2.0, INF, 3.0))  # the nudge: NUDGE of the width, at most of one unit
    edges = np.array([[-1.0, -1.0, 0.0, 3.0], [-0.5, 2.0, 0.0, 3.0]])
    u = np.array([np.asarray(box.to_u(z)) for z in box.to_z(edges)])
    np.testing.assert_allclose(u, [[-1.0 + NUDGE / 2, -1.0 + NUDGE, NUDGE, 3.0 - NUDGE], [-0.5 - NUDGE / 2, 2.0 - NUDGE, NUDGE, 3.0 - NUDGE]],
                               rtol=0, atol=1e-12)


@pytest.fixture(scope="module")
def product():
    return build_problem(validate_spec(PRODUCT))


def test_all_starts_are_one_traced_vmapped_call(monkeypatch):
    problem = build_problem(validate_spec({**PRODUCT, "starts": 3}))  # its own compilation, whatever ran before
    traced, calls = [], []
    minimise = optx.minimise
    monkeypatch.setattr(optx, "minimise", lambda *a, **k: traced.append(a[2]) or minimise(*a, **k))
    run = problem._kernel.minimise._run
    monkeypatch.setattr(problem._kernel.minimise, "_run", lambda z0, *a: calls.append(np.shape(z0)) or run(z0, *a))
    result = fit(problem)
    assert calls == [(3, 2)] and len(traced) == 1  # one call with the starts on a leading axis, one trace
    assert traced[0].shape == (2,)  # traced per start: the batch axis is vmap's
    again = fit(problem.with_observed({"sakamoto_csf_img": 1.1 * problem.terms[1].centre}))
    assert len(calls) == 2 and len(traced) == 1  # other observed values reuse the compilation
    assert len(result.starts) == len(again.starts) == 3


def test_each_start_reaches_the_optimum_it_reaches_alone(product):
    grid = starts(product)
    together = product.minimise(grid)
    ends = together["u"]
    assert all(together["converged"]) and np.ptp(ends[:, 0]) > 0.05  # distinct optima along the valley
    for k, u0 in enumerate(grid):
        alone = product.minimise(u0[None, :])
        assert alone["converged"] == [True]
        np.testing.assert_allclose(ends[k], alone["u"][0], rtol=0, atol=1e-8)
    losses = [product.loss(u) for u in ends]
    np.testing.assert_allclose(losses, losses[0], rtol=1e-12)  # one minimum value along the valley
