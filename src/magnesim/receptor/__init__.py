"""NMDA-receptor Mg2+ block: one interface, several published models, selectable by name.

>>> from magnesim.receptor import unblocked_fraction
>>> round(float(unblocked_fraction("-60 mV", "1 mM")), 4)
0.0796

Models (``magnesim models`` lists them with citations):

- ``jahr-stevens-1990`` — :class:`JahrStevens`, the default;
- ``woodhull`` — :class:`Woodhull`, K0, δ, z and T explicit; GluN2A–D presets;
- ``antonov-johnson-1999`` — :class:`AntonovJohnson`, permeant-ion regulation and Mg2+ permeation;
- ``kampa-2004`` — :class:`Kampa2004`, ten-state kinetic scheme (steady state here; time courses
  with :meth:`Kampa2004.simulate`);

and :class:`InternalBlock` (Johnson & Ascher 1990), combined with any of them through ``mg_i``.
"""

from __future__ import annotations

from types import MappingProxyType

import numpy as np

from ..errors import ParameterError, UnknownNameError, invalid
from ..units import CONCENTRATION, VOLTAGE, to_kernel, to_kernel_array
from ._base import BlockModel
from .antonov_johnson import AntonovJohnson
from .internal import InternalBlock, WithInternalBlock
from .jahr_stevens import JahrStevens
from .kampa import Kampa2004
from .woodhull import SUBUNITS, Woodhull, canonical_subunit

__all__ = [
    "DEFAULT_MODEL",
    "MODELS",
    "SUBUNITS",
    "AntonovJohnson",
    "BlockModel",
    "InternalBlock",
    "JahrStevens",
    "Kampa2004",
    "WithInternalBlock",
    "Woodhull",
    "canonical_subunit",
    "get_model",
    "unblocked_fraction",
]

MODELS = MappingProxyType({cls.name: cls for cls in (JahrStevens, Woodhull, AntonovJohnson, Kampa2004)})
"""Registry name → model class."""

DEFAULT_MODEL = JahrStevens.name


def get_model(name: str | None = None, subunit: str | None = None, mg_i=None) -> BlockModel:
    """The block model called ``name`` with its literature defaults.

    ``subunit`` picks a GluN2 preset (models with presets: ``woodhull``; with no ``name`` a subunit
    selects ``woodhull``). ``mg_i`` (a concentration) adds internal Mg2+ block.
    """
    if name is None:
        name = Woodhull.name if subunit else DEFAULT_MODEL
    cls = MODELS.get(name.strip().lower())
    if cls is None:
        raise UnknownNameError(invalid("model", name, ", ".join(MODELS)))
    if subunit is not None:
        if cls is not Woodhull:
            raise ParameterError(invalid("subunit", subunit, f"a subunit only with model '{Woodhull.name}' (presets {', '.join(SUBUNITS)})",
                                         f"model {cls.name} has no subunit presets"))
        model: BlockModel = Woodhull.for_subunit(subunit)
    else:
        model = cls()
    if mg_i is not None:
        model = WithInternalBlock(model, InternalBlock(), to_kernel(mg_i, "mg_i", CONCENTRATION))
    return model


def unblocked_fraction(v, mg_o, model: str | BlockModel | None = None, *, subunit: str | None = None, mg_i=None) -> np.ndarray:
    """B(V, [Mg2+]o) with units checked at the boundary.

    ``v`` and ``mg_o`` are quantities (``"-60 mV"``, a pint Quantity, a list/range string such as
    ``"-100:40:10 mV"``, or bare numbers in mV and mM) and broadcast against each other.
    """
    if isinstance(model, BlockModel):
        if subunit is not None:
            raise ParameterError(invalid("subunit", subunit, "a subunit with a model name, e.g. get_model('woodhull', 'GluN2B')", "a model instance was given"))
        block_model = model if mg_i is None else WithInternalBlock(model, InternalBlock(), to_kernel(mg_i, "mg_i", CONCENTRATION))
    else:
        block_model = get_model(model, subunit, mg_i)
    v_mV = to_kernel_array(v, "v", VOLTAGE)
    mg_mM = to_kernel_array(mg_o, "mg_o", CONCENTRATION)
    try:
        v_mV, mg_mM = np.broadcast_arrays(v_mV, mg_mM)
    except ValueError:
        raise ParameterError(invalid("v, mg_o", f"shapes {np.shape(v_mV)} and {np.shape(mg_mM)}", "shapes that broadcast together")) from None
    return np.asarray(block_model.unblocked_fraction(v_mV, mg_mM))
