"""``tdm(patient)``: fit, average, forecast and recommend, as one result with a JSON form."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._provenance import version
from ..errors import ParameterError, invalid
from ..params import value
from ._forecast import Draws, csf_bridge, draw_posterior, model_weights, serum_curves
from ._individual import PresetModel, usable_presets
from ._map import MapFit, fit_map
from ._patient import Patient
from ._recommend import Candidate, candidates, evaluate

__all__ = ["FORECAST_STEP_H", "TdmResult", "tdm"]

FORECAST_STEP_H = 0.25
METHODS = ("laplace", "sir")


@dataclass(frozen=True)
class TdmResult:
    """Everything ``magnesim tdm`` reports: the fits and their weights, the posterior draws, the
    forecast under the written doses and under the recommendation, and the candidates' table."""

    patient: Patient
    fits: tuple[MapFit, ...]
    weights: np.ndarray
    draws: Draws
    time_h: np.ndarray
    serum: dict[str, np.ndarray]  # "no change" / "recommended" → (draws, times)
    csf_ionized: dict[str, np.ndarray]
    unblocked: dict[str, np.ndarray]
    candidates: tuple[Candidate, ...]
    recommended: int

    @property
    def recommendation(self) -> Candidate:
        return self.candidates[self.recommended]

    def to_dict(self) -> dict:
        p = self.patient
        lo, hi = p.target_mM
        fits = []
        for f, w in zip(self.fits, self.weights, strict=True):
            ordered = sorted(p.levels, key=lambda lv: lv.time_h)
            fits.append({"model": f.model.preset.name, "weight": float(w), "ofv": f.ofv, "log_evidence": f.log_evidence,
                         "converged": f.converged, "steps": f.steps, "eta": f.eta.tolist(), "eta_covariance": f.cov.tolist(),
                         "parameters": f.parameters(),
                         "predicted_at_levels_mM": _ipred(f, p).tolist(), "level_times_h": [lv.time_h for lv in ordered]})
        bands = {}
        for key in self.serum:
            bands[key] = {name: _bands(arr) for name, arr in
                          (("serum_total_mM", self.serum[key]), ("csf_ionized_mM", self.csf_ionized[key]),
                           ("nmda_unblocked_fraction_at_-60mV", self.unblocked[key]))}
        rec = self.recommendation
        return {
            "magnesim_version": version(), "patient": p.name, "source": p.source, "now_h": p.now_h, "horizon_h": p.horizon_h,
            "target_mM": [lo, hi], "toxic_threshold_mM": value("threshold.reflex_loss", "mmol/L"), "toxic_risk": p.toxic_risk,
            "levels": [{"time_h": lv.time_h, "mM": lv.mM, "below_loq": lv.below} for lv in p.levels],
            "fits": fits, "posterior": {"method": self.draws.method, "draws": self.draws.n, "sir_effective_sample_size": list(self.draws.ess)},
            "forecast": {"time_h": self.time_h.tolist(), **bands},
            "recommendation": _candidate(rec) | {"regimen": rec.regimen.text or "", "meets_bound": rec.meets_bound},
            "candidates": [_candidate(c) for c in self.candidates],
        }


def _bands(x: np.ndarray) -> dict[str, list[float]]:
    p5, p50, p95 = np.percentile(x, [5, 50, 95], axis=0)
    return {"p5": p5.tolist(), "p50": p50.tolist(), "p95": p95.tolist()}


def _candidate(c: Candidate) -> dict:
    return {"label": c.label, "reload_g": c.reload_g, "rate_g_per_h": c.rate_g_h, "p_in_range": c.p_in_range, "p_below": c.p_below,
            "p_toxic": c.p_toxic, "median_end_mM": c.median_end_mM, "meets_bound": c.meets_bound}


def _ipred(fit: MapFit, p: Patient) -> np.ndarray:
    ordered = sorted(p.levels, key=lambda lv: lv.time_h)
    one = Draws(((fit, fit.eta[None, :]),), "map")
    return serum_curves(one, [p.regimen], np.array([lv.time_h for lv in ordered]))[0, 0]


def tdm(patient: Patient, model: str = "all", draws: int = 500, method: str = "laplace", seed: int = 0) -> TdmResult:
    """Fit ``patient`` under ``model`` (a usable preset, or "all" to average them), forecast and recommend."""
    names = usable_presets()
    if model == "all":
        chosen = names
    elif model.strip().lower() in names:
        chosen = (model.strip().lower(),)
    else:
        PresetModel.of(model, patient.subject)  # the precise reason (unknown, no variability, no error model)
        raise ParameterError(invalid("model", model, f"all, {', '.join(names)}"))
    if method not in METHODS:
        raise ParameterError(invalid("method", method, ", ".join(METHODS)))
    if not 50 <= draws <= 20_000:
        raise ParameterError(invalid("draws", draws, "50 to 20000 posterior draws"))
    fits = tuple(fit_map(PresetModel.of(n, patient.subject), patient.regimen, patient.levels) for n in chosen)
    posterior = draw_posterior(list(fits), patient, draws, method, seed)
    cands, best = evaluate(patient, posterior, candidates(patient))
    times = np.arange(0.0, patient.now_h + patient.horizon_h + 1e-9, FORECAST_STEP_H)
    curves = serum_curves(posterior, [patient.regimen, cands[best].regimen], times)
    serum = {"no_change": curves[0], "recommended": curves[1]}
    csf, unblocked = {}, {}
    for key, s in serum.items():
        csf[key], unblocked[key] = csf_bridge(s, times, patient)
    return TdmResult(patient, fits, model_weights(list(fits)), posterior, times, serum, csf, unblocked, tuple(cands), best)
