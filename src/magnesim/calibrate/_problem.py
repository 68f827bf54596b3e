"""A calibration problem: a spec resolved against the parameter library, the validation targets and
the predictor registry, checked, and compiled into one JAX loss.

The loss is Σ ((predicted − observed)/scale)² over the targets. The scale is each target's stated
tolerance, read as one standard deviation: ``abs`` itself, ``rel`` × |observed|, half the width of a
``range``. A one-sided target (``at_most``, ``at_least``) adds the same square of its violation only,
(predicted − bound)/scale beyond the bound and 0 inside it (a hinge), with scale |bound| (1 for a
bound at 0): crossing a bound by its own size costs as much as one standard deviation.

Free parameters are set on every model field whose metadata names their library id; their natural
unit is the library's and the optimiser moves their transform (:mod:`._transforms`).
"""

from __future__ import annotations

import dataclasses
import functools
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import jax.numpy as jnp
import numpy as np

from .._jax import jax
from ..errors import MagnesimError, ParameterError, ScenarioError, UnknownNameError, invalid
from ..params import library, unit_factor
from ..units import HOURS, Kind, to_kernel
from ..validation import Target, targets
from ._multistart import BatchedMinimiser, Box
from ._predictor import Predictor, Settings, predictor_registry
from ._spec import CalibrationSpec, OptimiserSpec, ParameterSpec
from ._transforms import Transform, default_transform

__all__ = ["FreeParameter", "Problem", "Term", "build_problem"]

_SIDES = ("both", "at_most", "at_least")
_MAX_DT_H = 1.0  # a body-model step longer than an hour would not resolve a 20-min infusion


@dataclass(frozen=True)
class FreeParameter:
    """A parameter the calibration moves: natural values in the library's ``unit``; ``fields`` are the
    (model index, field name, factor from the library unit to the field's unit) it is written to."""

    id: str
    unit: str
    library_value: float
    bounds: tuple[float, float]
    transform: Transform
    fields: tuple[tuple[int, str, float], ...]

    @property
    def u_bounds(self) -> tuple[float, float]:
        return float(self.transform.to_u(self.bounds[0])), float(self.transform.to_u(self.bounds[1]))


@dataclass(frozen=True)
class Term:
    """One target in the loss: ``side`` is ``both`` (centre = observed) or a bound (centre = the bound)."""

    target: Target
    predictor: Predictor
    models: tuple[int, ...]
    side: Literal["both", "at_most", "at_least"]
    centre: float
    scale: float

    @classmethod
    def of(cls, target: Target, predictor: Predictor, models: tuple[int, ...]) -> Term:
        tol = target.tolerance
        if tol.at_most is not None or tol.at_least is not None:
            bound = tol.at_most if tol.at_most is not None else tol.at_least
            return cls(target, predictor, models, "at_most" if tol.at_most is not None else "at_least", bound, abs(bound) or 1.0)
        scale = tol.scale(target.observed)
        if not scale > 0:
            raise ParameterError(invalid("tolerance", tol.describe(), "a tolerance that gives a positive scale",
                                         f"target {target.id}, observed {target.observed:g}"))
        return cls(target, predictor, models, "both", target.observed, scale)


class _Kernel:
    """The compiled functions of a problem's structure; the centres and scales are arguments, so a
    problem with other observed values (:meth:`Problem.with_observed`) reuses the compilation.

    The Hessian is forward-over-forward (``jax.jacfwd`` twice, the same matrix as ``jax.hessian``,
    which is forward-over-reverse): with a handful of parameters it compiles in about half the time
    through the long RK4 scans. The predictions come back with the loss, so that no third function
    is compiled to report them. ``minimise`` runs every start of the optimiser on this same loss in
    one vmapped call (:mod:`._multistart`).
    """

    def __init__(self, predict, sides: tuple[str, ...]):
        side = np.array([_SIDES.index(s) for s in sides])

        def loss(u, centre, scale):
            predicted = predict(u)
            z = (predicted - centre) / scale
            hinge = jnp.where(side == 1, z, -z)
            r = jnp.where(side == 0, z, jnp.where(hinge > 0, hinge, 0.0))
            return jnp.sum(r**2), predicted

        self.value_and_grad = jax.jit(jax.value_and_grad(loss, has_aux=True))
        self.minimise = BatchedMinimiser(loss)
        self.hessian = jax.jit(jax.jacfwd(jax.jacfwd(lambda u, centre, scale: loss(u, centre, scale)[0])))


