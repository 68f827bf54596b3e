"""The sweep file's structure (pydantic): which model, which design (grid and random factors, virtual
subjects), the seed, the chunk size and which outputs to keep.

A design's conditions are the full product of the ``grid`` factors (in file order, the last varying
fastest) crossed with ``random.n`` draws of the ``random`` factors. A body sweep runs ``population``
virtual subjects in every condition (the same people in every condition: common random numbers).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from .._spec_fields import Strict, SubjectSpec, quantity
from .._spec_files import read_text, validate_mapping, yaml_data
from ..errors import ScenarioError
from ..units import HOURS, NEURAL_STEP

__all__ = ["SweepSpec", "read_sweep"]

MAX_ROWS = 100_000_000
LAWS = ("uniform", "loguniform", "normal")


class BodySweep(Strict):
    model: str = Field("physiological", description="physiological, or a population-PK preset (serum only)")
    regimen: str = Field("zuspan", min_length=1, description="dose language or a named regimen (zuspan, pritchard, sibai, dhaka)")
    duration: Annotated[str, quantity(HOURS)] = Field("48 h", description="simulated time (bare: h)")
    output_step: Annotated[str, quantity(HOURS)] = Field("15 min", description="output step (bare: h)")
    subject: SubjectSpec = SubjectSpec()


class BlockSweep(Strict):
    model: str = Field("jahr-stevens-1990", description="block model (magnesim models lists them)")
    subunit: str | None = Field(None, description="GluN2 subunit preset (GluN2A-D) of the Woodhull model")


class WindupSweep(Strict):
    stimuli: int = Field(16, description="number of C-fibre stimuli")
    block: str | None = Field(None, description="block model (default Jahr-Stevens 1990)")
    subunit: str | None = None
    seed: int = Field(0, ge=0, description="seed of the afferent jitter (shared by every condition)")
    dt: Annotated[str, quantity(NEURAL_STEP)] = Field("0.05 ms", description="integration step (bare: ms)")


SECTIONS = {"body": BodySweep, "block": BlockSweep, "windup": WindupSweep}


class Distribution(Strict):
    uniform: tuple[str | float, str | float] | None = None
    loguniform: tuple[str | float, str | float] | None = None
    normal: tuple[str | float, str | float] | None = Field(None, description="mean and SD")

    @model_validator(mode="after")
    def _one(self):
        given = [k for k in LAWS if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"got {given or 'none'}; accepted: exactly one of uniform: [low, high], loguniform: [low, high], normal: [mean, sd]")
        return self

    @property
    def law(self) -> str:
        return next(k for k in LAWS if getattr(self, k) is not None)

    @property
    def bounds(self) -> tuple:
        return getattr(self, self.law)


class RandomDesign(Strict):
    n: int = Field(ge=1, le=10_000_000, description="number of random conditions")
    factors: dict[str, Distribution] = Field(min_length=1)


class SweepSpec(Strict):
    """A sweep of one model over a design, computed in chunks and stored in Zarr."""

    name: str = Field(min_length=1, max_length=200)
    description: str = ""
    kind: Literal["body", "block", "windup"]
    body: BodySweep | None = None
    block: BlockSweep | None = None
    windup: WindupSweep | None = None
    grid: dict[str, list[str | float] | str] = Field(default_factory=dict, description="factor → values (a list, or a range text '0:3:0.1 mM')")
    random: RandomDesign | None = None
    population: int | None = Field(None, ge=1, le=10_000_000, description="body sweeps: virtual subjects per condition")
    seed: int = Field(0, ge=0)
    chunk: int = Field(10_000, ge=1, le=1_000_000, description="rows per chunk (one compiled call each)")
    keep: list[str] = Field(default_factory=list, description="body sweeps: time courses to store besides the per-subject summaries")

    @field_validator("grid")
    @classmethod
    def _grid(cls, v):
        for key, values in v.items():
            if isinstance(values, list) and not values:
                raise ValueError(f"{key}: got []; accepted: at least one value")
        return v

    @model_validator(mode="after")
    def _settings(self):
        for kind in SECTIONS:
            if kind != self.kind and getattr(self, kind) is not None:
                raise ValueError(f"got settings for '{kind}' in a {self.kind} sweep; accepted: only a '{self.kind}' section")
        if self.kind != "body" and (self.population is not None or self.keep):
            raise ValueError(f"got population/keep in a {self.kind} sweep; accepted: population and keep only in body sweeps")
        return self

    def settings(self):
        """This kind's settings section (its defaults when the file leaves it out)."""
        return getattr(self, self.kind) or SECTIONS[self.kind]()


def read_sweep(source: str | Path | dict) -> SweepSpec:
    """A validated :class:`SweepSpec` from a YAML file or a mapping; errors name the field path."""
    if isinstance(source, SweepSpec):
        return source
    if isinstance(source, dict):
        return validate_mapping(source, SweepSpec, "sweep", "sweep")
    text, where = read_text(source, "sweep", "a sweep YAML file (examples/sweep/ shows every key)")
    if not text.strip():
        raise ScenarioError(f"{where}: got an empty file; accepted: a YAML mapping of the keys {', '.join(SweepSpec.model_fields)}")
    return validate_mapping(yaml_data(text, where), SweepSpec, where, "sweep")
