"""Literature parameters as data: value, unit, plausible range, source, confidence.

>>> from magnesim.params import library
>>> p = library()["jahr_stevens_1990.k0"]
>>> (p.value, p.unit, p.citation.short())
(3.57, 'mM', 'Jahr & Stevens 1990, J Neurosci 10:3178-3182')
"""

from ._library import ParameterLibrary, field_parameters, library, param_field, unit_factor, value
from ._posterior import Posterior, posteriors
from ._sampling import DRAW_RULE, draw_models, varied_parameters
from ._schema import Citation, Confidence, Parameter

__all__ = [
    "DRAW_RULE",
    "Citation",
    "Confidence",
    "Parameter",
    "ParameterLibrary",
    "Posterior",
    "draw_models",
    "field_parameters",
    "library",
    "param_field",
    "posteriors",
    "unit_factor",
    "value",
    "varied_parameters",
]