@dataclass(frozen=True)
class Problem:
    """A resolved calibration: free parameters, loss terms, the base models (library values) and settings."""

    name: str
    source: str
    parameters: tuple[FreeParameter, ...]
    terms: tuple[Term, ...]
    models: tuple[object, ...]
    settings: Settings
    optimiser: OptimiserSpec
    starts: int
    seed: int

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.parameters)

    @property
    def targets(self) -> tuple[Target, ...]:
        return tuple(t.target for t in self.terms)

    # ---- coordinates -------------------------------------------------------------------------------
    def to_natural(self, u) -> np.ndarray:
        return np.array([float(p.transform.to_x(float(v))) for p, v in zip(self.parameters, u, strict=True)])

    def to_transformed(self, x) -> np.ndarray:
        return np.array([float(p.transform.to_u(float(v))) for p, v in zip(self.parameters, x, strict=True)])

    @property
    def u_start(self) -> np.ndarray:
        """The library values in transformed coordinates, clipped into the bounds."""
        u = self.to_transformed([p.library_value for p in self.parameters])
        lo, hi = np.array([p.u_bounds for p in self.parameters]).T
        return np.clip(u, lo, hi)

    # ---- models and predictions -------------------------------------------------------------------
    def models_at(self, values: Sequence) -> tuple[object, ...]:
        """The base models with each free parameter set to ``values`` (natural units; floats or JAX scalars)."""
        changes: list[dict] = [{} for _ in self.models]
        for p, v in zip(self.parameters, values, strict=True):
            for index, name, factor in p.fields:
                changes[index][name] = v * factor
        return tuple(dataclasses.replace(m, **c) if c else m for m, c in zip(self.models, changes, strict=True))

    def _predict_term(self, term: Term, values: Sequence):
        models = self.models_at(values)
        out = term.predictor.fn(tuple(models[k] for k in term.models), self.settings, **term.target.args)
        return jnp.reshape(jnp.asarray(out, dtype=float), ())

    def _predict(self, u):
        values = [p.transform.to_x(u[i]) for i, p in enumerate(self.parameters)]
        return jnp.stack([self._predict_term(t, values) for t in self.terms])

    @functools.cached_property
    def _kernel(self) -> _Kernel:
        return _Kernel(self._predict, tuple(t.side for t in self.terms))

    def _centres_scales(self):
        return jnp.array([t.centre for t in self.terms]), jnp.array([t.scale for t in self.terms])

    def _evaluate(self, u):
        (value, predicted), grad = self._kernel.value_and_grad(jnp.asarray(u, dtype=float), *self._centres_scales())
        return float(value), np.asarray(grad), np.asarray(predicted)

    def predictions(self, u) -> np.ndarray:
        """Every target's prediction at transformed coordinates ``u``."""
        return self._evaluate(u)[2]

    def loss_and_grad(self, u) -> tuple[float, np.ndarray]:
        """The loss and its gradient with respect to the transformed coordinates ``u``."""
        return self._evaluate(u)[:2]

    def loss(self, u) -> float:
        return self._evaluate(u)[0]

    def minimise(self, u0) -> dict:
        """Minimise from every row of ``u0`` (starts, parameters) in one compiled, vmapped call
        (:class:`~._multistart.BatchedMinimiser`, which describes what comes back)."""
        box = Box(tuple(p.u_bounds[0] for p in self.parameters), tuple(p.u_bounds[1] for p in self.parameters))
        return self._kernel.minimise(u0, box, *self._centres_scales(), self.optimiser.max_steps, self.optimiser.tolerance)

    def hessian(self, u) -> np.ndarray:
        """The Hessian of the loss in transformed coordinates (by automatic differentiation), symmetrised."""
        h = np.asarray(self._kernel.hessian(jnp.asarray(u, dtype=float), *self._centres_scales()))
        return (h + h.T) / 2

    def with_observed(self, observed: Mapping[str, float]) -> Problem:
        """The same problem with other observed values (target id → value), for synthetic studies; the
        compiled loss is shared. One-sided targets have a bound, not an observed centre, and are refused."""
        index = {t.target.id: k for k, t in enumerate(self.terms)}
        terms = list(self.terms)
        for tid, v in observed.items():
            if tid not in index or terms[index[tid]].side != "both":
                raise UnknownNameError(invalid("observed", tid, "the id of a two-sided target of this problem"))
            term = terms[index[tid]]
            terms[index[tid]] = Term.of(term.target.model_copy(update={"observed": float(v)}), term.predictor, term.models)
        new = dataclasses.replace(self, terms=tuple(terms))
        new.__dict__["_kernel"] = self._kernel
        return new


