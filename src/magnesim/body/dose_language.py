"""A readable dose language for regimens, read into :class:`~magnesim.body.regimen.Regimen`.

Parts joined by ``+`` start together; parts joined by ``then`` (or ``;``) follow one another, each
starting when the previous one ends (a repeated schedule ends one interval after its last dose).
``at T`` starts a part at T from the start of the regimen; ``after T`` waits T more.

    4 g MgSO4.7H2O IV over 20 min, then 1 g/h IV for 24 h
    4 g MgSO4.7H2O IV over 20 min + 10 g MgSO4.7H2O IM, then 5 g MgSO4.7H2O IM every 4 h x 6 at 4 h
    5 g MgSO4.7H2O IM every 4 h x 6
    400 mg Mg as MgO oral daily x 14
    MgCl2 cream 56 mg Mg daily x 14 on 200 cm2 for 8 h
    flotation 60 min
    bath 500 g MgSO4.7H2O in 150 L for 20 min

Amounts are salt masses (converted to elemental Mg through the salts table), or elemental Mg when
written ``mg Mg``/``g Mg``, ``mmol`` or ``mEq``. A part that names no salt takes the previous part's
salt. Routes: ``IV``, ``IM``, ``oral`` (``po``); topical vehicles ``cream``, ``gel``, ``lotion``,
``spray``, ``oil``; immersion ``bath``, ``flotation``. Schedules: ``every 4 h x 6``,
``every 8 h for 2 days``, ``q4h x 6``, ``daily x 14``, ``twice daily for 7 days``. Topical parts take
``on AREA cm2``, a contact time ``for T`` and optionally the Mg concentration of the vehicle,
``at 1%`` (w/v) or ``at 0.4 M``. Bare ``MgSO4`` is refused as ambiguous: clinical MgSO4 doses are
heptahydrate grams (write ``MgSO4.7H2O``), the formula is the anhydrous salt (``MgSO4 anhydrous``).
Every message on failure names the part, the text and what is accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ParameterError, UnitError, invalid
from ..units import CONCENTRATION, HOURS, MASS, MG_MOLAR_MASS_G_PER_MOL, parse_quantity, registry, to_kernel
from ..units import salt as find_salt
from .regimen import DoseEvent, Regimen, repeat

__all__ = ["VEHICLES", "parse_regimen"]

_NUM = r"\d+(?:\.\d+)?(?:[eE][+-]?\d+)?"
_MAX_HOURS = 10 * 365 * 24.0
_ROUTE_WORDS = {
    "iv": "iv", "intravenous": "iv", "intravenously": "iv",
    "im": "im", "intramuscular": "im", "intramuscularly": "im",
    "oral": "oral", "po": "oral", "orally": "oral",
}
_TOPICAL = ("cream", "gel", "lotion", "spray", "oil")
_IMMERSION = ("bath", "flotation", "float", "soak")


@dataclass(frozen=True)
class Vehicle:
    """Default exposure of a topical vehicle or an immersion (used when the text does not say)."""

    concentration_mM: float
    area_cm2: float
    contact_h: float
    note: str


# Project notes pk.md §6. Cream/gel/lotion: 1% (m/m) Mg as in the Franz-cell cream study (Magnes Res
# 2019), taken as 10 g/L. Spray/oil: 31% MgCl2 solution ("magnesium oil", Engen 2015), density ~1.3
# g/mL → 4.2 mol/L. Flotation: ~1.8 mol/L Mg (500–550 kg Epsom salt in ~1000 L). Bath: 500 g Epsom
# salt in 150 L → 13.5 mmol/L. Immersed area ~18,000 cm² (adult body surface less the head).
VEHICLES = {
    "cream": Vehicle(10.0 / MG_MOLAR_MASS_G_PER_MOL * 1000, 200.0, 8.0, "1% (m/m) Mg cream"),
    "gel": Vehicle(10.0 / MG_MOLAR_MASS_G_PER_MOL * 1000, 200.0, 8.0, "1% (m/m) Mg gel"),
    "lotion": Vehicle(10.0 / MG_MOLAR_MASS_G_PER_MOL * 1000, 200.0, 8.0, "1% (m/m) Mg lotion"),
    "spray": Vehicle(4200.0, 200.0, 8.0, "31% MgCl2 solution"),
    "oil": Vehicle(4200.0, 200.0, 8.0, "31% MgCl2 solution"),
    "flotation": Vehicle(1800.0, 18000.0, 1.0, "flotation tank, ~1.8 mol/L Mg"),
    "bath": Vehicle(500.0 / find_salt("MgSO4.7H2O").molar_mass_g_per_mol * 1000 / 150.0, 18000.0, 20.0 / 60.0, "500 g Epsom salt in 150 L"),
}

_ACCEPTED = ("a dose such as '4 g MgSO4.7H2O IV over 20 min', '1 g/h MgSO4.7H2O IV for 24 h', "
             "'5 g MgSO4.7H2O IM every 4 h x 6', '400 mg Mg as MgO oral daily x 14', "
             "'MgCl2 cream 56 mg Mg daily x 14 on 200 cm2 for 8 h' or 'flotation 60 min'")


class _Part:
    """A working copy of one part's text from which clauses are taken out as they are read."""

    def __init__(self, text: str):
        self.original = text
        self.rest = f" {text.strip()} "

    def take(self, pattern: str) -> re.Match | None:
        match = re.search(pattern, self.rest, flags=re.IGNORECASE)
        if match:
            self.rest = self.rest[: match.start()] + " " + self.rest[match.end():]
        return match

    def fail(self, detail: str, accepted: str = _ACCEPTED) -> ParameterError:
        return ParameterError(invalid("regimen", self.original.strip(), accepted, detail))


