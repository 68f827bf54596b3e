"""Conductance-based point neurons and the engine that drives them with synapses."""

from .engine import Connections, Depression, Drive, EventArray, PoissonTrain, Recurrent, RegularTrain, Result, SampledCurve, VolleyTrain, run
from .pospischil import PospischilNeuron
from .traub_miles import TraubMiles
from .wdr import WDRNeuron, WDRState

__all__ = ["Connections", "Depression", "Drive", "EventArray", "PoissonTrain", "PospischilNeuron", "Recurrent", "RegularTrain", "Result",
           "SampledCurve", "TraubMiles", "VolleyTrain", "WDRNeuron", "WDRState", "run"]
