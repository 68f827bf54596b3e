"""In-vivo excitotoxic lesion: intrastriatal NMDA in a 7-day-old rat, systemic Mg2+ at a chosen time.

Protocol (McDonald, Silverstein & Johnston 1990): 25 nmol NMDA into the striatum at t = 0; one dose of
Mg2+ (mmol/kg; i.p., i.v. or s.c.) ``at`` after the injection (negative: before); death read at
``hours``. The body model scaled to the rat (:class:`~magnesim.body.RatPK`) gives serum and CSF
ionized Mg2+; the brain extracellular [Mg2+] is the CSF ionized level (``brain="csf"``, the barrier
intact) or, as an upper bound for a barrier opened by the lesion, the baseline CSF level scaled with
serum ionized Mg2+ (``brain="serum"``). :class:`~magnesim.injury.StriatalLesion` turns the NMDA
spread and that [Mg2+] course into the dead share of the hemisphere; ``lesion_relative`` compares it
with no Mg2+ (the no-Mg2+ reference is always computed), ``protection_pct`` = 100 (1 − relative).
"""

from __future__ import annotations

import numpy as np

from .._provenance import model_provenance
from ..body import Physiological, RatPK
from ..errors import UnknownNameError, invalid
from ..injury import ExcitotoxicInjury, StriatalLesion
from ..units import DOSE_PER_KG, HOURS, to_kernel, to_kernel_array

__all__ = ["BRAIN_LINKS", "lesion"]

BRAIN_LINKS = ("csf", "serum")
_DT_MIN = 0.25
_OUT_EVERY = 20  # time courses are stored every 5 min


def lesion(mg_dose="0,2,3,4 mmol/kg", route: str = "ip", at="15 min", *, brain: str = "csf", hours="24 h",
           rat: RatPK | None = None, model: StriatalLesion | None = None, injury: ExcitotoxicInjury | None = None):
    """Lesion size for each Mg2+ dose → xarray Dataset (dims ``mg_dose_mmol_per_kg``, ``time_h``, ``radius_mm``)."""
    import xarray as xr

    doses = np.atleast_1d(to_kernel_array(mg_dose, "mg_dose", DOSE_PER_KG.within(0.0, 10.0)))
    route = route.lower().replace(".", "") if isinstance(route, str) else route  # "i.p." → "ip"; RatPK checks it
    if not isinstance(brain, str) or brain.lower() not in BRAIN_LINKS:
        raise UnknownNameError(invalid("brain", brain, ", ".join(BRAIN_LINKS)))
    brain = brain.lower()
    hours = to_kernel(hours, "hours", HOURS.within(1.0, 72.0))
    at_min = to_kernel(at, "at", HOURS.within(-6.0, hours)) * 60.0
    rat, model, injury, body = rat or RatPK(), model or StriatalLesion(), injury or ExcitotoxicInjury(), Physiological()

    steps = round(hours * 60 / _DT_MIN)
    pk_steps = steps + int(np.ceil(max(0.0, -at_min) / _DT_MIN))
    pk = rat.simulate(np.concatenate([[0.0], doses]), route, hours=pk_steps * _DT_MIN / 60, dt_h=_DT_MIN / 60, body=body)
    serum, csf = pk["serum_ionized_mM"], pk["csf_ionized_mM"]
    level = csf if brain == "csf" else csf[:, :1] * serum / serum[:, :1]
    t = (np.arange(steps) + 0.5) * _DT_MIN  # step midpoints after the NMDA injection, min
    since_dose = np.clip(np.floor((t - at_min) / _DT_MIN).astype(int), 0, level.shape[1] - 1)
    given = (t >= at_min)[None, :]
    mg_brain = np.where(given, level[:, since_dose], level[:, :1])  # (1 + D, T)
    mg_serum = np.where(given, serum[:, since_dose], serum[:, :1])

    death = model.death(mg_brain.T, _DT_MIN, injury)  # (1 + D, shells)
    fraction = death.mean(axis=1)
    relative = fraction[1:] / fraction[0] if fraction[0] > 0 else np.full(doses.size, np.nan)
    dim, times = "mg_dose_mmol_per_kg", t[::_OUT_EVERY] / 60.0
    ds = xr.Dataset(
        {
            "brain_mg_peak_mM": (dim, mg_brain[1:].max(axis=1), {"units": "mM", "long_name": f"peak brain extracellular [Mg2+] ({brain} link)"}),
            "serum_ionized_peak_mM": (dim, mg_serum[1:].max(axis=1), {"units": "mM"}),
            "lesion_fraction": (dim, fraction[1:], {"units": "1", "long_name": "dead share of the injected hemisphere", "hours": hours}),
            "lesion_relative": (dim, relative, {"units": "1", "long_name": "lesion relative to no Mg2+"}),
            "protection_pct": (dim, 100.0 * (1.0 - relative), {"units": "%"}),
            "brain_mg_mM": ((dim, "time_h"), mg_brain[1:, ::_OUT_EVERY], {"units": "mM"}),
            "serum_ionized_mM": ((dim, "time_h"), mg_serum[1:, ::_OUT_EVERY], {"units": "mM"}),
            "death_fraction": ((dim, "radius_mm"), death[1:], {"units": "1", "long_name": "death fraction by distance from the injection"}),
        },
        coords={dim: (dim, doses, {"units": "mmol/kg"}), "time_h": ("time_h", times, {"units": "h", "long_name": "time after the NMDA injection"}),
                "radius_mm": ("radius_mm", model.radii_mm(), {"units": "mm"})},
    )
    ds.attrs.update(model_provenance(model))
    for part, m in (("injury", injury), ("rat", rat), ("body", body)):
        ds.attrs[f"{part}_parameters"] = model_provenance(m)["parameters"]
    ds.attrs.update({"route": route, "at_min": at_min, "brain_link": brain, "hours": hours, "dt_min": _DT_MIN,
                     "lesion_fraction_no_mg": float(fraction[0]), "integrator": "RK4 (body), exponential Euler (injury)"})
    return ds
