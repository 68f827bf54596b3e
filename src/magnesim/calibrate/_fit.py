"""Fitting: every start in one vmapped optimistix call, a SciPy L-BFGS-B polish of the best, then
the Laplace report.

Why two optimisers: the starts are independent, so they run as one compiled, batched call of
optimistix's BFGS (:mod:`._multistart`, which explains the change of coordinates that keeps them in
their box), not one after another. That solver stops on small steps, not on the gradient, and its
coordinates are flat at the bounds; SciPy's L-BFGS-B, which enforces box bounds exactly, then takes
the best optimum to the spec's projected-gradient tolerance on the same compiled loss and gradient
(a library value or an optimum may sit on the edge of its plausible range), and the Laplace report
is taken there.

The best start is the first whose loss is within the tolerance (relative and absolute, optimistix's
test on the loss) of the smallest: optima that differ by less are one optimum, and the earliest of
them (the library values first) gives a choice that rounding cannot change. The first start is the
library values; the others are drawn uniformly in the box of transformed coordinates (a side left
open by the transform is taken as two units from the library value, a factor e² for a log
coordinate).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np

from ..params import library
from ._laplace import laplace
from ._problem import Problem, build_problem
from ._result import CalibrationResult, StartResult, TargetFit
from ._spec import CalibrationSpec, parse_spec, read_spec, validate_spec

__all__ = ["OPTIMISER", "calibrate", "fit", "starts"]

OPTIMISER = "optimistix BFGS from every start in one vmapped call, then scipy.optimize.minimize L-BFGS-B from the best; JAX gradients"
_FTOL = 1e-15  # relative loss decrease that ends a run (the spec's tolerance on the gradient is the main test)
_OPEN_SIDE = 2.0


def calibrate(spec: CalibrationSpec | Mapping | str | Path, progress: Callable[[str], None] | None = None) -> CalibrationResult:
    """Calibrate: ``spec`` is a :class:`CalibrationSpec`, its mapping, or a YAML file path.

    >>> from magnesim.calibrate import calibrate
    >>> result = calibrate("examples/calibration/body_volumes.yaml")   # doctest: +SKIP
    >>> result.values()                                        # doctest: +SKIP
    """
    if isinstance(spec, CalibrationSpec):
        where = "spec"
    elif isinstance(spec, Mapping):
        spec, where = validate_spec(dict(spec)), "spec"
    else:
        text, where = read_spec(spec)
        spec = parse_spec(text, where)
    return fit(build_problem(spec, where), progress)


def starts(problem: Problem) -> np.ndarray:
    """The optimiser's starts in transformed coordinates (starts, parameters)."""
    u0 = problem.u_start
    lo, hi = np.array([p.u_bounds for p in problem.parameters]).T
    lo = np.where(np.isfinite(lo), lo, u0 - _OPEN_SIDE)
    hi = np.where(np.isfinite(hi), hi, u0 + _OPEN_SIDE)
    rng = np.random.default_rng(problem.seed)
    return np.vstack([u0, rng.uniform(lo, hi, size=(problem.starts - 1, u0.size))])


def _vmapped(problem: Problem, grid: np.ndarray) -> list[tuple[np.ndarray, StartResult]]:
    """Every start in one call; a start's history is its loss at the start and at its optimum."""
    out = problem.minimise(grid)
    runs = []
    for u0, u, converged, message, steps in zip(grid, out["u"], out["converged"], out["message"], out["steps"], strict=True):
        loss = problem.loss(u)
        runs.append((u, StartResult(problem.to_natural(u0), problem.to_natural(u), loss, (problem.loss(u0), loss), converged, message,
                                    int(steps))))
    return runs


def _polish(problem: Problem, u0: np.ndarray, run: StartResult) -> tuple[np.ndarray, StartResult]:
    """L-BFGS-B within the exact bounds from a vmapped optimum; its steps are added to that start's."""
    from scipy.optimize import minimize

    history = list(run.history)
    bounds = [tuple(b if np.isfinite(b) else None for b in p.u_bounds) for p in problem.parameters]
    res = minimize(problem.loss_and_grad, u0, jac=True, method="L-BFGS-B", bounds=bounds,
                   callback=lambda intermediate_result: history.append(float(intermediate_result.fun)),
                   options={"maxiter": problem.optimiser.max_steps, "gtol": problem.optimiser.tolerance, "ftol": _FTOL})
    u = np.asarray(res.x, dtype=float)
    return u, StartResult(run.start, problem.to_natural(u), float(res.fun), tuple(history), bool(res.success),
                          f"BFGS: {run.message}; L-BFGS-B: {res.message}", run.steps + int(res.nit))


def _best(problem: Problem, losses: list[float]) -> int:
    """The first start within the tolerance of the least loss (the first start if none is finite)."""
    losses = np.where(np.isfinite(losses), losses, np.inf)
    least, tol = losses.min(), problem.optimiser.tolerance
    return int(np.argmax(losses - least <= tol * (1.0 + abs(least))))


def _at_bound(problem: Problem, u: np.ndarray) -> tuple[str, ...]:
    return tuple(p.id for p, v in zip(problem.parameters, u, strict=True)
                 if any(np.isfinite(b) and abs(v - b) <= 1e-9 * max(1.0, abs(b)) for b in p.u_bounds))


def fit(problem: Problem, progress: Callable[[str], None] | None = None) -> CalibrationResult:
    """Minimise the problem's loss from every start, polish the best; the Laplace report there.

    ``progress`` is called with ``starts`` before the vmapped run, ``polish`` before the polish and
    ``laplace`` before the Hessian."""
    report = progress or (lambda stage: None)
    report("starts")
    runs = _vmapped(problem, starts(problem))
    best = _best(problem, [r.loss for _, r in runs])
    report("polish")
    runs[best] = _polish(problem, *runs[best])
    u_best = runs[best][0]
    report("laplace")
    dx_du = np.array([float(p.transform.dx_du(v)) for p, v in zip(problem.parameters, u_best, strict=True)])
    report_ = laplace(problem.hessian(u_best), dx_du, problem.ids, _at_bound(problem, u_best))
    initial, fitted = problem.predictions(problem.u_start), problem.predictions(u_best)
    lib = library()
    return CalibrationResult(
        name=problem.name, source=problem.source, parameters=problem.ids, units=tuple(p.unit for p in problem.parameters),
        library_values=np.array([p.library_value for p in problem.parameters]),
        library_sources=tuple(lib[p.id].source for p in problem.parameters),
        bounds=np.array([p.bounds for p in problem.parameters]), transforms=tuple(p.transform.name for p in problem.parameters),
        fitted=runs[best][1].fitted, loss=runs[best][1].loss, best_start=best, starts=tuple(r for _, r in runs),
        targets=tuple(_target_fit(t, a, b) for t, a, b in zip(problem.terms, initial, fitted, strict=True)),
        laplace=report_,
        settings={"optimiser": OPTIMISER, "max_steps": problem.optimiser.max_steps, "tolerance": problem.optimiser.tolerance,
                  "starts": problem.starts, "seed": problem.seed, "dt_h": problem.settings.dt_h},
    )


def _target_fit(term, initial: float, fitted: float) -> TargetFit:
    t = term.target
    z = (float(fitted) - term.centre) / term.scale
    residual = z if term.side == "both" else max(z if term.side == "at_most" else -z, 0.0)
    return TargetFit(t.id, t.layer, t.role, t.quantity, t.observed, t.unit, t.tolerance.describe(), term.side, term.scale,
                     float(initial), float(fitted), residual)
