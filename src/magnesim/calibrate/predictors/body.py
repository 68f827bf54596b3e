"""The body layer's targets as JAX functions of the physiological model and of the rat scaled from it.

Each function mirrors the validation predictor of the same name (:mod:`magnesim.validation._body`):
same arguments, same number at the library values. A run integrates only as far as its target reads:
RK4 at a fixed step gives the same state at a time however long the run (the validation runs last at
least 24 h), and recording only the samples a target reads keeps the gradient's memory small.

Not here: the popPK presets (``serum_total_at`` with ``model`` other than physiological), whose
closed-form solver is NumPy, and ``delivered_mg``, a dose rather than a model response.
"""

from __future__ import annotations

import math

import jax.numpy as jnp
import numpy as np

from ...body import Physiological, RatPK, Subject, resolve_regimen
from ...body.ode import StepInputs
from ...body.physiological import STATES, fine_absorbed
from ...errors import ParameterError, UnknownNameError, invalid
from ...units import elemental_mmol
from .._predictor import Predictor

__all__ = ["PREDICTORS"]

_IX = {name: i for i, name in enumerate(STATES)}
_SAMPLE_H = 1.0 / 12.0  # output step of the validation runs: serum_total_max is the highest 5-min sample
_RAT_DT_H = 1.0 / 240.0  # the step of RatPK.simulate, which the rat validation predictors use
_RAT_HOURS = 24.0  # the span of the rat validation runs (rat_brain_rise takes the peak within it)
_MGO_SALTS = ("mgo", "mgoh2")  # the salts Physiological.oral_absorbable scales by MgO's relative bioavailability


def _steps(hours: float, dt_h: float, name: str) -> int:
    n = round(hours / dt_h)
    if n < 1 or abs(n * dt_h - hours) > 1e-9 * max(hours, 1.0):
        raise ParameterError(invalid(name, hours, f"a positive multiple of the solver step dt ({dt_h * 60:g} min)"))
    return n


def _params(m: Physiological, subject: dict | None, area_cm2: float = 0.0):
    s = Subject(**(subject or {}))
    return m.params(np.array([s.weight_kg]), np.array([s.gfr_L_h]), area_cm2)


def _run(m: Physiological, dt_h: float, regimen: str, n_steps: int, subject: dict | None, record_every: int):
    """States (n_steps / record_every + 1, 13), the step inputs and the parameters of one subject."""
    reg = resolve_regimen(regimen)
    area = max((e.area_cm2 for e in reg.events if e.route == "topical"), default=0.0)
    p = _params(m, subject, area)
    inputs = m.inputs(reg, n_steps, dt_h)
    return m.trajectory(p, m.baseline_state(p), inputs, dt_h, record_every)[0], inputs, p


def _physiological_only(model: str) -> None:
    if model.strip().lower() != "physiological":
        raise ParameterError(invalid("model", model, "physiological (the popPK presets are solved in NumPy, not differentiated)"))


# ---- steady state on the diet -------------------------------------------------------------------
def _body_baseline(models, settings, quantity: str, subject: dict | None = None):
    (m,) = models
    if quantity not in m.BASELINE_QUANTITIES:
        raise UnknownNameError(invalid("quantity", quantity, ", ".join(m.BASELINE_QUANTITIES)))
    p = _params(m, subject)
    return jnp.asarray(m.baseline_quantities(p, m.baseline_state(p)[0])[quantity])


def _urine_per_day(models, settings):
    (m,) = models
    return jnp.asarray(24 * m.diet_absorbed_per_h())


def _fractional_excretion(models, settings, subject: dict | None = None):
    (m,) = models
    p = _params(m, subject)
    return m.diet_absorbed_per_h() / (p.gfr[0] * m.f_uf * m.baseline_serum(p)[0])


def _dietary_fraction_absorbed(models, settings):
    (m,) = models
    return jnp.asarray(m.diet_absorbed_per_h() / m.diet_intake)


def _oral_fraction(models, settings, dose_mmol: float, salt: str = "mg"):
    (m,) = models
    factor = m.mgo_bioavailability if salt in _MGO_SALTS else 1.0
    return jnp.asarray(fine_absorbed(dose_mmol, m.fine_vmax, m.fine_km, m.fine_linear) * factor / dose_mmol)


