"""The result of one claim's audit, as an immutable record, and the plotted data that goes with it.

A :class:`Claim` holds the claim's number, a brief quote from the source article, the experiment the
model ran, its numbers (name → value, the unit in the name), the verdict with its reason, and one
evidence sentence. Its figure is data (:class:`Panel` of :class:`Series`), drawn by
:func:`magnesim.report.claims_figures.claim_figure`, so the claims layer stays free of plotting.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import MappingProxyType

import numpy as np

from ..errors import ParameterError, invalid

__all__ = ["VERDICTS", "Claim", "Panel", "Ref", "Series", "series"]

VERDICTS = ("supported", "partly supported", "not supported", "outside the model")
_KINDS = ("line", "points", "bar")


@dataclasses.dataclass(frozen=True)
class Series:
    """One plotted series: a line, points (optionally with error bars ``err``) or bars over categories ``x``."""

    label: str
    x: tuple
    y: tuple[float, ...]
    kind: str = "line"
    err: tuple[float, ...] | None = None

    def __post_init__(self):
        if self.kind not in _KINDS:
            raise ParameterError(invalid("kind", self.kind, ", ".join(_KINDS)))


@dataclasses.dataclass(frozen=True)
class Ref:
    """A labelled reference line at ``value`` on the ``axis`` ("x" or "y") axis (a threshold, a level)."""

    label: str
    value: float
    axis: str = "y"


@dataclasses.dataclass(frozen=True)
class Panel:
    title: str
    xlabel: str
    ylabel: str
    series: tuple[Series, ...]
    refs: tuple[Ref, ...] = ()
    xlog: bool = False


def series(label: str, x, y, kind: str = "line", err=None) -> Series:
    """A :class:`Series` from arrays (numbers become plain floats; category labels stay strings)."""
    xs = tuple(v if isinstance(v, str) else float(v) for v in np.atleast_1d(x).tolist())
    return Series(label, xs, tuple(float(v) for v in np.atleast_1d(y)), kind,
                  None if err is None else tuple(float(v) for v in np.atleast_1d(err)))


@dataclasses.dataclass(frozen=True)
class Claim:
    number: int
    quote: str
    experiment: str
    numbers: Mapping[str, float]
    verdict: str
    reason: str
    evidence: str
    panels: tuple[Panel, ...]

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ParameterError(invalid("verdict", self.verdict, ", ".join(VERDICTS)))
        object.__setattr__(self, "numbers", MappingProxyType({k: float(v) for k, v in self.numbers.items()}))

    def summary(self) -> dict:
        """The JSON form: ``claim``, ``verdict``, ``evidence``, then ``reason``, ``quote``, ``experiment``, ``numbers``."""
        return {"claim": self.number, "verdict": self.verdict, "evidence": self.evidence, "reason": self.reason,
                "quote": self.quote, "experiment": self.experiment, "numbers": dict(self.numbers)}
