"""Conductance-based point neurons and the engine that drives them with synapses."""

from .engine import Drive, EventArray, RegularTrain, Result, SampledCurve, run
from .traub_miles import TraubMiles

__all__ = ["Drive", "EventArray", "RegularTrain", "Result", "SampledCurve", "TraubMiles", "run"]