# ---- resolving a spec ------------------------------------------------------------------------------
def build_problem(spec: CalibrationSpec, where: str = "spec") -> Problem:
    """Resolve and check ``spec``; every failure is one :class:`ScenarioError` line with the field path.

    Checks: parameter ids, bounds and transforms against the library; target ids and roles against
    the validation targets; that every target has a differentiable predictor whose arguments it
    accepts; that every free parameter reaches every target's prediction through JAX code (traced
    once per target); and that the loss at the start is finite (this compiles it).
    """
    def fail(path: str, exc: MagnesimError) -> None:
        raise ScenarioError(f"{where}: {path}: {exc.reason()}") from None

    try:
        dt_h = to_kernel(spec.solver.dt, "dt", HOURS.within(1e-6, _MAX_DT_H))
    except MagnesimError as exc:
        fail("solver.dt", exc)
    chosen = _select_targets(spec, where)
    model_classes = list(dict.fromkeys(cls for _, _, pred in chosen for cls in pred.models))
    models = tuple(cls() for cls in model_classes)
    parameters = []
    for i, ps in enumerate(spec.parameters):
        if ps.id in (p.id for p in parameters):
            raise ScenarioError(f"{where}: " + invalid(f"parameters.{i}.id", ps.id, "each parameter once"))
        try:
            parameters.append(_free_parameter(ps, models))
        except MagnesimError as exc:
            raise ScenarioError(f"{where}: {exc.with_path(f'parameters.{i}')}") from None
    terms = []
    for i, target, pred in chosen:
        try:
            terms.append(Term.of(target, pred, tuple(model_classes.index(c) for c in pred.models)))
        except MagnesimError as exc:
            fail(f"targets.{i}", exc)
    problem = Problem(spec.name, where, tuple(parameters), tuple(terms), models, Settings(dt_h), spec.optimiser, spec.starts, spec.seed)
    for (i, _, _), term in zip(chosen, terms, strict=True):
        _check_traceable(problem, term, where, i)
    loss, grad = problem.loss_and_grad(problem.u_start)
    if not (np.isfinite(loss) and np.all(np.isfinite(grad))):
        bad = [t.target.id for t, v in zip(terms, problem.predictions(problem.u_start), strict=True) if not np.isfinite(v)]
        raise ScenarioError(f"{where}: " + invalid("targets", ", ".join(bad) or "the loss", "targets the models predict as finite numbers at the start",
                                                   "not finite at the library values"))
    return problem


def _select_targets(spec: CalibrationSpec, where: str) -> list[tuple[int, Target, Predictor]]:
    """(selector index, target, predictor) for every selected target, once each, in the spec's order."""
    by_id = {t.id: t for t in targets()}
    registry_ = predictor_registry()
    chosen: dict[str, tuple[int, Target, Predictor]] = {}
    for i, sel in enumerate(spec.targets):
        if sel.id is not None:
            if sel.id not in by_id:
                raise ScenarioError(f"{where}: " + invalid(f"targets.{i}.id", sel.id, "a validation target id ('magnesim validate --json' lists them)"))
            picked = [by_id[sel.id]]
        else:
            picked = [t for t in by_id.values() if t.role == sel.role and sel.layer in (None, t.layer)]
            if not picked:
                what = f"role {sel.role}" + (f", layer {sel.layer}" if sel.layer else "")
                raise ScenarioError(f"{where}: " + invalid(f"targets.{i}", what, "a role and layer that select at least one target"))
        for t in picked:
            if t.predict not in registry_:
                raise ScenarioError(f"{where}: " + invalid(f"targets.{i}", t.id, f"targets whose predictor is differentiable ({', '.join(sorted(registry_))})",
                                                           f"predictor {t.predict} is not"))
            chosen.setdefault(t.id, (i, t, registry_[t.predict]))
    return list(chosen.values())


