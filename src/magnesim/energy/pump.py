"""Na+/K+-ATPase turnover against its substrate MgATP.

The pump's substrate is MgATP (Apell, Hitzler & Schreiber 2017). Its high-affinity catalytic site
(K_m ~8 µM) is saturated at millimolar ATP, so turnover follows the low-affinity (regulatory) site:
rate ∝ [MgATP] / (K_m + [MgATP]) with K_m 0.2 mM (0.1–0.5; a low-confidence, memory-level value in
the project notes). The electrostatic screening by cytosolic Mg2+ that Apell et al. describe changes
ion affinities, not turnover, and is left out. Rates are relative to a reference free [Mg2+]i
(0.5 mM). Units: mM.
"""

from __future__ import annotations

from .._jax import pytree_dataclass
from ..params import param_field
from .mgatp import MgATPEquilibrium

__all__ = ["SodiumPump"]


@pytree_dataclass
class SodiumPump:
    km_mgatp_mM: float = param_field("energy.pump_km_mgatp", "mM")
    atp_total_mM: float = param_field("energy.atp_total", "mM")
    reference_mg_mM: float = param_field("energy.reference_mg_i", "mM")

    name = "na-k-atpase"
    citation = "apell-2017"

    def saturation(self, mgatp_mM):
        """Fraction of maximal turnover at [MgATP] (mM)."""
        return mgatp_mM / (self.km_mgatp_mM + mgatp_mM)

    def relative_rate(self, mg_free_mM, equilibrium: MgATPEquilibrium | None = None):
        """Turnover at free [Mg2+]i relative to turnover at the reference [Mg2+]i."""
        eq = equilibrium or MgATPEquilibrium()
        at = lambda mg: self.saturation(self.atp_total_mM * eq.bound_fraction(mg))
        return at(mg_free_mM) / at(self.reference_mg_mM)
