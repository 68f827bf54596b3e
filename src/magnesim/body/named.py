"""Named MgSO4 regimens for (pre-)eclampsia, written in the dose language (project notes pk.md §3.2).

Maintenance runs for 24 h, the usual duration after the last fit or delivery. Sources: Pritchard
1984 (Am J Obstet Gynecol 148:951) and the UK SmPC for Pritchard; BMC Pregnancy Childbirth 2013
13:34, Table 2, for Pritchard, Zuspan and Dhaka; the Am J Obstet Gynecol 2004 190:1520 review for
Sibai.
"""

from __future__ import annotations

from types import MappingProxyType

from ..errors import UnknownNameError, invalid
from .dose_language import parse_regimen
from .regimen import Regimen

__all__ = ["NAMED_REGIMENS", "named_regimen"]

NAMED_REGIMENS = MappingProxyType({
    "pritchard": "4 g MgSO4.7H2O IV over 20 min + 10 g MgSO4.7H2O IM, then 5 g MgSO4.7H2O IM every 4 h x 6 at 4 h",
    "zuspan": "4 g MgSO4.7H2O IV over 20 min, then 1 g/h MgSO4.7H2O IV for 24 h",
    "sibai": "6 g MgSO4.7H2O IV over 20 min, then 2 g/h MgSO4.7H2O IV for 24 h",
    "dhaka": "4 g MgSO4.7H2O IV over 20 min + 6 g MgSO4.7H2O IM, then 2.5 g MgSO4.7H2O IM every 4 h x 6 at 4 h",
})


def named_regimen(name: str) -> Regimen:
    """The named regimen (pritchard, zuspan, sibai, dhaka) as a :class:`Regimen`."""
    text = NAMED_REGIMENS.get(name.strip().lower())
    if text is None:
        raise UnknownNameError(invalid("regimen", name, ", ".join(NAMED_REGIMENS) + " or a dose text"))
    return Regimen(parse_regimen(text).events, f"{name.strip().lower()}: {text}")
