"""Low-Mg2+ network activity at each sampling time (:func:`magnesim.experiments.network`)."""

from __future__ import annotations

from typing import Annotated

import numpy as np
from pydantic import Field

from ..._spec_fields import Strict, quantity
from ...units import TIME, to_kernel
from ._stage import Outcome, Stage, StageResult


class NetworkSpec(Strict):
    duration: Annotated[str, quantity(TIME)] | None = Field(None, description="simulated time (bare: ms)")
    seed: int | None = Field(None, ge=0)


def resolve(spec: NetworkSpec) -> dict:
    from ...experiments.network import durations

    settings = {} if spec.duration is None else {"duration": to_kernel(spec.duration, "duration", durations())}
    return settings | ({} if spec.seed is None else {"seed": spec.seed})


def run(settings, mg) -> StageResult:
    from ...experiments import network

    n = network(mg, **settings).squeeze()
    return StageResult(
        outcomes=(Outcome("network_event_rate_per_min", np.atleast_1d(n.event_rate_per_min.values),
                          {"units": "1/min", "duration_ms": n.attrs["duration_ms"]}, label="network events / min"),
                  Outcome("network_exc_rate_hz", np.atleast_1d(n.exc_rate_hz.values), {"units": "Hz"})),
        provenance=n.attrs)


STAGE = Stage("network", 30, NetworkSpec, resolve, run)
