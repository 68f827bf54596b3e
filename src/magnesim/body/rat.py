"""The physiological body model (:mod:`magnesim.body.physiological`) scaled to a young rat.

Scaling from the 70 kg human reference (Boxenbaum 1982): volumes and pool sizes stay per kg;
flows and clearances (fast-tissue exchange, GFR) scale with (W/70)^0.75; first-order rate constants
(pool return rates, bone turnover, CSF turnover) with (W/70)^-0.25. The CSF influx keeps the human
saturable form and CSF/serum ratio, so CSF Mg follows serum ionized Mg only as far as
J_max·C/(K_m + C) allows (Hallak 1992 found CSF and serum Mg correlated in rats). Two rat values are
calibrated on Sameshima 1999 (270 mg/kg MgSO4 i.p. in P7 rats; scripts/calibrate_lesion.py): the
peritoneal absorption rate and the neonatal kidney's GFR relative to allometry. The absorbed diet is
set so that serum holds the rat's measured baseline (ionized 0.52 mM, same source).

Routes: i.v. (bolus into serum), i.p. and s.c. (first-order absorption, complete). Units: kg, h, mmol.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from .._jax import array_namespace, pytree_dataclass
from ..errors import UnknownNameError, invalid
from ..params import param_field
from .ode import StepInputs
from .physiological import STATES, Physiological, PhysioParams
from .subject import Subject

__all__ = ["RAT_ROUTES", "RatPK"]

RAT_ROUTES = ("ip", "iv", "sc")
_SERUM, _DEPOT = STATES.index("serum"), STATES.index("im_depot")


@pytree_dataclass
class RatPK:
    weight_kg: float = param_field("rat.weight", "kg")
    reference_weight_kg: float = param_field("rat.reference_weight", "kg")
    flow_exponent: float = param_field("rat.flow_exponent", "dimensionless")
    rate_exponent: float = param_field("rat.rate_exponent", "dimensionless")
    ka_ip: float = param_field("rat.ka_ip", "1/h")
    ka_sc: float = param_field("rat.ka_sc", "1/h")
    renal_maturity: float = param_field("rat.renal_maturity", "dimensionless")
    serum_ionized_baseline: float = param_field("rat.serum_ionized_baseline", "mmol/L")
    brain_ecs_fraction: float = param_field("brain.ecs_fraction", "dimensionless")
    brain_cell_mg: float = param_field("brain.cell_total_mg", "mmol/L")

    name = "rat-pk"
    citation = "boxenbaum-1982"

    def params(self, route: str, body: Physiological | None = None, n: int = 1) -> PhysioParams:
        """The body model's parameters for ``n`` copies of this rat; the depot absorbs at the route's rate.

        NumPy for concrete models, JAX when a field of this rat or of ``body`` is a JAX value (so that
        a calibration can differentiate), by the same operations."""
        if route not in RAT_ROUTES:
            raise UnknownNameError(invalid("route", route, ", ".join(RAT_ROUTES)))
        body = body or Physiological()
        xp = array_namespace(self, body)
        reference = Subject(weight_kg=self.reference_weight_kg)
        ratio = self.weight_kg / self.reference_weight_kg
        flow, rate = ratio**self.flow_exponent, ratio**self.rate_exponent
        gfr = reference.gfr_L_h * flow * self.renal_maturity
        p = body.params(xp.full(n, self.weight_kg), xp.full(n, gfr))
        # the absorbed diet that holds serum at the rat's measured baseline (inverse of Physiological.baseline_serum)
        excess = (self.serum_ionized_baseline / body.f_ion - body.renal_threshold) / body.renal_splay
        diet = gfr * body.renal_splay * xp.logaddexp(0.0, excess)
        return dataclasses.replace(
            p, q=xp.asarray(p.q) * flow, k_out=xp.asarray(p.k_out) * rate, k_bm=xp.asarray(p.k_bm) * rate,
            k_mb=xp.asarray(p.k_mb) * rate, csf_jmax=xp.asarray(p.csf_jmax) * rate * ratio,
            csf_kout=xp.asarray(p.csf_kout) * rate, ka_im=xp.full_like(xp.asarray(p.ka_im), self.ka_ip if route == "ip" else self.ka_sc),
            diet=xp.full_like(xp.asarray(p.diet), diet), csf_volume=xp.asarray(p.csf_volume) * ratio,
        )

    def brain_tissue_mM(self, csf_total_mM):
        """Total Mg of perfused brain tissue (mmol per litre of tissue) whose extracellular fluid holds
        ``csf_total_mM``: the extracellular share (adult volume fraction, as in the tissue assays of
        Rothe 1993) at the CSF's concentration, plus brain cells at a fixed total Mg. Fixed because the
        model has no brain-cell Mg exchange: this reads what extracellular Mg alone adds to a tissue assay."""
        return self.brain_ecs_fraction * csf_total_mM + (1.0 - self.brain_ecs_fraction) * self.brain_cell_mg

    def simulate(self, dose_mmol_per_kg, route: str = "ip", hours: float = 24.0, dt_h: float = 1.0 / 240.0,
                 body: Physiological | None = None) -> dict[str, np.ndarray]:
        """The body model's outputs after one dose given at t = 0, for each dose (mmol/kg).

        Returns ``time_h`` (T,) and, as (D, T) arrays, every output of :meth:`Physiological.observe`
        (the same names as the human model's Dataset: ``serum_ionized_mM``, ``csf_ionized_mM``, …) and
        ``brain_tissue_mM`` (:meth:`brain_tissue_mM`)."""
        body = body or Physiological()
        doses = np.atleast_1d(np.asarray(dose_mmol_per_kg, dtype=float))
        p = self.params(route, body, doses.size)
        x0 = body.baseline_state(p)
        x0[:, _SERUM if route == "iv" else _DEPOT] += doses * self.weight_kg
        n = round(hours / dt_h)
        none = StepInputs(np.zeros((n, len(STATES))), np.zeros((n, len(STATES))), np.zeros(n))
        xs = body.simulate(p, x0, none, dt_h, 1)
        seen = body.observe(p, xs)
        return {"time_h": np.arange(n + 1) * dt_h, **seen, "brain_tissue_mM": self.brain_tissue_mM(seen["csf_total_mM"])}
