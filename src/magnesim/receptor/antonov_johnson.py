"""Antonov & Johnson (1999) Mg2+ block with permeant-ion regulation and Mg2+ permeation.

External Mg2+ can enter the channel only when two external permeant-ion sites (Na+, K_Na) and an
internal one (Cs+, K_Cs(V)) are empty; once in, it either leaves to the outside (k_No) or
permeates to the inside (k_Ni). With n = 1 + [Na+]o/K_Na:

    k_on(V)  = k_P(V) / (n · (n + [Cs+]i / K_Cs(V)))
    k_off(V) = k_No(V) / n² + k_Ni(V)
    B = k_off / (k_off + [Mg2+]o · k_on)

with K_Cs = K_Cs(0)·e^(−V/21 mV), k_P = k_P(0)·e^(−V/55 mV), k_No = k_No(0)·e^(V/52.7 mV),
k_Ni = k_Ni(0)·e^(−V/50 mV). Because permeation (k_Ni) speeds up with hyperpolarisation, block
stops deepening e-fold per ~16 mV below about −80 mV, unlike Jahr–Stevens: this is the relief of
block at strong hyperpolarisation. Constants as coded in ModelDB 145836 (Moradi et al. 2013,
"Mg block as in Antonov99") for 140 mM Na+o and 148 mM Cs+i; the model describes Cs+-filled cells.

Antonov SM, Johnson JW (1999) PNAS 96:14571–14576. DOI 10.1073/pnas.96.25.14571.
"""

from __future__ import annotations

from typing import ClassVar

from .._jax import array_namespace, pytree_dataclass
from ..params import param_field
from ._base import exp_clipped

__all__ = ["AntonovJohnson"]


@pytree_dataclass
class AntonovJohnson:
    """Permeation block; ``v`` in mV, concentrations in mM, rates in 1/ms and 1/(mM·ms)."""

    name: ClassVar[str] = "antonov-johnson-1999"
    citation: ClassVar[str] = "antonov-johnson-1999"
    kinetic: ClassVar[bool] = False

    k_na_mM: float = param_field("antonov_johnson_1999.k_na", "mM")
    k_cs0_mM: float = param_field("antonov_johnson_1999.k_cs0", "mM")
    v_cs_mV: float = param_field("antonov_johnson_1999.v_cs", "mV")
    k_p0: float = param_field("antonov_johnson_1999.k_p0", "1/mM/ms")
    v_p_mV: float = param_field("antonov_johnson_1999.v_p", "mV")
    k_no0: float = param_field("antonov_johnson_1999.k_no0", "1/ms")
    v_no_mV: float = param_field("antonov_johnson_1999.v_no", "mV")
    k_ni0: float = param_field("antonov_johnson_1999.k_ni0", "1/ms")
    v_ni_mV: float = param_field("antonov_johnson_1999.v_ni", "mV")
    na_o_mM: float = param_field("antonov_johnson_1999.na_o", "mM")
    cs_i_mM: float = param_field("antonov_johnson_1999.cs_i", "mM")

    def rates(self, v):
        """(k_on in 1/(mM·ms), k_off to the outside, k_perm to the inside, both in 1/ms)."""
        xp = array_namespace(v, self)
        v = xp.asarray(v)
        n = 1.0 + self.na_o_mM / self.k_na_mM
        k_cs = self.k_cs0_mM * exp_clipped(xp, -v / self.v_cs_mV)
        k_on = self.k_p0 * exp_clipped(xp, -v / self.v_p_mV) / (n * (n + self.cs_i_mM / k_cs))
        k_out = self.k_no0 * exp_clipped(xp, v / self.v_no_mV) / n**2
        k_perm = self.k_ni0 * exp_clipped(xp, -v / self.v_ni_mV)
        return k_on, k_out, k_perm

    def unblocked_fraction(self, v, mg_o):
        k_on, k_out, k_perm = self.rates(v)
        k_off = k_out + k_perm
        return k_off / (k_off + mg_o * k_on)
