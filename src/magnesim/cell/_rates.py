"""Helpers shared by the Hodgkin–Huxley-type rate functions of the cell models."""

from __future__ import annotations

import jax.numpy as jnp

__all__ = ["ratio", "ratio_given_exp"]


def ratio_given_exp(x, e, y):
    """x / (e − 1) where e = exp(x / y), with its limit y at x = 0 (the removable singularity of
    α = a·x/(exp(x/y) − 1) rate functions). Taking e lets callers share one exponential between rates."""
    small = jnp.abs(x) < 1e-4 * y
    return jnp.where(small, y - x / 2.0, x / jnp.where(small, 1.0, e - 1.0))


def ratio(x, y):
    """x / (exp(x / y) − 1), with its limit y at x = 0."""
    return ratio_given_exp(x, jnp.exp(x / y), y)
