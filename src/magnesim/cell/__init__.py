"""Conductance-based point neurons and the engine that drives them with synapses."""

from .engine import Drive, EventArray, Recurrent, RegularTrain, Result, SampledCurve, VolleyTrain, run
from .traub_miles import TraubMiles
from .wdr import WDRNeuron

__all__ = ["Drive", "EventArray", "Recurrent", "RegularTrain", "Result", "SampledCurve", "TraubMiles", "VolleyTrain", "WDRNeuron", "run"]
