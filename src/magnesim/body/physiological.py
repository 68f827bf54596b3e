"""A physiological whole-body magnesium model (project notes pk.md §8; compartments below).

Amounts (mmol) in thirteen states; concentrations in mmol/L; time in h.

    0 serum/ECF (Vc)            total C; ultrafilterable f_UF·C (filtered); ionized f_ion·f_UF·C
    1 fast tissue (Vp)          exchange Q·(C − C_p)                      (popPK peripheral, Du 2019)
    2 exchangeable cell Mg      uptake k_out·S·h(C)/h(C_ref) − k_out·A, t½ 24 h (Silver 1960; Avioli & Berman 1966)
    3 bound cell Mg             as 2, t½ ~1000 h
    4 bone surface              as 2, t½ ~3 days; exchanges with 5
    5 bone mineral              ~1%/day turnover
    6 CSF                       influx J_max·C_ion/(K_m + C_ion), efflux k_out·A_csf (Oppelt 1963)
    7 IM depot                  k_a = 0.317/h, F = 0.862 (Salinger 2013)
    8 gut (absorbable part)     k_a,oral; per dose absorbable = Fine 1991 curve × salt factor
    9 skin depot                influx P_app·C·area during contact; → local tissue at k_skin
    10 local tissue under site  volume area × depth; exchanges with serum ultrafiltrate at k_loc
    11 urine (cumulative)       GFR · w · softplus((f_UF·C − T_m)/w): Tm threshold with splay (Rude 1980)
    12 never absorbed (cumul.)  IM (1 − F), unabsorbed oral Mg

Uptake into cells and bone saturates, h(C) = C/(K + C) with K = 0.1 × the reference serum: pools
turn over with their tracer half-lives, but an IV load is mostly excreted (~90% in 24 h, Lu &
Nightingale 2000, the calibration target of K) instead of flooding the large slow pools.

Baseline is a steady state by construction: the serum concentration is where renal excretion
equals the net absorption of the daily diet (Fine's curve per meal), and each pool holds its
literature size (per kg) at the reference serum 0.85 mmol/L, scaled by h(C₀)/h(C_ref) at a
subject's own baseline. CSF influx
J_max is calibrated once, at the reference serum, to give CSF/serum = 1.35; a subject with another
baseline keeps a CSF level that does not follow it (as observed, Fong 1995). Renal function enters
only through GFR (from creatinine or given); pregnancy acts through creatinine, GFR and weight.

Not modelled: CaSR-mediated fall of the threshold at high Mg, PTH/calcitriol regulation, the
laxative effect of large oral doses on transit, hair-follicle shunts in the skin.

Integration: :mod:`magnesim.body.ode` (classical RK4 at a fixed step, default 1 min, with exact
per-step inputs), so the mass balance closes to rounding.
"""

from __future__ import annotations

import math

import jax.numpy as jnp
import numpy as np

from .._jax import array_namespace, jax, pytree_dataclass
from ..params import param_field
from .ode import Dose, StepInputs, discretize, rk4, rk4_states
from .regimen import Regimen
from .subject import Subject

__all__ = ["BODY_GROUPS", "STATES", "PhysioParams", "Physiological", "fine_absorbed"]

STATES = ("serum", "fast_tissue", "cells_exchangeable", "cells_bound", "bone_surface", "bone_mineral",
          "csf", "im_depot", "gut", "skin_depot", "local_tissue", "urine", "not_absorbed")
_IX = {name: i for i, name in enumerate(STATES)}
BODY_STATES = STATES[:11]  # what the body holds (not urine or unabsorbed doses)
# Where body Mg is, by the states that hold it. The serum compartment's volume (body.v_central,
# 0.25 L/kg) is that of the extracellular fluid (~0.2 L/kg), interstitial fluid included, so serum and
# CSF make up the extracellular share; the fast-exchanging tissue pool is soft tissue Mg that
# equilibrates with it within hours, reported on its own.
BODY_GROUPS = {"cells": ("cells_exchangeable", "cells_bound"), "bone": ("bone_surface", "bone_mineral"),
               "extracellular": ("serum", "csf"), "fast_tissue": ("fast_tissue",)}
