"""Bayesian dose individualisation of MgSO4 (therapeutic drug monitoring): fit a patient's measured
serum Mg under a population-PK preset (MAP with the Laplace posterior, or SIR), forecast serum,
CSF and NMDA receptor block, and recommend the maintenance rate."""

from ._individual import PresetModel, usable_presets
from ._map import MapFit, fit_cohort, fit_map, sir
from ._patient import Level, Patient, parse_patient, parse_target, read_patient
from ._run import TdmResult, tdm

__all__ = [
           "Level",
           "MapFit",
           "Patient",
           "PresetModel",
           "TdmResult",
           "fit_cohort",
           "fit_map",
           "parse_patient",
           "parse_target",
           "read_patient",
           "sir",
           "tdm",
           "usable_presets",
]
