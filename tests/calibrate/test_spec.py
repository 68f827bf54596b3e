"""Bad calibration specs: one ScenarioError line naming the field path, the value and what is accepted."""

from pathlib import Path

import pytest

from magnesim.calibrate import build_problem, calibrate, load_spec, parse_spec, predictor_registry, validate_spec
from magnesim.errors import ScenarioError
from magnesim.params import library
from magnesim.validation import targets

BAD = [
    ({"parameters": ["body.nope"], "targets": ["body_total"]}, "parameters.0.id: got 'body.nope'; accepted: an id listed by 'magnesim params'"),
    ({"parameters": ["body.v_central"], "targets": ["nope"]}, "targets.0.id: got 'nope'; accepted: a validation target id"),
    ({"parameters": [{"id": "body.v_central", "bounds": [0.1, 0.3]}], "targets": ["body_total"]},
     "parameters.0.bounds: got [0.1, 0.3]; accepted: lower < upper within the plausible range"),
    ({"parameters": [{"id": "body.v_central", "bounds": ["0.18 L", 0.3]}], "targets": ["body_total"]},
     "parameters.0.bounds: got '0.18 L' (a volume); accepted: a value of body.v_central"),
    ({"parameters": [{"id": "body.v_central", "transform": "logit"}], "targets": ["body_total"]}, None),  # allowed: the user's choice
    ({"parameters": [{"id": "body.v_central", "transform": "log", "bounds": [0.2, 0.3]}], "targets": ["body_total"]}, None),
    ({"parameters": [{"id": "body.reference_serum", "transform": "exp"}], "targets": ["body_total"]},
     "parameters.0.transform: got 'exp'; accepted: 'log', 'logit' or 'none'"),
    ({"parameters": ["body.v_central"], "targets": ["V001"]}, "targets.0: got 'V001' (predictor unblocked_fraction is not); accepted: targets whose predictor is differentiable"),
    ({"parameters": ["body.v_central"], "targets": [{"role": "calibration", "layer": "receptor"}]}, "targets.0: got 'V015'"),
    ({"parameters": ["body.v_central"], "targets": ["salinger_zuspan_4h"]},
     "targets.0: target 'salinger_zuspan_4h' (predictor serum_total_at): model: got 'salinger-2013'; accepted: physiological"),
    ({"parameters": ["salinger_2013.f_im"], "targets": ["india_pritchard_30min"], "solver": {"dt": "5 min"}},
     "parameters.0.id: got 'salinger_2013.f_im' (target 'india_pritchard_30min' (predictor serum_total_at) reads it in NumPy code"),
    ({"parameters": ["jahr_stevens_1990.k0"], "targets": ["body_total"]}, "parameters.0.id: got 'jahr_stevens_1990.k0'; "
     "accepted: a parameter of the models the targets use (Physiological: body.*"),
    ({"parameters": ["injury.g_nmda_max"], "targets": ["V085"]},  # sets the Ca2+-influx surface, which stays fixed
     "parameters.0.id: got 'injury.g_nmda_max'; accepted: a parameter of the models the targets use (ExcitotoxicInjury: injury.k_damage"),
    ({"parameters": ["body.v_central", "body.v_central"], "targets": ["body_total"]}, "parameters.1.id: got 'body.v_central'; accepted: each parameter once"),
    ({"parameters": ["body.v_central"], "targets": ["okusanya_load"], "solver": {"dt": "7 min"}}, "time_h: got 0.5; accepted: a positive multiple of the solver step dt (7 min)"),
    ({"parameters": ["body.v_central"], "targets": ["body_total"], "solver": {"dt": "5 mM"}}, "solver.dt: got '5 mM' (a concentration); accepted: a time"),
    ({"parameters": ["body.v_central"], "targets": [{"id": "body_total", "layer": "body"}]},
     "targets.0: got {'id': 'body_total', 'layer': 'body'}; accepted: a target id, or a role"),
    ({"parameters": ["body.v_central"], "targets": [{"role": "calibration", "layer": "neuron"}]}, "targets.0.layer: got 'neuron'; accepted: 'units'"),
    ({"parameters": [{"id": "body.v_central", "bound": [0.2, 0.3]}], "targets": ["body_total"]}, "parameters.0.bound: unknown key; accepted: id, bounds, transform"),
    ({"targets": ["body_total"]}, "parameters: missing; this field is required"),
    ({"parameters": ["body.v_central"], "targets": ["body_total"], "starts": 0}, "starts: got 0; accepted: greater than or equal to 1"),
    ({"parameters": ["body.v_central"], "targets": ["body_total"], "optimiser": {"tolerance": -1}}, "optimiser.tolerance: got -1; accepted: greater than 0"),
]


@pytest.mark.parametrize(("spec", "message"), BAD)
def test_bad_spec_is_one_line(spec, message):
    if message is None:
        build_problem(validate_spec(spec))
        return
    with pytest.raises(ScenarioError) as info:
        build_problem(validate_spec(spec))
    text = str(info.value)
    assert "\n" not in text and text.startswith("spec: ") and message in text, text


def test_yaml_errors_name_the_file():
    with pytest.raises(ScenarioError, match=r"^my\.yaml: not valid YAML at line 2"):
        parse_spec("parameters: [a\n", "my.yaml")
    with pytest.raises(ScenarioError, match=r"^my\.yaml: got list"):
        parse_spec("- a\n", "my.yaml")
    with pytest.raises(ScenarioError, match=r"^spec: got 'missing\.yaml' \(no such file\)"):
        calibrate("missing.yaml")


def test_bounds_take_units_and_defaults_choose_transforms():
    p = build_problem(validate_spec({"parameters": [{"id": "body.v_central", "bounds": ["180 mL/kg", "0.3 L/kg"]}, "body.f_ultrafilterable",
                                                    "body.reference_serum"], "targets": ["body_total", "serum_ref_nhanes"]}))
    v, f, c = p.parameters
    assert v.bounds == pytest.approx((0.18, 0.3)) and v.transform.name == "log"
    assert f.transform.name == "logit" and c.transform.name == "log"


def test_shipped_example_spec_is_valid():
    spec = load_spec(Path(__file__).parents[2] / "examples" / "calibration" / "body_volumes.yaml")
    assert all(p.id in set(library()) for p in spec.parameters)
    (selector,) = spec.targets
    chosen = [t for t in targets() if t.role == selector.role and t.layer == selector.layer]
    assert chosen and all(t.predict in predictor_registry() for t in chosen)
