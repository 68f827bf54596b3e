"""Mg2+ + ATP ⇌ MgATP: the apparent dissociation constant and the Mg-bound fraction of ATP.

Species constants of Alberty (2003, p. 235; 25 °C, ionic strength 0.25 M): K_MgATP = 1.22e-4 M
(Mg2+ + ATP4−), pK_a 6.46 (HATP3−), K_MgHATP = 1.18e-2 M. With the free concentrations of Mg2+ and H+
held by the cytosol, the Mg-bound share of total ATP is

    K_app = (1 + [H+]/K_a) / (1/K_MgATP + [H+]/(K_a · K_MgHATP))        (0.144 mM at pH 7.2)
    f_MgATP = [Mg2+] / ([Mg2+] + K_app)

(Mg2ATP, K ≈ 28 mM, is negligible below 5 mM.) Units: mM.
"""

from __future__ import annotations

from .._jax import array_namespace, pytree_dataclass
from ..params import param_field

__all__ = ["MgATPEquilibrium"]


@pytree_dataclass
class MgATPEquilibrium:
    k_mgatp_mM: float = param_field("energy.k_mgatp", "mM")
    pka_hatp: float = param_field("energy.pka_hatp", "dimensionless")
    k_mghatp_mM: float = param_field("energy.k_mghatp", "mM")
    ph: float = param_field("energy.ph_i", "dimensionless")

    name = "mgatp-equilibrium"
    citation = "alberty-2003"

    def apparent_kd(self):
        """Apparent dissociation constant of Mg2+ for total (unbound + protonated) ATP, mM."""
        xp = array_namespace(self)
        h_over_ka = xp.power(10.0, self.pka_hatp - self.ph)  # [H+]/K_a
        return (1.0 + h_over_ka) / (1.0 / self.k_mgatp_mM + h_over_ka / self.k_mghatp_mM)

    def bound_fraction(self, mg_free_mM):
        """Fraction of total ATP bound to Mg2+ at free [Mg2+] (mM)."""
        return mg_free_mM / (mg_free_mM + self.apparent_kd())
