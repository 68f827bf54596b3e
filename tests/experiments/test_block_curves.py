"""The B(V) family as an xarray Dataset with units and provenance."""

import json

import numpy as np
import pytest

from magnesim.experiments import block_curves
from magnesim.receptor import JahrStevens


def test_dataset_shape_units_and_values():
    ds = block_curves("-100:40:10 mV", "0.5,1,2 mM")
    assert ds.unblocked_fraction.dims == ("mg_mM", "v_mV")
    assert ds.unblocked_fraction.shape == (3, 15)
    assert ds.v_mV.attrs["units"] == "mV" and ds.mg_mM.attrs["units"] == "mM"
    np.testing.assert_allclose(ds.unblocked_fraction.sel(mg_mM=1.0, v_mV=-60.0), 0.0796, atol=5e-4)
    expected = JahrStevens().unblocked_fraction(ds.v_mV.values[None, :], ds.mg_mM.values[:, None])
    np.testing.assert_allclose(ds.unblocked_fraction.values, expected)


def test_provenance_lists_parameters_with_sources():
    ds = block_curves(model="woodhull", subunit="GluN2D")
    assert ds.attrs["model"] == "woodhull"
    assert ds.attrs["magnesim_version"]
    params = json.loads(ds.attrs["parameters"])
    assert params["Woodhull.k0_mM"]["value"] == pytest.approx(17.85)
    assert params["Woodhull.k0_mM"]["confidence"] == "low"
    assert "Qian" in params["Woodhull.k0_mM"]["source"]
    assert "Woodhull AM (1973)" in ds.attrs["model_citation"]
