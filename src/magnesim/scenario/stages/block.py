"""NMDA-receptor Mg2+ block at each sampling time (:func:`magnesim.experiments.block`)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ..._spec_fields import Strict, quantity
from ...units import VOLTAGE, to_kernel_array
from ._stage import Outcome, Stage, StageResult

REST_MV = -60.0  # the resting potential at which the summary reports block (Jahr & Stevens' reference voltage)


class BlockSpec(Strict):
    voltages: Annotated[str, quantity(VOLTAGE, many=True)] | None = Field(None, description="membrane potentials (bare: mV)")
    model: str = "jahr-stevens-1990"


def resolve(spec: BlockSpec) -> dict:
    from ...receptor import get_model

    return {"model": get_model(spec.model)} | ({} if spec.voltages is None else {"v": to_kernel_array(spec.voltages, "voltages", VOLTAGE)})


def run(settings, mg) -> StageResult:
    from ...experiments import block

    b = block(mg=mg, **settings)
    rest = block(REST_MV, mg, settings["model"]).unblocked_fraction.isel(v_mV=0)
    return StageResult(
        outcomes=(Outcome("unblocked_fraction", b.unblocked_fraction.values, {"units": "1"}, dims=("v_mV",)),
                  Outcome("unblocked_fraction_at_rest", rest.values, {"units": "1", "long_name": f"NMDA unblocked fraction at {REST_MV:g} mV"},
                          label="unblocked at −60 mV")),
        coords={"v_mV": b.v_mV}, provenance=b.attrs)


STAGE = Stage("block", 10, BlockSpec, resolve, run, default=True)
