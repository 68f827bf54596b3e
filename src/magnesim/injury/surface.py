"""The fast layer's answer for the slow injury model: steady NMDA-route Ca2+ influx of a cortical neuron
as a function of receptor occupancy and [Mg2+]o (the response-surface bridge of the design).

A bath agonist opens a tonic NMDA conductance g = g_max · s · occupancy on a regular-spiking
Pospischil cell (the network's cortical neuron, with Pospischil's own adaptation); g_max is the
typical neuron's whole-cell NMDA conductance, s a neuron's receptor density relative to it, and
occupancy = c^n/(c^n + EC50^n) · glycine/(glycine + EC50_gly). The cell depolarises, fires or blocks,
and relieves its own Mg2+ block (Jahr–Stevens); the Ca2+ current Pf · I_NMDA averaged over the last
second of 1.5 s is the influx. One compiled call computes the whole grid of relative conductance
g/g_max = s · occupancy (0 to 8, enough for neurons with 8 times the typical receptor density) ×
[Mg2+]o; the slow model interpolates it bilinearly. Units: pA (inward Ca2+ current as a positive
number), mM, µM.
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np

from .._jax import array_namespace, jax, pytree_dataclass
from ..cell import Drive, PospischilNeuron, RegularTrain, run
from ..params import value
from ..synapse import nmda
from ..synapse.conductances import ExpConductance

__all__ = ["InfluxSurface", "influx_surface", "occupancy"]

CONDUCTANCE = np.concatenate([[0.0], np.geomspace(1e-3, 8.0, 48)])  # g / g_max
MG = np.array([0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 7.0, 10.0, 20.0])


def occupancy(conc_uM, agonist: str, glycine_uM=None):
    """Fraction of NMDA receptors activated by ``agonist`` ("NMDA" or "glutamate") at ``conc_uM`` with
    glycine (None: saturating). NumPy or JAX arrays."""
    xp = array_namespace(conc_uM)
    key = agonist.lower()
    ec50, hill = value(f"injury.ec50_{key}", "uM"), value("injury.agonist_hill", "dimensionless")
    c = xp.asarray(conc_uM, dtype=float)
    # c^n, every derivative 0 at c = 0 (the endogenous glutamate's start): for n < 2 the second is 0·inf = nan in a Hessian
    powered = xp.where(c != 0, xp.where(c != 0, c, 1.0) ** hill, 0.0)
    agonist_term = powered / (powered + ec50**hill)
    if glycine_uM is None:
        return agonist_term
    gly = np.asarray(glycine_uM, float)
    return agonist_term * gly / (gly + value("injury.ec50_glycine", "uM"))


@pytree_dataclass
class InfluxSurface:
    """Ca2+ influx (pA) on the grid ``conductance`` (g/g_max) × ``mg_mM``; :meth:`__call__` interpolates."""

    conductance: np.ndarray
    mg_mM: np.ndarray
    influx_pA: np.ndarray  # (conductance, mg)

    def __call__(self, g, mg):
        """Bilinear interpolation (NumPy or JAX arrays, also under ``jit`` with the surface as an
        argument); arguments broadcast; clipped to the grid."""
        xp = array_namespace(self, g, mg)
        o = xp.clip(xp.asarray(g, dtype=float), 0.0, self.conductance[-1])
        m = xp.clip(xp.asarray(mg, dtype=float), self.mg_mM[0], self.mg_mM[-1])
        i = xp.clip(xp.searchsorted(xp.asarray(self.conductance), o, side="right") - 1, 0, self.conductance.size - 2)
        k = xp.clip(xp.searchsorted(xp.asarray(self.mg_mM), m, side="right") - 1, 0, self.mg_mM.size - 2)
        grid_o, grid_m, table = xp.asarray(self.conductance), xp.asarray(self.mg_mM), xp.asarray(self.influx_pA)
        u = (o - grid_o[i]) / (grid_o[i + 1] - grid_o[i])
        w = (m - grid_m[k]) / (grid_m[k + 1] - grid_m[k])
        return ((1 - u) * (1 - w) * table[i, k] + u * (1 - w) * table[i + 1, k]
                + (1 - u) * w * table[i, k + 1] + u * w * table[i + 1, k + 1])


@functools.lru_cache(maxsize=4)
def influx_surface(g_max_nS: float | None = None) -> InfluxSurface:
    """Compute the influx surface (about 5 s, once per process and g_max)."""
    g_max = value("injury.g_nmda_max", "nS") if g_max_nS is None else g_max_nS
    o, m = np.meshgrid(CONDUCTANCE, MG, indexing="ij")
    bath = nmda(g_max * o.ravel())
    bath = dataclasses.replace(bath, kinetics=ExpConductance(1e15, bath.kinetics.weight_nS))  # opened at t = 0, stays open
    with jax.ensure_compile_time_eval():  # concrete (never a cached tracer) when first called inside a traced loss (magnesim calibrate)
        out = run(PospischilNeuron(), [Drive(bath, RegularTrain(0.0, 1.0, 1))], o.size, 1500.0, 0.05, mg_mM=m.ravel(),
                  bin_ms=50.0, record=("ica0",))
    influx = -out.traces["ica0"][-20:].mean(axis=0)  # last second
    return InfluxSurface(CONDUCTANCE, MG, np.maximum(influx, 0.0).reshape(o.shape))