# ---- regimens -------------------------------------------------------------------------------------
def _serum_total_at(models, settings, regimen: str, time_h: float, subject: dict | None = None, model: str = "physiological",
                    relative: bool = False):
    (m,) = models
    _physiological_only(model)
    n = _steps(time_h, settings.dt_h, "time_h")
    xs, _, p = _run(m, settings.dt_h, regimen, n, subject, n)
    serum = m.observe(p, xs)["serum_total_mM"]
    return serum[-1] / serum[0] if relative else serum[-1]


def _serum_total_max(models, settings, regimen: str, start_h: float, end_h: float, subject: dict | None = None):
    (m,) = models
    every = _steps(_SAMPLE_H, settings.dt_h, "5-min sampling step")
    samples = _steps(end_h, _SAMPLE_H, "end_h")
    xs, _, p = _run(m, settings.dt_h, regimen, samples * every, subject, every)
    times = np.arange(samples + 1) * _SAMPLE_H
    window = (times >= start_h - 1e-9) & (times <= end_h + 1e-9)
    return m.observe(p, xs)["serum_total_mM"][window].max()


def _urine_fraction_of_dose(models, settings, regimen: str, hours: float, subject: dict | None = None):
    (m,) = models
    n = _steps(hours, settings.dt_h, "hours")
    xs, inputs, p = _run(m, settings.dt_h, regimen, n, subject, n)
    urine = m.observe(p, xs)["urine_cumulative_mmol"]
    excess = (urine[-1] - urine[0]) - hours * m.diet_absorbed_per_h()
    return excess / inputs.delivered[n - 1]


def _csf_rise(models, settings, regimen: str, hours: float, subject: dict | None = None):
    (m,) = models
    n = _steps(hours, settings.dt_h, "hours")
    xs, _, p = _run(m, settings.dt_h, regimen, n, subject, n)
    csf = m.observe(p, xs)["csf_total_mM"]
    return csf[-1] / csf[0] - 1


# ---- the P7 rat -----------------------------------------------------------------------------------
def _rat_run(rat: RatPK, body: Physiological, dose: str, salt: str, route: str, hours: float):
    """States (n + 1, 13) every rat step after one dose at t = 0, as RatPK.simulate, and the parameters."""
    p = rat.params(route, body)
    depot = _IX["serum"] if route == "iv" else _IX["im_depot"]
    x0 = jnp.asarray(body.baseline_state(p)).at[:, depot].add(elemental_mmol(dose, salt) * rat.weight_kg)
    n = math.ceil(hours / _RAT_DT_H - 1e-9)
    none = StepInputs(np.zeros((n, len(STATES))), np.zeros((n, len(STATES))), np.zeros(n))
    return body.trajectory(p, x0, none, _RAT_DT_H, 1)[0], p


def _rat_serum_ionized(models, settings, dose: str, salt: str, time_h: float, route: str = "ip"):
    rat, body = models
    xs, p = _rat_run(rat, body, dose, salt, route, time_h)
    ionized = body.observe(p, xs)["serum_ionized_mM"]
    return jnp.interp(time_h, np.arange(xs.shape[0]) * _RAT_DT_H, ionized)


def _rat_brain_rise(models, settings, dose: str, salt: str, route: str):
    rat, body = models
    xs, p = _rat_run(rat, body, dose, salt, route, _RAT_HOURS)
    tissue = rat.brain_tissue_mM(body.observe(p, xs)["csf_total_mM"])
    return tissue.max() / tissue[0] - 1


PREDICTORS = (
    Predictor("body_baseline", (Physiological,), _body_baseline),
    Predictor("urine_per_day", (Physiological,), _urine_per_day),
    Predictor("fractional_excretion", (Physiological,), _fractional_excretion),
    Predictor("dietary_fraction_absorbed", (Physiological,), _dietary_fraction_absorbed),
    Predictor("oral_fraction", (Physiological,), _oral_fraction),
    Predictor("serum_total_at", (Physiological,), _serum_total_at),
    Predictor("serum_total_max", (Physiological,), _serum_total_max),
    Predictor("urine_fraction_of_dose", (Physiological,), _urine_fraction_of_dose),
    Predictor("csf_rise", (Physiological,), _csf_rise),
    Predictor("rat_serum_ionized", (RatPK, Physiological), _rat_serum_ionized),
    Predictor("rat_brain_rise", (RatPK, Physiological), _rat_brain_rise),
)
