"""Excitotoxic injury over hours: Ca2+ load → mitochondrial Ca2+ → reactive oxygen species → death,
in a culture of neurons that differ in how many NMDA receptors they carry.

A documented minimal model (no single published formulation covers these steps with parameters).
Neuron k of the culture carries s_k times the typical whole-cell NMDA conductance, log-normally
distributed across the culture (median 1, SD of ln s = σ); the culture is represented by K
equal-probability quantiles s_k = exp(σ Φ⁻¹((k + ½)/K)), each a sub-population with its own state:

    j_k   = w_NMDA · (J(s_k o_bath, Mg) + J(s_k o_endo(G_k), Mg)) · (1 − a) / J_ref + w_VGCC · j_VGCC
    dM_k/dt = j_k − M_k / τ_M                              mitochondrial Ca2+ load
    dR_k/dt = ((M_k − θ_D)⁺ − R_k) / τ_R                   reactive oxygen species
    dH_k/dt = k_D · R_k                                     cumulative death hazard
    dG_k/dt = (k_G · min((M_k − θ_G)⁺, 1) · e^(−H_k) − G_k) / τ_G
                                                            glutamate around the sub-population's neurons
                                                            (µM NMDA-equivalent), released by its living
                                                            injured neurons, each saturating one load unit above θ_G
    death fraction = mean_k (1 − e^(−H_k))

J is the neuron layer's steady NMDA-route Ca2+ influx as a function of the opened NMDA conductance
relative to the typical cell's maximum (:mod:`magnesim.injury.surface`), J_ref its value in the
standard insult (500 µM NMDA, 10 µM glycine, no Mg2+) for the typical cell, o the receptor occupancy,
a = 1 once a saturating NMDA antagonist is present. A neuron's death probability rises steeply once
its load passes θ_D; the spread of receptor density (σ) is what makes the culture's death a graded
function of agonist concentration, exposure time and [Mg2+]o, as measured. The influx surface ends
at 8 × the typical neuron's conductance, beyond the densest quantile (at σ 0.80, 1/64 of the culture
at 7.0 ×); a wider spread would read its densest neurons at that edge.

Injured neurons release glutamate (G), which keeps NMDA receptors active after the exposure: why an
antagonist given after the exposure still rescues (Hartley & Choi 1989) and why that rescue fades.
Transporters take released glutamate up within micrometres of where it is released (Diamond 2001),
so each sub-population's release acts on itself rather than through the culture's medium. (Until
issue 13 the loop was shared: it then ignited for the whole culture at one concentration, a 0 → 1
step, unless it was too weak to give the measured rescue.) The route weights encode Sattler et al.
(1998): Ca2+ entering through NMDA receptors kills, an equal load through voltage-gated channels does
not (w_VGCC ≪ w_NMDA). Seven values are calibrated on in-vitro targets (scripts/calibrate_injury.py;
see the parameter library). Units: min, µM, mM.
Integration: exponential Euler at ``dt`` (default 0.25 min), one compiled ``lax.scan`` for all
conditions and quantiles, checkpointed in chunks so that reverse-mode gradients fit in memory.
"""

from __future__ import annotations

import dataclasses
from functools import partial

import jax.numpy as jnp
import numpy as np
from scipy.special import ndtri

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
    density_sd: float = _p("nmda_density_sd", "dimensionless")
    # Quadrature order of the culture's density distribution: 64 equal-probability quantiles keep the
    # death fraction within ~0.01 of the converged value (tests/injury).
    quantiles: int = dataclasses.field(default=64, metadata={"static": True})

    name = "excitotoxic-injury"
    citation = "hartley-choi-1989"

    def density_scales(self):
        """Relative NMDA conductance s_k of the culture's K equal-probability quantiles (median 1)."""
        z = ndtri((np.arange(self.quantiles) + 0.5) / self.quantiles)
        return jnp.exp(self.density_sd * z)

    @staticmethod
    def reference_influx() -> float:
        """J_ref (pA): influx of the typical neuron in the standard insult, 500 µM NMDA + 10 µM glycine without Mg2+."""
        return float(influx_surface()(occupancy(500.0, "NMDA", value("injury.glycine", "uM")), 0.0))

    def simulate(self, occupancy_t, mg_t, blocked_t, vgcc_t, dt_min: float = 0.25, trace: bool = True):
        """Integrate conditions over time. Arguments are arrays (T, …) on a grid of step ``dt_min`` whose
        trailing axes broadcast together to the conditions' shape: bath receptor occupancy, [Mg2+]o (mM),
        antagonist present (0/1), normalised VGCC Ca2+ influx. Returns a dict of (T, …) arrays — the
        culture's mean load M, glutamate G (µM), mean ROS R, death fraction — or, with ``trace=False``,
        their final values."""
        return _integrate(self, influx_surface(), self.reference_influx(), jnp.asarray(occupancy_t, float), jnp.asarray(mg_t, float),
                          jnp.asarray(blocked_t, float), jnp.asarray(vgcc_t, float), dt_min, trace)


