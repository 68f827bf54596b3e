"""Synaptic conductances against their exact solutions; NMDA block by name; Ca2+ entry and pool."""

import jax.numpy as jnp
import numpy as np
import pytest

from magnesim.params import value
from magnesim.receptor import JahrStevens, get_model
from magnesim.synapse import CalciumPool, DualExpConductance, ExpConductance, KampaSynapseState, KineticConductance, ampa, gaba_a, nmda


def trace(kin, n_steps, dt):
    """Conductance after each step, one event at the first step."""
    import jax

    def body(state, k):
        state = kin.step(state, jnp.where(k == 0, 1.0, 0.0)[None], dt)
        return state, kin.conductance(state)[0]

    return np.asarray(jax.lax.scan(body, kin.init((1,)), jnp.arange(n_steps))[1])


def test_exponential_is_exact():
    g = trace(ExpConductance(5.0, 6.0), 400, 0.025)
    t = np.arange(400) * 0.025
    np.testing.assert_allclose(g, 6.0 * np.exp(-t / 5.0), rtol=1e-12)


def test_dual_exponential_peaks_at_weight_and_matches_formula():
    dt = 0.005
    g = trace(DualExpConductance(2.0, 100.0, 3.0), 20000, dt)
    t = np.arange(20000) * dt
    assert g.max() == pytest.approx(3.0, rel=1e-4)
    expected = 3.0 * (np.exp(-t / 100) - np.exp(-t / 2)) / (np.exp(-t / 100) - np.exp(-t / 2)).max()
    np.testing.assert_allclose(g, expected, atol=1e-6)
    assert t[np.argmax(g)] == pytest.approx(2 * 100 / 98 * np.log(50), abs=dt)


def test_destexhe_kinetic_scheme_exact():
    k = KineticConductance(alpha=0.072, beta=0.0066, t_max_mM=1.0, pulse_ms=1.0, weight_nS=1.0)
    dt = 0.025
    g = trace(k, 400, dt)
    rate = 0.072 + 0.0066
    r_end = 0.072 / rate * (1 - np.exp(-rate * 1.0))
    assert g[39] == pytest.approx(r_end, rel=1e-12)  # end of the 1 ms pulse
    assert g[399] == pytest.approx(r_end * np.exp(-0.0066 * 9.0), rel=1e-12)


def test_factories_use_library_values():
    assert ampa(1.0).kinetics.tau_ms == 5.0 and ampa(1.0).e_rev_mV == 0.0 and ampa(1.0).ca_fraction == 0.013
    assert gaba_a(1.0).e_rev_mV == -80.0
    s = nmda(3.0)
    assert isinstance(s.block, JahrStevens) and s.ca_fraction == 0.10
    assert nmda(3.0, "woodhull", subunit="GluN2D").block == get_model("woodhull", "GluN2D")
    assert nmda(3.0, kinetics="kinetic").kinetics.alpha == 0.072


@pytest.mark.parametrize("block", ["jahr-stevens-1990", "woodhull", "antonov-johnson-1999"])
def test_nmda_current_is_gating_times_block(block):
    s = nmda(3.0, block)
    state = s.step(s.init((2,)), jnp.ones(2), jnp.array([-60.0, 0.0]), jnp.array([1.0, 1.0]), 0.025)
    v = jnp.array([-60.0, 20.0])
    mg = jnp.array([1.0, 2.0])
    expected = s.gating(state) * get_model(block).unblocked_fraction(v, mg) * (v - 0.0)
    np.testing.assert_allclose(s.current(state, v, mg), expected, rtol=1e-12)


