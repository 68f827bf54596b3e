"""MgATP and Na+/K+-pump turnover against free intracellular Mg2+ (:func:`magnesim.experiments.energetics`).
It does not depend on the tissue's [Mg2+]o: its variables are added as they are."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ..._spec_fields import Strict, quantity
from ...units import CONCENTRATION, to_kernel_array
from ._stage import Stage, StageResult


class EnergeticsSpec(Strict):
    mg_i: Annotated[str, quantity(CONCENTRATION, many=True)] | None = Field(None, description="free [Mg2+]i (bare: mM)")


def resolve(spec: EnergeticsSpec) -> dict:
    from ...experiments.energetics import MG_I

    return {} if spec.mg_i is None else {"mg_i": to_kernel_array(spec.mg_i, "mg_i", MG_I)}


def run(settings, mg) -> StageResult:
    from ...experiments import energetics

    g = energetics(**settings)
    return StageResult(variables={k: g[k] for k in ("mgatp_fraction", "pump_rate_relative")}, provenance=g.attrs)


STAGE = Stage("energetics", 50, EnergeticsSpec, resolve, run)