@partial(jax.jit, static_argnames=("dt", "trace"))
def _integrate(p, surface, j_ref, occ_t, mg_t, blocked_t, vgcc_t, dt, trace):
    decay_m = jnp.exp(-dt / p.tau_m_min)
    decay_g = jnp.exp(-dt / p.tau_release_min)
    decay_r = jnp.exp(-dt / p.tau_ros_min)
    s = p.density_scales()  # (K,): the last axis of the per-neuron states

    def step(state, x):
        m, g, r, h = state
        occ, mg, blocked, vgcc = (v[..., None] for v in x)
        endo = occupancy(g, "NMDA")  # glutamate around the neuron, NMDA-equivalent µM; glycine saturating
        j = (surface(s * occ, mg) + surface(s * endo, mg)) * (1.0 - blocked) / j_ref + p.w_vgcc * vgcc
        m = relax(m, j * p.tau_m_min, decay_m)  # exact for j constant over the step
        release = jnp.minimum(jnp.maximum(m - p.theta_release, 0.0), 1.0) * jnp.exp(-h)  # a living neuron's, saturating
        g = relax(g, p.k_release_uM * release, decay_g)
        r = relax(r, jnp.maximum(m - p.theta_damage, 0.0), decay_r)
        h = h + p.k_damage * r * dt
        return (m, g, r, h), _culture(m, g, r, h) if trace else None

    shape = jnp.broadcast_shapes(*(x.shape[1:] for x in (occ_t, mg_t, blocked_t, vgcc_t)))
    cells = jnp.zeros((*shape, s.size))
    final, traced = _checkpointed_scan(step, (cells, cells, cells, cells), (occ_t, mg_t, blocked_t, vgcc_t))
    return traced if trace else _culture(*final)


_CHUNK = 64  # steps between the states that a reverse-mode gradient stores


def _checkpointed_scan(step, init, xs):
    """``lax.scan(step, init, xs)`` (the same steps in the same order) in chunks of ``_CHUNK`` steps whose
    inside a reverse-mode gradient recomputes instead of storing: ``magnesim calibrate`` differentiates
    days at 0.25 min over concentration grids, whose stored intermediates would otherwise take gigabytes."""
    n = jax.tree.leaves(xs)[0].shape[0]
    whole = n - n % _CHUNK
    chunks = jax.tree.map(lambda x: x[:whole].reshape(whole // _CHUNK, _CHUNK, *x.shape[1:]), xs)
    carry, ys = jax.lax.scan(jax.checkpoint(partial(jax.lax.scan, step)), init, chunks)
    carry, rest = jax.lax.scan(step, carry, jax.tree.map(lambda x: x[whole:], xs))
    return carry, jax.tree.map(lambda a, b: jnp.concatenate([a.reshape(-1, *a.shape[2:]), b]), ys, rest)


def _culture(m, g, r, h):
    """The culture's observables: means over the density quantiles."""
    death = jnp.maximum(-jnp.expm1(-h), 0.0)  # rounding leaves h ~ -1e-20 where nothing happened
    return {"load": m.mean(axis=-1), "glutamate_uM": g.mean(axis=-1), "ros": r.mean(axis=-1), "death": death.mean(axis=-1)}
