"""The body models as SBML: the physiological model and the population-PK presets, for one subject
under one regimen, with the doses as events.

The exported equations are magnesim's own (:mod:`magnesim.body.physiological`, :mod:`magnesim.body.poppk`)
at the subject's parameters, written out as rate laws; tests/interchange simulate the export in
libRoadRunner and compare it with :func:`magnesim.body.simulate_pk`. A preset's lost fraction of an
IM dose (1 − F) goes to a ``not_delivered`` species so that the exported model conserves mass.
Units: h, mmol, L, mmol/L.
"""

from __future__ import annotations

import numpy as np

from .._provenance import version
from ..body.physiological import STATES, Physiological
from ..body.poppk import PRESETS, preset
from ..body.population import covariates
from ..body.regimen import Regimen
from ..body.simulate import resolve_regimen
from ..body.subject import Subject
from ..errors import UnknownNameError, invalid
from ._sbml import Flux, SbmlModel, consistency_errors, to_sbml

__all__ = ["MODELS", "body_sbml"]

MODELS = ("physiological", *PRESETS)


def body_sbml(model: str, subject: Subject | None = None, regimen: str | Regimen = "zuspan") -> str:
    """SBML L3V2 text of body model ``model`` (physiological or a popPK preset) for ``subject`` under
    ``regimen``; raises if SBML's consistency check finds an error."""
    name = model.strip().lower() if isinstance(model, str) else model
    if name not in MODELS:
        raise UnknownNameError(invalid("model", model, ", ".join(MODELS)))
    subject = subject or Subject()
    reg = resolve_regimen(regimen)
    m = _physiological(subject, reg) if name == "physiological" else _preset(name, subject, reg)
    text = to_sbml(m)
    errors = consistency_errors(text)
    if errors:
        raise RuntimeError(f"the SBML export of {name} is inconsistent: {errors[0]}")
    return text


def _doses(doses: list[tuple[float, float, float, list[tuple[str, float]]]]):
    """Parameters, fluxes and events of doses (start h, duration h, amount mmol, [(species, share)])."""
    params, fluxes, events = {}, [], []
    for i, (start, duration, amount, entries) in enumerate(doses):
        entries = [(s, share) for s, share in entries if share > 0]
        if duration > 0:
            params[f"dose{i}_on"] = (0.0, "dimensionless")
            for s, share in entries:
                params[f"dose{i}_rate_{s}"] = (amount * share / duration, "mmol_per_hour")
                fluxes.append(Flux(f"dose{i}_into_{s}", None, s, f"dose{i}_on * dose{i}_rate_{s}"))
            events += [(f"dose{i}_start", start, {f"dose{i}_on": "1 dimensionless"}), (f"dose{i}_end", start + duration, {f"dose{i}_on": "0 dimensionless"})]
        else:
            for s, share in entries:
                params[f"dose{i}_amount_{s}"] = (amount * share, "mmol")
            events.append((f"dose{i}", start, {s: f"{s} + dose{i}_amount_{s}" for s, share in entries}))
    return params, fluxes, events


def _notes(what: str, subject: Subject, reg: Regimen) -> str:
    return (f"magnesim {version()}: {what}. Subject: weight {subject.weight_kg:g} kg, creatinine {subject.creatinine_mg_dL:.3g} mg/dL, GFR {subject.gfr:.4g} mL/min, "
            f"pregnant {subject.pregnant}. Regimen: {reg.text or reg.events}. Units: h, mmol, L, mmol/L.")


