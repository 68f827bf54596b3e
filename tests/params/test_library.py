"""The parameter library: every parameter sourced, in range, with a readable unit; every model field sourced."""

import dataclasses

import pytest
from pydantic import ValidationError

from magnesim.body import Physiological
from magnesim.cell import TraubMiles, WDRNeuron
from magnesim.circuit import WindupCircuit
from magnesim.errors import UnknownNameError
from magnesim.params import Parameter, field_parameters, library, value
from magnesim.receptor import MODELS, InternalBlock, Woodhull
from magnesim.synapse import CalciumPool
from magnesim.units import registry


def test_every_parameter_has_a_citation_and_valid_unit():
    lib = library()
    assert len(lib) > 40
    ureg = registry()
    for p in lib.values():
        assert p.citation is not None, p.id
        assert p.citation.authors and p.citation.year and p.citation.journal, p.id
        assert p.range[0] <= p.value <= p.range[1], p.id
        ureg.Quantity(p.value, p.unit)  # raises on an unknown unit
        if p.evidence in ("derived", "calibration"):
            assert p.note, f"{p.id}: derived or calibrated values must say how"


@pytest.mark.parametrize("model_cls", [*MODELS.values(), InternalBlock, TraubMiles, WDRNeuron, WindupCircuit, CalciumPool, Physiological],
                         ids=lambda c: c.__name__)
def test_every_model_parameter_has_a_source(model_cls):
    """Enumerate the dataclass fields of each model: each one must come from the library."""
    model = model_cls()
    sourced = field_parameters(model)
    for f in dataclasses.fields(model):
        if f.metadata.get("static"):
            continue  # labels such as a preset name, not numbers
        assert f.name in sourced, f"{model_cls.__name__}.{f.name} has no library parameter"
        p = sourced[f.name]
        assert p.citation is not None
        assert getattr(model, f.name) == pytest.approx(value(p.id, f.metadata["unit"]))
    assert model_cls.citation in library().citations


@pytest.mark.parametrize("subunit", ["GluN2A", "GluN2B", "GluN2C", "GluN2D"])
def test_subunit_presets_are_sourced(subunit):
    lib = library()
    for key in ("k0", "delta"):
        p = lib[f"woodhull.{subunit.lower()}.{key}"]
        assert p.citation is not None and p.confidence in ("high", "medium", "low")
    preset = Woodhull.for_subunit(subunit)
    assert preset.k0_mM == lib[f"woodhull.{subunit.lower()}.k0"].value
    assert field_parameters(preset)["k0_mM"].id == f"woodhull.{subunit.lower()}.k0"


def test_search_and_unknown():
    lib = library()
    hits = lib.search("Jahr")
    assert {"jahr_stevens_1990.k0", "jahr_stevens_1990.slope"} <= {p.id for p in hits}
    with pytest.raises(UnknownNameError, match=r"parameter: got 'no.such'"):
        lib["no.such"]


def test_value_conversion():
    assert value("jahr_stevens_1990.k0", "uM") == pytest.approx(3570.0)
    assert value("kampa_2004.rmu", "1/s") == pytest.approx(12800.0)


def test_schema_rejects_out_of_range_and_unknown_fields():
    base = dict(id="x.y", symbol="s", description="d", value=1.0, unit="mM", range=(0.0, 2.0),
                source="jahr-stevens-1990", confidence="high", evidence="primary")
    Parameter(**base)
    with pytest.raises(ValidationError):
        Parameter(**(base | {"value": 3.0}))
    with pytest.raises(ValidationError):
        Parameter(**(base | {"confidence": "certain"}))
    with pytest.raises(ValidationError):
        Parameter(**base, colour="blue")