_N = len(STATES)


def fine_absorbed(dose_mmol, vmax, km, linear):
    """Mg absorbed from one oral load (Fine et al. 1991): saturable plus linear (NumPy, or JAX when
    any argument is a JAX value, so that the absorbed diet can be differentiated)."""
    xp = array_namespace(dose_mmol, vmax, km, linear)
    d = xp.asarray(dose_mmol, dtype=float)
    return vmax * d / (km + d) + linear * d


def _scalar(x):
    """``float(x)`` for concrete values (the public methods return floats); a JAX value is returned as
    it is, because under ``jit`` or ``grad`` it is a tracer that ``float`` cannot read."""
    return x if isinstance(x, jax.Array) else float(x)


@pytree_dataclass
class PhysioParams:
    """Per-subject rate constants and volumes in kernel units (arrays for a population)."""

    vc: jnp.ndarray
    vp: jnp.ndarray
    q: jnp.ndarray
    gfr: jnp.ndarray
    pool_ref: jnp.ndarray  # (…, 3): exchangeable cells, bound cells, bone surface at the reference serum
    k_out: jnp.ndarray  # (…, 3): return rate constants to serum
    pool_km: jnp.ndarray  # half-saturation of pool uptake (mmol/L)
    c_ref: jnp.ndarray
    k_bm: jnp.ndarray
    k_mb: jnp.ndarray
    f_uf: jnp.ndarray
    threshold: jnp.ndarray
    splay: jnp.ndarray
    csf_jmax: jnp.ndarray
    csf_km: jnp.ndarray
    csf_kout: jnp.ndarray
    f_ion: jnp.ndarray
    ka_im: jnp.ndarray
    ka_oral: jnp.ndarray
    k_skin: jnp.ndarray
    k_loc: jnp.ndarray
    v_loc: jnp.ndarray
    diet: jnp.ndarray  # absorbed dietary Mg, mmol/h
    csf_volume: jnp.ndarray  # L
    csf_ion: jnp.ndarray  # ionized fraction of CSF Mg


def _rhs(x, p: PhysioParams, rate):
    c = x[0] / p.vc
    uf = p.f_uf * c
    ion = p.f_ion * uf
    fast = p.q * (c - x[1] / p.vp)
    uptake = p.k_out * p.pool_ref * (c / (p.pool_km + c)) * ((p.pool_km + p.c_ref) / p.c_ref)
    pools = uptake - p.k_out * x[2:5]
    mineral = p.k_bm * x[4] - p.k_mb * x[5]
    csf_in = p.csf_jmax * ion / (p.csf_km + ion)
    csf_out = p.csf_kout * x[6]
    im = p.ka_im * x[7]
    gut = p.ka_oral * x[8]
    skin = p.k_skin * x[9]
    local = p.k_loc * (x[10] - p.v_loc * uf)
    urine = p.gfr * p.splay * jax.nn.softplus((uf - p.threshold) / p.splay)
    d_serum = p.diet + im + gut + local + csf_out - fast - pools.sum() - csf_in - urine
    dx = jnp.stack([
        d_serum, fast, pools[0], pools[1], pools[2] - mineral, mineral, csf_in - csf_out,
        -im, -gut, -skin, skin - local, urine, jnp.zeros_like(urine),
    ])
    return dx + rate


