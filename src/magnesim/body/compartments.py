"""User-defined compartment models on magnesim's body engine.

A :class:`CompartmentModel` names its compartments, gives the right-hand side over amounts as a
JAX function of one subject's amounts, parameters and input rates, and says which compartment each
route doses. It then runs any regimen (dose language or :class:`Regimen`) for a batch of subjects
in one compiled call, with exact per-step inputs and RK4 (:mod:`magnesim.body.ode`).

>>> import jax.numpy as jnp
>>> def rhs(x, p, u):  # one compartment, first-order elimination; p = (volume L, clearance L/h)
...     return u + jnp.stack([-p[1] / p[0] * x[0], p[1] / p[0] * x[0]])
>>> model = CompartmentModel(("central", "eliminated"), rhs, {"iv": "central"})
>>> run = model.simulate("16 mmol IV", jnp.array([[15.0, 4.8]]), jnp.zeros((1, 2)), hours=4, output_step_h=1)
>>> run.amounts.shape
(1, 5, 2)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from ..errors import ParameterError, invalid
from .ode import Dose, discretize, rk4
from .regimen import Regimen

__all__ = ["CompartmentModel", "Run"]


@dataclass(frozen=True)
class Run:
    """Amounts (subject, time, compartment), the output times and the cumulative amount dosed."""

    time_h: np.ndarray
    amounts: np.ndarray
    dosed: np.ndarray
    compartments: tuple[str, ...]

    def amount(self, compartment: str) -> np.ndarray:
        return self.amounts[..., self.compartments.index(compartment)]

    def to_dataset(self):
        import xarray as xr

        return xr.Dataset(
            {"amount_mmol": (("subject", "time_h", "compartment"), self.amounts, {"units": "mmol"}),
             "dosed_cumulative_mmol": (("time_h",), self.dosed, {"units": "mmol"})},
            coords={"time_h": ("time_h", self.time_h, {"units": "h"}), "compartment": list(self.compartments)},
        )


@dataclass(frozen=True)
class CompartmentModel:
    """Compartments, a right-hand side ``rhs(amounts, params, input_rate) -> d amounts/dt`` (mmol/h),
    and the compartment each route doses (``{"iv": "central"}``; bioavailability 1)."""

    compartments: tuple[str, ...]
    rhs: Callable
    routes: Mapping[str, str]

    def simulate(self, regimen: str | Regimen, params, x0, hours: float, output_step_h: float, dt_h: float = 1.0 / 60.0) -> Run:
        """Run ``regimen`` for every subject (the first axis of ``params`` leaves and of ``x0``)."""
        from .simulate import resolve_regimen

        reg = resolve_regimen(regimen)
        every = int(round(output_step_h / dt_h))
        if every < 1 or abs(every * dt_h - output_step_h) > 1e-9 * output_step_h:
            raise ParameterError(invalid("output_step_h", output_step_h, f"a multiple of the solver step {dt_h:g} h"))
        n_records = int(round(hours / output_step_h))
        doses = []
        for e in reg.events:
            if e.route not in self.routes:
                raise ParameterError(invalid("regimen", e.route, f"routes this model doses: {', '.join(self.routes)}"))
            doses.append(Dose(e.start_h, e.duration_h, e.amount_mmol, [(self.compartments.index(self.routes[e.route]), 1.0)]))
        inputs = discretize(doses, n_records * every, dt_h, len(self.compartments))
        amounts = rk4(self.rhs, params, x0, inputs, dt_h, every)
        dosed = np.concatenate([[0.0], inputs.delivered[every - 1 :: every]])
        return Run(np.arange(n_records + 1) * output_step_h, amounts, dosed, self.compartments)
