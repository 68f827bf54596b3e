"""Woodhull form: equals Jahr–Stevens with matched constants; published parameterisations; GluN2 ordering."""

import numpy as np
import pytest
from scipy.optimize import brentq

from magnesim.receptor import JahrStevens, Woodhull, get_model

V = np.linspace(-150, 80, 231)


def test_matches_jahr_stevens_when_constants_match():
    js = JahrStevens()
    w = Woodhull()
    rt_f = 1e3 * w.gas_constant * w.temperature_K / w.faraday
    matched = Woodhull(k0_mM=js.k0_mM, delta=js.slope_per_mV * rt_f / w.valence)
    for mg in (0.1, 1.0, 3.0):
        np.testing.assert_allclose(matched.unblocked_fraction(V, mg), js.unblocked_fraction(V, mg), rtol=1e-12)
    # the library default is that matched delta to 5 significant digits
    np.testing.assert_allclose(w.unblocked_fraction(V, 1.0), js.unblocked_fraction(V, 1.0), atol=2e-5)


# neuro.md §1.2, [Mg2+]o = 1 mM: Spruston 1995 (K0 4.1 mM, delta 0.8, 22 degC) and Moradi 2013 (6.92 mM, 0.99, 35 degC).
SPRUSTON = {-100: 0.0075, -80: 0.0260, -65: 0.0643, -60: 0.0860, -40: 0.249, -20: 0.538, 0: 0.804, 20: 0.935}
MORADI = {-100: 0.0040, -80: 0.0174, -65: 0.0515, -60: 0.0731, -40: 0.260, -20: 0.609, 0: 0.874, 20: 0.969}


@pytest.mark.parametrize(("params", "table"), [((4.1, 0.8, 295.15), SPRUSTON), ((6.92, 0.99, 308.15), MORADI)], ids=["spruston", "moradi"])
def test_published_parameterisations(params, table):
    k0, delta, temp = params
    w = Woodhull(k0_mM=k0, delta=delta, temperature_K=temp)
    for v, expected in table.items():
        assert float(w.unblocked_fraction(float(v), 1.0)) == pytest.approx(expected, abs=1e-3), v


def ic50(model, v):
    """[Mg2+] (mM) that halves the conductance at v."""
    return brentq(lambda mg: float(model.unblocked_fraction(v, mg)) - 0.5, 1e-9, 1e6)


@pytest.mark.parametrize("v", [-100.0, -80.0, -60.0, -40.0, -20.0])
def test_subunit_ordering(v):
    # Qian et al. 2005: GluN1/2D block >= 4-fold weaker than 2A at all voltages; Kuner & Schoepfer 1996: 2A ~ 2B > 2C ~ 2D.
    a, b, c, d = (ic50(get_model("woodhull", s), v) for s in ("GluN2A", "GluN2B", "GluN2C", "GluN2D"))
    assert b == pytest.approx(a, rel=0.25)
    assert d == pytest.approx(c, rel=0.25)
    assert min(c, d) / max(a, b) >= 4.0


def test_temperature_changes_voltage_sensitivity():
    cold, warm = Woodhull(temperature_K=295.15), Woodhull(temperature_K=310.15)
    # at the same delta, a warmer membrane makes block less steep in V
    assert float(warm.unblocked_fraction(-80.0, 1.0)) > float(cold.unblocked_fraction(-80.0, 1.0))
    assert float(warm.kd(0.0)) == pytest.approx(float(cold.kd(0.0)))
