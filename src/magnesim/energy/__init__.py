"""Mg2+ and energy metabolism: the MgATP equilibrium and the Na+/K+ pump's dependence on MgATP."""

from .mgatp import MgATPEquilibrium
from .pump import SodiumPump

__all__ = ["MgATPEquilibrium", "SodiumPump"]