def _hours(text: str, part: _Part) -> float:
    text = text.strip().lower()
    text = re.sub(r"\b(hrs?|hours?)\b", "h", text)
    text = re.sub(r"\b(mins?|minutes?)\b", "min", text)
    text = re.sub(r"\bdays?\b", "day", text)
    text = re.sub(r"\bweeks?\b", "week", text)
    try:
        return to_kernel(text, "duration", HOURS.within(0.0, _MAX_HOURS))
    except (ParameterError, UnitError):
        raise part.fail(f"cannot read the time {text!r}", "a time such as '20 min', '24 h' or '14 days'") from None


def _schedule(part: _Part) -> tuple[float, int | None, float | None]:
    """(interval_h, count or None, schedule length in h or None) from every/q/daily clauses."""
    interval = None
    match = part.take(rf"\bevery\s+({_NUM}\s*[a-z]+)")
    if match:
        interval = _hours(match[1], part)
    elif match := part.take(r"\bq(\d+)\s*h\b"):
        interval = float(match[1])
    elif match := part.take(r"\b(once|twice|three times|four times)?\s*(daily|a day|per day)\b"):
        per_day = {"once": 1, "twice": 2, "three times": 3, "four times": 4}.get((match[1] or "once").lower(), 1)
        interval = 24.0 / per_day
    elif match := part.take(r"\b(bid|tid|qid)\b"):
        interval = 24.0 / {"bid": 2, "tid": 3, "qid": 4}[match[1].lower()]
    count = None
    if match := part.take(r"\bx\s*(\d+)\b"):
        count = int(match[1])
    length = None
    if interval is not None and count is None and (match := part.take(rf"\bfor\s+({_NUM}\s*(?:days?|weeks?))\b")):
        length = _hours(match[1], part)
    return (interval or 0.0), count, length


def _timing(part: _Part) -> tuple[float | None, float]:
    at = after = None
    if match := part.take(rf"\bat\s+({_NUM}\s*(?:h|hrs?|hours?|min|mins|minutes?|days?))\b"):
        at = _hours(match[1], part)
    if match := part.take(rf"\bafter\s+({_NUM}\s*(?:h|hrs?|hours?|min|mins|minutes?|days?))\b"):
        after = _hours(match[1], part)
    return at, (after or 0.0)


def _salt_id(text: str, part: _Part, previous: str | None) -> str | None:
    name = re.sub(r"\s+", " ", text).strip(" ,")
    if not name:
        return previous
    if re.fullmatch(r"mgso4", name, flags=re.IGNORECASE):
        raise part.fail("'MgSO4' is ambiguous: clinical doses are heptahydrate grams",
                        "MgSO4.7H2O (Epsom salt, the clinical salt) or 'MgSO4 anhydrous'")
    try:
        return find_salt(name).id
    except LookupError:
        raise part.fail(f"unknown salt {name!r}", "a salt from the salts table, e.g. MgSO4.7H2O, MgCl2.6H2O, MgO, Mg citrate") from None


