"""Named protocols that combine layers; each returns an xarray Dataset with units and provenance."""

from .block import block_curves
from .energetics import energetics
from .excitotox import excitotox
from .fire import current_clamp
from .lesion import lesion
from .network import network
from .unblock import voltage_step
from .windup import windup, windup_index

__all__ = ["block_curves", "current_clamp", "energetics", "excitotox", "lesion", "network", "voltage_step", "windup", "windup_index"]
