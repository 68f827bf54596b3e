"""Validation targets as data: ``data/targets.yaml``, read with a safe loader and checked by pydantic.

A target names a published number (``observed``), what counts as agreement (``tolerance``), the
model quantity that should reproduce it (``predict``, a function of ``_predictors``, with ``args``) and
its ``role``: ``implementation`` (the model's own source publishes this number: the check is that
magnesim implements the model as published), ``calibration`` (a magnesim parameter was fitted to
it) or ``validation`` (not used to build the model). Every ``source`` is a citation key of the
parameter library (params/data/validation.yaml holds the sources no parameter cites).
"""

from __future__ import annotations

import functools
import math
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import DataFileError, invalid
from ..params import Citation, library

__all__ = ["LAYERS", "Target", "Tolerance", "citation", "targets"]

LAYERS = ("units", "receptor", "synapse", "cell", "circuit", "body", "injury", "energy")
Layer = Literal[LAYERS]


class Tolerance(BaseModel):
    """Agreement: within ``abs`` or ``rel`` of the observed value, inside ``range``, or beyond a bound."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    abs: float | None = Field(default=None, gt=0)
    rel: float | None = Field(default=None, gt=0)
    range: tuple[float, float] | None = None
    at_least: float | None = None
    at_most: float | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Tolerance:
        given = [k for k, v in self.__dict__.items() if v is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of abs, rel, range, at_least, at_most (got {', '.join(given) or 'none'})")
        if self.range is not None and not self.range[0] <= self.range[1]:
            raise ValueError(f"range {list(self.range)} is not increasing")
        return self

    def accepts(self, observed: float, predicted: float) -> bool:
        if not math.isfinite(predicted):
            return False
        if self.abs is not None:
            return abs(predicted - observed) <= self.abs
        if self.rel is not None:
            return abs(predicted - observed) <= self.rel * abs(observed)
        if self.range is not None:
            return self.range[0] <= predicted <= self.range[1]
        if self.at_least is not None:
            return predicted >= self.at_least
        return predicted <= self.at_most

    def scale(self, observed: float) -> float:
        """The spread a two-sided tolerance allows around ``observed``, read as one SD by fits: ``abs``,
        ``rel`` × |observed|, or half the width of ``range``; a one-sided bound has none (0)."""
        if self.abs is not None:
            return self.abs
        if self.rel is not None:
            return self.rel * abs(observed)
        if self.range is not None:
            return (self.range[1] - self.range[0]) / 2
        return 0.0

    def describe(self) -> str:
        if self.abs is not None:
            return f"±{self.abs:g}"
        if self.rel is not None:
            return f"±{100 * self.rel:g}%"
        if self.range is not None:
            return f"within [{self.range[0]:g}, {self.range[1]:g}]"
        return f"≥ {self.at_least:g}" if self.at_least is not None else f"≤ {self.at_most:g}"


class Target(BaseModel):
    """One published number and the model quantity that should reproduce it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    layer: Layer
    quantity: str
    condition: str
    observed: float
    unit: str
    tolerance: Tolerance
    role: Literal["implementation", "calibration", "validation"]
    source: str
    predict: str
    args: dict[str, object] = Field(default_factory=dict)
    note: str = ""


@functools.cache
def targets() -> tuple[Target, ...]:
    """Every validation target shipped with magnesim, in file order (grouped by layer)."""
    import inspect

    from ..params._library import _first_error, _load_yaml
    from ._predictors import PREDICTORS

    name = "targets.yaml"
    doc = _load_yaml(resources.files("magnesim.validation").joinpath("data", name).read_text(encoding="utf-8"), name)
    if not isinstance(doc, dict) or set(doc) != {"targets"}:
        raise DataFileError(invalid(name, type(doc).__name__, "a mapping with the key 'targets'"))
    citations = library().citations
    out: dict[str, Target] = {}
    for record in doc["targets"]:
        tid = record.get("id", "?") if isinstance(record, dict) else "?"
        try:
            target = Target(**record)
        except (ValidationError, TypeError) as exc:
            raise DataFileError(f"{name} target {tid}: {_first_error(exc)}") from None
        if target.source not in citations:
            raise DataFileError(invalid(f"{name} target {tid} source", target.source, "a citation key of a params data file"))
        if target.predict not in PREDICTORS:
            raise DataFileError(invalid(f"{name} target {tid} predict", target.predict, ", ".join(sorted(PREDICTORS))))
        try:
            inspect.signature(PREDICTORS[target.predict]).bind(**target.args)
        except TypeError as exc:
            raise DataFileError(invalid(f"{name} target {tid} args", target.args, f"the arguments of {target.predict} ({exc})")) from None
        if tid in out:
            raise DataFileError(invalid(f"{name} target id", tid, "a unique id"))
        out[tid] = target
    return tuple(out.values())


def citation(target: Target) -> Citation:
    """The citation of a target's source."""
    return library().citations[target.source]
