"""Kampa, Clements, Jonas & Stuart (2004) ten-state NMDA receptor model with kinetic Mg2+ block.

Five gating states — unbound U, liganded closed Cl, open O, desensitised D1 (fast) and D2 (slow) —
each with a Mg2+-bound twin (UMg, ClMg, OMg, D1Mg, D2Mg). Only O conducts.

    U  ⇄ Cl  (Rb·[Glu], Ru)      Cl ⇄ O  (Ro, Rc)       Cl ⇄ D1 (Rd1, Rr1)     D1 ⇄ D2 (Rd2, Rr2)
    UMg⇄ClMg (RbMg·[Glu], RuMg)  ClMg⇄OMg (RoMg, RcMg)   ClMg⇄D1Mg (Rd1Mg, Rr1Mg) D1Mg⇄D2Mg (Rd2Mg, Rr2Mg)
    X  ⇄ XMg (k_b,X·[Mg2+]·f_b(V), k_u,X·f_u(V))   for X in U, Cl, O, D1, D2

Mg2+ binds the open state 1000× faster than closed and desensitised states. All Mg2+ rates are
stated at V_ref = +40 mV and scale as f_b = exp(−zδ(V − V_ref)/(RT/F)),
f_u = exp(z(1 − δ)(V − V_ref)/(RT/F)) with z = 2, δ = 0.8 and RT/F fixed at 25 mV, so every
Mg2+ site has K_d(V) ∝ e^(V/12.5 mV); the open-state K_d(0 mV) is 10.4 mM. After a depolarising
step, Mg2+ leaves open channels in ~0.1 ms, channels that were closed with Mg2+ bound reopen
(~4 ms), and Mg2+ leaves closed channels slowly (~300 ms).

The published rates do not satisfy detailed balance: the products of rates around the cycles
U–Cl–ClMg–UMg, Cl–O–OMg–ClMg, Cl–D1–D1Mg–ClMg and D1–D2–D2Mg–D1Mg are 1.48, 0.79, 0.96 and 1.41
rather than 1. magnesim keeps them as published (they were fitted to data); the steady state under
constant agonist is still unique.

Kampa BM, Clements J, Jonas P, Stuart GJ (2004) J Physiol 556:337–345 (PMID 14754998); rates
from the authors' model code, ModelDB 50207 (``NMDA_Mg.mod``).
"""

from __future__ import annotations

from typing import ClassVar

import jax.numpy as jnp
import numpy as np

from .._jax import jax, pytree_dataclass
from ..params import param_field

__all__ = ["STATES", "Kampa2004"]

STATES = ("U", "Cl", "O", "D1", "D2", "UMg", "ClMg", "OMg", "D1Mg", "D2Mg")
_U, _CL, _O, _D1, _D2, _UMG, _CLMG, _OMG, _D1MG, _D2MG = range(10)

# (from, to) for each forward transition; the backward one is (to, from).
_PAIRS = np.array([
    (_U, _CL), (_CL, _O), (_CL, _D1), (_D1, _D2),
    (_UMG, _CLMG), (_CLMG, _OMG), (_CLMG, _D1MG), (_D1MG, _D2MG),
    (_U, _UMG), (_CL, _CLMG), (_O, _OMG), (_D1, _D1MG), (_D2, _D2MG),
])
_SRC = np.concatenate([_PAIRS[:, 0], _PAIRS[:, 1]])
_DST = np.concatenate([_PAIRS[:, 1], _PAIRS[:, 0]])


