"""The patient file of ``magnesim tdm``: who, the doses given so far, the measured serum Mg levels.

    name: woman on Zuspan with a high level at 4 h        # optional
    subject: {weight: 75 kg, creatinine: 0.7 mg/dL, pregnant: true}
    doses: zuspan                                          # the dose language; times from its start (0 h)
    levels:
      - {time: 4 h, value: 3.9 mmol/L}                     # serum total Mg: mmol/L, mM, mg/dL or mEq/L
      - {time: 6 h, value: 8.5 mg/dL}
      - {time: 1 h, below: 0.5 mmol/L}                     # below the assay's limit of quantification
    now: 6 h                                               # when the decision is made (default: last level)
    horizon: 24 h                                          # how far to forecast and plan (default 24 h)
    target: 1.8-3.0 mmol/L                                 # default: the library's therapeutic range
    toxic_risk: 0.05                                       # most accepted P(serum >= reflex-loss level)

Doses after ``now`` in ``doses`` are what would happen without a change (an infusion running on);
the recommendation replaces them from ``now``. Every error names the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import numpy as np
from pydantic import Field, model_validator

from .._spec_fields import Strict, SubjectSpec, quantity, subject_from_spec
from .._spec_files import read_text, validate_mapping, yaml_data
from ..body import Regimen, Subject, resolve_regimen
from ..errors import MagnesimError, ScenarioError
from ..params import value
from ..units import CONCENTRATION, HOURS, to_kernel

__all__ = ["Level", "Patient", "PatientSpec", "parse_target", "read_patient"]

_RANGE = re.compile(r"^\s*(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)\s*(?:-|to|–)\s*(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)\s*(.*?)\s*$")
_MAX_LEVEL_MM = 20.0  # above any survivable serum Mg: a unit slip (mg/L for mg/dL, say)


class LevelSpec(Strict):
    time: Annotated[str, quantity(HOURS)] = Field(description="time from the start of the doses (bare: h)")
    value: Annotated[str, quantity(CONCENTRATION)] | None = Field(None, description="measured serum total Mg (bare: mmol/L)")
    below: Annotated[str, quantity(CONCENTRATION)] | None = Field(None, description="limit of quantification when the level was below it")

    @model_validator(mode="after")
    def _one_of(self):
        if (self.value is None) == (self.below is None):
            raise ValueError("got both or neither of value and below; accepted: exactly one of value (a measured level) or below (its limit of quantification)")
        return self


class PatientSpec(Strict):
    name: str = ""
    subject: SubjectSpec = SubjectSpec()
    doses: str = Field(description="the doses given, in the dose language or a named regimen")
    levels: list[LevelSpec] = Field(min_length=1, description="measured serum total Mg levels")
    now: Annotated[str, quantity(HOURS)] | None = Field(None, description="decision time (bare: h); default the last level")
    horizon: Annotated[str, quantity(HOURS)] = Field("24 h", description="forecast and planning horizon (bare: h)")
    target: str | None = Field(None, description="target range, e.g. '1.8-3.0 mmol/L'")
    toxic_risk: float = Field(0.05, gt=0.0, lt=1.0, description="largest accepted probability of reaching the reflex-loss level")


@dataclass(frozen=True)
class Level:
    """One measurement: time (h), serum total Mg (mmol/L), and whether it is a limit of quantification."""

    time_h: float
    mM: float
    below: bool = False


@dataclass(frozen=True)
class Patient:
    """A validated patient: covariates, dose history, levels (in the file's order) and the decision settings."""

    name: str
    subject: Subject
    regimen: Regimen
    levels: tuple[Level, ...]
    now_h: float
    horizon_h: float
    target_mM: tuple[float, float]
    toxic_risk: float
    source: str = ""

    def __post_init__(self) -> None:
        first = min((e.start_h for e in self.regimen.events), default=0.0)
        for k, lv in enumerate(self.levels):
            if not np.isfinite(lv.mM) or lv.mM <= 0 or lv.mM > _MAX_LEVEL_MM:
                raise ScenarioError(f"levels.{k}.{'below' if lv.below else 'value'}: got {lv.mM:g} mmol/L; "
                                    f"accepted: a serum total Mg above 0 and at most {_MAX_LEVEL_MM:g} mmol/L")
            if lv.time_h < first:
                raise ScenarioError(f"levels.{k}.time: got {lv.time_h:g} h (before the first dose at {first:g} h); "
                                    "accepted: a time at or after the first dose")
        times = [lv.time_h for lv in self.levels]
        if len(set(times)) != len(times):
            raise ScenarioError(f"levels: got two levels at {_duplicate(times):g} h; accepted: one level per time")
        if self.now_h < max(times):
            raise ScenarioError(f"now: got {self.now_h:g} h (before the last level at {max(times):g} h); accepted: a time at or after the last level")
        if not 1.0 <= self.horizon_h <= 168.0:
            raise ScenarioError(f"horizon: got {self.horizon_h:g} h; accepted: 1 to 168 h")
        lo, hi = self.target_mM
        if not 0 < lo < hi <= value("threshold.reflex_loss", "mmol/L"):
            raise ScenarioError(f"target: got {lo:g}-{hi:g} mmol/L; accepted: a range with 0 < low < high <= the reflex-loss level "
                                f"({value('threshold.reflex_loss', 'mmol/L'):g} mmol/L)")


def _duplicate(times: list[float]) -> float:
    seen = set()
    for t in times:
        if t in seen:
            return t
        seen.add(t)
    raise AssertionError


def parse_target(text: str, parameter: str = "target") -> tuple[float, float]:
    """'1.8-3.0 mmol/L', '4.4-7.3 mg/dL', '3.6-6 mEq/L' (bare numbers: mmol/L) → (low, high) mmol/L."""
    m = _RANGE.match(str(text))
    if not m:
        raise ScenarioError(f"{parameter}: got {text!r}; accepted: a range LOW-HIGH with a concentration unit, e.g. '1.8-3.0 mmol/L' or '4.4-7.3 mg/dL'")
    unit = m.group(3) or "mmol/L"
    lo, hi = (to_kernel(f"{m.group(i)} {unit}", parameter, CONCENTRATION) for i in (1, 2))
    return lo, hi


def read_patient(source: str | Path) -> Patient:
    """The validated patient of YAML file ``source``."""
    text, where = read_text(source, "patient", "a YAML patient file")
    return parse_patient(text, where)


def parse_patient(text: str, where: str = "patient") -> Patient:
    """Validate YAML ``text``; every error is one line prefixed with ``where`` and the field path."""
    spec = validate_mapping(yaml_data(text, where), PatientSpec, where, "patient")
    try:
        subject = subject_from_spec(spec.subject)
        try:
            regimen = resolve_regimen(spec.doses)
        except MagnesimError as exc:
            raise ScenarioError(f"doses: {exc}") from None
        levels = tuple(Level(to_kernel(lv.time, "time", HOURS), to_kernel(lv.value if lv.value is not None else lv.below, "value", CONCENTRATION),
                             lv.below is not None) for lv in spec.levels)
        now = to_kernel(spec.now, "now", HOURS) if spec.now is not None else max(lv.time_h for lv in levels)
        target = parse_target(spec.target) if spec.target is not None else (value("threshold.therapeutic_low", "mmol/L"),
                                                                             value("threshold.therapeutic_high", "mmol/L"))
        return Patient(spec.name, subject, regimen, levels, now, to_kernel(spec.horizon, "horizon", HOURS), target, spec.toxic_risk, where)
    except MagnesimError as exc:
        raise ScenarioError(f"{where}: {exc}") from None
