"""Calibration posteriors (issue 13): the shipped files are current, malformed or stale ones are refused
in one line, and draws follow the Laplace covariance, truncated to each parameter's range."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
import yaml

from magnesim.errors import DataFileError
from magnesim.params import Posterior, library, posteriors
from magnesim.params._posterior import _read

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("calibrate_body", ROOT / "scripts" / "calibrate_body.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_body_posterior_is_what_its_script_writes(tmp_path, monkeypatch):
    shipped = posteriors()["body.v_central"]
    script = _script()
    monkeypatch.setattr(script, "POSTERIOR", tmp_path / "posterior.yaml")
    script.write_posterior(script.preset_rise())
    fresh = yaml.safe_load((tmp_path / "posterior.yaml").read_text())
    assert tuple(fresh["parameters"]) == shipped.parameters == tuple(script.FITTED.values())
    np.testing.assert_allclose(fresh["covariance"], shipped.covariance, rtol=1e-4)
    np.testing.assert_array_equal(shipped.mode, [library()[p].value for p in shipped.parameters])


def _doc(**change):
    doc = yaml.safe_load((ROOT / "src/magnesim/params/posteriors/body_distribution.yaml").read_text())
    doc.update(change)
    return doc


@pytest.mark.parametrize(("change", "message"), [
    ({"mode": [0.26, 0.15, 3.66, 0.09]}, "posterior t mode: got 'body.v_central = 0.26'; accepted: the library value 0.253 (stale: rerun scripts/calibrate_body.py"),
    ({"parameters": ["body.v_central", "body.v_fast_tissue", "body.q_fast_tissue", "jahr_stevens_1990.k0"]},
     "posterior t parameters: got 'jahr_stevens_1990.k0'; accepted: library ids of calibrated parameters"),
    ({"covariance": [[1.0, 2.0, 0, 0], [2.0, 1.0, 0, 0], [0, 0, 1.0, 0], [0, 0, 0, 1.0]]}, "posterior t covariance: got"),
    ({"covariance": [[1.0]]}, "posterior t mode/covariance: got '(4,)/(1, 1)'"),
    ({"transform": "logit"}, "posterior t transform: got 'logit'; accepted: log"),
    ({"colour": "red"}, "posterior t keys: got"),
])
def test_malformed_or_stale_posteriors_are_refused_in_one_line(change, message):
    with pytest.raises(DataFileError) as err:
        _read("t", _doc(**change))
    assert str(err.value).startswith(message) and "\n" not in str(err.value)


def test_draws_follow_the_covariance_and_stay_in_range():
    """Narrow enough that truncation is negligible: the sample covariance of the log draws is the
    posterior's. The shipped posterior, much wider than the ranges, is truncated to them."""
    ids = ("body.v_central", "body.v_fast_tissue")
    mode = np.array([library()[p].value for p in ids]) * np.array([1.0, 1.4])  # v_fast off its lower bound
    cov = np.array([[0.004, -0.002], [-0.002, 0.003]])
    post = Posterior("narrow", "test", "", ids, mode, cov)
    x = post.draw(20000, np.random.default_rng(0))
    np.testing.assert_allclose(np.cov(np.log(x).T), cov, rtol=0.05, atol=1e-4)
    np.testing.assert_allclose(np.exp(np.log(x).mean(axis=0)), mode, rtol=0.005)
    shipped = posteriors()["body.v_central"]
    y = shipped.draw(4000, np.random.default_rng(1))
    lo, hi = np.array([library()[p].range for p in shipped.parameters]).T
    assert np.all((y >= lo) & (y <= hi)) and np.unique(y, axis=0).shape[0] == 4000
    # the trade-off the fit found: a larger fast-tissue volume with a lower uptake half-saturation
    k = shipped.parameters.index
    assert np.corrcoef(np.log(y[:, k("body.v_fast_tissue")]), np.log(y[:, k("body.pool_uptake_km_relative")]))[0, 1] < -0.2
