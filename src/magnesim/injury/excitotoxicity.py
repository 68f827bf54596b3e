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

    def simulate(self, occupancy_t, mg_t, blocked_t, vgcc_t, dt_min: float = 0.25):
        """Integrate conditions over time. Arguments are (T, C) arrays on a grid of step ``dt_min``:
        bath receptor occupancy, [Mg2+]o (mM), antagonist present (0/1), normalised VGCC Ca2+ influx.
        Returns a dict of (T, C) arrays: load M, glutamate G (µM), ROS R, hazard H, death fraction."""
        surface = influx_surface()
        table = (jnp.asarray(surface.occupancy), jnp.asarray(surface.mg_mM), jnp.asarray(surface.influx_pA))
        return _integrate(self, table, self.reference_influx(), jnp.asarray(occupancy_t, float), jnp.asarray(mg_t, float),
                          jnp.asarray(blocked_t, float), jnp.asarray(vgcc_t, float), dt_min,
                          value("injury.ec50_nmda", "uM"), value("injury.agonist_hill", "dimensionless"))


def _bilinear(table, occ, mg):
    grid_o, grid_m, values = table
    o = jnp.clip(occ, 0.0, 1.0)
    m = jnp.clip(mg, grid_m[0], grid_m[-1])
    i = jnp.clip(jnp.searchsorted(grid_o, o, side="right") - 1, 0, grid_o.size - 2)
    k = jnp.clip(jnp.searchsorted(grid_m, m, side="right") - 1, 0, grid_m.size - 2)
    u = (o - grid_o[i]) / (grid_o[i + 1] - grid_o[i])
    w = (m - grid_m[k]) / (grid_m[k + 1] - grid_m[k])
    return ((1 - u) * (1 - w) * values[i, k] + u * (1 - w) * values[i + 1, k]
            + (1 - u) * w * values[i, k + 1] + u * w * values[i + 1, k + 1])


@partial(jax.jit, static_argnames=("dt",))
def _integrate(p, table, j_ref, occ_t, mg_t, blocked_t, vgcc_t, dt, ec50, hill):
    decay_m = jnp.exp(-dt / p.tau_m_min)
    decay_g = jnp.exp(-dt / p.tau_release_min)
    decay_r = jnp.exp(-dt / p.tau_ros_min)

    def step(state, x):
        m, g, r, h = state
        occ, mg, blocked, vgcc = x
        endo = g**hill / (g**hill + ec50**hill)  # endogenous glutamate in NMDA-equivalent µM; glycine saturating
        j = (_bilinear(table, occ, mg) + _bilinear(table, endo, mg)) * (1.0 - blocked) / j_ref + p.w_vgcc * vgcc
        m = j * p.tau_m_min + (m - j * p.tau_m_min) * decay_m  # exact for j constant over the step
        g_target = p.k_release_uM * jnp.maximum(m - p.theta_release, 0.0)
        g = g_target + (g - g_target) * decay_g
        r_target = jnp.maximum(m - p.theta_damage, 0.0)
        r = r_target + (r - r_target) * decay_r
        h = h + p.k_damage * r * dt
        return (m, g, r, h), (m, g, r, h)

    zero = jnp.zeros(occ_t.shape[1:])
    _, (m, g, r, h) = jax.lax.scan(step, (zero, zero, zero, zero), (occ_t, mg_t, blocked_t, vgcc_t))
    return {"load": m, "glutamate_uM": g, "ros": r, "hazard": h, "death": 1.0 - jnp.exp(-h)}