def _physiological(subject: Subject, reg: Regimen) -> SbmlModel:
    m = Physiological()
    area = max((e.area_cm2 for e in reg.events if e.route == "topical"), default=0.0)
    p = m.subject_params(subject, area)
    x0 = np.asarray(m.baseline_state(p))[0]
    one = lambda field: float(np.asarray(getattr(p, field)).ravel()[0])
    units = {"vc": "litre", "vp": "litre", "q": "litre_per_hour", "gfr": "litre_per_hour", "pool_km": "mM", "c_ref": "mM",
             "k_bm": "per_hour", "k_mb": "per_hour", "f_uf": "dimensionless", "f_ion": "dimensionless", "threshold": "mM",
             "splay": "mM", "csf_jmax": "mmol_per_hour", "csf_km": "mM", "csf_kout": "per_hour", "ka_im": "per_hour",
             "ka_oral": "per_hour", "k_skin": "per_hour", "k_loc": "per_hour", "v_loc": "litre", "diet": "mmol_per_hour"}
    params = {k: (one(k), u) for k, u in units.items()}
    pools = STATES[2:5]
    for k, pool in enumerate(pools):
        params[f"pool_ref_{pool}"] = (float(np.asarray(p.pool_ref)[0, k]), "mmol")
        params[f"k_out_{pool}"] = (float(np.asarray(p.k_out)[0, k]), "per_hour")
    params["csf_volume"] = (m.csf_volume, "litre")
    params["csf_ionized_fraction"] = (m.csf_ionized_fraction, "dimensionless")
    rules = {"serum_total_mM": ("serum / vc", "mM"), "serum_ultrafilterable_mM": ("f_uf * serum_total_mM", "mM"),
             "serum_ionized_mM": ("f_ion * serum_ultrafilterable_mM", "mM"), "csf_total_mM": ("csf / csf_volume", "mM"),
             "csf_ionized_mM": ("csf_ionized_fraction * csf_total_mM", "mM")}
    saturation = "(serum_total_mM / (pool_km + serum_total_mM)) * ((pool_km + c_ref) / c_ref)"
    fluxes = [
        Flux("diet_absorption", None, "serum", "diet"),
        Flux("fast_tissue_exchange", "serum", "fast_tissue", "q * (serum_total_mM - fast_tissue / vp)", reversible=True),
        *(Flux(f"{pool}_exchange", "serum", pool, f"k_out_{pool} * pool_ref_{pool} * {saturation} - k_out_{pool} * {pool}", reversible=True)
          for pool in pools),
        Flux("bone_mineral_exchange", "bone_surface", "bone_mineral", "k_bm * bone_surface - k_mb * bone_mineral", reversible=True),
        Flux("csf_exchange", "serum", "csf", "csf_jmax * serum_ionized_mM / (csf_km + serum_ionized_mM) - csf_kout * csf", reversible=True),
        Flux("im_absorption", "im_depot", "serum", "ka_im * im_depot"),
        Flux("oral_absorption", "gut", "serum", "ka_oral * gut"),
        Flux("skin_transfer", "skin_depot", "local_tissue", "k_skin * skin_depot"),
        Flux("local_tissue_exchange", "local_tissue", "serum", "k_loc * (local_tissue - v_loc * serum_ultrafilterable_mM)", reversible=True),
        # softplus splay of the renal threshold (Rude 1980)
        Flux("renal_excretion", "serum", "urine", "gfr * splay * ln(1 dimensionless + exp((serum_ultrafilterable_mM - threshold) / splay))"),
    ]
    dose_params, dose_fluxes, events = _doses([(d.start_h, d.duration_h, d.amount, [(STATES[i], share) for i, share in d.entries])
                                              for d in m.doses(reg)])
    return SbmlModel("magnesim_physiological", "magnesim physiological whole-body Mg model",
                     _notes("physiological whole-body Mg model (magnesim.body.physiological) at its diet-held steady state", subject, reg),
                     dict(zip(STATES, x0.tolist(), strict=True)), params | dose_params, rules, fluxes + dose_fluxes, events)


def _preset(name: str, subject: Subject, reg: Regimen) -> SbmlModel:
    p = preset(name)
    p.check_routes(reg)
    cov = covariates(subject)
    t = p.typical(cov.weight_kg, cov.creatinine_mg_dL, cov.crcl_mL_min, cov.bmi)
    system = p.system(t)
    a = np.asarray(system.a, float).reshape(system.n, system.n)
    states = p.states
    params = {"vc": (float(np.asarray(t.vc).ravel()[0]), "litre"), "baseline": (float(np.asarray(t.baseline).ravel()[0]), "mM")}
    fluxes = []
    for i, src in enumerate(states):
        for j, dst in enumerate(states):
            if i != j and a[j, i] != 0.0:
                params[f"k_{src}_{dst}"] = (float(a[j, i]), "per_hour")
                fluxes.append(Flux(f"{src}_to_{dst}", src, dst, f"k_{src}_{dst} * {src}"))
    doses = []
    for e in reg.events:
        comp, f = system.entry[e.route]
        f = float(np.asarray(f).ravel()[0])
        doses.append((e.start_h, e.duration_h, e.amount_mmol, [(states[comp], f), ("not_delivered", 1.0 - f)]))
    dose_params, dose_fluxes, events = _doses(doses)
    species = dict.fromkeys([*states, "not_delivered"], 0.0)
    rules = {"serum_total_mM": ("baseline + serum / vc", "mM")}
    return SbmlModel(f"magnesim_{name.replace('-', '_')}", f"magnesim population-PK preset {name}",
                     _notes(f"population-PK preset {name} (magnesim.body.poppk), typical values at the subject's covariates; "
                            "serum total Mg = baseline + the central amount (species serum) / Vc", subject, reg),
                     species, params | dose_params, rules, fluxes + dose_fluxes, events)
