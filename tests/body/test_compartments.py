"""User-defined compartment models: analytic check, and the B2 benchmark model against SciPy LSODA."""

import jax.numpy as jnp
import numpy as np
import pytest
from scipy.integrate import solve_ivp

from magnesim.body import CompartmentModel
from magnesim.errors import ParameterError


def one_compartment(x, p, u):
    k = p[1] / p[0]
    return u + jnp.stack([-k * x[0], k * x[0]])


def test_one_compartment_infusion_matches_analytic():
    model = CompartmentModel(("central", "eliminated"), one_compartment, {"iv": "central"})
    run = model.simulate("16 mmol IV over 2 h", jnp.array([[15.0, 4.8]]), jnp.zeros((1, 2)), hours=12, output_step_h=0.5)
    k, rate = 4.8 / 15.0, 8.0
    t = run.time_h
    during = rate / k * (1 - np.exp(-k * np.minimum(t, 2)))
    expected = np.where(t <= 2, during, rate / k * (1 - np.exp(-2 * k)) * np.exp(-k * (t - 2)))
    np.testing.assert_allclose(run.amount("central")[0], expected, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(run.amounts[0].sum(axis=-1), run.dosed, rtol=1e-12)
    ds = run.to_dataset()
    np.testing.assert_array_equal(ds.amount_mmol.sel(compartment="central").values, run.amount("central"))
    assert ds.time_h.attrs["units"] == "h" and float(ds.dosed_cumulative_mmol[-1]) == pytest.approx(16.0)


def test_unknown_route_rejected():
    model = CompartmentModel(("central", "eliminated"), one_compartment, {"iv": "central"})
    with pytest.raises(ParameterError, match="routes this model doses: iv"):
        model.simulate("10 g MgSO4.7H2O IM", jnp.array([[15.0, 4.8]]), jnp.zeros((1, 2)), hours=4, output_step_h=1)


def test_b2_model_agrees_with_lsoda():
    """The benchmark-B2 model (shared/benchmarks.md) for three patients: magnesim's RK4 engine vs
    SciPy LSODA at rtol 1e-10, piecewise over the dosing changes. Tolerance 1e-7 mmol/L: the renal
    max(0, C1 - 0.8) kink limits both integrators' order where C1 crosses 0.8."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("b2", Path(__file__).parents[2] / "benchmarks" / "b2_pk_pop.py")
    b2 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(b2)
    weight = np.array([60.0, 75.0, 95.0])
    gfr = np.array([3.0, 6.0, 9.0])
    v1, v2 = 0.2 * weight, 0.3 * weight
    v3 = 5 * v2
    params = jnp.asarray(np.stack([v1, v2, v3, gfr], axis=1))
    x0 = jnp.asarray(np.stack([0.85 * v1, 0.85 * v2, 0.85 * v3, np.zeros(3)], axis=1))
    run = b2.MODEL.simulate(b2.REGIMEN, params, x0, hours=48, output_step_h=0.5, dt_h=1 / 60)
    load = 4000 / 246.47
    pieces = [(0, 1 / 3, load * 3), (1 / 3, 24 + 1 / 3, 1000 / 246.47), (24 + 1 / 3, 48, 0.0)]
    for i in range(3):
        x = np.asarray(x0[i])
        out = []
        for start, end, rate in pieces:
            f = lambda t, y, rate=rate, i=i: np.asarray(b2.rhs(jnp.asarray(y), params[i], jnp.array([rate, 0, 0, 0])))
            grid = run.time_h[(run.time_h >= start) & (run.time_h < end)]
            sol = solve_ivp(f, (start, end), x, method="LSODA", t_eval=np.append(grid, end), rtol=1e-10, atol=1e-12)
            out.append(sol.y[:, :-1])
            x = sol.y[:, -1]
        reference = np.concatenate([*out, x[:, None]], axis=1)[0] / v1[i]
        np.testing.assert_allclose(run.amount("central")[i] / v1[i], reference, atol=1e-7)
