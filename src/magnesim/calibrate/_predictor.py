"""Differentiable predictors: validation predictors re-expressed as pure JAX functions of models.

A validation predictor (:mod:`magnesim.validation`) returns a float from the library's models; the
calibration needs the same number as a function of the models' fields, so that ``jax.grad`` reaches
them. A :class:`Predictor` carries the validation predictor's name, the model classes it reads and
``fn(models, settings, **args)``, which takes the target's ``args`` unchanged.

Everything a predictor computes from a traced field must be JAX code: NumPy code (a regimen's dose
inputs, for example) raises a tracer error, which the problem builder turns into a one-line error
naming the parameter and the target. Work that does not touch a free field (parsing a regimen,
a subject's GFR) runs in NumPy at trace time.

The registry is every module of :mod:`magnesim.calibrate.predictors`, each with a ``PREDICTORS``
tuple: a layer adds its predictors by adding one module there.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..errors import DataFileError, invalid

__all__ = ["Predictor", "Settings", "predictor_registry"]


@dataclass(frozen=True)
class Settings:
    """Solver settings shared by the predictors of one calibration: ``dt_h`` is the step (h) of the
    physiological body model's RK4 integrator (the validation predictors use 1 min)."""

    dt_h: float


@dataclass(frozen=True)
class Predictor:
    """``fn(models, settings, **args)`` → a JAX scalar: the validation predictor ``name`` at ``models``
    (instances of ``models``' classes, in that order), with the target's ``args``."""

    name: str
    models: tuple[type, ...]
    fn: Callable


@functools.cache
def predictor_registry() -> Mapping[str, Predictor]:
    """Every differentiable predictor, by the name of the validation predictor it mirrors."""
    from ..validation._predictors import PREDICTORS as VALIDATION
    from . import predictors as package

    found: dict[str, Predictor] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for p in module.PREDICTORS:
            if p.name in found or p.name not in VALIDATION:
                raise DataFileError(invalid(f"{module.__name__} predictor", p.name, "a validation predictor name not registered twice"))
            found[p.name] = p
    return MappingProxyType(found)
