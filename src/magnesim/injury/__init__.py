"""Excitotoxic injury: the Ca2+-influx response surface of the neuron layer and the slow death model."""

from .excitotoxicity import ExcitotoxicInjury
from .lesion import StriatalLesion
from .surface import InfluxSurface, influx_surface, occupancy

__all__ = ["ExcitotoxicInjury", "InfluxSurface", "StriatalLesion", "influx_surface", "occupancy"]
