"""The pint registry, with equivalents and the magnesium context.

Magnesium is reported clinically in three ways that differ only by constants of the ion:
1 mmol/L = 2 mEq/L (valence 2) = 2.4305 mg/dL (molar mass 24.305 g/mol, IUPAC standard atomic
weight). pint keeps these dimensions apart; the ``"Mg"`` context defines the transformations so
that conversions between them are explicit (``q.to("mM", "Mg")``) and never happen by accident.
"""

from __future__ import annotations

import functools

MG_MOLAR_MASS_G_PER_MOL = 24.305
"""Standard atomic weight of magnesium (IUPAC; conventional value 24.305)."""

MG_VALENCE = 2
"""Charge number of Mg2+: one mmol carries two milliequivalents."""


@functools.cache
def registry():
    """The one pint ``UnitRegistry`` of magnesim (built on first use: importing pint is slow)."""
    import pint

    try:  # parsed definitions are cached on disk: 0.03 s instead of 0.3 s per process
        ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True, cache_folder=":auto:")
    except OSError:
        ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    # Equivalents get a dimension of their own so that mEq never converts to mmol silently.
    ureg.define("equivalent = [equivalent] = Eq")
    ctx = pint.Context("Mg")
    mw = MG_MOLAR_MASS_G_PER_MOL * ureg.gram / ureg.mole
    eq_per_mol = MG_VALENCE * ureg.Eq / ureg.mole
    pairs = [
        ("[mass]", "[substance]", mw),
        ("[equivalent]", "[substance]", eq_per_mol),
        ("[mass] / [length] ** 3", "[substance] / [length] ** 3", mw),
        ("[equivalent] / [length] ** 3", "[substance] / [length] ** 3", eq_per_mol),
    ]
    for src, dst, factor in pairs:
        ctx.add_transformation(src, dst, lambda _ureg, x, f=factor: x / f)
        ctx.add_transformation(dst, src, lambda _ureg, x, f=factor: x * f)
    ureg.add_context(ctx)
    ureg.formatter.default_format = "~P"
    return ureg
