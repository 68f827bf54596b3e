"""A sweep's design: the table of conditions (factor values in kernel units), its chunks, and the
per-row random numbers.

Randomness never depends on chunking or on the number of workers: random condition ``r`` takes its
values from ``fold_in(key(seed, 2), r)`` and virtual subject ``s`` its standard normals from
``fold_in(key(seed, 1), s)``, so a row is the same whichever chunk computes it.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import itertools
import json
from dataclasses import dataclass

import numpy as np

from .._spec_fields import subject_from_spec
from ..errors import ParameterError, ScenarioError, invalid
from ..units import (
    BODY_WEIGHT,
    CONCENTRATION,
    CREATININE,
    FLOW,
    FREQUENCY,
    HOURS,
    SCALE,
    VOLTAGE,
    Kind,
    to_kernel,
    to_kernel_array,
)
from ._spec import MAX_ROWS, SweepSpec

__all__ = ["Design", "Factor", "design", "subject_normals"]

SUBJECT_NORMALS = 8  # per virtual subject: 2 covariates, then up to 6 random effects


@dataclass(frozen=True)
class Factor:
    """A design factor: its coordinate name, how values are read, and what it sets."""

    coord: str
    kind: Kind | None  # None: a name (categorical)
    unit: str


_AGE = Kind("age", "dimensionless", "dimensionless", "'30'", None, 0.0, 120.0)
_FACTORS = {
    "body": {"regimen": Factor("regimen", None, ""), "weight": Factor("weight_kg", BODY_WEIGHT, "kg"), "gfr": Factor("gfr_mL_min", FLOW, "mL/min"),
             "creatinine": Factor("creatinine_mg_dL", CREATININE, "mg/dL"), "age": Factor("age_y", _AGE, "year")},
    "block": {"mg": Factor("mg_mM", CONCENTRATION, "mM"), "v": Factor("v_mV", VOLTAGE, "mV"), "model": Factor("model", None, ""),
              "subunit": Factor("subunit", None, "")},
    "windup": {"mg": Factor("mg_mM", CONCENTRATION, "mM"), "freq": Factor("freq_hz", FREQUENCY, "Hz"), "nmda_scale": Factor("nmda_scale", SCALE, "1")},
}


@dataclass(frozen=True, eq=False)
class Design:
    """The conditions of ``spec`` (coordinate → values, one per condition) and how rows are chunked:
    a chunk holds ``chunk_shape`` = (conditions, subjects) rows (body) or conditions (block, windup)."""

    spec: SweepSpec
    conditions: dict[str, np.ndarray]
    units: dict[str, str]
    sets: dict[str, str]  # coordinate → what it sets: a subject field, a library id, a kernel argument
    n_conditions: int
    n_subjects: int
    chunk_shape: tuple[int, int]

    @functools.cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.spec.model_dump_json().encode()).hexdigest()

    @property
    def grid_shape(self) -> tuple[int, int]:
        """(condition blocks, subject blocks)."""
        cc, sc = self.chunk_shape
        return -(-self.n_conditions // cc), -(-self.n_subjects // sc)

    @property
    def n_chunks(self) -> int:
        a, b = self.grid_shape
        return a * b

    def chunk(self, i: int) -> tuple[int, int, int, int]:
        """Rows of chunk ``i``: conditions [c0, c1) and subjects [s0, s1)."""
        if not 0 <= i < self.n_chunks:
            raise ParameterError(invalid("chunk", i, f"a chunk index from 0 to {self.n_chunks - 1}"))
        cb, sb = divmod(i, self.grid_shape[1])
        cc, sc = self.chunk_shape
        return cb * cc, min((cb + 1) * cc, self.n_conditions), sb * sc, min((sb + 1) * sc, self.n_subjects)

    def provenance(self) -> dict:
        return {"sweep_spec": self.spec.model_dump_json(), "sweep_spec_sha256": self.sha256, "sweep_kind": self.spec.kind,
                "population": self.spec.population or 0, "conditions": self.n_conditions,
                "seed": self.spec.seed, "chunk_shape": json.dumps(self.chunk_shape), "chunks": self.n_chunks,
                "random_numbers": "threefry fold_in(key(seed, 1), subject) for subjects, fold_in(key(seed, 2), condition) for random factors"}


@functools.cache
def physiological_fields() -> dict[str, str]:
    """Library id → field name of the physiological body model's sourced fields."""
    from ..body.physiological import Physiological
    from ..params import field_parameters

    return {p.id: name for name, p in field_parameters(Physiological()).items()}


