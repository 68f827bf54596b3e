"""Whole-body magnesium kinetics: regimens, subjects, population-PK presets and a physiological model."""

from .dose_language import VEHICLES, parse_regimen
from .regimen import ROUTES, DoseEvent, Regimen, repeat

__all__ = ["DoseEvent", "ROUTES", "Regimen", "VEHICLES", "parse_regimen", "repeat"]
