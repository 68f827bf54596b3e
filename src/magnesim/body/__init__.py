"""Whole-body magnesium kinetics: regimens, subjects, population-PK presets and a physiological model."""

from .compartments import CompartmentModel, Run
from .dose_language import VEHICLES, parse_regimen
from .named import NAMED_REGIMENS, named_regimen
from .physiological import BODY_GROUPS, Physiological
from .poppk import PRESETS, preset
from .rat import RAT_ROUTES, RatPK
from .regimen import ROUTES, DoseEvent, Regimen, repeat
from .simulate import DT_H, MODELS, THRESHOLDS, hours_above, output_times, resolve_regimen, simulate_pk
from .subject import Subject

__all__ = [
    "BODY_GROUPS",
    "DT_H",
    "MODELS",
    "NAMED_REGIMENS",
    "PRESETS",
    "RAT_ROUTES",
    "ROUTES",
    "THRESHOLDS",
    "VEHICLES",
    "CompartmentModel",
    "DoseEvent",
    "Physiological",
    "RatPK",
    "Regimen",
    "Run",
    "Subject",
    "hours_above",
    "named_regimen",
    "output_times",
    "parse_regimen",
    "preset",
    "repeat",
    "resolve_regimen",
    "simulate_pk",
]