def _free_parameter(ps: ParameterSpec, models: tuple[object, ...]) -> FreeParameter:
    """Resolve one parameter; errors start with the field name inside the parameter (``id: ...``)."""
    lib = library()
    if ps.id not in set(lib):
        raise UnknownNameError(invalid("id", ps.id, "an id listed by 'magnesim params'"))
    param = lib[ps.id]
    fields = []
    for index, m in enumerate(models):
        for f in dataclasses.fields(m):
            if f.metadata.get("param") == ps.id:
                fields.append((index, f.name, unit_factor(ps.id, f.metadata["unit"])))
    if not fields:
        raise UnknownNameError(invalid("id", ps.id, f"a parameter of the models the targets use ({_model_ids(models)})"))
    lo, hi = param.range
    if ps.bounds is not None:
        kind = Kind(f"value of {ps.id}", param.unit, param.unit, f"'{param.value:g} {param.unit}'")
        lo, hi = (to_kernel(b, "bounds", kind) for b in ps.bounds)
        if not param.range[0] <= lo < hi <= param.range[1]:
            raise ParameterError(invalid("bounds", [lo, hi], f"lower < upper within the plausible range [{param.range[0]:g}, {param.range[1]:g}] "
                                                             f"{param.unit} of {ps.id}"))
    transform = Transform(ps.transform) if ps.transform else default_transform(lo, hi, param.unit)
    if not transform.accepts(lo, hi):
        raise ParameterError(invalid("transform", transform.name, "log for bounds >= 0, logit for bounds within [0, 1], or none",
                                     f"bounds [{lo:g}, {hi:g}]"))
    start = float(np.clip(param.value, lo, hi))
    if not np.isfinite(transform.to_u(start)):
        raise ParameterError(invalid("transform", transform.name, "a transform finite at the start (none, for a start at 0 or 1)",
                                     f"library value {param.value:g}"))
    return FreeParameter(ps.id, param.unit, param.value, (lo, hi), transform, tuple(fields))


def _model_ids(models: tuple[object, ...]) -> str:
    """The ids the models use, by model, with ``prefix.*`` where a model uses every id of a prefix."""
    lib_ids = list(library())
    parts = []
    for m in models:
        ids = sorted({f.metadata["param"] for f in dataclasses.fields(m) if "param" in f.metadata})
        shown = []
        for prefix in dict.fromkeys(i.split(".")[0] for i in ids):
            everyone = [i for i in lib_ids if i.split(".")[0] == prefix]
            mine = [i for i in ids if i.split(".")[0] == prefix]
            shown += [f"{prefix}.*"] if len(mine) == len(everyone) else mine
        parts.append(f"{type(m).__name__}: {', '.join(shown)}")
    return "; ".join(parts)


def _check_traceable(problem: Problem, term: Term, where: str, index: int) -> None:
    """Trace one target's prediction (no compilation): argument errors name the target; a free parameter
    that reaches NumPy code (a regimen's dose inputs, a subject's covariates) is named with it.

    NumPy code fails on a tracer in several ways (JAX's tracer errors, or NumPy's own ValueError when
    it stores one), so any failure of the traced call is put down to the parameters one at a time;
    one that fails alone is named, and a failure no single parameter explains is raised as it is.
    """
    start = problem.to_natural(problem.u_start)
    what = f"target {term.target.id!r} (predictor {term.predictor.name})"
    try:
        jax.eval_shape(lambda u: problem._predict_term(term, [p.transform.to_x(u[i]) for i, p in enumerate(problem.parameters)]),
                       jax.ShapeDtypeStruct(start.shape, jnp.float64))
        return
    except MagnesimError as exc:
        raise ScenarioError(f"{where}: targets.{index}: {what}: {exc}") from None
    except Exception:  # attributed below, or raised again
        failure = sys.exc_info()[1]
    for j, p in enumerate(problem.parameters):
        values = list(start)
        try:
            jax.eval_shape(lambda v, j=j, values=values: problem._predict_term(term, [*values[:j], v, *values[j + 1:]]), jax.ShapeDtypeStruct((), jnp.float64))
        except Exception as exc:
            cause = type(exc.__cause__ or exc).__name__
            raise ScenarioError(f"{where}: " + invalid(f"parameters.{j}.id", p.id, "parameters that reach every selected target through JAX code",
                                                       f"{what} reads it in NumPy code: {cause}")) from None
    raise failure
