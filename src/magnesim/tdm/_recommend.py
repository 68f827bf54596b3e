"""The recommendation: the maintenance rate (and an optional re-load) that maximises the expected share
of the horizon the patient's serum total Mg spends in the target range, among the regimens whose
probability of reaching the reflex-loss level (3.5 mmol/L) within the horizon stays at or below the
accepted risk; ties (within 0.5 percentage points) go to the smaller dose.

Candidates replace the doses from the decision time ``now``: the history up to ``now`` is kept (an
infusion running at ``now`` is stopped there), then an optional re-load of 2 or 4 g MgSO4·7H2O IV over
20 min at ``now``, then a maintenance infusion of 0–4 g/h (0.25 g/h steps) to the end of the
horizon. "No change" continues the doses as written. Probabilities are over the posterior draws.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..body import Regimen, resolve_regimen
from ..params import value
from ._forecast import Draws, serum_curves
from ._patient import Patient

__all__ = ["RATES_G_H", "RELOADS_G", "Candidate", "candidates", "evaluate", "history_until"]

RATES_G_H = tuple(np.round(np.arange(0.0, 4.0001, 0.25), 2))
RELOADS_G = (0.0, 2.0, 4.0)
STEP_H = 0.25  # evaluation grid over the horizon
_TIE = 0.005


@dataclass(frozen=True)
class Candidate:
    """A regimen from ``now`` and how it fares over the horizon (probabilities over posterior draws)."""

    label: str
    reload_g: float | None  # None: no change to the written doses
    rate_g_h: float | None
    regimen: Regimen
    p_in_range: float = np.nan  # expected share of the horizon in the target range
    p_below: float = np.nan  # expected share below it
    p_toxic: float = np.nan  # probability of reaching the reflex-loss level
    median_end_mM: float = np.nan  # median serum at the end of the horizon
    meets_bound: bool = False


def history_until(regimen: Regimen, now: float) -> Regimen:
    """The doses given by ``now``: later doses dropped, an infusion running at ``now`` stopped there."""
    kept = []
    for e in regimen.events:
        if e.start_h >= now and not (e.duration_h == 0 and e.start_h == now):
            continue
        if e.end_h > now:
            given = now - e.start_h
            e = replace(e, amount_mmol=e.amount_mmol * given / e.duration_h, duration_h=given)
        if e.amount_mmol > 0:
            kept.append(e)
    return Regimen(tuple(kept), f"{regimen.text} (until {now:g} h)" if regimen.text else "")


def _continue(now: float, horizon: float, reload_g: float, rate: float) -> Regimen:
    parts = []
    if reload_g > 0:
        parts.append(f"{reload_g:g} g MgSO4.7H2O IV over 20 min at {now:g} h")
    start = now + (1 / 3 if reload_g > 0 else 0.0)
    if rate > 0:
        parts.append(f"{rate:g} g/h MgSO4.7H2O IV for {now + horizon - start:g} h at {start:g} h")
    return resolve_regimen(" + ".join(parts)) if parts else Regimen()


def candidates(patient: Patient) -> list[Candidate]:
    """'No change' and every re-load × maintenance rate."""
    past = history_until(patient.regimen, patient.now_h)
    out = [Candidate("no change", None, None, patient.regimen)]
    for reload_g in RELOADS_G:
        for rate in RATES_G_H:
            future = _continue(patient.now_h, patient.horizon_h, reload_g, rate)
            label = (f"re-load {reload_g:g} g, then " if reload_g else "") + (f"{rate:g} g/h" if rate else "stop")
            out.append(Candidate(label, reload_g, rate, past + future))
    return out


def evaluate(patient: Patient, draws: Draws, cands: list[Candidate]) -> tuple[list[Candidate], int]:
    """The candidates with their probabilities, and the index of the recommended one.

    The model is linear in the doses, so every candidate's curve is the history's plus its re-load
    times the response to 1 g and its rate times the response to 1 g/h: five simulations per draw
    (no change, history, 1 g re-load, 1 g/h from ``now`` and from the end of a re-load) give them all."""
    now, horizon = patient.now_h, patient.horizon_h
    window = now + np.arange(0.0, horizon + 1e-9, STEP_H)
    past = history_until(patient.regimen, now)
    unit = [_continue(now, horizon, 1.0, 0.0), _continue(now, horizon, 0.0, 1.0),
            resolve_regimen(f"1 g/h MgSO4.7H2O IV for {horizon - 1 / 3:g} h at {now + 1 / 3:g} h")]
    runs = serum_curves(draws, [patient.regimen, past, *unit], window)  # (5, draws, times)
    baseline = np.concatenate([np.full(e.shape[0], f.model.typical.baseline) for f, e in draws.groups])[:, None]
    reload_1g, rate_now, rate_after = (r - baseline for r in runs[2:])
    serum = np.stack([runs[0] if c.reload_g is None else
                      runs[1] + c.reload_g * reload_1g + c.rate_g_h * (rate_after if c.reload_g > 0 else rate_now) for c in cands])
    lo, hi = patient.target_mM
    toxic = value("threshold.reflex_loss", "mmol/L")
    w = np.full(window.size, 1.0)
    w[[0, -1]] = 0.5  # trapezoid rule on the even grid: the share of the horizon
    share = lambda x: (x.astype(float) @ w).mean(axis=-1) / (window.size - 1)
    p_in, p_below = share((serum >= lo) & (serum <= hi)), share(serum < lo)
    p_toxic = (serum.max(axis=-1) >= toxic).mean(axis=-1)
    end = np.median(serum[..., -1], axis=-1)
    rated = [replace(c, p_in_range=float(a), p_below=float(b), p_toxic=float(t), median_end_mM=float(e), meets_bound=bool(t <= patient.toxic_risk))
             for c, a, b, t, e in zip(cands, p_in, p_below, p_toxic, end, strict=True)]
    choices = [i for i, c in enumerate(rated) if c.reload_g is not None]
    safe = [i for i in choices if rated[i].meets_bound]
    if not safe:
        return rated, min(choices, key=lambda i: (rated[i].p_toxic, _dose(rated[i])))
    best = max(rated[i].p_in_range for i in safe)
    return rated, min((i for i in safe if rated[i].p_in_range >= best - _TIE), key=lambda i: _dose(rated[i]))


def _dose(c: Candidate) -> float:
    return c.reload_g + c.rate_g_h * 1000.0  # the maintenance rate first, then the re-load
