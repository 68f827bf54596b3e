"""The scenario file's structure (pydantic): who, which regimen, which tissue, which experiments, when.

Quantities are strings with units (bare numbers take the unit named in each field's description) and
are checked by :mod:`magnesim.units` during validation, so a bad value is reported with its path.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, ClassVar, Literal

from pydantic import Field, create_model

from .._spec_fields import Strict, SubjectSpec, quantity
from ..units import HOURS
from .stages import STAGES, Stage

__all__ = ["Scenario", "scenario_model"]


class PopulationSpec(Strict):
    size: int = Field(ge=2, le=5000, description="number of virtual subjects, 2 to 5000")
    seed: int = Field(0, ge=0)


class BodySpec(Strict):
    model: str = Field("physiological", description="physiological, or a population-PK preset (serum only)")
    duration: Annotated[str, quantity(HOURS)] = Field("48 h", description="simulated time (bare: h)")
    output_step: Annotated[str, quantity(HOURS)] = Field("15 min", description="output step (bare: h)")


class _ScenarioBase(Strict):
    """A person (or a virtual population), a magnesium regimen, and the neural experiments to run on the
    [Mg2+] the regimen produces in a tissue at chosen times."""

    stages: ClassVar[dict[str, Stage]] = {}  # the experiments this schema knows, by name, in run order

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


def scenario_model(stages: Sequence[Stage]) -> type[_ScenarioBase]:
    """The scenario schema whose ``experiments`` are ``stages`` (each optional, by name; a scenario that
    names none runs the stages marked ``default``). :data:`Scenario` is the schema of every built-in stage."""
    experiments = create_model("ExperimentsSpec", __base__=Strict, **{st.name: (st.spec | None, None) for st in stages})
    default = experiments(**{st.name: st.spec() for st in stages if st.default})
    model = create_model("Scenario", __base__=_ScenarioBase, __doc__=_ScenarioBase.__doc__, experiments=(experiments, default))
    model.stages = {st.name: st for st in sorted(stages, key=lambda st: st.order)}
    return model


Scenario = scenario_model(STAGES)
