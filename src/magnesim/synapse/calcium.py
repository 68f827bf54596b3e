"""A single intracellular Ca2+ pool with buffering and extrusion (neuro.md §2.4).

    d[Ca]i/dt = −I_Ca / (2 F · vol · (1 + κ_B)) − ([Ca]i − [Ca]rest) / τ

with vol the submembrane shell (area × depth), κ_B the endogenous buffer capacity (fast buffer in
equilibrium) and τ the decay time constant. Units: µM, ms, pA, µm². Integrated exactly for a step
with constant I_Ca.
"""

from __future__ import annotations

import jax.numpy as jnp

from .._jax import pytree_dataclass
from ..params import param_field

__all__ = ["CalciumPool"]


@pytree_dataclass
class CalciumPool:
    rest_uM: float = param_field("calcium.rest", "uM")
    buffer_capacity: float = param_field("calcium.buffer_capacity", "dimensionless")
    tau_ms: float = param_field("calcium.decay", "ms")
    shell_depth_um: float = param_field("calcium.shell_depth", "um")
    faraday: float = param_field("physical.faraday", "C/mol")

    citation = "helmchen-1996"  # buffering capacity and decay; resting level from Aguiar et al. 2010

    def influx_per_pA(self, area_um2):
        """µM/ms of free Ca2+ per pA of inward Ca2+ current."""
        volume_um3 = area_um2 * self.shell_depth_um
        return 1e6 / (2.0 * self.faraday * volume_um3 * (1.0 + self.buffer_capacity))

    def step(self, ca_uM, i_ca_pA, area_um2, dt):
        """Exact update over ``dt`` with constant current (negative = inward)."""
        target = self.rest_uM - i_ca_pA * self.influx_per_pA(area_um2) * self.tau_ms
        return target + (ca_uM - target) * jnp.exp(-dt / self.tau_ms)
