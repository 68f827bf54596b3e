"""The scenario file's structure (pydantic): who, which regimen, which tissue, which experiments, when.

Quantities are strings with units (bare numbers take the unit named in each field's description) and
are checked by :mod:`magnesim.units` during validation, so a bad value is reported with its path.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .._spec_fields import Strict, SubjectSpec, quantity
from ..units import (
    AGONIST,
    CONCENTRATION,
    FREQUENCY,
    HOURS,
    TIME,
    VOLTAGE,
)

__all__ = ["Scenario"]


class PopulationSpec(Strict):
    size: int = Field(ge=2, le=5000, description="number of virtual subjects, 2 to 5000")
    seed: int = Field(0, ge=0)


class BodySpec(Strict):
    model: str = Field("physiological", description="physiological, or a population-PK preset (serum only)")
    duration: Annotated[str, quantity(HOURS)] = Field("48 h", description="simulated time (bare: h)")
    output_step: Annotated[str, quantity(HOURS)] = Field("15 min", description="output step (bare: h)")


# Experiment settings left out take the experiment's own defaults; their bounds are the experiment's
# (checked with the models, magnesim.scenario._load), so each range is stated once.
class BlockSpec(Strict):
    voltages: Annotated[str, quantity(VOLTAGE, many=True)] | None = Field(None, description="membrane potentials (bare: mV)")
    model: str = "jahr-stevens-1990"


class WindupSpec(Strict):
    frequency: Annotated[str, quantity(FREQUENCY)] | None = Field(None, description="C-fibre stimulus frequency (bare: Hz)")
    stimuli: int | None = Field(None, description="number of C-fibre stimuli")


class NetworkSpec(Strict):
    duration: Annotated[str, quantity(TIME)] | None = Field(None, description="simulated time (bare: ms)")
    seed: int | None = Field(None, ge=0)


class ExcitotoxSpec(Strict):
    agonist: Literal["NMDA", "glutamate"] | None = None
    conc: Annotated[str, quantity(AGONIST)] | None = Field(None, description="bath agonist (bare: uM)")
    duration: Annotated[str, quantity(TIME)] | None = Field(None, description="exposure (bare: ms)")


class EnergeticsSpec(Strict):
    mg_i: Annotated[str, quantity(CONCENTRATION, many=True)] | None = Field(None, description="free [Mg2+]i (bare: mM)")


class ExperimentsSpec(Strict):
    block: BlockSpec | None = None
    windup: WindupSpec | None = None
    network: NetworkSpec | None = None
    excitotox: ExcitotoxSpec | None = None
    energetics: EnergeticsSpec | None = None


class Scenario(Strict):
    """A person (or a virtual population), a magnesium regimen, and the neural experiments to run on the
    [Mg2+] the regimen produces in a tissue at chosen times."""

    name: str = Field(min_length=1, max_length=200)
    description: str = ""
    subject: SubjectSpec = SubjectSpec()
    population: PopulationSpec | None = None
    regimen: str = Field(min_length=1, description="dose language or a named regimen (zuspan, pritchard, sibai, dhaka)")
    body: BodySpec = BodySpec()
    tissue: Literal["csf", "serum", "local"] = Field(
        "csf", description="where the neural experiments take [Mg2+]o: CSF ionized, serum ionized, or the tissue under a topical application")
    times: list[Annotated[str, quantity(HOURS)]] = Field(
        default=["0 h", "1 h", "6 h", "24 h"], min_length=1, max_length=24, description="sampling times after the start (bare: h)")
    experiments: ExperimentsSpec = ExperimentsSpec(block=BlockSpec(), windup=WindupSpec(), excitotox=ExcitotoxSpec())
