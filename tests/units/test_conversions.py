"""Unit parsing and magnesium conversions (1 mmol/L = 2.431 mg/dL = 2 mEq/L)."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from magnesim.errors import MagnesimError, ParameterError, UnitError
from magnesim.units import (
    AMOUNT,
    CONCENTRATION,
    MASS,
    TEMPERATURE,
    VOLTAGE,
    convert_mg,
    parse_quantity,
    parse_values,
    registry,
    to_kernel,
)


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("1.2 mM", "mM", 1.2),
        ("2.9 mg/dL", "mg/dL", 2.9),
        ("2.4 mEq/L", "mEq/L", 2.4),
        ("-60 mV", "mV", -60.0),
        ("-60mV", "mV", -60.0),
        ("4 g", "mg", 4000.0),
        ("300 mg", "mg", 300.0),
        ("1e-3 M", "mM", 1.0),
        ("500 uM", "mM", 0.5),
    ],
)
def test_parse_quantity(text, unit, expected):
    assert parse_quantity(text).to(unit).magnitude == pytest.approx(expected)


def test_mg_constants():
    # 1 mmol/L = 2.431 mg/dL (Mg 24.305 g/mol) = 2 mEq/L (valence 2): pk.md "Units".
    assert convert_mg("1 mmol/L", "mg/dL") == pytest.approx(2.431, abs=5e-4)
    assert convert_mg("1 mmol/L", "mEq/L") == pytest.approx(2.0)
    assert convert_mg("2.4 mEq/L", "mM") == pytest.approx(1.2)
    assert convert_mg("1 mmol", "mg") == pytest.approx(24.305)
    # FDA label: 1 g MgSO4.7H2O = 8.12 mEq; 98.6 mg Mg = 8.11 mEq.
    assert convert_mg("98.6 mg", "mEq") == pytest.approx(8.11, abs=0.01)


@given(st.floats(min_value=0.0, max_value=1e4, allow_nan=False))
def test_round_trips(x):
    mg_dl = convert_mg(f"{x!r} mmol/L", "mg/dL")
    meq = convert_mg(registry().Quantity(mg_dl, "mg/dL"), "mEq/L")
    back = convert_mg(registry().Quantity(meq, "mEq/L"), "mmol/L")
    assert back == pytest.approx(x, rel=1e-12, abs=1e-12)
    assert meq == pytest.approx(2 * x, rel=1e-12, abs=1e-12)


def test_concentration_kinds_share_kernel_unit():
    assert to_kernel("2.431 mg/dL", "mg", CONCENTRATION) == pytest.approx(1.0, abs=5e-4)
    assert to_kernel("2 mEq/L", "mg", CONCENTRATION) == pytest.approx(1.0)
    assert to_kernel(1.5, "mg", CONCENTRATION) == 1.5  # bare number: mM
    assert to_kernel("22 degC", "T", TEMPERATURE) == pytest.approx(295.15)
    assert to_kernel(37, "T", TEMPERATURE) == pytest.approx(310.15)  # bare number: degC
    assert to_kernel("0.04 V", "v", VOLTAGE) == pytest.approx(40.0)
    assert to_kernel(registry().Quantity(2, "g"), "m", MASS) == 2000.0


def test_lists_and_ranges():
    np.testing.assert_allclose(parse_values("0,0.5,1,2mM", "--mg", CONCENTRATION), [0, 0.5, 1, 2])
    np.testing.assert_allclose(parse_values("-100mV:40mV:10mV", "--v", VOLTAGE), np.arange(-100, 41, 10))
    np.testing.assert_allclose(parse_values("-100:40:10", "--v", VOLTAGE), np.arange(-100, 41, 10))
    np.testing.assert_allclose(parse_values("40:-100:-20mV", "--v", VOLTAGE), np.arange(40, -101, -20))
    np.testing.assert_allclose(parse_values("0:1:0.3", "--mg", CONCENTRATION), [0, 0.3, 0.6, 0.9])
    np.testing.assert_allclose(parse_values("1mM, 2.431 mg/dL", "--mg", CONCENTRATION), [1, 1], atol=1e-3)
    np.testing.assert_allclose(parse_values("0.01:1mM:log3", "--mg", CONCENTRATION), [0.01, 0.1, 1.0])  # log range, ends included
    np.testing.assert_allclose(parse_values("1 mg/dL:10 mg/dL:LOG 2", "--mg", CONCENTRATION), [1 / 2.4305, 10 / 2.4305], rtol=1e-4)


@pytest.mark.parametrize(
    ("text", "error", "fragment"),
    [
        ("-60mV", UnitError, "(a voltage)"),
        ("-1 mM", ParameterError, "out of range"),
        ("nan mM", ParameterError, "not finite"),
        ("inf", ParameterError, "not finite"),
        ("", ParameterError, "empty"),
        ("1,,2", ParameterError, "malformed"),
        ("1:2", ParameterError, "malformed"),
        ("1:2:3:4", ParameterError, "malformed"),
        ("0:1:0", ParameterError, "STEP"),
        ("0:1:log5", ParameterError, "log range"),
        ("1:2:log1", ParameterError, "log range"),
        ("0:1:-0.5", ParameterError, "STEP"),
        ("0:1e9:1e-3", ParameterError, "points"),
        ("abc", UnitError, "cannot read"),
        ("1 furlong", UnitError, "a length"),
        ("1 parsec/fortnight/blorp", UnitError, "unit"),
    ],
)
def test_bad_values(text, error, fragment):
    with pytest.raises(error) as info:
        parse_values(text, "--mg", CONCENTRATION)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("--mg: got ")
    assert fragment in message
    assert "accepted:" in message
    assert isinstance(info.value, MagnesimError)


def test_errors_subclass_builtins():
    with pytest.raises(TypeError):
        to_kernel("3 mV", "mg", CONCENTRATION)
    with pytest.raises(ValueError):
        to_kernel("-3 mM", "mg", CONCENTRATION)


def test_kind_bounds_in_message():
    with pytest.raises(ParameterError, match=r"from -500 to 500 mV"):
        parse_values("900 mV", "--v", VOLTAGE.within(-500, 500))
    assert math.isinf(CONCENTRATION.maximum)


def test_amounts_of_mg():
    assert to_kernel("394 mg", "dose", AMOUNT) == pytest.approx(16.21, abs=0.01)
    assert to_kernel("32 mEq", "dose", AMOUNT) == pytest.approx(16.0)
    with pytest.raises(UnitError, match="dose: got '4 mM' \\(a concentration\\)"):
        to_kernel("4 mM", "dose", AMOUNT)


def test_numbers_sequences_and_arrays_take_bare_units():
    import jax.numpy as jnp

    from magnesim.units import to_kernel_array

    np.testing.assert_allclose(to_kernel_array([-60, -40], "v", VOLTAGE), [-60, -40])
    np.testing.assert_allclose(to_kernel_array(jnp.array([0.5, 1.0]), "mg", CONCENTRATION), [0.5, 1.0])
    with pytest.raises(UnitError, match="a boolean"):
        to_kernel(True, "mg", CONCENTRATION)
    with pytest.raises(UnitError, match="type dict"):
        to_kernel({"a": 1}, "mg", CONCENTRATION)
