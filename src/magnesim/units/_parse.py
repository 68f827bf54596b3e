"""Quantities at the public boundary: parse, check the dimension, convert to kernel units.

Kernels use plain floats in one unit system (neural: mV, ms, nS, pA, µm², mM for Mg2+, µM for
Ca2+i; body: h, L, mmol, mmol/L; temperature in kelvin). A :class:`Kind` names what a parameter is
(a concentration, a voltage ...), its kernel unit, the unit a bare number takes, and examples that
the error message shows.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from ..errors import ParameterError, UnitError, invalid
from ._registry import registry

__all__ = [
    "AGONIST",
    "AMOUNT",
    "BODY_WEIGHT",
    "CONCENTRATION",
    "CREATININE",
    "CURRENT",
    "FLOW",
    "HEIGHT",
    "HOURS",
    "MASS",
    "PERMEABILITY",
    "PH",
    "TEMPERATURE",
    "TIME",
    "VOLTAGE",
    "Kind",
    "parse_quantity",
    "parse_values",
    "to_kernel",
    "to_kernel_array",
]

_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?(?:inf|nan)"
_QUANTITY_RE = re.compile(rf"^\s*(?P<num>{_NUMBER})\s*(?P<unit>[^\d\s+-].*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Kind:
    """What a parameter measures.

    ``unit``: the kernel unit values are converted to; ``bare``: the unit a bare number takes;
    ``examples``: shown in error messages; ``context``: pint context for the conversion
    (``"Mg"`` lets concentrations be given in mg/dL or mEq/L).
    """

    name: str
    unit: str
    bare: str
    examples: str
    context: str | None = None
    minimum: float = -math.inf
    maximum: float = math.inf

    def accepted(self) -> str:
        unit = "" if self.unit == "dimensionless" else f" {self.unit}"
        bounds = ""
        if math.isfinite(self.minimum) and math.isfinite(self.maximum):
            bounds = f" from {self.minimum:g} to {self.maximum:g}{unit}"
        elif math.isfinite(self.minimum):
            bounds = f" >= {self.minimum:g}{unit}"
        bare = "" if not unit else f" (a bare number is in {self.bare})"
        return f"a {self.name}{bounds} such as {self.examples}{bare}"

    def within(self, lo: float, hi: float) -> Kind:
        """The same kind with other bounds (in kernel units)."""
        return Kind(self.name, self.unit, self.bare, self.examples, self.context, lo, hi)


CONCENTRATION = Kind("concentration", "mM", "mM", "'1.2 mM', '2.9 mg/dL', '2.4 mEq/L'", "Mg", 0.0)
VOLTAGE = Kind("voltage", "mV", "mV", "'-60 mV', '0.04 V'")
TIME = Kind("time", "ms", "ms", "'10 ms', '3.5 s'", None, 0.0)
HOURS = Kind("time", "h", "h", "'20 min', '24 h', '14 days'", None, 0.0)
NEURAL_STEP = TIME.within(0.005, 0.1)  # neuron integration steps (ms) that the convergence tests cover
TEMPERATURE = Kind("temperature", "K", "degC", "'22 degC', '308 K'", None, 0.0)
MASS = Kind("mass", "mg", "mg", "'4 g', '300 mg'", None, 0.0)
CURRENT = Kind("current", "pA", "pA", "'200 pA', '0.2 nA'", None, -1e5, 1e5)
CONDUCTANCE = Kind("conductance", "nS", "nS", "'1 nS', '500 pS'", None, 0.0, 1e6)
BODY_WEIGHT = Kind("body weight", "kg", "kg", "'70 kg'", None, 0.0)
HEIGHT = Kind("height", "cm", "cm", "'165 cm'", None, 0.0)
CREATININE = Kind("serum creatinine", "mg/dL", "mg/dL", "'0.8 mg/dL'", None, 0.0)
FLOW = Kind("flow", "mL/min", "mL/min", "'100 mL/min'", None, 0.0)
PERMEABILITY = Kind("permeability", "cm/s", "cm/s", "'1e-8 cm/s'", None, 0.0)
SCALE = Kind("scale factor", "dimensionless", "dimensionless", "'0', '0.5,1', '0:1:0.25'", None, 0.0)
FREQUENCY = Kind("frequency", "Hz", "Hz", "'1 Hz', '500 mHz'", None, 0.0)
AMOUNT = Kind("amount of Mg", "mmol", "mmol", "'16.2 mmol', '394 mg', '32 mEq'", "Mg", 0.0)
AGONIST = Kind("agonist concentration", "uM", "uM", "'100 uM', '0.5 mM'", None, 0.0)
DOSE_PER_KG = Kind("dose of Mg per body weight", "mmol/kg", "mmol/kg", "'2 mmol/kg', '750 umol/kg'", None, 0.0)
PH = Kind("pH", "dimensionless", "dimensionless", "'7.2'", None, 0.0, 14.0)


def parse_quantity(text: str, parameter: str = "value", bare_unit: str | None = None):
    """Read ``"1.2 mM"``, ``"-60mV"``, ``"2.4 mEq/L"``, ``"22 degC"`` into a pint ``Quantity``.

    A bare number takes ``bare_unit`` (dimensionless when None).
    """
    ureg = registry()
    match = _QUANTITY_RE.match(text)
    if match is None:
        raise UnitError(invalid(parameter, text, "a number with a unit such as '1.2 mM' or '-60 mV'"))
    number = float(match["num"])
    unit = (match["unit"] or "").strip() or bare_unit or ""
    try:
        return ureg.Quantity(number, unit)
    except Exception as exc:  # pint raises several unrelated types for unknown or bad units
        raise UnitError(invalid(parameter, text, "a known unit such as mM, mg/dL, mEq/L, mV, ms, g", f"unit {unit!r}: {type(exc).__name__}")) from None


def _as_quantity(value, parameter: str, kind: Kind):
    ureg = registry()
    if isinstance(value, str):
        return parse_quantity(value, parameter, kind.bare)
    if isinstance(value, ureg.Quantity):
        return value
    if hasattr(value, "units") and hasattr(value, "magnitude"):
        # A Quantity from another registry: rebuild it in ours by its unit text.
        return ureg.Quantity(value.magnitude, str(value.units))
    if isinstance(value, bool):
        raise UnitError(invalid(parameter, value, kind.accepted(), "a boolean"))
    try:  # numbers, sequences of numbers, NumPy or JAX arrays: bare numbers in kind.bare
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise UnitError(invalid(parameter, value, kind.accepted(), f"type {type(value).__name__}")) from None
    return ureg.Quantity(array if array.ndim else float(array), kind.bare)


_DIMENSION_NAMES = (
    ("mV", "a voltage"), ("mM", "a concentration"), ("mg/dL", "a mass concentration"),
    ("mEq/L", "a concentration in equivalents"), ("ms", "a time"), ("K", "a temperature"),
    ("mg", "a mass"), ("mmol", "an amount of substance"), ("L", "a volume"), ("m", "a length"),
    ("", "a bare number"),
)


def _describe(q) -> str:
    """Name the kind of quantity ``q`` is, for error messages."""
    ureg = registry()
    for unit, name in _DIMENSION_NAMES:
        if q.dimensionality == ureg.Quantity(1, unit).dimensionality:
            return name
    return f"dimension {q.dimensionality}"


def _convert(q, parameter: str, kind: Kind, shown):
    try:
        if kind.context:
            with registry().context(kind.context):
                return q.to(kind.unit)
        return q.to(kind.unit)
    except Exception:
        raise UnitError(invalid(parameter, shown, kind.accepted(), _describe(q))) from None


def _check_bounds(x: np.ndarray, parameter: str, kind: Kind, shown) -> None:
    if not np.all(np.isfinite(x)):
        raise ParameterError(invalid(parameter, shown, kind.accepted(), "not finite"))
    if np.any(x < kind.minimum) or np.any(x > kind.maximum):
        raise ParameterError(invalid(parameter, shown, kind.accepted(), "out of range"))


def to_kernel(value, parameter: str, kind: Kind) -> float:
    """One scalar quantity (string, number or pint Quantity) → float in ``kind.unit``."""
    q = _convert(_as_quantity(value, parameter, kind), parameter, kind, value)
    magnitude = np.asarray(q.magnitude, dtype=float)
    if magnitude.ndim != 0:
        raise ParameterError(invalid(parameter, value, f"a single {kind.name}"))
    _check_bounds(magnitude, parameter, kind, value)
    return float(magnitude)


def to_kernel_array(value, parameter: str, kind: Kind) -> np.ndarray:
    """A scalar or array quantity (pint Quantity of an array, or numbers) → float array in ``kind.unit``.

    A string is read with :func:`parse_values` (value, comma list or range).
    """
    if isinstance(value, str):
        values = parse_values(value, parameter, kind)
        single = "," not in value and ":" not in value
        return values.reshape(()) if single else values
    if isinstance(value, list | tuple) and value and all(isinstance(v, str) for v in value):
        return np.array([to_kernel(v, parameter, kind) for v in value])
    q = _convert(_as_quantity(value, parameter, kind), parameter, kind, value)
    x = np.asarray(q.magnitude, dtype=float)
    if x.size == 0:
        raise ParameterError(invalid(parameter, value, f"at least one {kind.name}", "empty"))
    _check_bounds(x, parameter, kind, value)
    return x


_MAX_RANGE_POINTS = 1_000_000


def parse_values(text: str, parameter: str, kind: Kind) -> np.ndarray:
    """A value (``"1mM"``), a comma list (``"0,0.5,1mM"``), a range ``START:STOP:STEP`` or a log range
    ``START:STOP:logN`` (N points evenly spaced in log, e.g. ``3uM:1000uM:log12``).

    In a list or range, items without a unit take the unit written on the others (so ``0,0.5,1mM``
    is three concentrations in mM and ``-100:40:10mV`` fifteen voltages); with no unit anywhere they
    take ``kind.bare``. A range includes STOP when STOP lies on the grid.
    """
    accepted = f"a {kind.name}, a comma list, a range START:STOP:STEP or a log range START:STOP:logN, e.g. {kind.examples}"
    stripped = text.strip()
    if not stripped:
        raise ParameterError(invalid(parameter, text, accepted, "empty"))
    is_range = ":" in stripped
    parts = [p.strip() for p in stripped.split(":" if is_range else ",")]
    if any(not p for p in parts) or (is_range and (len(parts) != 3 or "," in stripped)):
        raise ParameterError(invalid(parameter, text, accepted, "malformed list or range"))
    log_points = re.fullmatch(r"log\s*(\d+)", parts[2], re.IGNORECASE) if is_range else None
    if log_points:  # START:STOP:logN, N points evenly spaced in log between START and STOP (both included)
        try:
            start, stop = parse_values(f"{parts[0]},{parts[1]}", parameter, kind)
        except ParameterError:
            raise ParameterError(invalid(parameter, text, accepted, "cannot read START or STOP")) from None
        n = int(log_points[1])
        if not (start > 0 and stop > start and 2 <= n <= _MAX_RANGE_POINTS):
            raise ParameterError(invalid(parameter, text, accepted, f"a log range needs 0 < START < STOP and 2 to {_MAX_RANGE_POINTS} points"))
        return np.geomspace(start, stop, n)
    matches = [_QUANTITY_RE.match(p) for p in parts]
    if any(m is None for m in matches):
        bad = parts[[m is None for m in matches].index(True)]
        raise UnitError(invalid(parameter, text, accepted, f"cannot read {bad!r}"))
    units = {(m["unit"] or "").strip() for m in matches} - {""}
    shared = next(iter(units)) if len(units) == 1 else None
    quantities = [
        parse_quantity(p if (m["unit"] or shared is None) else f"{p} {shared}", parameter, kind.bare)
        for p, m in zip(parts, matches, strict=True)
    ]
    values = np.array([float(_convert(q, parameter, kind, text).magnitude) for q in quantities])
    if is_range:
        values = _expand_range(values, parameter, text, accepted)
    _check_bounds(values, parameter, kind, text)
    return values


def _expand_range(values: np.ndarray, parameter: str, text: str, accepted: str) -> np.ndarray:
    start, stop, step = values
    if not all(map(math.isfinite, values)) or step == 0 or (stop - start) * step < 0:
        raise ParameterError(invalid(parameter, text, accepted, "STEP must be non-zero and point from START to STOP"))
    n = math.floor((stop - start) / step * (1 + 1e-12) + 1e-9) + 1
    if n > _MAX_RANGE_POINTS:
        raise ParameterError(invalid(parameter, text, f"a range of at most {_MAX_RANGE_POINTS} points", f"{n} points"))
    return start + step * np.arange(n)
