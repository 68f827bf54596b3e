"""Jahr & Stevens (1990) instantaneous Mg2+ block.

    B(V, [Mg2+]o) = 1 / (1 + [Mg2+]o / K0 · exp(−γ V))

with K0 = 3.57 mM and γ = 0.062 /mV: a macroscopic fit to whole-cell NMDA conductances of cultured
hippocampal neurons over 1 µM–10 mM [Mg2+]o. This is the block almost every NMDA synapse model
uses (Destexhe, Mainen & Sejnowski; Aguiar 2010), so it is magnesim's default.

Jahr CE, Stevens CF (1990) J Neurosci 10:3178–3182. DOI 10.1523/JNEUROSCI.10-09-03178.1990.
"""

from __future__ import annotations

from typing import ClassVar

from .._jax import array_namespace, pytree_dataclass
from ..params import param_field
from ._base import exp_clipped

__all__ = ["JahrStevens"]


@pytree_dataclass
class JahrStevens:
    """B = 1 / (1 + [Mg2+]o/K0 · exp(−γV)); ``v`` in mV, ``mg_o`` in mM."""

    name: ClassVar[str] = "jahr-stevens-1990"
    citation: ClassVar[str] = "jahr-stevens-1990"
    kinetic: ClassVar[bool] = False

    k0_mM: float = param_field("jahr_stevens_1990.k0", "mM")
    slope_per_mV: float = param_field("jahr_stevens_1990.slope", "1/mV")

    def unblocked_fraction(self, v, mg_o):
        xp = array_namespace(v, mg_o, self)
        return 1.0 / (1.0 + mg_o / self.k0_mM * exp_clipped(xp, -self.slope_per_mV * xp.asarray(v)))
