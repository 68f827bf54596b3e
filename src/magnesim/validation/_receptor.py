"""Predictors of the units and receptor layers: salts, instantaneous and kinetic Mg2+ block."""

from __future__ import annotations

import functools

from scipy.optimize import brentq

__all__ = ["half_block_voltage", "internal_kd0", "salt_mmol_per_g", "subunit_ic50_ratio", "unblock_fitted_tau", "unblocked_fraction"]


def salt_mmol_per_g(salt: str) -> float:
    from ..units import salt as lookup

    return lookup(salt).mmol_mg_per_g


def unblocked_fraction(v_mV: float, mg_mM: float) -> float:
    """Jahr–Stevens unblocked fraction (magnesim's default block model)."""
    from ..receptor import get_model

    return float(get_model().unblocked_fraction(v_mV, mg_mM))


def half_block_voltage(mg_mM: float) -> float:
    from ..receptor import get_model

    m = get_model()
    return brentq(lambda v: float(m.unblocked_fraction(v, mg_mM)) - 0.5, -200.0, 150.0)


def internal_kd0() -> float:
    from ..receptor import InternalBlock

    return float(InternalBlock().kd(0.0))


def subunit_ic50_ratio(v_mV: float) -> float:
    """IC50 of GluN1/2D over GluN1/2A at ``v_mV`` (Woodhull presets: the IC50 is the model's K_d(V))."""
    from ..receptor import get_model

    return float(get_model("woodhull", "GluN2D").kd(v_mV) / get_model("woodhull", "GluN2A").kd(v_mV))


@functools.cache
def _step():
    from ..experiments import unblock

    return unblock(mg="1 mM", v_from="-60 mV", v_to="40 mV", at="3500 ms")  # Kampa 2004 Fig. 2: -60 -> +40 mV


def unblock_fitted_tau(component: int) -> float:
    """The ``component``-th time constant (ms) of the 3-exponential fit to relief after the step."""
    return float(_step().tau_ms.values[component])