def _library_factor(spec: SweepSpec, key: str) -> Factor | None:
    """A parameter-library id that sets a field of the physiological body model, else None."""
    if spec.kind != "body" or spec.settings().model.strip().lower() != "physiological" or key not in physiological_fields():
        return None
    from ..body.physiological import Physiological
    from ..params import library

    p = library()[key]
    unit = next(f.metadata.get("unit") for f in dataclasses.fields(Physiological) if f.name == physiological_fields()[key])
    # values beyond the plausible range are allowed (that is what a sweep may explore), not unphysical ones
    floor = 0.0 if p.range[0] >= 0 else -float("inf")
    return Factor(key, Kind(f"parameter {key}", unit, unit, f"'{p.value:g} {unit}' (plausible {p.range[0]:g}-{p.range[1]:g} {p.unit})",
                            None, floor), unit)


def _factor(spec: SweepSpec, key: str, where: str) -> Factor:
    known = _FACTORS[spec.kind]
    if key in known:
        return known[key]
    found = _library_factor(spec, key)
    if found is None:
        extra = " or a parameter-library id of a physiological-model field" if spec.kind == "body" else ""
        raise ScenarioError(f"sweep: {where}.{key}: got an unknown factor; accepted: {', '.join(known)}{extra}")
    return found


def _grid_values(factor: Factor, values, where: str) -> np.ndarray:
    if factor.kind is None:
        names = values if isinstance(values, list) else [v.strip() for v in str(values).split(",")]
        return np.array([str(v).strip() for v in names])
    if isinstance(values, str):
        return np.atleast_1d(to_kernel_array(values, where, factor.kind)).astype(float)
    return np.array([to_kernel(v, where, factor.kind) for v in values])


def _random_values(factor: Factor, dist, u: np.ndarray, z: np.ndarray, where: str) -> np.ndarray:
    if factor.kind is None:
        raise ScenarioError(f"sweep: {where}: got a random law for the name factor {factor.coord}; accepted: names in grid only")
    lo, hi = (to_kernel(b, where, factor.kind) for b in dist.bounds)
    if dist.law == "normal":
        x = lo + hi * z
    elif dist.law == "loguniform":
        if not 0 < lo < hi:
            raise ScenarioError(f"sweep: {where}: got bounds {lo:g}, {hi:g}; accepted: 0 < low < high for loguniform")
        x = np.exp(np.log(lo) + (np.log(hi) - np.log(lo)) * u)
    else:
        if not lo < hi:
            raise ScenarioError(f"sweep: {where}: got bounds {lo:g}, {hi:g}; accepted: low < high")
        x = lo + (hi - lo) * u
    return to_kernel_array(x, where, factor.kind)  # bounds of the kind (a normal draw may leave them)


@functools.cache
def _draws():
    """Jitted per-row draws (compiled once per process and shape): subject normals, and a random
    condition's uniforms and normals."""
    from .._jax import jax

    def stream(seed, k):
        return jax.random.fold_in(jax.random.PRNGKey(seed), k)

    @functools.partial(jax.jit, static_argnums=2)
    def subjects(seed, rows, k):
        root = stream(seed, 1)
        return jax.vmap(lambda s: jax.random.normal(jax.random.fold_in(root, s), (k,)))(rows)

    @functools.partial(jax.jit, static_argnums=2)
    def conditions(seed, rows, k):
        root = stream(seed, 2)

        def one(r):
            a, b = jax.random.split(jax.random.fold_in(root, r))
            return jax.random.uniform(a, (k,)), jax.random.normal(b, (k,))

        return jax.vmap(one)(rows)

    return subjects, conditions


def subject_normals(seed: int, s0: int, s1: int) -> np.ndarray:
    """Standard normals (s1 - s0, SUBJECT_NORMALS) of virtual subjects s0..s1-1."""
    return np.asarray(_draws()[0](seed, np.arange(s0, s1), SUBJECT_NORMALS))


