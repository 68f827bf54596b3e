"""Closed-form segment propagation of one- and two-compartment mammillary models with an absorption depot.

The population-PK presets (:mod:`magnesim.body.poppk`) share one structure: a body block of m ≤ 2
states (central, peripheral) whose rate matrix B has real, distinct eigenvalues (for two
compartments the discriminant (k10+k12+k21)² − 4·k10·k21 = (k10−k21+k12)² + 4·k12·k21 > 0), a
first-order depot (state m, rate constant ka) that empties into the central state, and an absorbing
eliminated state last. Over a segment of width h with constant input rates, Sylvester's formula
gives the exact solution from scalar exponentials (Gibaldi & Perrier 1982, Pharmacokinetics, ch. 2
and appendix B):

    e^{Bh} = Σᵢ e^{λᵢh} Pᵢ,   Pᵢ = Πⱼ≠ᵢ (B − λⱼI)/(λᵢ − λⱼ),

and the depot's exponential output adds ∫₀ʰ e^{λᵢ(h−s)} e^{−ka s} ds = h·(e^{λᵢh} − e^{−ka h})/(λᵢh + ka h),
a divided difference evaluated without cancellation even where ka → −λᵢ. No matrix exponential is
formed, so the objective of :mod:`magnesim.tdm` and its derivatives cost a few scalar exponentials
per segment instead of a dozen small matrix products; :func:`magnesim.body.linear.segment_states`
(the general propagator) agrees to rounding (tests/body/test_mammillary.py).

Units: h, mmol, 1/h.
"""

from __future__ import annotations

import jax.numpy as jnp

from .._jax import jax

__all__ = ["mammillary_states"]


def _expm1_over(z):
    """(e^z − 1)/z, 1 at z = 0 (differentiable there)."""
    small = jnp.abs(z) < 1e-8
    safe = jnp.where(small, 1.0, z)
    return jnp.where(small, 1.0 + 0.5 * z, jnp.expm1(safe) / safe)


def _divided_exp(a, b):
    """(e^a − e^b)/(a − b) for a, b ≤ 0, without overflow or cancellation."""
    return jnp.exp(jnp.maximum(a, b)) * _expm1_over(-jnp.abs(a - b))


def _spectrum(block):
    """Eigenvalues and spectral projectors of a 1×1 or 2×2 block with real distinct eigenvalues."""
    m = block.shape[-1]
    if m == 1:
        return block[0], jnp.ones((1, 1, 1), dtype=block.dtype)
    tr = block[0, 0] + block[1, 1]
    det = block[0, 0] * block[1, 1] - block[0, 1] * block[1, 0]
    root = jnp.sqrt(tr**2 - 4.0 * det)
    lam = jnp.stack([0.5 * (tr + root), 0.5 * (tr - root)])
    eye = jnp.eye(2, dtype=block.dtype)
    proj = jnp.stack([(block - lam[1] * eye) / root, (block - lam[0] * eye) / -root])
    return lam, proj


def mammillary_states(a, body: int, x0, rates, boluses, widths):
    """States at every edge (S+1, n), like :func:`magnesim.body.linear.segment_states` for a rate matrix
    ``a`` (n, n) laid out as (``body`` states, depot, eliminated): start ``x0`` plus the boluses at the
    first edge, then each segment of width ``widths[s]`` at input rates ``rates[s]`` followed by the
    boluses at its end. Pure JAX, differentiable in ``a``; zero-width segments leave the state as is.
    The eliminated amount is what entered minus what the body and the depot hold."""
    lam, proj = _spectrum(a[:body, :body])
    ka = -a[body, body]
    ka_safe = jnp.where(ka > 0, ka, 1.0)  # a system without a depot has ka = 0
    into = a[:body, body] / ka_safe  # where the depot's output goes (the central state)
    start = x0 + boluses[0]

    def step(carry, inp):
        x, dep, gone = carry
        u, b_next, h = inp
        ub, ud = u[:body], u[body]
        lh, kh = lam * h, ka * h
        grow = jnp.exp(lh)
        fill = h * _expm1_over(lh)
        from_depot = ka * h * (dep - ud / ka_safe) * _divided_exp(lh, -kh) + ud * fill
        x_next = jnp.einsum("i,ijk,k->j", grow, proj, x) + jnp.einsum("i,ijk,k->j", fill, proj, ub) \
            + jnp.einsum("i,ijk,k->j", from_depot, proj, into)
        dep_next = jnp.exp(-kh) * dep + ud * h * _expm1_over(-kh)
        entered = jnp.sum(u) * h + jnp.sum(b_next)
        state = (x_next + b_next[:body], dep_next + b_next[body], gone + entered)
        return state, state

    first = (start[:body], start[body], jnp.sum(start))
    _, (xs, deps, totals) = jax.lax.scan(step, first, (rates, boluses[1:], widths))
    body_states = jnp.concatenate([first[0][None], xs])
    depots = jnp.concatenate([first[1][None], deps])
    total = jnp.concatenate([first[2][None], totals])
    eliminated = total - jnp.sum(body_states, axis=-1) - depots
    return jnp.concatenate([body_states, depots[:, None], eliminated[:, None]], axis=-1)
