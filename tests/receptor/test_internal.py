"""Internal Mg2+ block (Johnson & Ascher 1990) and its combination with external models."""

import numpy as np
import pytest

from magnesim.receptor import InternalBlock, JahrStevens, get_model, unblocked_fraction

V = np.linspace(-120, 60, 19)


def test_kd_at_0mV():
    ib = InternalBlock()
    assert float(ib.kd(0.0)) == pytest.approx(8.0)
    assert float(ib.unblocked_fraction(0.0, 8.0)) == pytest.approx(0.5)


def test_relieved_by_hyperpolarisation():
    b = InternalBlock().unblocked_fraction(V, 0.5)
    assert np.all(np.diff(b) < 0)  # internal block grows with depolarisation


def test_combination_is_product_and_identity_at_zero():
    combined = get_model("jahr-stevens-1990", mg_i="0.5 mM")
    expected = JahrStevens().unblocked_fraction(V, 1.0) * InternalBlock().unblocked_fraction(V, 0.5)
    np.testing.assert_allclose(combined.unblocked_fraction(V, 1.0), expected, rtol=1e-14)
    np.testing.assert_allclose(get_model(mg_i=0.0).unblocked_fraction(V, 1.0), JahrStevens().unblocked_fraction(V, 1.0))


def test_roles_of_external_and_internal_mg():
    """At rest external Mg2+ dominates; internal Mg2+ matters only for outward current at depolarised V."""
    ext_rest = 1 - unblocked_fraction(-65, 1.0)
    int_rest = 1 - InternalBlock().unblocked_fraction(-65.0, 0.5)
    assert ext_rest > 0.9 and int_rest < 0.01
    int_pos = 1 - InternalBlock().unblocked_fraction(40.0, 0.5)
    ext_pos = 1 - unblocked_fraction(40, 1.0)
    assert int_pos > ext_pos
