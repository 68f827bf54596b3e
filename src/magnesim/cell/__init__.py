"""Conductance-based point neurons and the engine that drives them with synapses."""

from .engine import (
    Connections,
    Depression,
    Drive,
    EventArray,
    PoissonTrain,
    Record,
    Recurrent,
    RegularTrain,
    Result,
    SampledCurve,
    VolleyTrain,
    run,
)
from .pospischil import PospischilNeuron
from .sources import Source, SourceBase
from .traub_miles import TraubMiles
from .wdr import WDRNeuron, WDRState

__all__ = ["Connections", "Depression", "Drive", "EventArray", "PoissonTrain", "PospischilNeuron", "Record", "Recurrent", "RegularTrain",
           "Result", "SampledCurve", "Source", "SourceBase", "TraubMiles", "VolleyTrain", "WDRNeuron", "WDRState", "run"]