@pytree_dataclass
class Kampa2004:
    """Ten-state kinetic model. Kernel units: mV, ms, mM; rates in 1/ms or 1/(mM·ms)."""

    name: ClassVar[str] = "kampa-2004"
    citation: ClassVar[str] = "kampa-2004"
    kinetic: ClassVar[bool] = True
    states: ClassVar[tuple[str, ...]] = STATES

    rb: float = param_field("kampa_2004.rb", "1/mM/ms")
    ru: float = param_field("kampa_2004.ru", "1/ms")
    ro: float = param_field("kampa_2004.ro", "1/ms")
    rc: float = param_field("kampa_2004.rc", "1/ms")
    rd1: float = param_field("kampa_2004.rd1", "1/ms")
    rr1: float = param_field("kampa_2004.rr1", "1/ms")
    rd2: float = param_field("kampa_2004.rd2", "1/ms")
    rr2: float = param_field("kampa_2004.rr2", "1/ms")
    rb_mg: float = param_field("kampa_2004.rb_mg", "1/mM/ms")
    ru_mg: float = param_field("kampa_2004.ru_mg", "1/ms")
    ro_mg: float = param_field("kampa_2004.ro_mg", "1/ms")
    rc_mg: float = param_field("kampa_2004.rc_mg", "1/ms")
    rd1_mg: float = param_field("kampa_2004.rd1_mg", "1/ms")
    rr1_mg: float = param_field("kampa_2004.rr1_mg", "1/ms")
    rd2_mg: float = param_field("kampa_2004.rd2_mg", "1/ms")
    rr2_mg: float = param_field("kampa_2004.rr2_mg", "1/ms")
    mg_on_u: float = param_field("kampa_2004.rmc1b", "1/mM/ms")
    mg_off_u: float = param_field("kampa_2004.rmc1u", "1/ms")
    mg_on_cl: float = param_field("kampa_2004.rmc2b", "1/mM/ms")
    mg_off_cl: float = param_field("kampa_2004.rmc2u", "1/ms")
    mg_on_o: float = param_field("kampa_2004.rmb", "1/mM/ms")
    mg_off_o: float = param_field("kampa_2004.rmu", "1/ms")
    mg_on_d1: float = param_field("kampa_2004.rmd1b", "1/mM/ms")
    mg_off_d1: float = param_field("kampa_2004.rmd1u", "1/ms")
    mg_on_d2: float = param_field("kampa_2004.rmd2b", "1/mM/ms")
    mg_off_d2: float = param_field("kampa_2004.rmd2u", "1/ms")
    v_ref_mV: float = param_field("kampa_2004.v_ref", "mV")
    delta: float = param_field("kampa_2004.delta", "dimensionless")
    valence: float = param_field("physical.mg_valence", "dimensionless")
    rt_over_f_mV: float = param_field("kampa_2004.rt_over_f", "mV")
    e_rev_mV: float = param_field("kampa_2004.e_rev", "mV")
    glutamate_mM: float = param_field("kampa_2004.glutamate", "mM")

    def transition_rates(self, v, glu, mg):
        """The 26 directed rates (1/ms) in the order of ``_SRC``/``_DST``, for scalar v, glu, mg."""
        x = self.valence * (v - self.v_ref_mV) / self.rt_over_f_mV
        fb = mg * jnp.exp(-self.delta * x)
        fu = jnp.exp((1.0 - self.delta) * x)
        forward = jnp.stack([
            self.rb * glu, self.ro, self.rd1, self.rd2,
            self.rb_mg * glu, self.ro_mg, self.rd1_mg, self.rd2_mg,
            self.mg_on_u * fb, self.mg_on_cl * fb, self.mg_on_o * fb, self.mg_on_d1 * fb, self.mg_on_d2 * fb,
        ])
        backward = jnp.stack([
            self.ru, self.rc, self.rr1, self.rr2,
            self.ru_mg, self.rc_mg, self.rr1_mg, self.rr2_mg,
            self.mg_off_u * fu, self.mg_off_cl * fu, self.mg_off_o * fu, self.mg_off_d1 * fu, self.mg_off_d2 * fu,
        ])
        return jnp.concatenate([forward, backward])

    def rate_matrix(self, v, glu, mg):
        """Generator Q (10×10) with dx/dt = Q x, columns summing to zero."""
        k = self.transition_rates(v, glu, mg)
        q = jnp.zeros((10, 10), dtype=k.dtype)
        return q.at[_DST, _SRC].add(k).at[_SRC, _SRC].add(-k)

    def derivative(self, x, v, glu, mg):
        """dx/dt for occupancies ``x`` (…, 10), for use inside a neuron integrator."""
        return self.rate_matrix(v, glu, mg) @ x

    def steady_state(self, v, glu, mg):
        """Stationary occupancies at constant v, glu, mg (unique: one closed class of states)."""
        q = self.rate_matrix(v, glu, mg)
        a = q.at[-1].set(1.0)
        b = jnp.zeros(10, dtype=q.dtype).at[-1].set(1.0)
        return jnp.linalg.solve(a, b)

    def conducting(self, x):
        """Open, unblocked occupancy."""
        return x[..., _O]

    def unblocked_fraction(self, v, mg_o):
        """Steady-state B: open occupancy with Mg2+ relative to none, at the model's glutamate.

        Includes the effects of Mg2+ on gating (lower open probability and glutamate affinity), so
        it is not the open-state equilibrium 1/(1 + [Mg2+]/K_d,O(V)) alone.
        """
        v, mg_o = jnp.broadcast_arrays(jnp.asarray(v, dtype=float), jnp.asarray(mg_o, dtype=float))

        def one(vi, mi):
            with_mg = self.steady_state(vi, self.glutamate_mM, mi)[_O]
            without = self.steady_state(vi, self.glutamate_mM, 0.0)[_O]
            return with_mg / without

        return jax.vmap(one)(v.ravel(), mg_o.ravel()).reshape(v.shape)

    def open_state_kd(self, v):
        """K_d(V) of Mg2+ at the open state (mM)."""
        x = self.valence * (v - self.v_ref_mV) / self.rt_over_f_mV
        return self.mg_off_o / self.mg_on_o * jnp.exp(x)

    def simulate(self, x0, segments, dt_ms: float):
        """Occupancies on a uniform grid for piecewise-constant conditions, integrated exactly.

        ``segments``: sequence of (duration_ms, v_mV, glu_mM, mg_mM); each duration must be a
        multiple of ``dt_ms``. Within a segment x(t + dt) = expm(Q dt) x(t) with no truncation
        error. Returns an array (n_steps + 1, 10) starting with ``x0``.
        """
        states = [jnp.asarray(x0, dtype=float)[None]]
        x = states[0][0]
        for duration, v, glu, mg in segments:
            n = int(round(duration / dt_ms))
            step = jax.scipy.linalg.expm(self.rate_matrix(v, glu, mg) * dt_ms)

            def advance(xi, _, step=step):
                nxt = step @ xi
                return nxt, nxt

            x, trace = jax.lax.scan(advance, x, None, length=n)
            states.append(trace)
        return jnp.concatenate(states)
