"""The B(V) family as an xarray Dataset with units and provenance."""

import json

import numpy as np
import pytest

from magnesim.experiments import block
from magnesim.receptor import JahrStevens


def test_dataset_shape_units_and_values():
    ds = block("-100:40:10 mV", "0.5,1,2 mM")
    assert ds.unblocked_fraction.dims == ("mg_mM", "v_mV")
    assert ds.unblocked_fraction.shape == (3, 15)
    assert ds.v_mV.attrs["units"] == "mV" and ds.mg_mM.attrs["units"] == "mM"
    np.testing.assert_allclose(ds.unblocked_fraction.sel(mg_mM=1.0, v_mV=-60.0), 0.0796, atol=5e-4)
    expected = JahrStevens().unblocked_fraction(ds.v_mV.values[None, :], ds.mg_mM.values[:, None])
    np.testing.assert_allclose(ds.unblocked_fraction.values, expected)


def test_provenance_lists_parameters_with_sources():
    ds = block(model="woodhull", subunit="GluN2D")
    assert ds.attrs["model"] == "woodhull"
    assert ds.attrs["magnesim_version"]
    params = json.loads(ds.attrs["parameters"])
    assert params["Woodhull.k0_mM"]["value"] == pytest.approx(17.85)
    assert params["Woodhull.k0_mM"]["confidence"] == "low"
    assert "Qian" in params["Woodhull.k0_mM"]["source"]
    assert "Woodhull AM (1973)" in ds.attrs["model_citation"]


def test_each_experiment_is_named_like_its_module_and_command():
    """module = function = command (block, unblock, fire, windup, network, excitotox, lesion, energetics);
    the earlier function names still work."""
    import importlib

    from magnesim import experiments
    from magnesim.cli import app

    commands = {c.name for c in app.registered_commands}
    for name in ("block", "unblock", "fire", "windup", "network", "excitotox", "lesion", "energetics"):
        assert getattr(experiments, name) is getattr(importlib.import_module(f"magnesim.experiments.{name}"), name)
        assert name in commands
    assert (experiments.block_curves, experiments.current_clamp, experiments.voltage_step) == (experiments.block, experiments.fire,
                                                                                                 experiments.unblock)