def _amount(text: str, salt: str | None, elemental: bool, part: _Part) -> float:
    """mmol elemental Mg in ``text`` (a mass of salt, or of Mg when ``elemental``, or mmol/mEq)."""
    q = parse_quantity(text, "amount")
    ureg = registry()
    if q.dimensionality == ureg.Quantity(1, "mmol").dimensionality or q.dimensionality == ureg.Quantity(1, "mEq").dimensionality:
        with ureg.context("Mg"):
            value = float(q.to("mmol").magnitude)
    elif q.dimensionality == ureg.Quantity(1, "mg").dimensionality:
        mass_mg = to_kernel(q, "amount", MASS)
        if elemental or salt is None:
            if not elemental:
                raise part.fail("a mass needs a salt", "a salt name (e.g. '4 g MgSO4.7H2O') or elemental Mg ('400 mg Mg')")
            value = mass_mg / MG_MOLAR_MASS_G_PER_MOL
        else:
            value = mass_mg / 1000.0 * find_salt(salt).mmol_mg_per_g
    else:
        raise part.fail(f"{text!r} is not an amount", "a mass (g, mg), mmol or mEq")
    if not value > 0 or value > 1e5:
        raise part.fail(f"amount {value:g} mmol out of range", "an amount from 0 to 100000 mmol Mg, exclusive of 0")
    return value


def _drug_part(part: _Part, previous_salt: str | None) -> tuple[list[DoseEvent], str | None, float]:
    route_match = part.take(r"\b(iv|intravenous(?:ly)?|im|intramuscular(?:ly)?|oral(?:ly)?|po)\b")
    if route_match is None:
        raise part.fail("no route", "a route: IV, IM, oral, a topical vehicle or an immersion")
    route = _ROUTE_WORDS[route_match[1].lower()]
    interval, count, length = _schedule(part)
    over = None
    if match := part.take(rf"\bover\s+({_NUM}\s*[a-z]+)"):
        over = _hours(match[1], part)
    infusion_for = None
    if match := part.take(rf"\bfor\s+({_NUM}\s*[a-z]+)"):
        infusion_for = _hours(match[1], part)
    if re.match(r"^\s*-\s*\d", part.rest):
        raise part.fail("negative amount", "an amount > 0, e.g. '4 g MgSO4.7H2O'")
    amount_match = part.take(rf"^\s*({_NUM})\s*(g|mg|mmol|meq|mEq|ug)\s*(/\s*(?:h|hr|hour|day|d))?(?=\s)")
    if amount_match is None:
        raise part.fail("no amount at the start", "an amount first, e.g. '4 g', '1 g/h', '400 mg Mg', '16 mmol'")
    elemental = False
    if part.take(r"^\s*(?:mg|magnesium)(?=\s|$)"):  # '400 mg Mg': elemental, not a salt
        elemental = True
    as_match = part.take(r"\bas\s+(.+)$")
    salt_text = as_match[1] if as_match else part.rest
    salt = _salt_id(salt_text if as_match or not elemental else "", part, previous_salt if not elemental else None)
    if as_match is None:
        part.rest = ""
    amount_text = f"{amount_match[1]} {amount_match[2]}"
    per = amount_match[3]
    if per is not None:  # a rate: '1 g/h IV for 24 h'
        if route != "iv" or infusion_for is None:
            raise part.fail("a rate needs an IV infusion with a duration", "'1 g/h MgSO4.7H2O IV for 24 h'")
        per_hours = 24.0 if re.search(r"d", per) else 1.0
        rate = _amount(amount_text, salt, elemental, part) / per_hours
        event = DoseEvent("iv", rate * infusion_for, 0.0, infusion_for, salt or "mg")
    else:
        if infusion_for is not None and over is None and route == "iv":
            over = infusion_for
        if over is not None and route != "iv":
            raise part.fail(f"'over' applies to IV infusions, not {route.upper()}", "'4 g MgSO4.7H2O IV over 20 min'")
        event = DoseEvent(route, _amount(amount_text, salt, elemental, part), 0.0, over or 0.0, salt or "mg")
    events, span = _expand(event, interval, count, length, part)
    return events, salt, span


def _expand(event: DoseEvent, interval: float, count: int | None, length: float | None, part: _Part):
    if interval > 0:
        if count is None:
            if length is None:
                raise part.fail("a schedule needs a number of doses or a length", "'every 4 h x 6' or 'daily for 14 days'")
            count = max(1, int(round(length / interval)))
        events = repeat(event, interval, count)
        return list(events), count * interval
    if count is not None:
        raise part.fail("'x N' needs an interval", "'every 4 h x 6' or 'daily x 14'")
    return [event], event.duration_h


