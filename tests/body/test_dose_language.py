"""The dose language: the issue's examples, NONMEM-style repeats, salts, and precise errors."""

import pytest

from magnesim.body import parse_regimen
from magnesim.body.named import NAMED_REGIMENS, named_regimen
from magnesim.errors import ParameterError, UnknownNameError

HEPTA = 1000 / 246.47  # mmol Mg per g MgSO4.7H2O


def test_loading_then_infusion():
    r = parse_regimen("4 g MgSO4.7H2O IV over 20 min, then 1 g/h IV for 24 h")
    load, maintenance = r.events
    assert (load.route, load.start_h, load.duration_h) == ("iv", 0.0, pytest.approx(1 / 3))
    assert load.amount_mmol == pytest.approx(4 * HEPTA)
    assert maintenance.start_h == pytest.approx(1 / 3) and maintenance.duration_h == 24.0
    assert maintenance.rate_mmol_per_h == pytest.approx(HEPTA)  # salt carried over from the first part
    assert r.end_h == pytest.approx(24 + 1 / 3)


def test_repeated_im():
    r = parse_regimen("5 g MgSO4.7H2O IM every 4 h x 6")
    assert [e.start_h for e in r.events] == [0, 4, 8, 12, 16, 20]
    assert r.total_mmol("im") == pytest.approx(30 * HEPTA)


def test_oral_elemental_with_salt():
    r = parse_regimen("400 mg Mg as MgO oral daily x 14")
    assert len(r.events) == 14 and r.events[-1].start_h == 13 * 24
    assert r.events[0].amount_mmol == pytest.approx(400 / 24.305)
    assert r.events[0].salt == "mgo"


def test_topical_and_immersion():
    cream = parse_regimen("MgCl2 cream 56 mg Mg daily x 14 on 200 cm2 for 8 h")
    e = cream.events[0]
    assert (e.route, e.vehicle, e.area_cm2, e.duration_h) == ("topical", "cream", 200.0, 8.0)
    assert e.amount_mmol == pytest.approx(56 / 24.305) and len(cream.events) == 14
    float_ = parse_regimen("flotation 60 min").events[0]
    assert (float_.route, float_.duration_h, float_.concentration_mM) == ("immersion", 1.0, 1800.0)
    bath = parse_regimen("bath 500 g MgSO4.7H2O in 150 L for 20 min").events[0]
    assert bath.concentration_mM == pytest.approx(500 * HEPTA / 150)
    spray = parse_regimen("MgCl2.6H2O spray 100 mg Mg twice daily for 7 days on 400 cm2 for 4 h at 0.4 M")
    assert len(spray.events) == 14 and spray.events[0].concentration_mM == pytest.approx(400.0)


def test_simultaneous_and_at():
    r = named_regimen("pritchard")
    assert [(e.route, e.start_h) for e in r.events[:2]] == [("iv", 0.0), ("im", 0.0)]
    assert [e.start_h for e in r.events if e.route == "im"][1:] == [4, 8, 12, 16, 20, 24]
    assert set(NAMED_REGIMENS) == {"pritchard", "zuspan", "sibai", "dhaka"}


def test_combination_with_plus_operator():
    combined = parse_regimen("4 g MgSO4.7H2O IV over 20 min") + parse_regimen("10 g MgSO4.7H2O IM")
    assert combined.routes() == {"iv", "im"} and len(combined.events) == 2


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("4 g MgSO4 IV", "'MgSO4' is ambiguous"),
        ("4 g IV", "a mass needs a salt"),
        ("4 g Mg(NO3)2 IV", "unknown salt 'Mg(NO3)2'"),
        ("-4 g MgSO4.7H2O IV", "negative amount"),
        ("banana", "no route"),
        ("4 g MgSO4.7H2O IM over 5 min", "'over' applies to IV infusions"),
        ("1 g/h MgSO4.7H2O IV", "a rate needs an IV infusion with a duration"),
        ("4 g MgSO4.7H2O IV every 4 h", "a schedule needs a number of doses"),
        ("4 g MgSO4.7H2O IV x 3", "'x N' needs an interval"),
        ("4 g MgSO4.7H2O IV over 20 parsecs", "cannot read the time"),
        ("4 g MgSO4.7H2O IV, then", "empty part"),
        ("", "empty"),
        ("4 g MgSO4.7H2O IV sideways", "unknown salt 'MgSO4.7H2O sideways'"),
        ("flotation 60 min sideways", "did not understand '60 min sideways'"),
        ("MgCl2 cream daily x 3", "needs the amount applied"),
        ("bath 500 g MgSO4.7H2O for 20 min", "needs both an amount of salt and a volume"),
    ],
)
def test_errors_are_precise(text, fragment):
    with pytest.raises(ParameterError) as info:
        parse_regimen(text)
    message = str(info.value)
    assert message.startswith("regimen: got ") and fragment in message and "accepted:" in message and "\n" not in message


def test_unknown_named_regimen():
    with pytest.raises(UnknownNameError, match="regimen: got 'magic'; accepted: pritchard, zuspan, sibai, dhaka"):
        named_regimen("magic")
