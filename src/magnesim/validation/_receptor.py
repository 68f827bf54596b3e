"""Predictors of the units and receptor layers: salts, instantaneous and kinetic Mg2+ block."""

from __future__ import annotations

import functools

import numpy as np
from scipy.optimize import brentq

from ._registry import predictor


@predictor("salt_mmol_per_g")
def salt_mmol_per_g(salt: str) -> float:
    from ..units import salt as lookup

    return lookup(salt).mmol_mg_per_g


@predictor("unblocked_fraction")
def unblocked_fraction(v_mV: float, mg_mM: float, model: str = "jahr-stevens-1990") -> float:
    from ..receptor import get_model

    return float(get_model(model).unblocked_fraction(v_mV, mg_mM))


@predictor("half_block_voltage")
def half_block_voltage(mg_mM: float, model: str = "jahr-stevens-1990") -> float:
    from ..receptor import get_model

    m = get_model(model)
    return brentq(lambda v: float(m.unblocked_fraction(v, mg_mM)) - 0.5, -200.0, 150.0)


@predictor("internal_kd0")
def internal_kd0() -> float:
    from ..receptor import InternalBlock

    return float(InternalBlock().kd(0.0))


@predictor("subunit_ic50_ratio")
def subunit_ic50_ratio(v_mV: float, weak: str = "GluN2D", strong: str = "GluN2A") -> float:
    """IC50 of the weakly blocked subunit over that of the strongly blocked one, at ``v_mV``."""
    from ..receptor import get_model

    def ic50(subunit):
        m = get_model("woodhull", subunit)
        return brentq(lambda mg: float(m.unblocked_fraction(v_mV, mg)) - 0.5, 1e-9, 1e6)

    return ic50(weak) / ic50(strong)


@functools.cache
def _step():
    from ..experiments import voltage_step

    return voltage_step(mg="1 mM", v_from="-70 mV", v_to="40 mV", at="3500 ms")


@predictor("unblock_fitted_tau")
def unblock_fitted_tau(component: int) -> float:
    """The ``component``-th time constant (ms) of the 3-exponential fit to relief after the step."""
    return float(_step().tau_ms.values[component])


@predictor("unblock_slow_modes")
def unblock_slow_modes() -> float:
    """Mean (ms) of the scheme's exact relaxation modes between 100 ms and 1 s after the step."""
    modes = _step().eigen_tau_ms.values
    return float(np.mean(modes[(modes > 100) & (modes < 1000)]))
