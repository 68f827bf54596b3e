"""The interface every Mg2+ block model follows.

Kernel units: membrane potential ``v`` in mV, concentrations in mM, time in ms, temperature in K.
``unblocked_fraction(v, mg_o)`` returns B, the fraction of NMDA conductance not blocked by
external Mg2+, broadcasting over any array shapes, differentiable with JAX. For kinetic models it
is the steady-state value with saturating agonist (its simulate methods give the time course).
"""

from __future__ import annotations

from typing import ClassVar, Protocol, runtime_checkable

__all__ = ["BlockModel", "exp_clipped", "rt_over_f_mV"]

_EXP_LIMIT = 700.0  # exp(700) ~ 1e304: beyond it B is exactly 0 or 1 and 0·inf would give NaN


def rt_over_f_mV(gas_constant: float, temperature_K: float, faraday: float):
    """RT/F in mV."""
    return 1e3 * gas_constant * temperature_K / faraday


def exp_clipped(xp, x):
    """exp(x) with x clipped to ±700, so that extreme voltages give B = 0 or 1, never NaN."""
    return xp.exp(xp.clip(x, -_EXP_LIMIT, _EXP_LIMIT))


@runtime_checkable
class BlockModel(Protocol):
    """A model of NMDA-receptor Mg2+ block.

    Class attributes: ``name`` (registry name), ``citation`` (key in the parameter library's
    citations), ``kinetic`` (True when block has its own time course) and ``instantaneous_in_v``
    (True when B depends only on the present V and [Mg2+]o).
    """

    name: ClassVar[str]
    citation: ClassVar[str]
    kinetic: ClassVar[bool]

    def unblocked_fraction(self, v, mg_o):
        """B(V, [Mg2+]o) in [0, 1]; ``v`` in mV and ``mg_o`` in mM, broadcast together."""
        ...
