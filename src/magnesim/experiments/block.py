"""The B(V) family: unblocked fraction over a grid of membrane potentials and [Mg2+]o."""

from __future__ import annotations

import numpy as np

from .._provenance import model_provenance
from ..receptor import BlockModel, get_model
from ..units import CONCENTRATION, VOLTAGE, to_kernel_array

__all__ = ["block"]


def block(v="-100:40:5 mV", mg="0.5,1,2 mM", model: str | BlockModel | None = None, *, subunit=None, mg_i=None):
    """Dataset ``unblocked_fraction(mg_mM, v_mV)`` for every pair of ``mg`` and ``v``.

    One vectorised call evaluates the whole grid (``v``, ``mg``: values, lists, ranges or arrays).
    """
    import xarray as xr

    block_model = model if isinstance(model, BlockModel) else get_model(model, subunit, mg_i)
    v_mV = np.atleast_1d(to_kernel_array(v, "v", VOLTAGE))
    mg_mM = np.atleast_1d(to_kernel_array(mg, "mg", CONCENTRATION))
    b = np.asarray(block_model.unblocked_fraction(v_mV[None, :], mg_mM[:, None]))
    ds = xr.Dataset(
        {"unblocked_fraction": (("mg_mM", "v_mV"), b, {"units": "1", "long_name": "NMDA conductance not blocked by Mg2+"})},
        coords={
            "mg_mM": ("mg_mM", mg_mM, {"units": "mM", "long_name": "[Mg2+]o"}),
            "v_mV": ("v_mV", v_mV, {"units": "mV", "long_name": "membrane potential"}),
        },
    )
    ds.attrs.update(model_provenance(block_model))
    ds.attrs["subunit"] = subunit or ""
    return ds
