"""Maximum a posteriori (MAP) estimation of a patient's random effects, and their posterior.

The objective is NONMEM's −2 log posterior up to a constant:

    OFV(η) = Σ_measured [ln σᵢ² + (yᵢ − fᵢ)²/σᵢ²] + Σ_below-LOQ −2 ln Φ((LOQᵢ − fᵢ)/σᵢ) + ηᵀ Ω⁻¹ η

with fᵢ the individual prediction at η, σᵢ² the source's residual variance at fᵢ, and levels below
the limit of quantification entered by Beal's M3 likelihood (Beal 2001, J Pharmacokinet
Pharmacodyn 28:481). BFGS (optimistix) minimises it over z = η/√ω (so that the prior's curvature is
the same in every direction and the identity is a fair first Hessian guess) from three starts (z = 0
and ±1), vmapped over the starts and over patients, so a whole cohort is one compiled call; the best
start wins. Gradients are forward-mode: with two to four random effects that is cheaper than
reverse mode and keeps no tape. The
Laplace posterior of η is N(η̂, 2 H⁻¹), H = ∇²OFV(η̂) by automatic differentiation, and
the Laplace approximation of the marginal likelihood, −OFV/2 + ½ ln|2H⁻¹| − ½ ln|Ω|, weighs
presets against one another (:func:`magnesim.tdm.forecast` averages them).

Sampling-importance-resampling (Rubin 1988) gives the full posterior without the Gaussian
assumption: draws from the Laplace posterior widened ×1.5 are weighted by posterior/proposal and
resampled; the effective sample size says how far the two differ.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import jax.numpy as jnp
import numpy as np
from jax.scipy.special import log_ndtr

from .._jax import jax, pytree_dataclass
from ..body.poppk import PopPKPreset
from ._individual import Design, PresetModel, bucket, design, predict, variance
from ._patient import Level

__all__ = ["MapFit", "Observed", "fit_cohort", "fit_map", "objective", "observed", "sir", "stack_designs"]

_RTOL = _ATOL = 1e-10
_MAX_STEPS = 200
_SIR_WIDEN = 1.5


@pytree_dataclass
class Observed:
    """Levels as arrays (padded in batches): value or LOQ (mmol/L), 1 where below LOQ, 1 where present."""

    y: np.ndarray
    below: np.ndarray
    present: np.ndarray

    def padded(self, n: int) -> Observed:
        extra = n - self.y.size
        return Observed(*(np.concatenate([getattr(self, k), np.zeros(extra)]) for k in ("y", "below", "present")))


def observed(levels: tuple[Level, ...]) -> Observed:
    return Observed(np.array([lv.mM for lv in levels]), np.array([float(lv.below) for lv in levels]), np.ones(len(levels)))


def objective(preset: PopPKPreset, eta_names: tuple[str, ...], omega, typ, d: Design, obs: Observed, eta):
    """OFV at ``eta`` (JAX scalar); ``d`` predicts at the levels' times, in their order."""
    f = predict(preset, eta_names, typ, eta, d)
    var = variance(preset, typ, f)
    z = (obs.y - f) / jnp.sqrt(var)
    per_level = jnp.where(obs.below > 0, -2.0 * log_ndtr(z), jnp.log(var) + z**2)
    return jnp.sum(jnp.where(obs.present > 0, per_level, 0.0)) + jnp.sum(eta**2 / omega)


@functools.partial(jax.jit, static_argnames=("preset", "eta_names"))
def _solve(preset, eta_names, omega, typ, d, obs, starts):
    """MAP of every patient in the batch (leading axis of ``typ``, ``d``, ``obs``) from every start."""
    import optimistix as optx

    scale = jnp.sqrt(omega)  # BFGS works on z = η/√ω

    def one_patient(typ_i, d_i, obs_i):
        fn = lambda z, _: objective(preset, eta_names, omega, typ_i, d_i, obs_i, z * scale)

        def one_start(eta0):
            sol = optx.minimise(fn, optx.BFGS(rtol=_RTOL, atol=_ATOL), eta0, max_steps=_MAX_STEPS, throw=False,
                                options={"autodiff_mode": "fwd"})
            return sol.value * scale, fn(sol.value, None), sol.result == optx.RESULTS.successful, sol.stats["num_steps"]

        etas, ofvs, ok, steps = jax.vmap(one_start)(starts)
        best = jnp.argmin(ofvs)
        eta = etas[best]
        hessian = jax.jacfwd(jax.jacfwd(lambda e: objective(preset, eta_names, omega, typ_i, d_i, obs_i, e)))(eta)
        return eta, ofvs[best], ok[best], steps[best], hessian

    return jax.vmap(one_patient)(typ, d, obs)


