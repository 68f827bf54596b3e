"""The public receptor API: names, units at the boundary, broadcasting, JAX transformations."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from magnesim.errors import ParameterError, UnitError, UnknownNameError
from magnesim.receptor import MODELS, JahrStevens, Woodhull, get_model, unblocked_fraction
from magnesim.units import registry


def test_registry_names():
    assert set(MODELS) == {"jahr-stevens-1990", "woodhull", "antonov-johnson-1999", "kampa-2004"}
    assert isinstance(get_model(), JahrStevens)
    assert isinstance(get_model(subunit="2C"), Woodhull)
    assert get_model("Woodhull", "NR2A") == Woodhull.for_subunit("GluN2A")


def test_unit_boundary():
    ureg = registry()
    a = unblocked_fraction("-60 mV", "1 mM")
    assert a.shape == ()
    np.testing.assert_allclose(unblocked_fraction(ureg.Quantity(-0.06, "V"), ureg.Quantity(2, "mEq/L")), a)
    np.testing.assert_allclose(unblocked_fraction("-60 mV", "2.4305 mg/dL"), a, rtol=1e-12)
    with pytest.raises(UnitError, match=r"^v: got '1 mM' \(a concentration\)"):
        unblocked_fraction("1 mM", "1 mM")
    with pytest.raises(ParameterError, match="mg_o"):
        unblocked_fraction(-60, -1)
    with pytest.raises(UnknownNameError, match="model: got 'nope'"):
        unblocked_fraction(-60, 1, "nope")
    with pytest.raises(ParameterError, match="broadcast"):
        unblocked_fraction(np.zeros(3), np.ones(4))


def test_model_instances_with_internal_mg_and_lists():
    js = JahrStevens()
    np.testing.assert_allclose(unblocked_fraction([-60, 40], 1.0, js, mg_i="0.5 mM"),
                               unblocked_fraction([-60, 40], 1.0, mg_i=0.5))
    with pytest.raises(ParameterError, match="subunit: got 'GluN2A' \\(a model instance was given\\)"):
        unblocked_fraction(-60, 1, js, subunit="GluN2A")


def test_broadcasting():
    v = np.linspace(-100, 40, 15)
    mg = np.array([0.5, 1.0, 2.0])[:, None]
    for name in MODELS:
        b = np.asarray(get_model(name).unblocked_fraction(v, mg))
        assert b.shape == (3, 15), name
        assert np.all(np.diff(b, axis=0) <= 0), name


@pytest.mark.parametrize("name", ["jahr-stevens-1990", "woodhull", "antonov-johnson-1999"])
def test_differentiable_and_jittable(name):
    model = get_model(name)
    db_dv = jax.grad(lambda v: model.unblocked_fraction(v, 1.0))(-40.0)
    eps = 1e-4
    fd = (model.unblocked_fraction(-40.0 + eps, 1.0) - model.unblocked_fraction(-40.0 - eps, 1.0)) / (2 * eps)
    assert float(db_dv) == pytest.approx(float(fd), rel=1e-5)
    jitted = jax.jit(lambda v, mg: model.unblocked_fraction(v, mg))
    v = jnp.linspace(-100, 40, 8)
    np.testing.assert_allclose(jitted(v, 1.0), model.unblocked_fraction(np.asarray(v), 1.0), rtol=1e-12)


def test_parameters_are_pytrees_that_vmap():
    """A sweep over K0 is one vmapped call: model parameters are JAX leaves."""
    models = jax.tree_util.tree_map(lambda x: jnp.full(4, x), JahrStevens())
    models = JahrStevens(k0_mM=jnp.array([1.0, 2.0, 3.57, 10.0]), slope_per_mV=models.slope_per_mV)
    b = jax.vmap(lambda m: m.unblocked_fraction(-60.0, 1.0))(models)
    assert b.shape == (4,)
    assert float(b[2]) == pytest.approx(0.0796, abs=5e-4)
    assert np.all(np.diff(np.asarray(b)) > 0)


def test_dtype_follows_input():
    b32 = JahrStevens().unblocked_fraction(jnp.asarray([-60.0], dtype=jnp.float32), jnp.float32(1.0))
    assert b32.dtype == jnp.float32
    b64 = JahrStevens().unblocked_fraction(np.array([-60.0]), 1.0)
    assert b64.dtype == np.float64
