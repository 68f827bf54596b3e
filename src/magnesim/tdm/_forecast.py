"""Forecasts from the posterior: serum total Mg curves for posterior draws of η, under one preset or a
model average, and through the physiological bridge the CSF and the NMDA receptor.

Model averaging: each preset's draws are in proportion to its weight, the Laplace marginal likelihood
of the patient's levels under it (:class:`~magnesim.tdm.MapFit.log_evidence`), normalised over the
presets fitted.

The bridge: the physiological model's CSF compartment (:mod:`magnesim.body.physiological`, saturable
influx of serum ionized Mg, first-order efflux; Oppelt 1963) driven by the forecast serum curve,
starting from its steady state at the first serum value; serum ionized = f_ion · f_UF · total. The
CSF is integrated exactly for serum held at each step's midpoint value (10-min steps: the CSF time
constant is hours). The NMDA receptor's unblocked fraction at −60 mV is the Jahr–Stevens block at the
CSF ionized Mg (the tissue's extracellular fluid taken to follow the CSF, as in ``magnesim run``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from .._jax import jax
from ..body import Physiological, Regimen
from ..receptor import unblocked_fraction
from ._individual import Design, bucket, design, predict
from ._map import MapFit, sir, stack_designs
from ._patient import Patient

__all__ = ["Draws", "csf_bridge", "draw_posterior", "model_weights", "serum_curves"]

BRIDGE_STEP_H = 1.0 / 6.0
BLOCK_AT_MV = -60.0


@dataclass(frozen=True)
class Draws:
    """Posterior draws of η grouped by preset: ``groups`` is a tuple of (fit, etas (n_k, n_eta))."""

    groups: tuple[tuple[MapFit, np.ndarray], ...]
    method: str
    ess: tuple[float, ...] = ()

    @property
    def n(self) -> int:
        return sum(e.shape[0] for _, e in self.groups)


def model_weights(fits: list[MapFit]) -> np.ndarray:
    """Posterior model probabilities from the Laplace marginal likelihoods (equal prior)."""
    log_e = np.array([f.log_evidence for f in fits])
    w = np.exp(log_e - np.max(log_e))
    return w / w.sum()


def draw_posterior(fits: list[MapFit], patient: Patient, n: int, method: str = "laplace", seed: int = 0) -> Draws:
    """``n`` draws over the presets in ``fits`` (in proportion to their weights), from each preset's
    Laplace posterior or by sampling-importance-resampling (``method`` "sir")."""
    weights = model_weights(fits)
    counts = np.floor(weights * n).astype(int)
    counts[np.argmax(weights)] += n - counts.sum()
    rng = np.random.default_rng(seed)
    groups, ess = [], []
    for fit, k in zip(fits, counts, strict=True):
        if k == 0:
            continue
        if method == "sir":
            etas, e = sir(fit, patient.regimen, patient.levels, int(k), seed=int(rng.integers(2**31)))
            ess.append(e)
        else:
            etas = rng.multivariate_normal(fit.eta, fit.cov, size=int(k))
        groups.append((fit, etas))
    return Draws(tuple(groups), method, tuple(ess))


@functools.partial(jax.jit, static_argnames=("preset", "eta_names"))
def _curves(preset, eta_names, typ, designs: Design, etas):
    """Serum (designs, draws, times): every design (regimen) for every draw, one compiled call."""
    per_design = lambda d: jax.vmap(lambda e: predict(preset, eta_names, typ, e, d))(etas)
    return jax.vmap(per_design)(designs)


def serum_curves(draws: Draws, regimens: list[Regimen], times: np.ndarray) -> np.ndarray:
    """Serum total Mg (regimens, draws, times) mmol/L for every regimen and posterior draw."""
    out = []
    for fit, etas in draws.groups:
        m = fit.model
        ds = [design(m, r, times) for r in regimens]
        n_seg = bucket(max(d.widths.size for d in ds), 32)
        # Each preset's share of the draws varies by patient; padding to the total keeps one compiled shape.
        padded = np.zeros((max(draws.n, 1), etas.shape[1]))
        padded[: etas.shape[0]] = etas
        run = _curves(m.preset, m.eta_names, m.arrays(), stack_designs(ds, n_seg, times.size), padded)
        out.append(np.asarray(run)[:, : etas.shape[0]])
    return np.concatenate(out, axis=1)


def csf_bridge(serum: np.ndarray, times: np.ndarray, patient: Patient) -> tuple[np.ndarray, np.ndarray]:
    """CSF ionized Mg (mmol/L) and the NMDA unblocked fraction at −60 mV, for serum curves (..., T) on
    ``times`` (h). Steps longer than :data:`BRIDGE_STEP_H` are subdivided."""
    m = Physiological()
    p = m.params(np.array([patient.subject.weight_kg]), np.array([patient.subject.gfr_L_h]))
    jmax, km, kout = (float(np.asarray(getattr(p, k))[0]) for k in ("csf_jmax", "csf_km", "csf_kout"))
    ion = m.f_ion * m.f_uf * serum
    influx = lambda c: jmax * c / (km + c)
    amount = influx(ion[..., 0]) / kout
    out = [amount]
    for k in range(times.size - 1):
        h = times[k + 1] - times[k]
        sub = max(1, int(np.ceil(h / BRIDGE_STEP_H - 1e-9)))
        for j in range(sub):
            w = (j + 0.5) / sub
            c = (1 - w) * ion[..., k] + w * ion[..., k + 1]
            decay = np.exp(-kout * h / sub)
            amount = amount * decay + influx(c) / kout * (1 - decay)
        out.append(amount)
    csf_ion = float(p.csf_ion[0]) * np.stack(out, axis=-1) / float(p.csf_volume[0])
    return csf_ion, unblocked_fraction(BLOCK_AT_MV, csf_ion)