@dataclass(frozen=True)
class MapFit:
    """One patient's MAP fit under one preset: η̂, its Laplace covariance, the OFV and the log marginal
    likelihood (Laplace), whether BFGS converged and in how many steps."""

    model: PresetModel
    eta: np.ndarray
    cov: np.ndarray
    ofv: float
    log_evidence: float
    converged: bool
    steps: int

    def parameters(self) -> dict[str, dict[str, float]]:
        """Typical and individual value and 90% interval (Laplace) of each parameter with an η."""
        out = {}
        for i, k in enumerate(self.model.eta_names):
            typ = float(getattr(self.model.typical, k))
            sd = float(np.sqrt(self.cov[i, i]))
            out[k] = {"typical": typ, "individual": typ * float(np.exp(self.eta[i])), "p5": typ * float(np.exp(self.eta[i] - 1.645 * sd)),
                      "p95": typ * float(np.exp(self.eta[i] + 1.645 * sd)), "eta": float(self.eta[i]), "eta_sd": sd}
        return out


def stack_designs(designs: list[Design], n_seg: int, n_times: int) -> Design:
    """Designs stacked on a leading axis, padded to ``n_seg`` segments and ``n_times`` times (padded
    times read the first edge: callers mask them)."""
    padded = [d.padded(n_seg) for d in designs]
    return Design(np.stack([d.rates for d in padded]), np.stack([d.boluses for d in padded]), np.stack([d.widths for d in padded]),
                  np.stack([np.concatenate([d.at, np.zeros(n_times - d.at.size, int)]) for d in padded]))


def _starts(omega: np.ndarray) -> np.ndarray:
    one = np.ones_like(omega)
    return np.stack([0.0 * one, one, -one])


def fit_cohort(models: list[PresetModel], designs: list[Design], obs: list[Observed]) -> list[MapFit]:
    """MAP fits of many patients under one preset, in one compiled call (designs predict at each
    patient's level times, in order). Batches are padded to a multiple of 16 patients and of 4 levels and to a
    power of two segments, so that fits of similar size reuse one compilation."""
    first = models[0]
    if any(m.preset != first.preset for m in models):
        raise ValueError("fit_cohort needs one preset")
    n_seg = 1 << (max(d.widths.size for d in designs) - 1).bit_length()  # a power of two: few compilations, little padding
    n_obs = bucket(max(o.y.size for o in obs), 4)
    rows = bucket(len(models), 16)  # padded with copies of the last patient, dropped below
    pad = lambda xs: list(xs) + [xs[-1]] * (rows - len(xs))
    d_batch = stack_designs(pad(designs), n_seg, n_obs)
    o_batch = jax.tree_util.tree_map(lambda *x: np.stack(x), *(o.padded(n_obs) for o in pad(obs)))
    typ = {k: np.array([m.arrays()[k] for m in pad(models)]) for k in first.arrays()}
    eta, ofv, ok, steps, hess = (np.asarray(x)[: len(models)] for x in _solve(first.preset, first.eta_names, first.omega, typ, d_batch,
                                                                               o_batch, _starts(first.omega)))
    fits = []
    log_det_omega = float(np.sum(np.log(first.omega)))
    for i, m in enumerate(models):
        cov = 2.0 * np.linalg.inv(hess[i])
        cov = 0.5 * (cov + cov.T)
        sign, log_det = np.linalg.slogdet(cov)
        evidence = -0.5 * float(ofv[i]) + 0.5 * (log_det if sign > 0 else -np.inf) - 0.5 * log_det_omega
        fits.append(MapFit(m, eta[i], cov, float(ofv[i]), evidence, bool(ok[i]), int(steps[i])))
    return fits


def fit_map(model: PresetModel, regimen, levels: tuple[Level, ...]) -> MapFit:
    """The MAP fit of one patient (levels in any order)."""
    ordered = tuple(sorted(levels, key=lambda lv: lv.time_h))
    return fit_cohort([model], [design(model, regimen, [lv.time_h for lv in ordered])], [observed(ordered)])[0]


def sir(fit: MapFit, regimen, levels: tuple[Level, ...], n: int, seed: int = 0) -> tuple[np.ndarray, float]:
    """``n`` posterior draws of η by sampling-importance-resampling, and the effective sample size of
    the importance weights (out of 20 n proposals)."""
    ordered = tuple(sorted(levels, key=lambda lv: lv.time_h))
    m = fit.model
    d, obs = design(m, regimen, [lv.time_h for lv in ordered]), observed(ordered)
    rng = np.random.default_rng(seed)
    proposal_cov = _SIR_WIDEN**2 * fit.cov
    draws = rng.multivariate_normal(fit.eta, proposal_cov, size=20 * n)
    ofv = np.asarray(_batch_objective(m.preset, m.eta_names, m.omega, m.arrays(), d, obs, draws))
    diff = draws - fit.eta
    log_q = -0.5 * np.einsum("ij,jk,ik->i", diff, np.linalg.inv(proposal_cov), diff)
    log_w = -0.5 * ofv - log_q
    w = np.exp(log_w - np.max(log_w))
    w /= w.sum()
    ess = 1.0 / np.sum(w**2)
    return draws[rng.choice(draws.shape[0], size=n, replace=True, p=w)], float(ess)


@functools.partial(jax.jit, static_argnames=("preset", "eta_names"))
def _batch_objective(preset, eta_names, omega, typ, d, obs, etas):
    return jax.vmap(lambda e: objective(preset, eta_names, omega, typ, d, obs, e))(etas)
