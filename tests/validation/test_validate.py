"""`magnesim validate` (issue 6): every shipped target by layer, failures reported, not hidden.

The set of failing targets is pinned below so that a model change that fixes or breaks one is
noticed; each is explained in the README's validation table.
"""

import json
import math

import pytest

from magnesim.validation import LAYERS, Tolerance, targets

from ..cli._support import assert_one_line_error, run, run_cli

pytestmark = pytest.mark.slow  # every validation target (~1 min)

KNOWN_FAILURES = {
    "V023",  # Kampa: the 3-exponential fit lumps slow relief with desensitisation (~0.9 s)
    "V036", "V027", "V032", "V034",  # synaptic parameter choices (Pf at -80 mV, spinal NMDA decay, COBA AMPA decay and reversal)
    "serum_img_healthy", "renal_fe_normal", "ajayi_csf", "oral_diet_abs", "oral_mgo",
    "grabb-150uM",  # Grabb & Choi's murine point: no monotone curve meets it together with Frandsen's rat ED50 (V082)
    "V080",  # glutamate ED50 3.3 uM, just outside a factor of 3 of Frandsen's ~1 uM
    "mcdonald-3mmol", "mcdonald-4mmol",  # the lesion model under-protects at the higher doses (23-24%)
}


@pytest.fixture(scope="module")
def records():
    code, out, _ = run_cli(["validate", "--json"])
    assert code == 0
    return json.loads(out)


def test_json_covers_every_target_and_every_layer(records):
    assert [r["id"] for r in records] == [t.id for t in targets()]
    assert {r["layer"] for r in records} == set(LAYERS)
    for r in records:
        assert {"id", "source", "observed", "predicted", "tolerance", "passed"} <= set(r), r
        assert isinstance(r["passed"], bool) and math.isfinite(r["predicted"]) and r["source"]


def test_every_implementation_and_calibration_target_passes(records):
    """Except Kampa's slow fitted component (V023: a 3-exponential fit of the published scheme lumps its
    ~235-305 ms relief modes with a 1.4-s mode, ~0.9 s)."""
    missed = {r["id"]: f"{r['predicted']:.4g} vs {r['observed']} ({r['tolerance']})"
              for r in records if r["role"] != "validation" and not r["passed"]}
    assert set(missed) <= {"V023"}, missed


def test_failures_are_the_known_ones(records):
    failed = {r["id"] for r in records if not r["passed"]}
    assert failed == KNOWN_FAILURES, f"newly failing: {failed - KNOWN_FAILURES}; now passing: {KNOWN_FAILURES - failed}"


def test_text_output_grouped_by_layer_with_summary_last(capsys):
    code, out, _ = run(capsys, "validate", "--layer", "units,energy")
    lines = out.strip().splitlines()
    assert code == 0 and lines[0].startswith("units (") and any(line.startswith("energy (") for line in lines)
    assert lines[-1] == "8 passed, 0 failed"


def test_unknown_layer(capsys):
    assert_one_line_error(capsys, ["validate", "--layer", "brain"], "--layer: got 'brain'; accepted: units, receptor")


@pytest.mark.parametrize(("tolerance", "observed", "predicted", "passed"), [
    ({"abs": 0.1}, 1.0, 1.09, True), ({"abs": 0.1}, 1.0, 1.11, False),
    ({"rel": 0.3}, -20.0, -26.0, True), ({"rel": 0.3}, -20.0, -26.1, False),
    ({"range": [0.5, 4.0]}, 1.8, 4.0, True), ({"range": [0.5, 4.0]}, 1.8, 4.05, False),
    ({"at_least": 4.0}, 4.0, 4.0, True), ({"at_least": 4.0}, 4.0, 3.9, False),
    ({"at_most": 0.0}, 0.0, 0.0, True), ({"at_most": 0.0}, 0.0, 1.0, False),
    ({"abs": 1.0}, 0.0, float("nan"), False),
])
def test_tolerance(tolerance, observed, predicted, passed):
    assert Tolerance(**tolerance).accepts(observed, predicted) is passed


@pytest.mark.parametrize("bad", [{}, {"abs": 0.1, "rel": 0.1}, {"range": [2.0, 1.0]}, {"abs": -1.0}])
def test_tolerance_needs_exactly_one_sound_rule(bad):
    with pytest.raises(ValueError):
        Tolerance(**bad)
