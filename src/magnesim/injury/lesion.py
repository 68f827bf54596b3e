"""An intrastriatal NMDA lesion in a young rat (McDonald, Silverstein & Johnston 1990).

NMDA injected at t = 0 spreads from a point through the extracellular space (volume fraction α,
tortuosity λ, so D* = D/λ²) and is lost at a first-order rate k_cl:

    c(r, t) = M / (α (4π D* t)^(3/2)) · exp(−r² / (4 D* t) − k_cl t)

The hemisphere is a sphere of its volume, cut into equal-volume shells around the injection site;
each shell is a population of neurons that sees c(r, t) and the brain extracellular [Mg2+](t) and is
integrated by :class:`~magnesim.injury.ExcitotoxicInjury` (the in-vitro-calibrated slow model). The
lesion is the mean death fraction over the shells, i.e. the dead share of the hemisphere; McDonald
measured the weight lost by the injected hemisphere (31 ± 3% without Mg2+, the calibration target of
k_cl). The shells are solved in one compiled call. Units: mm, min, nmol, µM.
"""

from __future__ import annotations

import numpy as np

from .._jax import pytree_dataclass
from ..params import param_field, value
from .excitotoxicity import ExcitotoxicInjury
from .surface import occupancy

__all__ = ["StriatalLesion"]

_SHELLS = 400


@pytree_dataclass
class StriatalLesion:
    nmda_nmol: float = param_field("lesion.nmda_amount", "nmol")
    ecs_fraction: float = param_field("lesion.ecs_fraction", "dimensionless")
    tortuosity: float = param_field("lesion.tortuosity", "dimensionless")
    diffusion_cm2_s: float = param_field("lesion.diffusion_free", "cm^2/s")
    clearance_per_h: float = param_field("lesion.clearance", "1/h")
    hemisphere_mm3: float = param_field("lesion.hemisphere_volume", "mm^3")

    name = "striatal-nmda-lesion"
    citation = "mcdonald-1990"

    def radii_mm(self) -> np.ndarray:
        """Mid-volume radius of each of the equal-volume shells."""
        radius = (3.0 * self.hemisphere_mm3 / (4.0 * np.pi)) ** (1.0 / 3.0)
        return radius * ((np.arange(_SHELLS) + 0.5) / _SHELLS) ** (1.0 / 3.0)

    def nmda_uM(self, t_min) -> np.ndarray:
        """Extracellular NMDA (µM) at each shell, (T, shells), at times ``t_min`` > 0 after the injection."""
        t = np.asarray(t_min, dtype=float)[:, None]
        d_star = self.diffusion_cm2_s * 100.0 * 60.0 / self.tortuosity**2  # mm²/min
        spread = 4.0 * d_star * t
        r = self.radii_mm()[None, :]
        mM = self.nmda_nmol / (self.ecs_fraction * (np.pi * spread) ** 1.5) * np.exp(-r**2 / spread - self.clearance_per_h * t / 60.0)
        return 1000.0 * mM

    def death(self, mg_t, dt_min: float, injury: ExcitotoxicInjury | None = None) -> np.ndarray:
        """Death fraction at the end of the grid for each shell and Mg2+ course, (C, shells).

        ``mg_t`` is (T, C): brain extracellular [Mg2+] (mM) on a grid of step ``dt_min`` from the injection."""
        injury = injury or ExcitotoxicInjury()
        mg_t = np.asarray(mg_t, dtype=float)
        steps = mg_t.shape[0]
        occ = occupancy(self.nmda_uM((np.arange(steps) + 0.5) * dt_min), "NMDA", value("injury.glycine", "uM"))
        none = np.zeros((steps, 1, 1))  # no antagonist, no VGCC route
        out = injury.simulate(occ[:, None, :], mg_t[:, :, None], none, none, dt_min, trace=False)  # shells × courses broadcast
        return np.asarray(out["death"])

    def lesion_fraction(self, mg_t, dt_min: float, injury: ExcitotoxicInjury | None = None) -> np.ndarray:
        """Dead share of the hemisphere for each Mg2+ course (C,)."""
        return self.death(mg_t, dt_min, injury).mean(axis=1)
