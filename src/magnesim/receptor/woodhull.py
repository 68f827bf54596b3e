"""Woodhull (1973) open-channel block with K0, δ, valence and temperature explicit.

    K(V) = K0 · exp(δ z F V / RT),      B(V, [Mg2+]o) = 1 / (1 + [Mg2+]o / K(V))

A blocking ion of charge z binds a site a fraction δ of the way through the membrane field from
the outside; depolarisation drives it back out. The defaults reproduce Jahr & Stevens (1990)
exactly at 22 °C (δ = 0.062 /mV · RT/zF = 0.788). Presets for GluN1/GluN2A–D come from
:meth:`Woodhull.for_subunit`; their sources and confidence are in the parameter library
(``magnesim params --search glun2``).

Woodhull AM (1973) J Gen Physiol 61:687–708. DOI 10.1085/jgp.61.6.687.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from .._jax import array_namespace, pytree_dataclass
from ..errors import UnknownNameError, invalid
from ..params import param_field, value
from ._base import exp_clipped, rt_over_f_mV

__all__ = ["SUBUNITS", "Woodhull", "canonical_subunit"]

SUBUNITS = ("GluN2A", "GluN2B", "GluN2C", "GluN2D")


@pytree_dataclass
class Woodhull:
    """B = 1 / (1 + [Mg2+]o / (K0 exp(δzFV/RT))); ``v`` in mV, ``mg_o`` in mM, T in K."""

    name: ClassVar[str] = "woodhull"
    citation: ClassVar[str] = "woodhull-1973"
    kinetic: ClassVar[bool] = False

    k0_mM: float = param_field("woodhull.k0", "mM")
    delta: float = param_field("woodhull.delta", "dimensionless")
    valence: float = param_field("physical.mg_valence", "dimensionless")
    temperature_K: float = param_field("woodhull.temperature", "K")
    faraday: float = param_field("physical.faraday", "C/mol")
    gas_constant: float = param_field("physical.gas_constant", "J/mol/K")
    subunit: str | None = dataclasses.field(default=None, metadata={"static": True})

    def parameter_ids(self) -> dict[str, str]:
        """Library ids of fields whose values come from a subunit preset rather than the defaults."""
        if self.subunit is None:
            return {}
        tag = self.subunit.lower()
        return {"k0_mM": f"woodhull.{tag}.k0", "delta": f"woodhull.{tag}.delta"}

    def kd(self, v):
        """K(V) in mM."""
        xp = array_namespace(v, self)
        rt_f = rt_over_f_mV(self.gas_constant, self.temperature_K, self.faraday)
        return self.k0_mM * exp_clipped(xp, self.delta * self.valence * xp.asarray(v) / rt_f)

    def unblocked_fraction(self, v, mg_o):
        return 1.0 / (1.0 + mg_o / self.kd(v))

    @classmethod
    def for_subunit(cls, subunit: str, **overrides) -> Woodhull:
        """The preset for GluN1 with ``subunit`` (GluN2A ... GluN2D; also 2A, NR2A)."""
        name = canonical_subunit(subunit)
        tag = name.lower()
        params = {"k0_mM": value(f"woodhull.{tag}.k0", "mM"), "delta": value(f"woodhull.{tag}.delta", "dimensionless")}
        return cls(**(params | overrides), subunit=name)


def canonical_subunit(subunit: str) -> str:
    """``"2a"``, ``"NR2A"``, ``"glun2a"`` → ``"GluN2A"``; unknown names raise :class:`UnknownNameError`."""
    key = subunit.strip().upper().replace("NR2", "GLUN2")
    key = "GLUN" + key if key[:1] == "2" else key
    for name in SUBUNITS:
        if name.upper() == key:
            return name
    raise UnknownNameError(invalid("subunit", subunit, ", ".join(SUBUNITS)))
