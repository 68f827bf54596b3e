"""The NMDA synapse as NeuroML2: schema-valid (libNeuroML's validator), read back, and its block
formula evaluated from the exported numbers equal to magnesim's block model."""

import json

import numpy as np
import pytest
from neuroml import loaders
from neuroml.utils import validate_neuroml2

from magnesim.errors import ParameterError, UnknownNameError
from magnesim.interchange import nmda_neuroml
from magnesim.receptor import get_model

from ..cli._support import assert_one_line_error, run


def _quantity(text: str, unit: str) -> float:
    number, got = text.split()
    assert got == unit
    return float(number)


def _read(tmp_path, text: str):
    path = tmp_path / "nmda.nml"
    path.write_text(text)
    validate_neuroml2(str(path))  # raises ValueError when the document does not match the NeuroML2 schema
    return loaders.read_neuroml2_file(str(path)).blocking_plastic_synapses[0]


@pytest.mark.parametrize(("block", "subunit"), [("jahr-stevens-1990", None), ("woodhull", None), ("woodhull", "2A"), ("woodhull", "2D")])
def test_schema_valid_and_block_equal(tmp_path, block, subunit):
    syn = _read(tmp_path, nmda_neuroml(0.7, 1.2, block, subunit))
    assert syn.id == "nmda_mg"
    assert (_quantity(syn.gbase, "nS"), _quantity(syn.erev, "mV"), _quantity(syn.tau_rise, "ms"), _quantity(syn.tau_decay, "ms")) == (0.7, 0.0, 2.0, 100.0)
    mech = syn.block_mechanism
    assert mech.type == "voltageConcDepBlockMechanism" and mech.species == "mg"
    mg = _quantity(mech.block_concentration, "mM")
    conc, volt = _quantity(mech.scaling_conc, "mM"), _quantity(mech.scaling_volt, "mV")
    v = np.linspace(-100.0, 40.0, 57)
    neuroml_block = 1.0 / (1.0 + mg / conc * np.exp(-v / volt))  # NeuroML2CoreTypes voltageConcDepBlockMechanism
    np.testing.assert_allclose(neuroml_block, np.asarray(get_model(block, subunit).unblocked_fraction(v, 1.2)), rtol=1e-12)


def test_validator_can_fail(tmp_path):
    text = nmda_neuroml().replace('scalingVolt="', 'scalingVolt="x')
    with pytest.raises(ValueError, match="Validation failed"):
        _read(tmp_path, text)


def test_kinetic_and_permeation_blocks_are_refused():
    for block in ("kampa-2004", "antonov-johnson-1999"):
        with pytest.raises(ParameterError, match=r"block.*instantaneous exponential block"):
            nmda_neuroml(block=block)
    with pytest.raises(UnknownNameError, match="model"):
        nmda_neuroml(block="no-such-model")
    with pytest.raises(ParameterError, match="mg"):
        nmda_neuroml(mg_mM=-1.0)


def test_cli(capsys, tmp_path):
    path = tmp_path / "nmda.nml"
    code, out, _ = run(capsys, "export", "neuroml", "--block", "woodhull", "--subunit", "2B", "--mg", "1.5mM", "--weight", "2nS",
                       "--out", str(path), "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["path"] == str(path) and doc["element"] == "blockingPlasticSynapse" and doc["schema_valid"] is True
    syn = _read(tmp_path, path.read_text())
    assert syn.block_mechanism.block_concentration == "1.5 mM" and syn.gbase == "2.0 nS"
    capsys.readouterr()  # the validator's own verdict line
    assert_one_line_error(capsys, ["export", "neuroml", "--block", "kampa-2004", "--out", str(tmp_path / "k.nml")], "--block: got 'kampa-2004'")
    assert_one_line_error(capsys, ["export", "neuroml", "--mg", "-2mM", "--out", str(tmp_path / "k.nml")], "--mg: got")
    assert not (tmp_path / "k.nml").exists()
