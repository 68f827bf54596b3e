"""Antonov & Johnson (1999) permeation model: the coded constants and the relief of block at strong hyperpolarisation.

Reference values: neuro.md §1.4 (apparent Kd derived from the ModelDB 145836 constants with 140 mM
Na+o and 148 mM Cs+i: 8 µM at −100 mV ... 11 mM at 0 mV; ~42% of Mg2+ exits by permeation at −100 mV).
"""

import dataclasses

import numpy as np
import pytest

from magnesim.receptor import AntonovJohnson, JahrStevens

AJ = AntonovJohnson()
JS = JahrStevens()
NO_PERMEATION = dataclasses.replace(AJ, k_ni0=0.0)


@pytest.mark.parametrize(("v", "kd_mM"), [(-100, 0.008), (-80, 0.023), (-60, 0.089), (-40, 0.41), (-20, 2.1), (0, 11.0)])
def test_apparent_kd(v, kd_mM):
    k_on, k_out, k_perm = AJ.rates(float(v))
    assert float((k_out + k_perm) / k_on) == pytest.approx(kd_mM, rel=0.03)


def test_permeation_share_at_minus_100():
    _, k_out, k_perm = AJ.rates(-100.0)
    assert float(k_perm / (k_out + k_perm)) == pytest.approx(0.42, abs=0.01)


def test_relief_of_block_below_minus_100():
    """Permeation relieves block at strong hyperpolarisation; Jahr–Stevens keeps deepening e-fold per 16 mV."""
    v = np.array([-160.0, -140.0, -120.0, -100.0, -80.0])
    relief = AJ.unblocked_fraction(v, 1.0) / NO_PERMEATION.unblocked_fraction(v, 1.0)
    assert relief[3] > 1.5  # at −100 mV permeation already raises B by > 1.5x
    assert np.all(np.diff(relief) < 0)  # and more so the more negative V is
    assert relief[0] > 5  # 8.4x at −160 mV
    # the local voltage sensitivity of block collapses below −100 mV, while Jahr–Stevens keeps 0.062/mV
    slope_aj = np.log(AJ.unblocked_fraction(-120.0, 1.0) / AJ.unblocked_fraction(-160.0, 1.0)) / 40
    slope_js = np.log(JS.unblocked_fraction(-120.0, 1.0) / JS.unblocked_fraction(-160.0, 1.0)) / 40
    assert slope_js == pytest.approx(0.062, rel=0.01)
    assert slope_aj < slope_js / 3
    assert AJ.unblocked_fraction(-160.0, 1.0) / JS.unblocked_fraction(-160.0, 1.0) > 10


def test_block_deepest_near_minus_194():
    # with these constants the apparent Kd is minimal near −194 mV; B rises again beyond
    v = np.linspace(-300, -100, 2001)
    b = AJ.unblocked_fraction(v, 1.0)
    assert v[np.argmin(b)] == pytest.approx(-194, abs=3)
    assert b[0] > b.min()
