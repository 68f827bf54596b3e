"""Excitotoxic challenge in culture: bath agonist for a while, optional NMDA antagonist, death read later.

Protocol (Choi 1987; Frandsen & Schousboe 1987, 1990; Hartley & Choi 1989): from t = 0 the bath holds
``conc`` of ``agonist`` ("NMDA" or "glutamate") with ``glycine`` for ``duration`` (then washed out),
at ``mg`` throughout; a saturating NMDA antagonist is added ``antagonist_at`` after the exposure
starts and stays; death is read ``hours`` after the exposure starts (default 24 h, the usual read-out).
The slow model (:class:`~magnesim.injury.ExcitotoxicInjury`) integrates a culture of neurons of
heterogeneous NMDA receptor density on the neuron layer's Ca2+-influx surface. Every (conc, duration, [Mg2+]o, antagonist time) combination
runs in one compiled call.
"""

from __future__ import annotations

import numpy as np

from .._provenance import model_provenance
from ..errors import UnknownNameError, invalid
from ..injury import ExcitotoxicInjury, occupancy
from ..params import value
from ..units import AGONIST, CONCENTRATION, HOURS, TIME, to_kernel, to_kernel_array

__all__ = ["CONCENTRATIONS", "EXPOSURES", "excitotox", "rescued_fraction", "simulate_grid"]

_DT_MIN = 0.25
_MIN_MS = 60_000.0


CONCENTRATIONS = AGONIST.within(0.0, 100_000.0)
EXPOSURES = TIME.within(0.0, 48 * 60 * _MIN_MS)


def rescued_fraction(death, at_min):
    """Share of the cells an exposure kills that an antagonist added at ``at_min`` saves. ``death``: a
    ``death_fraction`` array over ``antagonist_at_min`` whose latest time (after the read-out, e.g.
    72 h) stands for no antagonist."""
    none = death.isel(antagonist_at_min=-1)
    return (none - death.sel(antagonist_at_min=at_min)) / none


def simulate_grid(injury: ExcitotoxicInjury, agonist: str, conc_uM, duration_min, mg_mM, antagonist_at_min, glycine_uM: float, hours: float,
                  trace: bool = True):
    """The protocol in kernel units: :meth:`ExcitotoxicInjury.simulate` of every (conc, duration, [Mg2+]o,
    antagonist time) of the 1-D arrays given, flattened in that order. The inputs are NumPy, so that
    ``injury``'s fields alone may be traced (``magnesim calibrate`` differentiates the culture's death
    through this function)."""
    grid = np.stack(np.meshgrid(conc_uM, duration_min, mg_mM, antagonist_at_min, indexing="ij"), axis=-1).reshape(-1, 4)
    t = (np.arange(round(hours * 60 / _DT_MIN)) + 0.5) * _DT_MIN  # step midpoints, min
    bath = (t[:, None] < grid[:, 1]) * occupancy(grid[:, 0], agonist, glycine_uM)[None, :]
    blocked = (t[:, None] >= grid[:, 3]).astype(float)
    return injury.simulate(bath, np.broadcast_to(grid[:, 2], bath.shape), blocked, np.zeros((t.size, 1)), _DT_MIN, trace)  # no VGCC route


def _micromolar(x, name):
    return np.atleast_1d(to_kernel_array(x, name, CONCENTRATIONS))


def excitotox(agonist: str = "NMDA", conc="100 uM", duration="10 min", mg="0,1,2 mM", *, glycine=None, antagonist_at=None,
              hours="24 h", injury: ExcitotoxicInjury | None = None):
    """Share of the culture dead at ``hours`` for every (conc, duration, [Mg2+]o, antagonist time) → xarray Dataset."""
    import xarray as xr

    if not isinstance(agonist, str) or agonist.lower() not in ("nmda", "glutamate"):
        raise UnknownNameError(invalid("agonist", agonist, "NMDA or glutamate"))
    concs = _micromolar(conc, "conc")
    durations = np.atleast_1d(to_kernel_array(duration, "duration", EXPOSURES)) / _MIN_MS
    mgs = np.atleast_1d(to_kernel_array(mg, "mg", CONCENTRATION.within(0.0, 20.0)))
    gly = value("injury.glycine", "uM") if glycine is None else float(_micromolar(glycine, "glycine")[0])
    hours = to_kernel(hours, "hours", HOURS.within(1.0, 72.0))
    at = np.array([np.inf]) if antagonist_at is None else np.atleast_1d(
        to_kernel_array(antagonist_at, "antagonist_at", TIME.within(0.0, 72 * 60 * _MIN_MS))) / _MIN_MS
    injury = injury or ExcitotoxicInjury()
    out = simulate_grid(injury, agonist, concs, durations, mgs, at, gly, hours)
    shape = (concs.size, durations.size, mgs.size, at.size)
    dims = ("conc_uM", "duration_min", "mg_mM", "antagonist_at_min")
    load = np.asarray(out["load"])
    ds = xr.Dataset(
        {"death_fraction": (dims, np.asarray(out["death"][-1]).reshape(shape),
                            {"units": "1", "hours": hours, "long_name": f"share of the neurons dead {hours:g} h after the exposure starts"}),
         "peak_load": (dims, load.max(axis=0).reshape(shape), {"units": "J_ref min", "long_name": "peak mitochondrial Ca2+ load (culture mean)"}),
         "peak_glutamate_uM": (dims, np.asarray(out["glutamate_uM"]).max(axis=0).reshape(shape), {"units": "uM"})},
        coords={"conc_uM": ("conc_uM", concs, {"units": "uM"}), "duration_min": ("duration_min", durations, {"units": "min"}),
                "mg_mM": ("mg_mM", mgs, {"units": "mM"}), "antagonist_at_min": ("antagonist_at_min", at, {"units": "min"})},
    )
    ds.attrs.update(model_provenance(injury))
    ds.attrs.update({"agonist": agonist, "glycine_uM": gly, "hours": hours, "dt_min": _DT_MIN,
                     "reference_influx_pA": injury.reference_influx(), "integrator": "exponential Euler, order 1"})
    return ds
