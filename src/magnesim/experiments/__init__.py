"""Named protocols that combine layers; each returns an xarray Dataset with units and provenance."""

from .block import block
from .energetics import energetics
from .excitotox import excitotox
from .fire import fire
from .lesion import lesion
from .network import network
from .unblock import unblock
from .windup import windup, windup_index

# Earlier names of three experiments, kept so that existing scripts run: each experiment is now named
# like its module and its command.
block_curves, current_clamp, voltage_step = block, fire, unblock

__all__ = ["block", "block_curves", "current_clamp", "energetics", "excitotox", "fire", "lesion", "network", "unblock", "voltage_step",
           "windup", "windup_index"]
