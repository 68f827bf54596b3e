"""The SBML export of the body models: SBML's own consistency check, and the export simulated in
libRoadRunner (CVODE, tight tolerances) against magnesim's own simulation."""

import json

import libsbml
import numpy as np
import pytest
import roadrunner

from magnesim.body import Subject, simulate_pk
from magnesim.errors import ParameterError, UnknownNameError
from magnesim.interchange import MODELS, body_sbml

from ..cli._support import assert_one_line_error, run

SUBJECT = Subject(weight_kg=82.0, scr_mg_dL=0.9, pregnant=True)


def _roadrunner(text: str, hours: float, points: int, columns: list[str]) -> np.ndarray:
    r = roadrunner.RoadRunner(text)
    r.integrator.relative_tolerance = 1e-12
    r.integrator.absolute_tolerance = 1e-14
    r.integrator.setValue("maximum_num_steps", 200_000)
    return np.asarray(r.simulate(0.0, hours, points, ["time", *columns]))


def _issues(text: str) -> list[str]:
    doc = libsbml.readSBMLFromString(text)
    doc.checkConsistency()
    return [doc.getError(i).getMessage() for i in range(doc.getNumErrors())]


@pytest.mark.parametrize("model", MODELS)
def test_export_is_consistent_and_simulates_like_magnesim(model):
    text = body_sbml(model, SUBJECT, "pritchard")  # IV load, IM load and IM maintenance
    assert _issues(text) == []  # not one error or warning, units included
    hours = 30.0
    ds = simulate_pk("pritchard", model, SUBJECT, hours, output_step_h=0.25)
    out = _roadrunner(text, hours, ds.time_h.size, ["serum_total_mM"])
    np.testing.assert_allclose(out[:, 0], ds.time_h.values, atol=1e-12)
    # popPK: both exact (1e-10); physiological: magnesim's RK4 at 1 min against CVODE
    np.testing.assert_allclose(out[:, 1], ds.serum_total_mM.values[0], rtol=1e-6)


def test_physiological_routes_csf_and_mass_balance():
    regimen = "400 mg Mg as MgO oral daily x 2 + 5 g MgSO4.7H2O IV over 1 h at 6 h + MgCl2 cream 56 mg Mg daily x 2 on 200 cm2 for 8 h"
    text = body_sbml("physiological", SUBJECT, regimen)
    assert _issues(text) == []
    ds = simulate_pk(regimen, "physiological", SUBJECT, 36.0, output_step_h=0.5)
    out = _roadrunner(text, 36.0, ds.time_h.size, ["serum_total_mM", "serum_ionized_mM", "csf_ionized_mM", "urine", "local_tissue"])
    np.testing.assert_allclose(out[:, 1], ds.serum_total_mM.values[0], rtol=1e-6)
    np.testing.assert_allclose(out[:, 2], ds.serum_ionized_mM.values[0], rtol=1e-6)
    np.testing.assert_allclose(out[:, 3], ds.csf_ionized_mM.values[0], rtol=1e-6)
    np.testing.assert_allclose(out[:, 4], ds.amount_mmol.values[0, :, 11], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(out[:, 5], ds.amount_mmol.values[0, :, 10], rtol=1e-6, atol=1e-9)


def test_popPK_export_conserves_mass():
    text = body_sbml("du-2019", SUBJECT, "pritchard")
    r = roadrunner.RoadRunner(text)
    species = list(r.model.getFloatingSpeciesIds())
    out = np.asarray(r.simulate(0.0, 30.0, 121, ["time", *species]))
    ds = simulate_pk("pritchard", "du-2019", SUBJECT, 30.0, output_step_h=0.25)
    np.testing.assert_allclose(out[:, 1:].sum(axis=1), ds.dosed_cumulative_mmol.values, rtol=1e-8)


def test_bad_input_names_the_parameter():
    with pytest.raises(UnknownNameError, match="model"):
        body_sbml("two-compartment", SUBJECT, "zuspan")
    with pytest.raises(ParameterError, match=r"regimen.*IV or IM"):
        body_sbml("du-2019", SUBJECT, "400 mg Mg as MgO oral daily x 2")


def test_cli_writes_a_consistent_file(capsys, tmp_path):
    path = tmp_path / "du.xml"
    code, out, _ = run(capsys, "export", "sbml", "--model", "du-2019", "--regimen", "pritchard", "--weight", "82kg",
                       "--creatinine", "0.9mg/dL", "--pregnant", "--out", str(path), "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc == {"path": str(path), "model": "magnesim_du_2019", "species": 5, "reactions": 5, "events": doc["events"], "sbml": "L3V2",
                   "consistency_errors": 0}
    assert path.read_text() == body_sbml("du-2019", SUBJECT, "pritchard")


@pytest.mark.parametrize(("argv", "message"), [
    (["--model", "foo"], "--model: got 'foo'"),
    (["--out", "/nonexistent-dir/x.xml"], "--out: got '/nonexistent-dir/x.xml'"),
    (["--out", "model.txt"], "--out: got 'model.txt'"),
    (["--weight", "-3kg"], "--weight: got '-3kg'"),
    (["--model", "lu-2002", "--regimen", "400 mg Mg as MgO oral daily x 2"], "--regimen: got"),
])
def test_cli_bad_input_is_one_line(capsys, tmp_path, argv, message):
    argv = ["export", "sbml", *argv] + ([] if "--out" in argv else ["--out", str(tmp_path / "m.xml")])
    assert_one_line_error(capsys, argv, message)
    assert not (tmp_path / "m.xml").exists()
