"""Excitotoxic death of a cultured population at each sampling time (:func:`magnesim.experiments.excitotox`)."""

from __future__ import annotations

from typing import Annotated, Literal

import numpy as np
from pydantic import Field

from ..._spec_fields import Strict, quantity
from ...units import AGONIST, TIME, to_kernel
from ._stage import Outcome, Stage, StageResult


class ExcitotoxSpec(Strict):
    agonist: Literal["NMDA", "glutamate"] | None = None
    conc: Annotated[str, quantity(AGONIST)] | None = Field(None, description="bath agonist (bare: uM)")
    duration: Annotated[str, quantity(TIME)] | None = Field(None, description="exposure (bare: ms)")


def resolve(spec: ExcitotoxSpec) -> dict:
    from ...experiments.excitotox import CONCENTRATIONS, EXPOSURES

    settings = {} if spec.agonist is None else {"agonist": spec.agonist}
    if spec.conc is not None:
        settings["conc"] = to_kernel(spec.conc, "conc", CONCENTRATIONS)
    if spec.duration is not None:
        settings["duration"] = to_kernel(spec.duration, "duration", EXPOSURES)
    return settings


def run(settings, mg) -> StageResult:
    from ...experiments import excitotox

    e = excitotox(mg=mg, **settings).squeeze()
    hours = e.attrs["hours"]
    attrs = {"units": "1", "hours": hours, "long_name": f"share of cultured neurons dead {hours:g} h after the challenge",
             "challenge": f"{float(e.conc_uM):g} uM {e.attrs['agonist']} for {float(e.duration_min):g} min"}
    return StageResult(outcomes=(Outcome("excitotoxic_death_fraction", np.atleast_1d(e.death_fraction.values), attrs,
                                         label="excitotoxic death (share)"),),
                       provenance=e.attrs)


STAGE = Stage("excitotox", 40, ExcitotoxSpec, resolve, run, default=True)
