"""What a scenario stage is: one neural experiment, run on the tissue [Mg2+] of every sampling time.

A stage module holds everything about its experiment that a scenario needs: the settings a scenario
file may give (a pydantic model; quantities as text with units), ``resolve`` (the settings checked
against the experiment's own bounds and converted once, to what ``run`` passes on), ``run`` (the
experiment on the distinct [Mg2+] values, one vectorised call) and the outcomes it returns. The
pipeline maps each outcome back onto (time point, quantile); outcomes with a ``label`` are the
summary's columns and panels of the outcome figure, in the stages' order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

__all__ = ["Outcome", "Stage", "StageResult"]


@dataclass(frozen=True)
class Outcome:
    """One result over the distinct [Mg2+] values (leading axis), with ``dims`` after it."""

    name: str
    values: np.ndarray
    attrs: Mapping[str, object]
    label: str | None = None  # a summary column and outcome-figure panel (scalar outcomes only)
    dims: tuple[str, ...] = ()


@dataclass(frozen=True)
class StageResult:
    outcomes: tuple[Outcome, ...] = ()
    coords: Mapping[str, object] = field(default_factory=dict)  # coordinates of the outcomes' extra dims
    variables: Mapping[str, object] = field(default_factory=dict)  # DataArrays that do not depend on [Mg2+]o
    provenance: Mapping[str, object] = field(default_factory=dict)  # the experiment Dataset's attrs


@dataclass(frozen=True)
class Stage:
    """``name``: the key under ``experiments:`` and the progress step; ``order``: where it runs and is
    reported among the stages; ``default``: part of a scenario that names no experiments."""

    name: str
    order: int
    spec: type
    resolve: Callable[[object], Mapping[str, object]]
    run: Callable[[Mapping[str, object], np.ndarray], StageResult]
    default: bool = False
