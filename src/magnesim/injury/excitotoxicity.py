"""Excitotoxic injury over hours: Ca2+ load → mitochondrial Ca2+ → reactive oxygen species → death.

A documented minimal model (no single published formulation covers these steps with parameters):

    j   = w_NMDA · (J(o_bath, Mg) + J(o_endo(G), Mg)) · (1 − a) / J_ref + w_VGCC · j_VGCC
    dM/dt = j − M / τ_M                                  mitochondrial Ca2+ load
    dG/dt = (k_G · (M − θ_G)⁺ − G) / τ_G                 glutamate released by injured cells (µM NMDA-equivalent)
    dR/dt = ((M − θ_D)⁺ − R) / τ_R                       reactive oxygen species
    dH/dt = k_D · R                                       cumulative death hazard; death fraction = 1 − e^(−H)

J is the neuron layer's steady NMDA-route Ca2+ influx (:mod:`magnesim.injury.surface`), J_ref its
value in the standard insult (500 µM NMDA, 10 µM glycine, no Mg2+), o the receptor occupancy, a = 1
once a saturating NMDA antagonist is present. The route weights encode Sattler et al. (1998): Ca2+
entering through NMDA receptors kills, an equal load through voltage-gated channels does not
(w_VGCC ≪ w_NMDA). The endogenous glutamate loop (G) is why antagonists given after the exposure
still rescue (Hartley & Choi 1989) and why that rescue fades. Six values are calibrated on the
in-vitro targets (scripts/calibrate_injury.py; see the parameter library). Units: min, µM, mM.
Integration: exponential Euler at ``dt`` (default 0.25 min), one compiled ``lax.scan`` for all conditions.
"""

from __future__ import annotations

from functools import partial

import jax.numpy as jnp

from .._jax import jax, pytree_dataclass
from ..cell._rates import relax
from ..params import param_field, value
from .surface import influx_surface, occupancy

__all__ = ["ExcitotoxicInjury"]


def _p(name: str, unit: str):
    return param_field(f"injury.{name}", unit)


@pytree_dataclass
class ExcitotoxicInjury:
    tau_m_min: float = _p("tau_mito", "min")
    theta_damage: float = _p("theta_damage", "dimensionless")
    k_damage: float = _p("k_damage", "1/min")
    tau_ros_min: float = _p("tau_ros", "min")
    k_release_uM: float = _p("k_release", "uM")
    theta_release: float = _p("theta_release", "dimensionless")
    tau_release_min: float = _p("tau_release", "min")
    w_vgcc: float = _p("w_vgcc", "dimensionless")

    name = "excitotoxic-injury"
    citation = "hartley-choi-1989"

    @staticmethod
    def reference_influx() -> float:
        """J_ref (pA): influx in the standard insult, 500 µM NMDA + 10 µM glycine without Mg2+."""
        return float(influx_surface()(occupancy(500.0, "NMDA", value("injury.glycine", "uM")), 0.0))

    def simulate(self, occupancy_t, mg_t, blocked_t, vgcc_t, dt_min: float = 0.25, trace: bool = True):
        """Integrate conditions over time. Arguments are arrays (T, …) on a grid of step ``dt_min`` whose
        trailing axes broadcast together to the conditions' shape: bath receptor occupancy, [Mg2+]o (mM),
        antagonist present (0/1), normalised VGCC Ca2+ influx. Returns a dict of (T, …) arrays — load M,
        glutamate G (µM), ROS R, hazard H, death fraction — or, with ``trace=False``, their final values."""
        return _integrate(self, influx_surface(), self.reference_influx(), jnp.asarray(occupancy_t, float), jnp.asarray(mg_t, float),
                          jnp.asarray(blocked_t, float), jnp.asarray(vgcc_t, float), dt_min, trace)


@partial(jax.jit, static_argnames=("dt", "trace"))
def _integrate(p, surface, j_ref, occ_t, mg_t, blocked_t, vgcc_t, dt, trace):
    decay_m = jnp.exp(-dt / p.tau_m_min)
    decay_g = jnp.exp(-dt / p.tau_release_min)
    decay_r = jnp.exp(-dt / p.tau_ros_min)

    def step(state, x):
        m, g, r, h = state
        occ, mg, blocked, vgcc = x
        endo = occupancy(g, "NMDA")  # endogenous glutamate in NMDA-equivalent µM; glycine saturating
        j = (surface(occ, mg) + surface(endo, mg)) * (1.0 - blocked) / j_ref + p.w_vgcc * vgcc
        m = relax(m, j * p.tau_m_min, decay_m)  # exact for j constant over the step
        g = relax(g, p.k_release_uM * jnp.maximum(m - p.theta_release, 0.0), decay_g)
        r = relax(r, jnp.maximum(m - p.theta_damage, 0.0), decay_r)
        h = h + p.k_damage * r * dt
        return (m, g, r, h), (m, g, r, h) if trace else None

    zero = jnp.zeros(jnp.broadcast_shapes(*(x.shape[1:] for x in (occ_t, mg_t, blocked_t, vgcc_t))))
    final, traced = jax.lax.scan(step, (zero, zero, zero, zero), (occ_t, mg_t, blocked_t, vgcc_t))
    m, g, r, h = traced if trace else final
    return {"load": m, "glutamate_uM": g, "ros": r, "hazard": h, "death": 1.0 - jnp.exp(-h)}
