"""A compartmental model as SBML Level 3 Version 2 (python-libsbml), and SBML's own consistency check.

Every species is an amount (mmol, ``hasOnlySubstanceUnits``) in one unit-volume compartment, so that
rate laws read as magnesim writes its equations (mmol/h); concentrations are assignment rules.
Doses are events at their times: boluses add to species, infusions switch a rate parameter on and
off. Units: h, mmol, L, mmol/L (:mod:`magnesim.units`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Flux", "SbmlModel", "consistency_errors", "to_sbml"]

# unit id -> (kind, exponent, scale, multiplier) factors
_UNITS = {
    "mmol": [("mole", 1, -3, 1.0)],
    "hour": [("second", 1, 0, 3600.0)],
    "per_hour": [("second", -1, 0, 3600.0)],
    "mmol_per_hour": [("mole", 1, -3, 1.0), ("second", -1, 0, 3600.0)],
    "litre_per_hour": [("litre", 1, 0, 1.0), ("second", -1, 0, 3600.0)],
    "mM": [("mole", 1, -3, 1.0), ("litre", -1, 0, 1.0)],
}


@dataclass(frozen=True)
class Flux:
    """A transfer of ``formula`` mmol/h from species ``source`` to species ``target`` (None: from or to
    outside the model); ``reversible`` where the formula can change sign (an exchange)."""

    id: str
    source: str | None
    target: str | None
    formula: str
    reversible: bool = False


@dataclass(frozen=True)
class SbmlModel:
    """What an SBML export holds: species (initial mmol), parameters (value, unit id of ``_UNITS`` or
    "dimensionless"), assignment rules (id -> formula, in order), fluxes, and events (id, time h,
    {variable: formula evaluated at the trigger})."""

    id: str
    name: str
    notes: str
    species: dict[str, float]
    parameters: dict[str, tuple[float, str]]
    rules: dict[str, tuple[str, str]]  # id -> (formula, unit id)
    fluxes: list[Flux]
    events: list[tuple[str, float, dict[str, str]]] = field(default_factory=list)


def _check(code: int, what: str) -> None:
    import libsbml

    if code != libsbml.LIBSBML_OPERATION_SUCCESS:
        raise RuntimeError(f"libsbml could not set {what}: {libsbml.OperationReturnValue_toString(code)}")


def _math(formula: str):
    import libsbml

    ast = libsbml.parseL3Formula(formula)
    if ast is None:
        raise ValueError(f"not an SBML formula: {formula!r} ({libsbml.getLastParseL3Error()})")
    return ast


def to_sbml(m: SbmlModel) -> str:
    """The SBML L3V2 document as XML text."""
    import libsbml

    doc = libsbml.SBMLDocument(3, 2)
    model = doc.createModel()
    _check(model.setId(m.id), "the model id")
    model.setName(m.name)
    _check(model.setNotes(f'<body xmlns="http://www.w3.org/1999/xhtml"><p>{_escape(m.notes)}</p></body>'), "the notes")
    for uid, factors in _UNITS.items():
        ud = model.createUnitDefinition()
        ud.setId(uid)
        for kind, exponent, scale, multiplier in factors:
            u = ud.createUnit()
            u.setKind(libsbml.UnitKind_forName(kind))
            u.setExponent(exponent)
            u.setScale(scale)
            u.setMultiplier(multiplier)
    for attr, unit in (("TimeUnits", "hour"), ("SubstanceUnits", "mmol"), ("ExtentUnits", "mmol"), ("VolumeUnits", "litre")):
        _check(getattr(model, f"set{attr}")(unit), attr)
    comp = model.createCompartment()
    comp.setId("body")
    comp.setSize(1.0)
    comp.setConstant(True)
    comp.setSpatialDimensions(3)
    comp.setUnits("litre")
    for sid, amount in m.species.items():
        s = model.createSpecies()
        s.setId(sid)
        s.setCompartment("body")
        s.setInitialAmount(float(amount))
        s.setHasOnlySubstanceUnits(True)
        s.setBoundaryCondition(False)
        s.setConstant(False)
        s.setSubstanceUnits("mmol")
    switched = {v for _, _, assignments in m.events for v in assignments}
    for pid, (value, unit) in m.parameters.items():
        p = model.createParameter()
        p.setId(pid)
        p.setValue(float(value))
        p.setUnits(unit)
        p.setConstant(pid not in switched)
    for rid, (formula, unit) in m.rules.items():
        p = model.createParameter()
        p.setId(rid)
        p.setConstant(False)
        p.setUnits(unit)
        r = model.createAssignmentRule()
        r.setVariable(rid)
        _check(r.setMath(_math(formula)), f"the rule for {rid}")
    for f in m.fluxes:
        r = model.createReaction()
        r.setId(f.id)
        r.setReversible(f.reversible)
        for sid, make in ((f.source, r.createReactant), (f.target, r.createProduct)):
            if sid is not None:
                ref = make()
                ref.setSpecies(sid)
                ref.setStoichiometry(1.0)
                ref.setConstant(True)
        _check(r.createKineticLaw().setMath(_math(f.formula)), f"the rate of {f.id}")
    for eid, time_h, assignments in m.events:
        e = model.createEvent()
        e.setId(eid)
        e.setUseValuesFromTriggerTime(True)
        trigger = e.createTrigger()
        trigger.setInitialValue(False)
        trigger.setPersistent(True)
        _check(trigger.setMath(_math(f"time >= {time_h!r} hour")), f"the trigger of {eid}")
        for variable, formula in assignments.items():
            a = e.createEventAssignment()
            a.setVariable(variable)
            _check(a.setMath(_math(formula)), f"the assignment of {variable} in {eid}")
    return libsbml.writeSBMLToString(doc)


def consistency_errors(text: str) -> list[str]:
    """SBML's consistency check of ``text`` (units included): the messages of severity error or fatal."""
    import libsbml

    doc = libsbml.readSBMLFromString(text)
    doc.checkConsistency()
    return [doc.getError(i).getMessage().strip() for i in range(doc.getNumErrors())
            if doc.getError(i).getSeverity() >= libsbml.LIBSBML_SEV_ERROR]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