@pytree_dataclass
class Physiological:
    """Parameters of the physiological model, with sources (``magnesim params --search body.``)."""

    f_uf: float = param_field("body.f_ultrafilterable", "dimensionless")
    f_ion: float = param_field("body.f_ionized_of_uf", "dimensionless")
    v_central: float = param_field("body.v_central", "L/kg")
    v_fast: float = param_field("body.v_fast_tissue", "L/kg")
    q_fast: float = param_field("body.q_fast_tissue", "L/h")
    cells_exch: float = param_field("body.cell_exchangeable_per_kg", "mmol/kg")
    cells_exch_t_half: float = param_field("body.cell_exchange_half_life", "h")
    cells_bound: float = param_field("body.cell_bound_per_kg", "mmol/kg")
    cells_bound_t_half: float = param_field("body.cell_bound_half_life", "h")
    bone_surface: float = param_field("body.bone_surface_per_kg", "mmol/kg")
    bone_surface_t_half: float = param_field("body.bone_surface_half_life", "h")
    bone_mineral: float = param_field("body.bone_mineral_per_kg", "mmol/kg")
    bone_mineral_turnover: float = param_field("body.bone_mineral_turnover", "1/h")
    renal_threshold: float = param_field("body.renal_threshold", "mmol/L")
    renal_splay: float = param_field("body.renal_splay", "mmol/L")
    diet_intake: float = param_field("body.diet_intake", "mmol/h")
    meals_per_day: float = param_field("body.meals_per_day", "1/day")
    fine_vmax: float = param_field("body.fine_vmax", "mmol")
    fine_km: float = param_field("body.fine_km", "mmol")
    fine_linear: float = param_field("body.fine_linear", "dimensionless")
    ka_oral: float = param_field("body.oral_absorption_rate", "1/h")
    mgo_bioavailability: float = param_field("body.mgo_relative_bioavailability", "dimensionless")
    csf_volume: float = param_field("body.csf_volume", "L")
    csf_ratio: float = param_field("body.csf_ratio", "dimensionless")
    csf_km_relative: float = param_field("body.csf_km_relative", "dimensionless")
    csf_efflux: float = param_field("body.csf_efflux_rate", "1/h")
    csf_ionized_fraction: float = param_field("body.csf_ionized_fraction", "dimensionless")
    reference_serum: float = param_field("body.reference_serum", "mmol/L")
    pool_km_relative: float = param_field("body.pool_uptake_km_relative", "dimensionless")
    ka_im: float = param_field("salinger_2013.ka", "1/h")
    f_im: float = param_field("salinger_2013.f_im", "dimensionless")
    skin_permeability: float = param_field("body.skin_permeability", "cm/s")
    k_skin: float = param_field("body.skin_transfer_rate", "1/h")
    local_depth: float = param_field("body.local_tissue_depth", "cm")
    k_local: float = param_field("body.local_tissue_clearance", "1/h")

    name = "physiological"
    citation = "magnesim-calibration"
    # parameters that act only through the dose inputs, which a batch of parameter draws shares
    # (magnesim.params.draw_models holds them)
    held_in_draws = ("f_im", "mgo_bioavailability", "skin_permeability", "fine_vmax", "fine_km", "fine_linear")

    # ---- dietary and oral absorption -------------------------------------------------------
    def diet_absorbed_per_h(self) -> float:
        """Net dietary Mg absorbed (mmol/h): Fine's curve per meal × meals per day."""
        meals_per_h = self.meals_per_day / 24.0
        per_meal = self.diet_intake / meals_per_h
        return _scalar(fine_absorbed(per_meal, self.fine_vmax, self.fine_km, self.fine_linear)) * meals_per_h

    def fractional_excretion(self, subject: Subject) -> float:
        """Urinary Mg over the filtered load (ultrafilterable serum Mg × GFR) at the diet-held steady state."""
        c0 = float(self.baseline_serum(self.subject_params(subject))[0])
        return self.diet_absorbed_per_h() / (subject.gfr_L_h * self.f_uf * c0)

    def dietary_fraction_absorbed(self) -> float:
        """Share of the daily dietary Mg intake absorbed (Fine's curve per meal)."""
        return self.diet_absorbed_per_h() / self.diet_intake

    def oral_absorbable(self, dose_mmol: float, salt: str) -> float:
        """Absorbable part of one oral dose taken on its own (Fine curve × salt factor)."""
        factor = self.mgo_bioavailability if salt in ("mgo", "mgoh2") else 1.0
        return float(fine_absorbed(dose_mmol, self.fine_vmax, self.fine_km, self.fine_linear)) * factor

    def skin_flux(self, concentration_mM: float, area_cm2: float) -> float:
        """Mg flux across the skin (mmol/h) = P_app · C · area."""
        return self.skin_permeability * 3600.0 * concentration_mM * 1e-3 * area_cm2  # cm/h · mmol/cm³ · cm²

    # ---- subjects → parameters ----------------------------------------------------------------
    def params(self, weight_kg, gfr_L_h, local_area_cm2: float = 0.0) -> PhysioParams:
        """Per-subject parameters; ``weight_kg`` and ``gfr_L_h`` may be arrays (a population).

        NumPy arrays for a model with concrete fields; JAX arrays when a field is a JAX value (a
        calibration differentiates through here), by the same operations, so the numbers agree.
        """
        xp = array_namespace(self, weight_kg, gfr_L_h)
        w = xp.asarray(weight_kg, dtype=float)
        gfr = xp.asarray(gfr_L_h, dtype=float)
        w, gfr = xp.broadcast_arrays(w, gfr)
        vc = self.v_central * w
        k_out = xp.stack([math.log(2) / self.cells_exch_t_half, math.log(2) / self.cells_bound_t_half,
                          math.log(2) / self.bone_surface_t_half])
        sizes = xp.stack([self.cells_exch, self.cells_bound, self.bone_surface])
        pool_ref = w[..., None] * sizes
        k_mb = self.bone_mineral_turnover
        k_bm = k_mb * self.bone_mineral / self.bone_surface
        ion_ref = self.f_ion * self.f_uf * self.reference_serum
        km = self.csf_km_relative * ion_ref
        jmax = self.csf_efflux * self.csf_volume * self.csf_ratio * self.reference_serum * (km + ion_ref) / ion_ref
        full = lambda x: xp.full(w.shape, x, dtype=float)
        return PhysioParams(
            vc=vc, vp=self.v_fast * w, q=full(self.q_fast), gfr=gfr, pool_ref=pool_ref, k_out=xp.broadcast_to(k_out, (*w.shape, 3)).copy(),
            pool_km=full(self.pool_km_relative * self.reference_serum), c_ref=full(self.reference_serum),
            k_bm=full(k_bm), k_mb=full(k_mb), f_uf=full(self.f_uf), threshold=full(self.renal_threshold),
            splay=full(self.renal_splay), csf_jmax=full(jmax), csf_km=full(km), csf_kout=full(self.csf_efflux),
            f_ion=full(self.f_ion), ka_im=full(self.ka_im), ka_oral=full(self.ka_oral), k_skin=full(self.k_skin),
            k_loc=full(self.k_local), v_loc=full(local_area_cm2 * self.local_depth * 1e-3), diet=full(self.diet_absorbed_per_h()),
            csf_volume=full(self.csf_volume), csf_ion=full(self.csf_ionized_fraction),
        )

    def subject_params(self, subjects: Subject | list[Subject], local_area_cm2: float = 0.0) -> PhysioParams:
        subs = [subjects] if isinstance(subjects, Subject) else list(subjects)
        return self.params(np.array([s.weight_kg for s in subs]), np.array([s.gfr_L_h for s in subs]), local_area_cm2)

    # ---- baseline -------------------------------------------------------------------------
    @staticmethod
    def baseline_serum(p: PhysioParams):
        """Steady-state serum total Mg (mmol/L): renal excretion equals absorbed diet (NumPy, or JAX for JAX parameters)."""
        xp = array_namespace(p)
        z = xp.log(xp.expm1(xp.asarray(p.diet) / (xp.asarray(p.gfr) * xp.asarray(p.splay))))
        return (xp.asarray(p.threshold) + xp.asarray(p.splay) * z) / xp.asarray(p.f_uf)

    def baseline_state(self, p: PhysioParams):
        """Steady-state amounts (…, 13) with the diet and no doses (NumPy, or JAX for JAX parameters).

        The state is stacked from its columns rather than filled in place, because JAX arrays are
        immutable; a NumPy result is a new, writable array as before."""
        xp = array_namespace(p)
        c0 = self.baseline_serum(p)
        a_c = xp.asarray(p.vc) * c0
        km, c_ref = xp.asarray(p.pool_km)[..., None], xp.asarray(p.c_ref)[..., None]
        pools = xp.asarray(p.pool_ref) * (c0[..., None] / (km + c0[..., None])) * ((km + c_ref) / c_ref)
        mineral = xp.asarray(p.k_bm) * pools[..., 2] / xp.asarray(p.k_mb)
        ion = xp.asarray(p.f_ion) * xp.asarray(p.f_uf) * c0
        csf = xp.asarray(p.csf_jmax) * ion / (xp.asarray(p.csf_km) + ion) / xp.asarray(p.csf_kout)
        local = xp.asarray(p.v_loc) * xp.asarray(p.f_uf) * c0
        zero = xp.zeros_like(c0)
        columns = {0: a_c, 1: xp.asarray(p.vp) * c0, 2: pools[..., 0], 3: pools[..., 1], 4: pools[..., 2], 5: mineral, 6: csf, 10: local}
        return xp.stack(xp.broadcast_arrays(*(columns.get(i, zero) for i in range(_N))), axis=-1)

    def distribution(self, subject: Subject) -> dict[str, float]:
        """Body Mg at the diet-held steady state: ``body_mmol`` and the share of each of BODY_GROUPS."""
        x = self.baseline_state(self.subject_params(subject))[0]
        return {"body_mmol": float(x[: len(BODY_STATES)].sum()), **{g: float(v) for g, v in self.group_shares(x).items()}}

    BASELINE_QUANTITIES = ("body_mmol", "bone_fraction", "ecf_fraction", "serum_total_mM", "serum_ionized_mM", "serum_ionized_fraction",
                           "csf_total_mM", "csf_ionized_mM", "csf_serum_ratio")

    @classmethod
    def baseline_quantities(cls, p: PhysioParams, x) -> dict:
        """The summary quantities of a steady state ``x`` (13,) for parameters ``p`` (one row), named as
        in BASELINE_QUANTITIES: body Mg, bone and extracellular shares, serum and CSF levels and ratios.
        NumPy or JAX, as the state."""
        seen, share = cls.observe(p, x), cls.group_shares(x)
        serum, csf = seen["serum_total_mM"], seen["csf_total_mM"]
        return {"body_mmol": seen["body_mmol"], "bone_fraction": share["bone"], "ecf_fraction": share["extracellular"],
                "serum_total_mM": serum, "serum_ionized_mM": seen["serum_ionized_mM"], "serum_ionized_fraction": seen["serum_ionized_mM"] / serum,
                "csf_total_mM": csf, "csf_ionized_mM": seen["csf_ionized_mM"], "csf_serum_ratio": csf / serum}

    @staticmethod
    def group_shares(states) -> dict:
        """The share of body Mg in each of BODY_GROUPS, from state amounts ``states`` (…, 13); NumPy or JAX."""
        body = states[..., : len(BODY_STATES)].sum(axis=-1)
        return {g: sum(states[..., _IX[s]] for s in names) / body for g, names in BODY_GROUPS.items()}

    # ---- states → outputs -----------------------------------------------------------------------
    @staticmethod
    def observe(p: PhysioParams, states) -> dict:
        """What the states mean: concentrations (mmol/L) and amounts (mmol) by name, from state amounts
        ``states`` (…, 13) for parameters ``p`` whose rows are the leading axis of ``states`` (a
        single row's parameters serve any shape). NumPy or JAX, as the states.

        ``serum_total_mM``, ``serum_ultrafilterable_mM``, ``serum_ionized_mM``, ``csf_total_mM``,
        ``csf_ionized_mM``, ``fast_tissue_mM``, ``local_tissue_mM`` (nan without an application site),
        ``local_tissue_ionized_mM`` (tissue fluid taken to bind Mg like serum ultrafiltrate: an
        assumption, nothing measured), ``urine_cumulative_mmol`` (the urine state: 0 at a baseline start) and
        ``body_mmol`` (what the body holds)."""
        xp = array_namespace(p, states)
        x = xp.asarray(states)

        def row(field):  # a per-row parameter, broadcast against the states' trailing axes
            a = xp.asarray(getattr(p, field))
            return a.reshape(a.shape + (1,) * max(x.ndim - 1 - a.ndim, 0)) if a.size > 1 else a.reshape(())

        state = lambda name: x[..., _IX[name]]
        serum = state("serum") / row("vc")
        csf = state("csf") / row("csf_volume")
        v_loc = row("v_loc")
        local = xp.where(v_loc > 0, state("local_tissue") / xp.where(v_loc > 0, v_loc, 1.0), xp.nan)
        return {
            "serum_total_mM": serum, "serum_ultrafilterable_mM": row("f_uf") * serum,
            "serum_ionized_mM": row("f_ion") * row("f_uf") * serum,
            "csf_total_mM": csf, "csf_ionized_mM": row("csf_ion") * csf,
            "local_tissue_mM": local, "local_tissue_ionized_mM": row("f_ion") * local,
            "fast_tissue_mM": state("fast_tissue") / row("vp"),
            "urine_cumulative_mmol": state("urine"), "body_mmol": x[..., : len(BODY_STATES)].sum(axis=-1),
        }

    # ---- regimen → per-step inputs --------------------------------------------------------------
    def doses(self, regimen: Regimen) -> list[Dose]:
        """The regimen's events as doses into the model's states (bioavailability and skin flux applied)."""
        out = []
        for e in regimen.events:
            if e.route == "iv":
                out.append(Dose(e.start_h, e.duration_h, e.amount_mmol, [(_IX["serum"], 1.0)]))
            elif e.route == "im":
                out.append(Dose(e.start_h, 0.0, e.amount_mmol, [(_IX["im_depot"], self.f_im), (_IX["not_absorbed"], 1.0 - self.f_im)]))
            elif e.route == "oral":
                absorbable = min(self.oral_absorbable(e.amount_mmol, e.salt), e.amount_mmol) / e.amount_mmol
                out.append(Dose(e.start_h, 0.0, e.amount_mmol, [(_IX["gut"], absorbable), (_IX["not_absorbed"], 1.0 - absorbable)]))
            else:  # topical or immersion: flux across the skin during contact
                flux = self.skin_flux(e.concentration_mM, e.area_cm2)
                if e.route == "topical":
                    flux = min(flux, e.amount_mmol / e.duration_h)  # cannot absorb more than was applied
                out.append(Dose(e.start_h, e.duration_h, flux * e.duration_h, [(_IX["skin_depot"], 1.0)]))
        return out

    def inputs(self, regimen: Regimen, n_steps: int, dt_h: float) -> StepInputs:
        return discretize(self.doses(regimen), n_steps, dt_h, _N)

    # ---- integration ----------------------------------------------------------------------------
    def simulate(self, p: PhysioParams, x0, inputs: StepInputs, dt_h: float, record_every: int):
        """States (batch, n_records + 1, 13) every ``record_every`` steps, by RK4 at ``dt_h``."""
        return rk4(_rhs, p, x0, inputs, dt_h, record_every)

    def trajectory(self, p: PhysioParams, x0, inputs: StepInputs, dt_h: float, record_every: int):
        """:meth:`simulate` as a JAX array: traceable, so gradients flow from ``p`` and ``x0`` to the states."""
        return rk4_states(_rhs, p, x0, inputs, dt_h, record_every)
