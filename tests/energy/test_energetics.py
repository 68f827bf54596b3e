"""Energetics (issue 5): the MgATP equilibrium against Alberty's constants and the notes' range, and
the size of the "vicious cycle" between [Mg2+]i 0.1 and 1 mM."""

import dataclasses

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from magnesim.energy import MgATPEquilibrium, SodiumPump
from magnesim.experiments import energetics


def test_apparent_kd_matches_alberty_at_ph_7_2_and_7_0():
    """neuro.md §6 (calibration_targets V100): apparent Kd 0.144 mM at pH 7.2, 0.157 mM at pH 7.0."""
    assert MgATPEquilibrium().apparent_kd() == pytest.approx(0.144, abs=0.001)
    assert dataclasses.replace(MgATPEquilibrium(), ph=7.0).apparent_kd() == pytest.approx(0.157, abs=0.001)
    alkaline = dataclasses.replace(MgATPEquilibrium(), ph=9.0).apparent_kd()
    assert alkaline == pytest.approx(0.122, abs=0.001)  # no protonation: K_MgATP itself (V099)


def test_mgatp_fraction_at_half_millimolar_within_literature_range():
    """neuro.md §6: with [Mg2+]i 0.5 mM, 78% (Kd 0.144 mM) to 91% (Kd 0.05 mM) of ATP is MgATP."""
    f = float(energetics("0.5 mM").mgatp_fraction[0])
    assert 0.77 <= f <= 0.91
    tight = dataclasses.replace(MgATPEquilibrium(), k_mgatp_mM=0.044)  # 37 C-like binding
    assert 0.77 <= float(tight.bound_fraction(0.5)) <= 0.91


@given(st.floats(0.0, 20.0), st.floats(0.0, 20.0))
def test_fraction_bounded_and_monotone(a, b):
    eq = MgATPEquilibrium()
    fa, fb = float(eq.bound_fraction(a)), float(eq.bound_fraction(b))
    assert 0.0 <= fa < 1.0
    assert (fa <= fb) == (a <= b) or fa == fb


def test_vicious_cycle_is_small_over_physiological_range():
    """From 0.1 to 1 mM free Mg2+, MgATP roughly doubles but pump turnover changes by < 10%: the
    substrate stays near saturation (prediction reported in the README and by `magnesim claims`)."""
    ds = energetics([0.1, 1.0])
    f = ds.mgatp_fraction.values
    assert f[1] / f[0] == pytest.approx(2.13, abs=0.05)
    pump = ds.pump_rate_relative.values
    assert 0.0 < pump[1] - pump[0] < 0.10
    slow = dataclasses.replace(SodiumPump(), km_mgatp_mM=0.5)  # the notes' upper K_m
    assert slow.relative_rate(1.0) - slow.relative_rate(0.1) < 0.2


def test_dataset_units_and_provenance():
    ds = energetics("0.1,0.5mM")
    assert ds.mgatp_mM.attrs["units"] == "mM" and "Alberty" in ds.attrs["model_citation"]
    assert "energy.pump_km_mgatp" in ds.attrs["pump_parameters"]
    np.testing.assert_allclose(ds.pump_rate_relative.sel(mg_i_mM=0.5), 1.0)
