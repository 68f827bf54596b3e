"""Mg2+ and energy: MgATP and Na+/K+-pump turnover across free cytosolic [Mg2+]i.

Tests the source article's "vicious cycle" (too little Mg2+ → too little usable ATP → failing ion
pumps) quantitatively: for each free [Mg2+]i, the MgATP share of total ATP (Alberty's species
constants at the cytosol's pH), the MgATP concentration, and the pump's turnover relative to
[Mg2+]i = 0.5 mM. The answer is a number: how much MgATP and pump rate change between 0.1 and 1 mM.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from .._provenance import model_provenance
from ..energy import MgATPEquilibrium, SodiumPump
from ..units import CONCENTRATION, PH, to_kernel, to_kernel_array

__all__ = ["MG_I", "energetics"]


MG_I = CONCENTRATION.within(0.0, 50.0)


def energetics(mg_i="0.1,0.25,0.5,1 mM", *, atp_total=None, ph=None, pump_km=None):
    """MgATP fraction and relative pump rate at each free [Mg2+]i → xarray Dataset (dimension mg_i_mM)."""
    import xarray as xr

    mg = np.atleast_1d(to_kernel_array(mg_i, "mg_i", MG_I))
    eq, pump = MgATPEquilibrium(), SodiumPump()
    if ph is not None:
        eq = dataclasses.replace(eq, ph=to_kernel(ph, "ph", PH.within(6.0, 8.0)))
    if atp_total is not None:
        pump = dataclasses.replace(pump, atp_total_mM=to_kernel(atp_total, "atp_total", CONCENTRATION.within(0.01, 20.0)))
    if pump_km is not None:
        pump = dataclasses.replace(pump, km_mgatp_mM=to_kernel(pump_km, "pump_km", CONCENTRATION.within(1e-4, 10.0)))
    fraction = eq.bound_fraction(mg)
    mgatp = pump.atp_total_mM * fraction
    ds = xr.Dataset(
        {"mgatp_fraction": ("mg_i_mM", fraction, {"units": "1", "long_name": "MgATP / total ATP"}),
         "mgatp_mM": ("mg_i_mM", mgatp, {"units": "mM"}),
         "free_atp_mM": ("mg_i_mM", pump.atp_total_mM - mgatp, {"units": "mM", "long_name": "ATP not bound to Mg2+"}),
         "pump_saturation": ("mg_i_mM", pump.saturation(mgatp), {"units": "1"}),
         "pump_rate_relative": ("mg_i_mM", pump.relative_rate(mg, eq), {"units": "1", "reference_mg_i_mM": pump.reference_mg_mM})},
        coords={"mg_i_mM": ("mg_i_mM", mg, {"units": "mM"})},
    )
    ds.attrs.update(model_provenance(eq))
    ds.attrs["pump_parameters"] = model_provenance(pump)["parameters"]
    ds.attrs.update({"apparent_kd_mM": float(eq.apparent_kd()), "atp_total_mM": float(pump.atp_total_mM), "ph": float(eq.ph)})
    return ds
