"""Parameter uncertainty: random draws of a model's sourced parameters from the library.

A parameter's ``range`` is its plausible range; how much of the uncertainty it covers follows the
``confidence`` of the value: the range is read as the central interval of ±3 SD (high confidence),
±2 SD (medium) or ±1 SD (low). Where the whole range is positive the draw is log-normal around the
value, with separate SDs below and above it when the value is not at the range's geometric centre;
where the range reaches zero or below, normal. Draws outside the range are drawn again (the range is
a hard bound). A parameter with an empty range (lo = hi) is fixed.

A value on an edge of its range is drawn one-sided, away from that edge (half-normal on the log or
linear scale with the SD of the other side).

Calibrated parameters (evidence ``calibration``: their ranges are the bounds a fit searched, not an
uncertainty) are drawn jointly from their calibration's posterior where magnesim ships one
(:mod:`._posterior`), and held at their library values otherwise. Also held: exact physical
constants, and the fields a model names in ``held_in_draws`` (parameters that act only through how
doses are built, which a batch of draws shares). :func:`draw_models` says which parameters it held.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from ._library import field_parameters, library, unit_factor
from ._posterior import posteriors

__all__ = ["DRAW_RULE", "SD_PER_HALF_RANGE", "draw_models", "varied_parameters"]

SD_PER_HALF_RANGE = {"high": 3.0, "medium": 2.0, "low": 1.0}
"""How many SDs of uncertainty the half-width of the plausible range spans, by confidence."""

DRAW_RULE = ("plausible range read as +/-3 (high), 2 (medium) or 1 (low confidence) SD around the value, log-normal where "
             "positive, one-sided at an edge, truncated to the range; calibrated parameters drawn jointly from their "
             "calibration's Laplace posterior (log-normal, truncated to the range) where one is shipped, else held; "
             "physical and dose-only parameters held")
"""The rule in one line, for provenance."""


def varied_parameters(model) -> tuple[dict[str, str], list[str]]:
    """(field → library id of the parameters drawn, ids held fixed) for ``model``'s sourced fields."""
    varied, held = {}, []
    fixed_fields = set(getattr(model, "held_in_draws", ()))
    posterior = posteriors()
    for name, p in field_parameters(model).items():
        lo, hi = p.range
        calibrated_alone = p.evidence == "calibration" and p.id not in posterior
        if calibrated_alone or p.evidence == "physical" or lo == hi or name in fixed_fields:
            held.append(p.id)
        else:
            varied[name] = p.id
    return varied, sorted(set(held) - set(varied.values()))


def _draw_one(pid: str, unit: str, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` draws of parameter ``pid`` in ``unit`` (the model field's kernel unit)."""
    p = library()[pid]
    scale = unit_factor(pid, unit)
    lo, hi, v = p.range[0], p.range[1], p.value
    z = SD_PER_HALF_RANGE[p.confidence]
    log = lo > 0
    below, above = (np.log(v / lo), np.log(hi / v)) if log else (v - lo, hi - v)
    out = np.empty(0)
    while out.size < n:
        e = rng.standard_normal(2 * n)
        if below == 0 or above == 0:  # on an edge: one-sided, away from it
            e = np.abs(e) if below == 0 else -np.abs(e)
        sd = np.where(e < 0, below, above) / z
        x = v * np.exp(sd * e) if log else v + sd * e
        out = np.concatenate([out, x[(x >= lo) & (x <= hi)]])
    return out[:n] * scale


def draw_models(model, n: int, seed: int = 0) -> tuple[list, dict[str, np.ndarray], list[str]]:
    """``n`` copies of ``model`` with its uncertain parameters drawn; the draws by library id; and the
    ids held at their library values. The same seed gives the same draws."""
    rng = np.random.default_rng(seed)
    varied, held = varied_parameters(model)
    units = {f.name: f.metadata.get("unit") for f in dataclasses.fields(model)}
    posterior = posteriors()
    joint = {name: pid for name, pid in varied.items() if pid in posterior}
    draws = {name: _draw_one(pid, units[name], n, rng) for name, pid in sorted(varied.items()) if name not in joint}
    for post in sorted({posterior[pid] for pid in joint.values()}, key=lambda q: q.name):
        x = post.draw(n, rng)  # every parameter of the posterior, so a draw does not depend on the model's fields
        for name, pid in joint.items():
            if posterior[pid] is post:
                draws[name] = x[:, post.parameters.index(pid)] * unit_factor(pid, units[name])
    models = [dataclasses.replace(model, **{name: float(d[k]) for name, d in draws.items()}) for k in range(n)]
    return models, {varied[name]: d for name, d in draws.items()}, held
