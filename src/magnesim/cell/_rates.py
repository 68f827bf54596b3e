"""Helpers shared by the Hodgkin–Huxley-type rate functions of the cell models."""

from __future__ import annotations

import jax.numpy as jnp

__all__ = ["ratio", "ratio_given_exp", "relax", "traub_miles_rates"]


def ratio_given_exp(x, e, y):
    """x / (e − 1) where e = exp(x / y), with its limit y at x = 0 (the removable singularity of
    α = a·x/(exp(x/y) − 1) rate functions). Taking e lets callers share one exponential between rates."""
    small = jnp.abs(x) < 1e-4 * y
    return jnp.where(small, y - x / 2.0, x / jnp.where(small, 1.0, e - 1.0))


def ratio(x, y):
    """x / (exp(x / y) − 1), with its limit y at x = 0."""
    return ratio_given_exp(x, jnp.exp(x / y), y)


def relax(x, target, decay):
    """Exponential-Euler update of a linear relaxation: x → target + (x − target)·decay, decay = e^(−dt/τ).
    Exact over one step when the target and τ are frozen (gates, membrane potential, pools)."""
    return target + (x - target) * decay


def traub_miles_rates(u):
    """Traub & Miles (1991) rates (α_m, β_m, α_h, β_h, α_n, β_n) in 1/ms at u = v − V_T (mV).

    Four exponentials serve the six rates: e^((40 − u)/5) = 1/e_b and e^((15 − u)/5) = e^(−5)/e_b
    with e_b = e^((u − 40)/5).
    """
    e_am = jnp.exp((13.0 - u) / 4.0)
    e_b = jnp.exp((u - 40.0) / 5.0)
    a_m = 0.32 * ratio_given_exp(13.0 - u, e_am, 4.0)
    b_m = 0.28 * ratio_given_exp(u - 40.0, e_b, 5.0)
    a_h = 0.128 * jnp.exp((17.0 - u) / 18.0)
    b_h = 4.0 * e_b / (e_b + 1.0)
    a_n = 0.032 * ratio_given_exp(15.0 - u, jnp.exp(-5.0) / e_b, 5.0)
    b_n = 0.5 * jnp.exp((10.0 - u) / 40.0)
    return a_m, b_m, a_h, b_h, a_n, b_n
