"""Circuits in which [Mg2+]o visibly matters: dorsal-horn wind-up and the low-Mg2+ network."""

from .windup import WindupCircuit

__all__ = ["WindupCircuit"]