def test_kampa_synapse_blocks_at_rest_and_relieves_when_depolarised():
    import jax

    s = nmda(3.0, "kampa-2004")
    mg = jnp.array([1.0, 1.0, 0.0])
    v = jnp.array([-60.0, 40.0, -60.0])
    x0 = jnp.stack([s.receptor.steady_state(vi, 0.0, mi) for vi, mi in zip(v, mg, strict=True)])

    def body(state, k):
        state = s.step(state, jnp.full(3, jnp.where(k == 0, 1.0, 0.0)), v, mg, 0.025)
        return state, (s.conductance(state, v, mg), state.occupancy.sum(axis=-1))

    start = KampaSynapseState(occupancy=x0, pulse_left_ms=jnp.zeros(3))
    state, (g, total) = jax.jit(lambda st: jax.lax.scan(body, st, jnp.arange(4000)))(start)
    np.testing.assert_allclose(total, 1.0, atol=1e-10)  # backward Euler conserves occupancy
    peak = np.asarray(g).max(axis=0)
    assert peak[2] > 5 * peak[0]  # 1 mM Mg2+ blocks at -60 mV
    assert peak[1] > 5 * peak[0]  # depolarisation relieves it
    b = np.asarray(s.block_factor(state, v, mg))
    assert np.all((b >= 0) & (b <= 1)) and b[2] == pytest.approx(1.0)


def test_calcium_current_fraction_and_ghk():
    frac, ghk = nmda(1.0), nmda(1.0, ca="ghk")
    state = frac.step(frac.init((3,)), jnp.ones(3), None, None, 0.025)
    for _ in range(200):  # 5 ms: the dual exponential rises from 0
        state = frac.step(state, jnp.zeros(3), None, None, 0.025)
    v = jnp.array([-60.0, -20.0, 40.0])
    mg = jnp.zeros(3)
    i = np.asarray(frac.current(state, v, mg))
    i_ca_frac = np.asarray(frac.ca_current(state, v, mg, 0.05))
    i_ca_ghk = np.asarray(ghk.ca_current(state, v, mg, 0.05))
    assert i_ca_frac[0] == pytest.approx(0.10 * i[0]) and i_ca_frac[2] == 0.0  # outward NMDA current carries no Ca2+
    assert i_ca_ghk[0] == pytest.approx(i_ca_frac[0], rel=1e-9)  # scaled to agree at -60 mV
    assert i_ca_ghk[2] < 0 < i[2]  # still inward at +40 mV (E_Ca >> 0) while the NMDA current is outward


def test_calcium_pool_exact_relaxation():
    pool = CalciumPool()
    area = 20000.0
    ca = jnp.array([pool.rest_uM])
    for _ in range(4000):  # 100 ms of a constant -10 pA Ca2+ current
        ca = pool.step(ca, jnp.array([-10.0]), area, 0.025)
    steady = pool.rest_uM + 10.0 * pool.influx_per_pA(area) * pool.tau_ms
    expected = steady + (pool.rest_uM - steady) * np.exp(-100.0 / pool.tau_ms)
    assert float(ca[0]) == pytest.approx(expected, rel=1e-10)
    assert pool.rest_uM == 0.05


def test_kampa_synapse_starts_at_rest_in_a_time_varying_mg():
    """A sampled [Mg2+]o curve starts the kinetic states at rest in its first value, as a constant does."""
    from magnesim.cell import Drive, RegularTrain, SampledCurve, TraubMiles, run

    drive = [Drive(nmda(3.0, "kampa-2004"), RegularTrain(5.0, 20.0, 3))]
    kw = dict(bin_ms=1.0, record=("b0",))
    constant = run(TraubMiles(), drive, 1, 50.0, 0.025, mg_mM=2.5, **kw)
    sampled = run(TraubMiles(), drive, 1, 50.0, 0.025, mg_mM=SampledCurve(np.array([0.0, 50.0]), np.array([2.5, 2.5])), **kw)
    np.testing.assert_allclose(sampled.traces["b0"], constant.traces["b0"], rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("kinetics", ["exp", "dual", "kinetic"])
def test_every_factory_offers_every_kinetics(kinetics):
    for factory in (ampa, gaba_a, nmda):
        s = factory(2.0, kinetics=kinetics)
        assert s.kinetics.init((1,)) is not None
    if kinetics == "dual":
        assert gaba_a(2.0, "dual").kinetics.tau_rise_ms == pytest.approx(value("synapse.gaba_a.tau_rise", "ms"))
