"""Dorsal-horn wind-up at each sampling time (:func:`magnesim.experiments.windup`)."""

from __future__ import annotations

from typing import Annotated

import numpy as np
from pydantic import Field

from ..._spec_fields import Strict, quantity
from ...errors import ParameterError, invalid
from ...units import FREQUENCY, to_kernel
from ._stage import Outcome, Stage, StageResult


class WindupSpec(Strict):
    frequency: Annotated[str, quantity(FREQUENCY)] | None = Field(None, description="C-fibre stimulus frequency (bare: Hz)")
    stimuli: int | None = Field(None, description="number of C-fibre stimuli")


def resolve(spec: WindupSpec) -> dict:
    from ...experiments.windup import FREQUENCIES, STIMULI

    settings = {}
    if spec.frequency is not None:
        settings["freq"] = to_kernel(spec.frequency, "frequency", FREQUENCIES)
    if spec.stimuli is not None:
        lo, hi = STIMULI
        if not lo <= spec.stimuli <= hi:
            raise ParameterError(invalid("stimuli", spec.stimuli, f"a whole number from {lo} to {hi}"))
        settings["stimuli"] = spec.stimuli
    return settings


def run(settings, mg) -> StageResult:
    from ...experiments import windup

    w = windup(mg, **settings).squeeze()
    return StageResult(
        outcomes=(Outcome("windup_index", np.atleast_1d(w.windup_index.values), {"units": "1", "frequency_hz": float(w.freq_hz)}, label="wind-up index"),
                  Outcome("windup_excess", np.atleast_1d(w.windup_excess.values), {"units": "spikes"})),
        provenance=w.attrs)


STAGE = Stage("windup", 20, WindupSpec, resolve, run, default=True)
