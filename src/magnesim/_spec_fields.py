"""Fields shared by magnesim's YAML specification files (scenarios, patients): strict pydantic models,
quantity fields checked by :mod:`magnesim.units` with the text kept, and the subject's covariates."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from .errors import MagnesimError
from .units import BODY_WEIGHT, CREATININE, FLOW, HEIGHT, Kind, to_kernel, to_kernel_array

__all__ = ["Strict", "SubjectSpec", "quantity", "subject_from_spec"]


def quantity(kind: Kind, many: bool = False):
    """A field holding a quantity (or a list/range) of ``kind``; the text is kept, its value checked."""

    def check(v):
        if isinstance(v, bool) or not isinstance(v, str | int | float | list) or (isinstance(v, list) and not many):
            raise ValueError(f"got {v!r}; accepted: {kind.accepted()}")  # pydantic reports ValueError
        text = ",".join(str(x) for x in v) if isinstance(v, list) else str(v)
        try:
            (to_kernel_array if many else to_kernel)(text, "value", kind)
        except MagnesimError as exc:  # keep its own sentence, without the placeholder name
            raise ValueError(exc.reason()) from None
        return text

    return BeforeValidator(check)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SubjectSpec(Strict):
    weight: Annotated[str, quantity(BODY_WEIGHT)] = Field("70 kg", description="body weight (bare: kg)")
    height: Annotated[str, quantity(HEIGHT)] = Field("165 cm", description="height (bare: cm)")
    sex: Literal["female", "male"] = "female"
    age: float = Field(30.0, description="age in years")
    pregnant: bool = False
    creatinine: Annotated[str, quantity(CREATININE)] | None = Field(None, description="serum creatinine (bare: mg/dL)")
    gfr: Annotated[str, quantity(FLOW)] | None = Field(None, description="measured GFR (bare: mL/min)")


def subject_from_spec(spec: SubjectSpec):
    """The :class:`~magnesim.body.Subject` of ``spec`` (its bounds are the body layer's)."""
    from .body import Subject

    return Subject(weight_kg=to_kernel(spec.weight, "weight", BODY_WEIGHT), height_cm=to_kernel(spec.height, "height", HEIGHT),
                   sex=spec.sex, age_y=spec.age, pregnant=spec.pregnant,
                   scr_mg_dL=None if spec.creatinine is None else to_kernel(spec.creatinine, "creatinine", CREATININE),
                   gfr_mL_min=None if spec.gfr is None else to_kernel(spec.gfr, "gfr", FLOW))