def _skin_part(part: _Part, kind: str, previous_salt: str | None) -> tuple[list[DoseEvent], str | None, float]:
    vehicle_name = "flotation" if kind in ("flotation", "float") else "bath" if kind in ("bath", "soak") else kind
    defaults = VEHICLES[vehicle_name]
    route = "immersion" if vehicle_name in ("flotation", "bath") else "topical"
    interval, count, length = _schedule(part)
    area = defaults.area_cm2
    if match := part.take(rf"\bon\s+({_NUM})\s*cm2\b"):
        area = float(match[1])
    concentration = defaults.concentration_mM
    if match := part.take(rf"\bat\s+({_NUM})\s*%"):
        concentration = float(match[1]) * 10.0 / MG_MOLAR_MASS_G_PER_MOL * 1000  # % w/v Mg: g per 100 mL
    elif match := part.take(rf"\bat\s+({_NUM}\s*(?:m|mm|mol/l|mmol/l|um)\b)"):
        concentration = to_kernel(re.sub(r"mol/l$", "mol/L", match[1]), "concentration", CONCENTRATION)
    contact = None
    if match := part.take(rf"\bfor\s+({_NUM}\s*[a-z]+)"):
        contact = _hours(match[1], part)
    applied = 0.0
    salt = previous_salt
    if route == "immersion":
        volume_match = part.take(rf"\bin\s+({_NUM}\s*(?:l|ml))\b")
        dose_match = part.take(rf"^\s*({_NUM}\s*(?:g|kg|mg))\s+(.*)$")
        if dose_match and volume_match:
            salt = _salt_id(dose_match[2], part, previous_salt)
            mmol = _amount(dose_match[1], salt, False, part)
            litres = float(parse_quantity(re.sub(r"l$", "L", volume_match[1])).to("L").magnitude)
            concentration = mmol / litres
            part.rest = ""
        elif dose_match or volume_match:
            raise part.fail("a bath recipe needs both an amount of salt and a volume", "'bath 500 g MgSO4.7H2O in 150 L for 20 min'")
        if contact is None and (match := part.take(rf"^\s*({_NUM}\s*(?:h|hrs?|hours?|min|mins|minutes?))\s*$")):
            contact = _hours(match[1], part)
    else:
        amount_match = part.take(rf"\b({_NUM}\s*(?:g|mg|mmol|meq))\s*(mg\b|magnesium\b)?")
        if amount_match is None:
            raise part.fail(f"a {kind} needs the amount applied", "'MgCl2 cream 56 mg Mg daily x 14 on 200 cm2 for 8 h'")
        salt = _salt_id(part.rest, part, previous_salt)
        part.rest = ""
        applied = _amount(amount_match[1], salt, amount_match[2] is not None, part)
    if part.rest.strip():
        raise part.fail(f"did not understand {part.rest.strip()!r}")
    event = DoseEvent(route, applied, 0.0, contact if contact is not None else defaults.contact_h, salt or "mg",
                      area, concentration, vehicle_name)
    events, span = _expand(event, interval, count, length, part)
    return events, salt, span


def _part(text: str, previous_salt: str | None):
    part = _Part(text)
    at, after = _timing(part)
    skin = re.search(r"\b(" + "|".join(_TOPICAL + _IMMERSION) + r")\b", part.rest, flags=re.IGNORECASE)
    if skin:
        part.take(r"\b" + skin[1] + r"\b")
        events, salt, span = _skin_part(part, skin[1].lower(), previous_salt)
    else:
        events, salt, span = _drug_part(part, previous_salt)
        if part.rest.strip():
            raise part.fail(f"did not understand {part.rest.strip()!r}")
    return events, salt, span, at, after


def parse_regimen(text: str) -> Regimen:
    """Read a regimen written in the dose language (see the module docstring)."""
    if not isinstance(text, str) or not text.strip():
        raise ParameterError(invalid("regimen", text, _ACCEPTED, "empty"))
    events: list[DoseEvent] = []
    clock = 0.0
    salt = None
    for sequential in re.split(r"\s*(?:,?\s*\bthen\b|;)\s*", text.strip()):
        if not sequential:
            raise ParameterError(invalid("regimen", text, _ACCEPTED, "empty part"))
        segment_end = clock
        start_of_segment = clock
        for simultaneous in re.split(r"\s+\+\s+|\s+plus\s+", sequential):
            part_events, salt, span, at, after = _part(simultaneous, salt)
            start = (at if at is not None else start_of_segment) + after
            events.extend(DoseEvent(**{**e.__dict__, "start_h": e.start_h + start}) for e in part_events)
            segment_end = max(segment_end, start + span)
        clock = segment_end
    return Regimen(tuple(events), text.strip())