def _random_uniforms(seed: int, n: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    u, z = _draws()[1](seed, np.arange(n), k)
    return np.asarray(u), np.asarray(z)


def design(spec: SweepSpec) -> Design:
    """The conditions of ``spec``, every value checked (unknown factors, units, bounds: one line each)."""
    factors, columns = {}, []
    for key, values in spec.grid.items():
        f = _factor(spec, key, "grid")
        factors[f.coord] = (f, key)
        columns.append(_grid_values(f, values, f"grid.{key}"))
    n_grid = int(np.prod([c.size for c in columns])) if columns else 1
    n_random = spec.random.n if spec.random else 1
    n_cond = n_grid * n_random
    n_subj = spec.population or 1
    if n_cond * n_subj > MAX_ROWS:
        raise ScenarioError(f"sweep: got {n_cond} conditions x {n_subj} subjects; accepted: at most {MAX_ROWS} rows")
    conditions = {}
    if columns:
        index = np.array(list(itertools.product(*(range(c.size) for c in columns)))).reshape(n_grid, len(columns))
        for j, (coord, _) in enumerate(factors.items()):
            conditions[coord] = np.repeat(columns[j][index[:, j]], n_random)
    if spec.random:
        u, z = _random_uniforms(spec.seed, n_random, len(spec.random.factors))
        for j, (key, dist) in enumerate(spec.random.factors.items()):
            f = _factor(spec, key, "random.factors")
            if f.coord in conditions:
                raise ScenarioError(f"sweep: random.factors.{key}: got a factor that grid also sets; accepted: each factor in grid or random, not both")
            factors[f.coord] = (f, key)
            conditions[f.coord] = np.tile(_random_values(f, dist, u[:, j], z[:, j], f"random.factors.{key}"), n_grid)
    _check_settings(spec, conditions)
    rows = spec.chunk
    shape = (1, rows) if n_subj >= rows else (max(1, rows // n_subj), n_subj)
    if spec.kind != "body":
        shape = (rows, 1)
    return Design(spec, conditions, {c: f.unit for c, (f, _) in factors.items()}, {c: k for c, (_, k) in factors.items()},
                  n_cond, n_subj, shape)


def _check_settings(spec: SweepSpec, conditions: dict[str, np.ndarray]) -> None:
    """Fail before anything is written: every regimen, model and subject the design names is valid."""
    st = spec.settings()
    if spec.kind == "body":
        from ..body import MODELS, resolve_regimen
        from ..body.simulate import output_times

        if st.model.strip().lower() not in MODELS:
            raise ScenarioError(f"sweep: body.model: got '{st.model}'; accepted: {', '.join(MODELS)}")
        for reg in {st.regimen, *conditions.get("regimen", [])}:
            resolve_regimen(str(reg))
        base = subject_from_spec(st.subject)
        covariates = {k: v for k, v in conditions.items() if k in _COVARIATES}
        for pick in (np.argmin, np.argmax):  # Subject bounds each covariate on its own: its extremes cover every condition
            subject_at(base, {k: v[[pick(v)]] for k, v in covariates.items()}, 0)
        output_times(to_kernel(st.duration, "duration", HOURS), to_kernel(st.output_step, "output_step", HOURS))
        if spec.keep:
            from ._kernels import BODY_TIME_COURSES

            bad = [k for k in spec.keep if k not in BODY_TIME_COURSES]
            if bad:
                raise ScenarioError(f"sweep: keep: got {bad[0]!r}; accepted: {', '.join(BODY_TIME_COURSES)}")
    elif spec.kind == "block":
        from ..receptor import get_model

        models = np.unique(conditions.get("model", np.array([st.model])))
        subunits = np.unique(conditions.get("subunit", np.array([st.subunit or ""])))
        for m, s in itertools.product(models, subunits):
            get_model(str(m), str(s) or None)
        if "mg" not in spec.grid and not (spec.random and "mg" in spec.random.factors):
            raise ScenarioError("sweep: grid: got no 'mg' factor; accepted: a block sweep over mg (and v, model, subunit)")
    else:
        from ..experiments.windup import STIMULI

        lo, hi = STIMULI
        if not lo <= st.stimuli <= hi:
            raise ScenarioError(f"sweep: windup.stimuli: got {st.stimuli}; accepted: a whole number from {lo} to {hi}")


_COVARIATES = ("weight_kg", "age_y", "gfr_mL_min", "creatinine_mg_dL")


def subject_at(base, conditions: dict[str, np.ndarray], c: int):
    """The subject of condition ``c``: ``base`` with the condition's covariates (a GFR replaces a
    creatinine and the other way round)."""
    changes = {}
    if "weight_kg" in conditions:
        changes["weight_kg"] = float(conditions["weight_kg"][c])
    if "age_y" in conditions:
        changes["age_y"] = float(conditions["age_y"][c])
    if "gfr_mL_min" in conditions:
        changes.update(gfr_mL_min=float(conditions["gfr_mL_min"][c]), scr_mg_dL=None)
    if "creatinine_mg_dL" in conditions:
        changes.update(scr_mg_dL=float(conditions["creatinine_mg_dL"][c]), gfr_mL_min=None)
    return dataclasses.replace(base, **changes) if changes else base
