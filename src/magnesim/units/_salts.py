"""Magnesium salts: molar mass, elemental Mg fraction, conversion of salt amounts to elemental Mg.

The table (``data/salts.csv``) gives, for each salt, its formula, molar mass, aliases and source.
On loading, the molar mass is recomputed from the formula with IUPAC standard atomic weights and
must agree to 0.05%, so that a typo in the table cannot pass unnoticed.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources

from ..errors import DataFileError, UnknownNameError, invalid
from ._parse import MASS, to_kernel
from ._registry import MG_MOLAR_MASS_G_PER_MOL

__all__ = ["Salt", "elemental_mmol", "formula_molar_mass", "salt", "salts"]

# IUPAC (CIAAW) standard atomic weights, conventional values, g/mol.
_ATOMIC_WEIGHTS = {
    "H": 1.008, "C": 12.011, "N": 14.007, "O": 15.999, "Mg": MG_MOLAR_MASS_G_PER_MOL,
    "S": 32.06, "Cl": 35.45,
}
_TOKEN = re.compile(r"([A-Z][a-z]?)(\d*)|(\()|(\))(\d*)")


def _group_mass(formula: str) -> float:
    stack = [0.0]
    pos = 0
    for match in _TOKEN.finditer(formula):
        if match.start() != pos:
            raise ValueError(f"cannot read {formula[pos:]!r}")
        pos = match.end()
        element, count, opening, closing, group_count = match.groups()
        if element:
            if element not in _ATOMIC_WEIGHTS:
                raise ValueError(f"no atomic weight for {element!r}")
            stack[-1] += _ATOMIC_WEIGHTS[element] * int(count or 1)
        elif opening:
            stack.append(0.0)
        elif closing:
            if len(stack) == 1:
                raise ValueError("unbalanced ')'")
            inner = stack.pop()
            stack[-1] += inner * int(group_count or 1)
    if pos != len(formula) or len(stack) != 1:
        raise ValueError(f"cannot read {formula!r}")
    return stack[0]


def formula_molar_mass(formula: str) -> float:
    """Molar mass (g/mol) of a formula such as ``"Mg3(C6H5O7)2·9H2O"`` (``·``, ``.`` or ``*`` join hydrates)."""
    total = 0.0
    for part in re.split(r"[·.*]", formula.replace(" ", "")):
        match = re.match(r"^(\d*)(.+)$", part)
        if match is None:
            raise ValueError(f"cannot read {formula!r}")
        total += int(match[1] or 1) * _group_mass(match[2])
    return total


def _mg_atoms(formula: str) -> int:
    """Number of Mg atoms per formula unit (Mg appears outside brackets in every salt here)."""
    return sum(int(n or 1) for n in re.findall(r"Mg(\d*)", formula.split("·")[0]))


@dataclass(frozen=True)
class Salt:
    """A magnesium salt (or elemental Mg) with its composition and source."""

    id: str
    name: str
    formula: str
    molar_mass_g_per_mol: float
    aliases: tuple[str, ...]
    note: str
    source: str

    @property
    def mg_atoms(self) -> int:
        return _mg_atoms(self.formula)

    @property
    def elemental_fraction(self) -> float:
        """Mass fraction of Mg in the salt."""
        return self.mg_atoms * MG_MOLAR_MASS_G_PER_MOL / self.molar_mass_g_per_mol

    @property
    def mmol_mg_per_g(self) -> float:
        """mmol of elemental Mg in one gram of salt."""
        return 1000.0 * self.mg_atoms / self.molar_mass_g_per_mol


def _normalise(name: str) -> str:
    return re.sub(r"[\s_\-·.*]", "", name).lower()


@functools.cache
def salts() -> tuple[Salt, ...]:
    """All salts in the table, in table order."""
    text = resources.files("magnesim.units").joinpath("data/salts.csv").read_text(encoding="utf-8")
    table = []
    for line, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        try:
            mw = float(row["molar_mass_g_per_mol"])
            computed = formula_molar_mass(row["formula"])
        except (ValueError, KeyError) as exc:
            raise DataFileError(f"salts.csv line {line}: {exc}") from None
        if abs(computed - mw) > 5e-4 * mw:
            raise DataFileError(invalid(f"salts.csv line {line} molar_mass_g_per_mol", mw, f"{computed:.2f} computed from {row['formula']}"))
        aliases = tuple(a.strip() for a in row["aliases"].split(";") if a.strip())
        table.append(Salt(row["id"], row["name"], row["formula"], mw, aliases, row["note"], row["source"]))
    return tuple(table)


@functools.cache
def _index() -> dict[str, Salt]:
    index: dict[str, Salt] = {}
    for s in salts():
        for key in (s.id, s.formula, *s.aliases):
            index.setdefault(_normalise(key), s)
    return index


def salt(name: str) -> Salt:
    """Look a salt up by id, formula or alias (case, spaces, dots and hyphens ignored)."""
    found = _index().get(_normalise(name))
    if found is None:
        known = ", ".join(s.formula for s in salts())
        raise UnknownNameError(invalid("salt", name, known))
    return found


def elemental_mmol(amount, salt_name: str = "Mg", parameter: str = "amount") -> float:
    """mmol of elemental Mg in ``amount`` (a mass such as ``"4 g"``) of the named salt."""
    mass_mg = to_kernel(amount, parameter, MASS)
    return mass_mg / 1000.0 * salt(salt_name).mmol_mg_per_g
