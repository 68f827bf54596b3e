"""One patient under one population-PK preset, as a function of the random effects η.

The individual parameters are the preset's typical values at the patient's covariates times exp(η)
for each parameter with published inter-individual variability (η ~ N(0, Ω), Ω diagonal with
ω² = ln(1 + CV²): no source reports correlations). The serum total Mg the model predicts is the
preset's baseline plus the central amount over the central volume, solved exactly over the
piecewise-constant segments of the dose history in closed form (:func:`magnesim.body.mammillary.mammillary_states`), in
JAX, so the objective's gradient and Hessian in η are exact.

Residual error, as each source published it: Var(y) = σ_add² + (σ_prop · f)², f the prediction
(mmol/L) of what the source fitted: serum total Mg, or (Du 2019) its change from baseline.
Units: h, mmol, L, mmol/L.

Usable presets need published inter-individual variability and a residual error model: Salinger
2013 estimated no variability (one sample per woman) and Lu 2002's residual error was not retrieved,
so only du-2019 and deng-2024 individualise.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import jax.numpy as jnp
import numpy as np

from .._jax import pytree_dataclass
from ..body.linear import segment_inputs
from ..body.mammillary import mammillary_states
from ..body.poppk import PRESETS, PopPKPreset, Typical, preset
from ..body.population import covariates, lognormal_sigma
from ..body.regimen import Regimen
from ..body.subject import Subject
from ..errors import ParameterError, invalid
from ..params import library, value

__all__ = ["Design", "PresetModel", "bucket", "design", "individual", "predict", "usable_presets", "variance"]

_ETA_ORDER = ("cl", "vc", "vp", "q")


def usable_presets() -> tuple[str, ...]:
    """The presets with published inter-individual variability and residual error."""
    lib = library()
    out = []
    for name, p in PRESETS.items():
        prefix = name.replace("-", "_")
        if p.variability() and any(f"{prefix}.sigma_{k}" in lib for k in ("additive", "proportional")):
            out.append(name)
    return tuple(out)


@dataclass(frozen=True)
class PresetModel:
    """A preset at one patient's covariates: typical parameters, the names of the parameters that carry
    an η and their variances ``omega`` (log scale), and the residual error (σ_add in mmol/L, σ_prop)."""

    preset: PopPKPreset
    typical: Typical
    eta_names: tuple[str, ...]
    omega: np.ndarray
    sigma_add: float
    sigma_prop: float

    @classmethod
    def of(cls, name: str, subject: Subject) -> PresetModel:
        p = preset(name)
        cov = covariates(subject)
        t = p.typical(cov.weight_kg[0], cov.creatinine_mg_dL[0], cov.crcl_mL_min[0], cov.bmi[0])
        t = dataclasses.replace(t, **{k: float(np.asarray(getattr(t, k))) for k in _ETA_ORDER if getattr(t, k) is not None})
        cv = p.variability()
        if not cv:
            raise ParameterError(invalid("model", name, f"a preset with published inter-individual variability: {', '.join(usable_presets())}",
                                         "no variability was estimated"))
        names = tuple(k for k in _ETA_ORDER if k in cv)
        omega = np.array([float(lognormal_sigma(cv[k])) ** 2 for k in names])
        prefix = p.name.replace("-", "_")
        lib = library()
        sigma = {kind: value(f"{prefix}.sigma_{kind}", unit) if f"{prefix}.sigma_{kind}" in lib else 0.0
                 for kind, unit in (("additive", "mmol/L"), ("proportional", "dimensionless"))}
        if sigma["additive"] == 0.0 and sigma["proportional"] == 0.0:
            raise ParameterError(invalid("model", name, f"a preset with a published residual error model: {', '.join(usable_presets())}",
                                         "its residual error model was not retrieved"))
        return cls(p, t, names, omega, sigma["additive"], sigma["proportional"])

    @property
    def n_eta(self) -> int:
        return len(self.eta_names)

    def arrays(self) -> dict[str, float]:
        """The typical parameters and the error model as a flat mapping (a pytree leaf per patient)."""
        out = {k: float(getattr(self.typical, k)) for k in _ETA_ORDER if getattr(self.typical, k) is not None}
        return {**out, "baseline": float(self.typical.baseline), "sigma_add": self.sigma_add, "sigma_prop": self.sigma_prop}

    def variance(self, f):
        """Residual variance (mmol/L)² at a predicted serum total ``f``."""
        return variance(self.preset, self.arrays(), f)


def individual(preset: PopPKPreset, eta_names: tuple[str, ...], typ, eta) -> Typical:
    """The individual parameters: ``typ`` (from :meth:`PresetModel.arrays`) scaled by exp(``eta``)."""
    scaled = {k: typ[k] * jnp.exp(eta[eta_names.index(k)]) if k in eta_names else typ[k] for k in _ETA_ORDER if k in typ}
    return Typical(baseline=typ["baseline"], **scaled)


def variance(preset: PopPKPreset, typ, f):
    """Residual variance (mmol/L)² at a predicted serum total ``f``, on the scale the source fitted."""
    fitted = f - typ["baseline"] if preset.fitted_on == "change" else f
    return typ["sigma_add"] ** 2 + (typ["sigma_prop"] * fitted) ** 2


@pytree_dataclass
class Design:
    """A dose history and the times to predict at, as segments (padded to a common length in batches):
    infusion rates (S, n) mmol/h, boluses at the S+1 edges (S+1, n), segment widths (S,) h, and the
    edge index of each time (T,)."""

    rates: np.ndarray
    boluses: np.ndarray
    widths: np.ndarray
    at: np.ndarray

    def padded(self, segments: int) -> Design:
        """The same design with zero-width segments appended (they leave the state unchanged)."""
        extra = segments - self.widths.size
        if extra < 0:
            raise ValueError("cannot pad to fewer segments")
        n = self.rates.shape[1]
        return Design(np.vstack([self.rates, np.zeros((extra, n))]), np.vstack([self.boluses, np.zeros((extra, n))]),
                      np.concatenate([self.widths, np.zeros(extra)]), self.at)


def bucket(n: int, size: int) -> int:
    """``n`` rounded up to a multiple of ``size``: padding designs to a few sizes lets patients and
    candidate sets of similar size share one compilation."""
    return size * -(-n // size)


def design(model: PresetModel, regimen: Regimen, times) -> Design:
    """The segments of ``regimen`` for ``model``'s structure, with ``times`` (h, ascending, ≥ 0) as edges."""
    model.preset.check_routes(regimen, "doses", alternative="")
    system = model.preset.system(dataclasses.replace(model.typical, **{
        k: np.asarray(getattr(model.typical, k), float) for k in _ETA_ORDER if getattr(model.typical, k) is not None}))
    edges, rates, boluses, at = segment_inputs(system, regimen, times)
    return Design(rates, boluses, np.diff(edges), at)


def predict(preset: PopPKPreset, eta_names: tuple[str, ...], typ, eta, d: Design):
    """Serum total Mg (mmol/L) at the design's times for random effects ``eta`` (pure JAX: batch it with
    ``vmap`` over ``typ``, ``eta`` and ``d``)."""
    t = individual(preset, eta_names, typ, eta)
    a = preset.rate_matrix(t)
    states = mammillary_states(a, preset.compartments, jnp.zeros(a.shape[-1]), d.rates, d.boluses, d.widths)
    return t.baseline + states[d.at, 0] / t.vc
