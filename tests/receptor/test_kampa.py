"""Kampa et al. (2004) ten-state model: transcription of the published rates, exact integration,
glutamate pulses, and steady-state block against the instantaneous curves."""

import jax.numpy as jnp
import numpy as np
import pytest

from magnesim.receptor import JahrStevens, Kampa2004
from magnesim.receptor.kampa import STATES

M = Kampa2004()
V = np.linspace(-100, 40, 15)


def test_open_state_rates_at_minus_60():
    # neuro.md §1.6 (derived from ModelDB 50207): k_on 30 /mM/ms, k_off 2.6 /ms at −60 mV; Kd(0) 10.4 mM.
    k = np.asarray(M.transition_rates(-60.0, 0.0, 1.0))
    src, dst = STATES.index("O"), STATES.index("OMg")
    forward = dict(zip(zip(np.r_[0, 1, 1, 3, 5, 6, 6, 8, 0, 1, 2, 3, 4], np.r_[1, 2, 3, 4, 6, 7, 8, 9, 5, 6, 7, 8, 9], strict=True), k[:13], strict=True))
    backward = dict(zip(zip(np.r_[0, 1, 1, 3, 5, 6, 6, 8, 0, 1, 2, 3, 4], np.r_[1, 2, 3, 4, 6, 7, 8, 9, 5, 6, 7, 8, 9], strict=True), k[13:], strict=True))
    assert forward[(src, dst)] == pytest.approx(30.1, abs=0.1)
    assert backward[(src, dst)] == pytest.approx(2.58, abs=0.01)
    assert float(M.open_state_kd(0.0)) == pytest.approx(10.4, abs=0.05)


# neuro.md §1.2, "Kampa 2004 open-state equilibrium" column ([Mg2+]o = 1 mM)
OPEN_EQ = {-100: 0.0035, -80: 0.0170, -65: 0.0544, -60: 0.0791, -40: 0.298, -20: 0.678, 0: 0.913, 20: 0.981}


@pytest.mark.parametrize(("v", "expected"), OPEN_EQ.items())
def test_open_state_equilibrium_table(v, expected):
    assert 1 / (1 + 1 / float(M.open_state_kd(float(v)))) == pytest.approx(expected, abs=1e-3)


def test_published_rates_break_detailed_balance_as_documented():
    """Cycle products of the published rates (a transcription check; 1.0 would be detailed balance)."""
    q = np.asarray(M.rate_matrix(-30.0, 1.0, 1.0))
    i = {s: STATES.index(s) for s in STATES}

    def cycle(path):
        fwd = np.prod([q[i[b], i[a]] for a, b in zip(path, path[1:] + path[:1], strict=True)])
        bwd = np.prod([q[i[a], i[b]] for a, b in zip(path, path[1:] + path[:1], strict=True)])
        return fwd / bwd

    assert cycle(["U", "Cl", "ClMg", "UMg"]) == pytest.approx(1.48, abs=0.01)
    assert cycle(["Cl", "O", "OMg", "ClMg"]) == pytest.approx(0.79, abs=0.01)
    assert cycle(["Cl", "D1", "D1Mg", "ClMg"]) == pytest.approx(0.96, abs=0.01)
    assert cycle(["D1", "D2", "D2Mg", "D1Mg"]) == pytest.approx(1.41, abs=0.01)


@pytest.mark.parametrize(("v", "glu", "mg"), [(-60.0, 1.0, 1.0), (40.0, 0.0, 1.0), (-100.0, 0.01, 2.0), (0.0, 1.0, 0.0)])
def test_steady_state_is_stationary(v, glu, mg):
    x = np.asarray(M.steady_state(v, glu, mg))
    assert x.sum() == pytest.approx(1.0, abs=1e-12)
    assert np.all(x >= -1e-14)
    np.testing.assert_allclose(np.asarray(M.rate_matrix(v, glu, mg)) @ x, 0.0, atol=1e-13)


def rk4(x, v, glu, mg, dt, n):
    q = np.asarray(M.rate_matrix(v, glu, mg))  # constant within a segment
    np.testing.assert_allclose(np.asarray(M.derivative(jnp.asarray(x), v, glu, mg)), q @ x, atol=1e-15)
    f = q.__matmul__
    out = [x]
    for _ in range(n):
        k1 = f(x)
        k2 = f(x + dt / 2 * k1)
        k3 = f(x + dt / 2 * k2)
        k4 = f(x + dt * k3)
        x = x + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        out.append(x)
    return np.array(out)


def test_exact_integration_matches_rk4():
    """The matrix-exponential solver against RK4 at a small step on a glutamate pulse at −60 mV."""
    x0 = np.asarray(M.steady_state(-60.0, 0.0, 1.0))
    exact = np.asarray(M.simulate(x0, [(1.0, -60.0, 1.0, 1.0), (19.0, -60.0, 0.0, 1.0)], dt_ms=0.01))
    pulse = rk4(x0, -60.0, 1.0, 1.0, 0.001, 1000)
    after = rk4(pulse[-1], -60.0, 0.0, 1.0, 0.001, 19000)
    reference = np.concatenate([pulse[::10], after[10::10]])
    np.testing.assert_allclose(exact, reference, atol=1e-11)
    np.testing.assert_allclose(exact.sum(axis=1), 1.0, atol=1e-12)


def test_glutamate_pulse_gives_nmda_like_current():
    """1 ms, 1 mM glutamate: slow rise (~13 ms) and slow decay (half-decay ~110 ms, NMDA-like);
    at −60 mV in 1 mM Mg2+ the conductance is cut > 20-fold."""

    def response(v, mg):
        x0 = M.steady_state(v, 0.0, mg)
        o = np.asarray(M.conducting(M.simulate(x0, [(1.0, v, 1.0, mg), (999.0, v, 0.0, mg)], dt_ms=0.05)))
        return np.arange(o.size) * 0.05, o

    t, o = response(40.0, 1.0)
    peak = o.argmax()
    assert 8 < t[peak] < 25
    half = t[peak:][o[peak:] < o[peak] / 2][0]
    assert 60 < half < 250
    _, o_rest = response(-60.0, 1.0)
    assert o.max() / o_rest.max() > 20


def test_steady_state_block_against_instantaneous_curves():
    """The instantaneous (open-state) block of the model equals Jahr–Stevens at −60 mV, which it was
    tuned to; the full steady state adds block through Mg2+ effects on gating (lower open probability,
    more desensitisation), 0.36–0.99 of the open-state curve over −100…+40 mV. Numbers are in the README."""
    js = np.asarray(JahrStevens().unblocked_fraction(V, 1.0))
    open_eq = 1 / (1 + 1 / np.asarray(M.open_state_kd(V)))
    steady = np.asarray(M.unblocked_fraction(V, 1.0))
    assert open_eq[4] == pytest.approx(js[4], rel=0.01)  # −60 mV
    assert np.max(np.abs(open_eq - js)) == pytest.approx(0.17, abs=0.01)  # largest gap, at −20 mV
    ratio = steady / open_eq
    assert np.all(ratio < 1.0)
    assert np.all(np.diff(ratio) > 0)
    assert ratio[0] == pytest.approx(0.364, abs=0.005) and ratio[-1] > 0.99
    assert steady[10] == pytest.approx(js[10], abs=0.002)  # the two agree at 0 mV
    assert np.max(np.abs(steady - js)) == pytest.approx(0.106, abs=0.005)  # at −30 mV
