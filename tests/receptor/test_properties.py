"""Invariants of every block model (hypothesis): bounds, B = 1 without Mg2+, monotonic in [Mg2+] and V."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from magnesim.receptor import AntonovJohnson, InternalBlock, JahrStevens, Kampa2004, WithInternalBlock, Woodhull

INSTANT = [JahrStevens(), Woodhull(), Woodhull.for_subunit("GluN2D"), AntonovJohnson(),
           WithInternalBlock(JahrStevens(), InternalBlock(), 0.5)]
WOODHULL_TYPE = [JahrStevens(), Woodhull(), Woodhull.for_subunit("GluN2C")]
IDS = ["js", "woodhull", "woodhull-2d", "antonov-johnson", "js+internal"]

volts = st.floats(min_value=-200, max_value=100, allow_nan=False)
mgs = st.floats(min_value=0, max_value=100, allow_nan=False)
any_finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300)


@pytest.mark.parametrize("model", INSTANT, ids=IDS)
@given(v=volts, mg=mgs)
def test_bounded(model, v, mg):
    b = float(model.unblocked_fraction(v, mg))
    assert 0.0 <= b <= 1.0


@pytest.mark.parametrize("model", [*INSTANT[:4], Kampa2004()], ids=[*IDS[:4], "kampa"])
@given(v=volts)
@settings(max_examples=30)
def test_no_block_without_mg(model, v):
    assert float(model.unblocked_fraction(v, 0.0)) == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("model", INSTANT, ids=IDS)
@given(v=volts, mg1=mgs, mg2=mgs)
def test_falls_with_mg(model, v, mg1, mg2):
    lo, hi = sorted((mg1, mg2))
    assert float(model.unblocked_fraction(v, hi)) <= float(model.unblocked_fraction(v, lo)) + 1e-15


@pytest.mark.parametrize("model", WOODHULL_TYPE, ids=IDS[:3])
@given(v1=volts, v2=volts, mg=mgs)
def test_rises_with_v(model, v1, v2, mg):
    lo, hi = sorted((v1, v2))
    assert float(model.unblocked_fraction(hi, mg)) >= float(model.unblocked_fraction(lo, mg)) - 1e-15


@pytest.mark.parametrize("model", INSTANT, ids=IDS)
@given(v=any_finite, mg=st.floats(min_value=0, max_value=1e300))
def test_finite_for_finite_input(model, v, mg):
    with np.errstate(over="ignore", invalid="raise"):  # overflow to inf is exact here (B = 0); NaN is not
        b = float(model.unblocked_fraction(np.float64(v), np.float64(mg)))
    assert np.isfinite(b) and 0.0 <= b <= 1.0


@given(v=volts, mg=mgs)
@settings(max_examples=25, deadline=None)
def test_kampa_steady_state_bounded_and_monotone(v, mg):
    m = Kampa2004()
    b = float(m.unblocked_fraction(v, mg))
    b_more = float(m.unblocked_fraction(v, mg + 1.0))
    assert 0.0 <= b_more <= b <= 1.0 + 1e-12
