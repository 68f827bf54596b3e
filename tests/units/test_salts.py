"""The salts table against the project notes (pk.md §1.6) and the formulas themselves."""

import pytest

from magnesim.errors import DataFileError, UnknownNameError
from magnesim.units import elemental_mmol, formula_molar_mass, salt, salts

# pk.md §1.6: formula -> (% Mg by mass, mmol Mg per g salt), computed from IUPAC atomic weights.
PK_TABLE = {
    "MgSO4·7H2O": (9.86, 4.057),
    "MgSO4": (20.19, 8.308),
    "MgCl2·6H2O": (11.96, 4.919),
    "MgCl2": (25.53, 10.50),
    "MgO": (60.30, 24.81),
    "Mg(OH)2": (41.68, 17.15),
    "Mg3(C6H5O7)2": (16.16, 6.650),
    "Mg3(C6H5O7)2·9H2O": (11.89, 4.892),
    "MgC6H6O7": (11.34, 4.664),
    "Mg(C2H4NO2)2": (14.10, 5.800),
    "Mg(C4H7O5)2": (8.25, 3.396),
    "Mg(C3H5O3)2": (12.01, 4.940),
    "Mg(CH3COO)2·4H2O": (11.33, 4.663),
    "Mg(C6H11O7)2": (5.86, 2.412),
    "Mg(C4H6NO4)2": (8.42, 3.466),
}

REQUIRED = ["MgSO4.7H2O", "MgSO4", "MgCl2.6H2O", "MgCl2", "MgO", "Mg(OH)2", "Mg citrate", "Mg glycinate",
            "Mg L-threonate", "Mg lactate", "Mg aspartate", "Mg gluconate"]


@pytest.mark.parametrize("formula", PK_TABLE)
def test_elemental_fraction_matches_notes(formula):
    s = salt(formula)
    percent, mmol_per_g = PK_TABLE[formula]
    # pk.md rounds to 2 decimals (percent) and 4 significant digits (mmol/g)
    assert 100 * s.elemental_fraction == pytest.approx(percent, abs=0.011)
    assert s.mmol_mg_per_g == pytest.approx(mmol_per_g, rel=6e-4)


@pytest.mark.parametrize("name", REQUIRED)
def test_required_salts_present_with_source(name):
    s = salt(name)
    assert s.source and s.formula
    assert 0 < s.elemental_fraction <= 1


def test_every_row_consistent():
    for s in salts():
        assert formula_molar_mass(s.formula) == pytest.approx(s.molar_mass_g_per_mol, rel=5e-4)


def test_clinical_doses():
    # UK SmPC: 4 g MgSO4.7H2O ~ 16 mmol Mg2+, 5 g ~ 20 mmol; pk.md: 1 g = 4.06 mmol.
    assert elemental_mmol("4 g", "MgSO4.7H2O") == pytest.approx(16.2, abs=0.05)
    assert elemental_mmol("5 g", "Epsom salt") == pytest.approx(20.3, abs=0.05)
    assert elemental_mmol("1 g", "magnesium sulfate heptahydrate") == pytest.approx(4.06, abs=0.005)
    assert elemental_mmol("400 mg", "Mg") == pytest.approx(400 / 24.305)


def test_unknown_salt():
    with pytest.raises(UnknownNameError, match="salt: got 'MgXYZ'; accepted: Mg, MgSO4"):
        salt("MgXYZ")


def test_formula_parser_rejects_garbage():
    with pytest.raises(ValueError):
        formula_molar_mass("Mg(OH")
    with pytest.raises(ValueError):
        formula_molar_mass("Xx2")
    assert issubclass(DataFileError, ValueError)
