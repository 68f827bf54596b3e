"""Circuits in which [Mg2+]o visibly matters: dorsal-horn wind-up and the low-Mg2+ network."""

from .bursts import population_bursts
from .network import LowMgNetwork
from .windup import WindupCircuit

__all__ = ["LowMgNetwork", "WindupCircuit", "population_bursts"]
