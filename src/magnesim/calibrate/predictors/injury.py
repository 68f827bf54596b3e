"""The injury layer's culture targets as JAX functions of the slow excitotoxic-injury model.

Each function mirrors the validation predictor of the same name (:mod:`magnesim.validation._injury`):
same arguments, same number at the library values. The protocol's inputs (agonist occupancy, [Mg2+]o,
antagonist) are built in NumPy at trace time by the function the validation's runs use
(:func:`magnesim.experiments.excitotox.simulate_grid`), so only :class:`ExcitotoxicInjury`'s fields are
traced; a predictor simulates only the conditions it reads (``acute_death`` one exposure, not the
validation's nine).

Fixed: the Ca2+-influx surface (a neuron-layer simulation, computed once per process) and the agonist
occupancy. They read library values that are not fields of :class:`ExcitotoxicInjury`
(``injury.g_nmda_max``, ``injury.ec50_*``, ``injury.agonist_hill``, ``injury.glycine``), so the problem
builder refuses them as free parameters of these targets with its one-line error.

ED50 and Hill coefficient are read off the 53-point concentration grid by the validation's own
:func:`~magnesim.validation._injury.curve_ed50_and_hill`: which grid points straddle a crossing is
piecewise constant, the log-linear interpolation between them differentiable in the death fractions.

Not here: ``lesion_untreated`` and ``lesion_protection``. A lesion integrates 400 shells × 64 density
quantiles (25,600 neurons, 7.5 times the chronic grid) over 24 h: about 5 s per Mg2+ course on 2 cores
before any gradient (a calibration evaluates the loss and gradient tens of times), and protection
needs a second course through the rat body model. The lesion's own parameters (``lesion.*``, e.g. the
clearance that ``mcdonald-untreated`` calibrates) enter through NumPy (:meth:`StriatalLesion.nmda_uM`)
and could not be freed either.
"""

from __future__ import annotations

import numpy as np

from ...experiments.excitotox import simulate_grid
from ...injury import ExcitotoxicInjury
from ...params import value
from ...validation._injury import (
    ACUTE_MG_MM,
    ACUTE_NMDA_UM,
    CHRONIC_GRID_UM,
    RESCUE_EXPOSURE_MIN,
    curve_ed50_and_hill,
)
from .._predictor import Predictor

__all__ = ["PREDICTORS"]

_HOURS = 24.0  # read-out after the exposure starts, and the chronic exposure: excitotox's default, as the validation runs use


def _death(model: ExcitotoxicInjury, agonist: str, conc_uM, duration_min: float, mg_mM: float, antagonist_at_min=(np.inf,)):
    """Death fraction at the read-out for each concentration × antagonist time (inf: none)."""
    return simulate_grid(model, agonist, np.atleast_1d(conc_uM), [duration_min], [mg_mM], np.asarray(antagonist_at_min, float),
                         value("injury.glycine", "uM"), _HOURS, trace=False)["death"]


def _acute_death(models, settings, duration_min: float):
    (m,) = models
    return _death(m, "NMDA", ACUTE_NMDA_UM, duration_min, ACUTE_MG_MM)[0]


def _antagonist_rescue(models, settings, at_min: float):
    (m,) = models
    treated, untreated = _death(m, "NMDA", ACUTE_NMDA_UM, RESCUE_EXPOSURE_MIN, ACUTE_MG_MM, (at_min, np.inf))
    return (untreated - treated) / untreated  # as experiments.excitotox.rescued_fraction


def _chronic_curve(models, agonist: str, mg_mM: float):
    (m,) = models
    return curve_ed50_and_hill(CHRONIC_GRID_UM, _death(m, agonist, CHRONIC_GRID_UM, 60.0 * _HOURS, mg_mM))


def _chronic_ed50(models, settings, agonist: str, mg_mM: float):
    return _chronic_curve(models, agonist, mg_mM)[0]


def _chronic_hill_slope(models, settings, agonist: str, mg_mM: float):
    return _chronic_curve(models, agonist, mg_mM)[1]


def _chronic_death_ratio(models, settings, agonist: str, conc_uM: float, reference_uM: float, mg_mM: float):
    (m,) = models
    death = _death(m, agonist, [conc_uM, reference_uM], 60.0 * _HOURS, mg_mM)
    return death[0] / death[1]


PREDICTORS = (
    Predictor("acute_death", (ExcitotoxicInjury,), _acute_death),
    Predictor("antagonist_rescue", (ExcitotoxicInjury,), _antagonist_rescue),
    Predictor("chronic_ed50", (ExcitotoxicInjury,), _chronic_ed50),
    Predictor("chronic_hill_slope", (ExcitotoxicInjury,), _chronic_hill_slope),
    Predictor("chronic_death_ratio", (ExcitotoxicInjury,), _chronic_death_ratio),
)
