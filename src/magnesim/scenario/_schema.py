"""The scenario file's structure (pydantic): who, which regimen, which tissue, which experiments, when.

Quantities are strings with units (bare numbers take the unit named in each field's description) and
are checked by :mod:`magnesim.units` during validation, so a bad value is reported with its path.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from ..errors import MagnesimError
from ..units import (
    AGONIST,
    BODY_WEIGHT,
    CONCENTRATION,
    CREATININE,
    FLOW,
    FREQUENCY,
    HEIGHT,
    HOURS,
    TIME,
    VOLTAGE,
    Kind,
    to_kernel,
    to_kernel_array,
)

__all__ = ["Scenario"]


def _quantity(kind: Kind, many: bool = False):
    """A field holding a quantity (or a list/range) of ``kind``; the text is kept, its value checked."""

    def check(v):
        if isinstance(v, bool) or not isinstance(v, str | int | float | list) or (isinstance(v, list) and not many):
            raise ValueError(f"got {v!r}; accepted: {kind.accepted()}")  # noqa: TRY004 (pydantic reports ValueError)
        text = ",".join(str(x) for x in v) if isinstance(v, list) else str(v)
        try:
            (to_kernel_array if many else to_kernel)(text, "value", kind)
        except MagnesimError as exc:  # keep its own sentence, without the placeholder name
            raise ValueError(str(exc).removeprefix("value: ")) from None
        return text

    return BeforeValidator(check)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SubjectSpec(_Strict):
    weight: Annotated[str, _quantity(BODY_WEIGHT)] = Field("70 kg", description="body weight (bare: kg)")
    height: Annotated[str, _quantity(HEIGHT)] = Field("165 cm", description="height (bare: cm)")
    sex: Literal["female", "male"] = "female"
    age: float = Field(30.0, description="age in years")
    pregnant: bool = False
    creatinine: Annotated[str, _quantity(CREATININE)] | None = Field(None, description="serum creatinine (bare: mg/dL)")
    gfr: Annotated[str, _quantity(FLOW)] | None = Field(None, description="measured GFR (bare: mL/min)")


class PopulationSpec(_Strict):
    size: int = Field(ge=2, le=5000, description="number of virtual subjects, 2 to 5000")
    seed: int = Field(0, ge=0)


class BodySpec(_Strict):
    model: str = Field("physiological", description="physiological, or a population-PK preset (serum only)")
    duration: Annotated[str, _quantity(HOURS)] = Field("48 h", description="simulated time (bare: h)")
    output_step: Annotated[str, _quantity(HOURS)] = Field("15 min", description="output step (bare: h)")


# Experiment settings left out take the experiment's own defaults; their bounds are the experiment's
# (checked with the models, magnesim.scenario._load), so each range is stated once.
class BlockSpec(_Strict):
    voltages: Annotated[str, _quantity(VOLTAGE, many=True)] | None = Field(None, description="membrane potentials (bare: mV)")
    model: str = "jahr-stevens-1990"


class WindupSpec(_Strict):
    frequency: Annotated[str, _quantity(FREQUENCY)] | None = Field(None, description="C-fibre stimulus frequency (bare: Hz)")
    stimuli: int | None = Field(None, description="number of C-fibre stimuli")


class NetworkSpec(_Strict):
    duration: Annotated[str, _quantity(TIME)] | None = Field(None, description="simulated time (bare: ms)")
    seed: int | None = Field(None, ge=0)


class ExcitotoxSpec(_Strict):
    agonist: Literal["NMDA", "glutamate"] | None = None
    conc: Annotated[str, _quantity(AGONIST)] | None = Field(None, description="bath agonist (bare: uM)")
    duration: Annotated[str, _quantity(TIME)] | None = Field(None, description="exposure (bare: ms)")


class EnergeticsSpec(_Strict):
    mg_i: Annotated[str, _quantity(CONCENTRATION, many=True)] | None = Field(None, description="free [Mg2+]i (bare: mM)")


class ExperimentsSpec(_Strict):
    block: BlockSpec | None = None
    windup: WindupSpec | None = None
    network: NetworkSpec | None = None
    excitotox: ExcitotoxSpec | None = None
    energetics: EnergeticsSpec | None = None


class Scenario(_Strict):
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
    times: list[Annotated[str, _quantity(HOURS)]] = Field(
        default=["0 h", "1 h", "6 h", "24 h"], min_length=1, max_length=24, description="sampling times after the start (bare: h)")
    experiments: ExperimentsSpec = ExperimentsSpec(block=BlockSpec(), windup=WindupSpec(), excitotox=ExcitotoxSpec())
