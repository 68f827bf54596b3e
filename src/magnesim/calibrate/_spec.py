"""The calibration spec file: YAML read with a safe loader, its structure checked by pydantic.

Checks that need the parameter library, the validation targets and the predictor registry (an
unknown id, bounds outside a parameter's plausible range, a target that cannot be differentiated)
run when the spec is resolved into a :class:`~magnesim.calibrate.Problem`; both stages report one
:class:`~magnesim.errors.ScenarioError` line with the field path, the value and what is accepted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from .._spec_files import read_text, validate_mapping, yaml_data
from ..validation import LAYERS
from ._transforms import TRANSFORMS

__all__ = ["CalibrationSpec", "OptimiserSpec", "ParameterSpec", "SolverSpec", "TargetSelector", "load_spec", "parse_spec", "read_spec", "validate_spec"]


def _id_shorthand(v):
    """``- body.v_central`` in a list stands for ``- {id: body.v_central}``."""
    return {"id": v} if isinstance(v, str) else v


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ParameterSpec(_Strict):
    id: str = Field(min_length=1, description="a parameter-library id, e.g. body.v_central")
    bounds: tuple[float | str, float | str] | None = Field(
        None, description="[lower, upper] within the library's plausible range (bare numbers in the library unit); default: that range")
    transform: Literal[TRANSFORMS] | None = Field(
        None, description="log, logit or none; default: logit for a dimensionless fraction, log for positive bounds, else none")


class TargetSelector(_Strict):
    id: str | None = Field(None, description="a validation target id ('magnesim validate --json' lists them)")
    role: Literal["implementation", "calibration", "validation"] | None = Field(None, description="every target of this role")
    layer: Literal[LAYERS] | None = Field(None, description="with role: only this layer")

    @model_validator(mode="after")
    def _id_or_role(self) -> TargetSelector:
        if (self.id is None) == (self.role is None) or (self.id is not None and self.layer is not None):
            raise ValueError("a target id, or a role with an optional layer")
        return self


class SolverSpec(_Strict):
    dt: str | float = Field("1 min", description="RK4 step of the physiological body model (bare: h); the validation uses 1 min")


class OptimiserSpec(_Strict):
    max_steps: int = Field(200, ge=1, le=100_000, description="BFGS steps per start, and L-BFGS-B iterations of the polish of the best")
    tolerance: float = Field(1e-8, gt=0.0, lt=1.0, description=(
        "BFGS stops when successive steps and losses agree within this (relative and absolute), the polish when the "
        "projected gradient of the loss (transformed coordinates) is below it"))


class CalibrationSpec(_Strict):
    """Free parameters by library id, validation targets by id or role, solver and optimiser settings."""

    name: str = Field("calibration", min_length=1, max_length=200)
    description: str = ""
    parameters: list[Annotated[ParameterSpec, BeforeValidator(_id_shorthand)]] = Field(min_length=1)
    targets: list[Annotated[TargetSelector, BeforeValidator(_id_shorthand)]] = Field(min_length=1)
    solver: SolverSpec = SolverSpec()
    optimiser: OptimiserSpec = OptimiserSpec()
    starts: int = Field(1, ge=1, le=64, description="optimiser starts: the library values, then random points in the bounds")
    seed: int = Field(0, ge=0, description="seed of the random starts")


def read_spec(source: str | Path) -> tuple[str, str]:
    """(YAML text, where it came from) of the spec file ``source``."""
    return read_text(source, "spec", "a YAML calibration spec file")


def load_spec(source: str | Path) -> CalibrationSpec:
    """The spec of file ``source``, its structure checked."""
    return parse_spec(*read_spec(source))


def parse_spec(text: str, where: str = "spec") -> CalibrationSpec:
    """Validate YAML ``text``; errors are prefixed with ``where``."""
    return validate_spec(yaml_data(text, where), where)


def validate_spec(data, where: str = "spec") -> CalibrationSpec:
    """A :class:`CalibrationSpec` from parsed YAML (a mapping); errors are prefixed with ``where``."""
    return validate_mapping(data, CalibrationSpec, where, "spec")
