"""Units at the boundary: the pint registry, quantity parsing, Mg conversions and the salts table.

>>> from magnesim.units import convert_mg
>>> round(convert_mg("1 mmol/L", "mg/dL"), 4)
2.4305
>>> convert_mg("2.4 mEq/L", "mM")
1.2
"""

from __future__ import annotations

from ._parse import (
    AGONIST,
    AMOUNT,
    BODY_WEIGHT,
    CONCENTRATION,
    CONDUCTANCE,
    CREATININE,
    CURRENT,
    DOSE_PER_KG,
    FLOW,
    FREQUENCY,
    HEIGHT,
    HOURS,
    MASS,
    NEURAL_STEP,
    PERMEABILITY,
    PH,
    SCALE,
    TEMPERATURE,
    TIME,
    VOLTAGE,
    Kind,
    parse_quantity,
    parse_values,
    to_kernel,
    to_kernel_array,
)
from ._registry import MG_MOLAR_MASS_G_PER_MOL, MG_VALENCE, registry
from ._salts import Salt, elemental_mmol, formula_molar_mass, salt, salts

__all__ = [
    "AGONIST",
    "AMOUNT",
    "BODY_WEIGHT",
    "CONCENTRATION",
    "CONDUCTANCE",
    "CREATININE",
    "CURRENT",
    "DOSE_PER_KG",
    "FLOW",
    "FREQUENCY",
    "HEIGHT",
    "HOURS",
    "MASS",
    "MG_MOLAR_MASS_G_PER_MOL",
    "MG_VALENCE",
    "NEURAL_STEP",
    "PERMEABILITY",
    "PH",
    "SCALE",
    "TEMPERATURE",
    "TIME",
    "VOLTAGE",
    "Kind",
    "Salt",
    "convert_mg",
    "elemental_mmol",
    "formula_molar_mass",
    "parse_quantity",
    "parse_values",
    "registry",
    "salt",
    "salts",
    "to_kernel",
    "to_kernel_array",
]


def convert_mg(value, unit: str, parameter: str = "value") -> float:
    """Convert a magnesium concentration or amount to ``unit`` (mmol/L ↔ mg/dL ↔ mEq/L; mmol ↔ mg ↔ mEq).

    ``value`` is a string such as ``"2.9 mg/dL"`` or a pint Quantity.
    """
    from ..errors import UnitError, invalid

    ureg = registry()
    q = parse_quantity(value, parameter) if isinstance(value, str) else ureg.Quantity(value.magnitude, str(value.units))
    try:
        with ureg.context("Mg"):
            return float(q.to(unit).magnitude)
    except Exception:
        raise UnitError(invalid(parameter, value, f"a Mg concentration or amount convertible to {unit!r}")) from None
