"""Jahr & Stevens (1990) against published and derived numbers (neuro.md §1.1–1.2, calibration_targets V001–V004)."""

import numpy as np
import pytest
from scipy.optimize import brentq

from magnesim.receptor import JahrStevens, unblocked_fraction

JS = JahrStevens()

# neuro.md §1.2, Jahr & Stevens column, [Mg2+]o = 1 mM.
TABLE_1_2 = {-100: 0.0072, -80: 0.0244, -65: 0.0597, -60: 0.0796, -40: 0.230, -20: 0.508, 0: 0.781, 20: 0.925}


def test_unblocked_fraction_at_minus_60():
    # V001: 0.080 (fit-derived); issue: 0.0796 ± 0.0005.
    assert float(JS.unblocked_fraction(-60.0, 1.0)) == pytest.approx(0.0796, abs=5e-4)


@pytest.mark.parametrize(("mg", "v_half"), [(1.0, -20.5), (0.1, -57.7), (0.5, -31.7), (0.7, -26.3), (1.2, -17.6), (2.0, -9.3)])
def test_half_block_voltage(mg, v_half):
    # V002, V003 and neuro.md §1.2 V½ list.
    root = brentq(lambda v: float(JS.unblocked_fraction(v, mg)) - 0.5, -150, 100)
    assert root == pytest.approx(v_half, abs=0.06)


@pytest.mark.parametrize(("v", "expected"), TABLE_1_2.items())
def test_block_factor_table(v, expected):
    assert float(JS.unblocked_fraction(float(v), 1.0)) == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize(("mg", "expected"), [(0.1, 0.39), (0.5, 0.11), (1.0, 0.060), (2.0, 0.031)])
def test_unblocked_at_minus_65(mg, expected):
    # neuro.md §1.2 (V004 for 2 mM); two significant digits.
    assert float(JS.unblocked_fraction(-65.0, mg)) == pytest.approx(expected, abs=0.006)


def test_halving_mg_near_rest_roughly_doubles_conductance():
    ratio = unblocked_fraction("-65 mV", "0.5 mM") / unblocked_fraction("-65 mV", "1 mM")
    assert 1.8 < float(ratio) < 2.0
    np.testing.assert_allclose(unblocked_fraction("-65 mV", "2.431 mg/dL"), unblocked_fraction(-65, 1), rtol=1e-3)
