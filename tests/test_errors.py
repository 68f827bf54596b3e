"""The error hierarchy: errors keep their fields, format them in one line, survive pickling (distributed
sweeps), and are renamed or placed by field, never by editing their text."""

import pickle

import pytest

from magnesim.errors import MagnesimError, ParameterError, ScenarioError, UnitError, UnknownNameError, invalid


def test_fields_are_kept_and_formatted():
    exc = ParameterError(invalid("mg", -1.0, "a concentration >= 0", "negative"))
    assert (exc.parameter, exc.value, exc.accepted, exc.detail) == ("mg", -1.0, "a concentration >= 0", "negative")
    assert str(exc) == "mg: got -1.0 (negative); accepted: a concentration >= 0"
    assert exc.reason() == "got -1.0 (negative); accepted: a concentration >= 0"
    assert isinstance(exc, ValueError) and isinstance(exc, MagnesimError)


def test_with_path_renames_or_places_the_parameter():
    exc = UnknownNameError(invalid("model", "foo", "jahr-stevens, woodhull"))
    renamed = exc.with_path("--block", replace=True)
    assert type(renamed) is UnknownNameError and renamed.parameter == "--block" and renamed.value == "foo"
    assert str(exc.with_path("scenario.block")) == "scenario.block.model: got 'foo'; accepted: jahr-stevens, woodhull"
    plain = ScenarioError("a message without fields")
    assert plain.parameter is None and str(plain.with_path("where")) == "where: a message without fields"
    as_scenario = exc.with_path("scenario: experiments.block", as_type=ScenarioError)  # a model's error reported at a file's field
    assert type(as_scenario) is ScenarioError and as_scenario.value == "foo" and as_scenario.parameter == "scenario: experiments.block.model"


@pytest.mark.parametrize("cls", [ParameterError, UnitError, UnknownNameError, ScenarioError])
def test_pickle_round_trip_keeps_type_and_fields(cls):
    exc = cls(invalid("dose", "5 kg", "an amount in g or mmol"))
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is cls and str(back) == str(exc) and back.parameter == "dose" and back.value == "5 kg"


def test_cli_option_names_come_from_the_field():
    from magnesim.cli._output import as_options

    with pytest.raises(ParameterError) as info, as_options(mg_i="--mg-in"):
        raise ParameterError(invalid("mg_i", -2, "a concentration >= 0"))
    assert str(info.value) == "--mg-in: got -2; accepted: a concentration >= 0"
    with pytest.raises(ParameterError) as info, as_options(mg="--mg"):
        raise ParameterError(invalid("mg_i", -2, "a concentration >= 0"))  # another parameter: left as it is
    assert info.value.parameter == "mg_i"
