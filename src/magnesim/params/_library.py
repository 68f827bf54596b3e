"""The parameter library: every ``data/*.yaml`` file of this package, loaded and cross-checked.

Each YAML file holds ``citations`` (key → record) and ``parameters`` (a list). A parameter's
``source`` must name a citation; its unit must be one pint reads. Models take their defaults from
here through :func:`param_field`, so every number a model uses has a source (a test enumerates them).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator, Mapping
from importlib import resources

from ..errors import DataFileError, UnitError, UnknownNameError, invalid
from ._schema import Citation, Parameter

__all__ = ["ParameterLibrary", "field_parameters", "library", "param_field", "unit_factor", "value"]


class ParameterLibrary(Mapping[str, Parameter]):
    """Read-only mapping from parameter id to :class:`Parameter`, with citations."""

    def __init__(self, parameters: Mapping[str, Parameter], citations: Mapping[str, Citation]):
        self._parameters = dict(parameters)
        self.citations: Mapping[str, Citation] = dict(citations)

    def __getitem__(self, key: str) -> Parameter:
        try:
            return self._parameters[key]
        except KeyError:
            raise UnknownNameError(invalid("parameter", key, "an id listed by 'magnesim params'")) from None

    def __contains__(self, key: object) -> bool:
        return key in self._parameters

    def __iter__(self) -> Iterator[str]:
        return iter(self._parameters)

    def __len__(self) -> int:
        return len(self._parameters)

    def search(self, text: str) -> list[Parameter]:
        """Parameters whose id, symbol, description, note or source mentions ``text`` (case-insensitive)."""
        needle = text.lower()
        hits = []
        for p in self._parameters.values():
            hay = " ".join((p.id, p.symbol, p.description, p.note, p.source, p.citation.full() if p.citation else ""))
            if needle in hay.lower():
                hits.append(p)
        return hits


def _load_yaml(text: str, name: str):
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise DataFileError(f"{name}: not valid YAML ({exc.__class__.__name__})") from None


@functools.cache
def library() -> ParameterLibrary:
    """The parameter library shipped with magnesim (loaded once)."""
    from pydantic import ValidationError

    citations: dict[str, Citation] = {}
    raw_params: list[tuple[str, dict]] = []
    folder = resources.files("magnesim.params").joinpath("data")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        doc = _load_yaml(entry.read_text(encoding="utf-8"), entry.name)
        if not isinstance(doc, dict) or set(doc) - {"citations", "parameters"}:
            raise DataFileError(invalid(entry.name, type(doc).__name__, "a mapping with keys 'citations' and 'parameters'"))
        for key, record in (doc.get("citations") or {}).items():
            if key in citations:
                raise DataFileError(invalid(f"{entry.name} citation", key, "a key not used in another file"))
            try:
                citations[key] = Citation(key=key, **record)
            except (ValidationError, TypeError) as exc:
                raise DataFileError(f"{entry.name} citation {key}: {_first_error(exc)}") from None
        raw_params.extend((entry.name, record) for record in doc.get("parameters") or [])

    parameters: dict[str, Parameter] = {}
    for file_name, record in raw_params:
        pid = record.get("id", "?") if isinstance(record, dict) else "?"
        if pid in parameters:
            raise DataFileError(invalid(f"{file_name} parameter id", pid, "a unique id"))
        source = record.get("source") if isinstance(record, dict) else None
        if source not in citations:
            raise DataFileError(invalid(f"{file_name} parameter {pid} source", source, "a citation key defined in a params data file"))
        try:
            parameters[pid] = Parameter(**record, citation=citations[source])
        except (ValidationError, TypeError) as exc:
            raise DataFileError(f"{file_name} parameter {pid}: {_first_error(exc)}") from None
    return ParameterLibrary(parameters, citations)


def _first_error(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        err = errors()[0]
        return f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
    return str(exc)


@functools.cache
def value(param_id: str, unit: str) -> float:
    """The library value of ``param_id`` converted to ``unit`` (a kernel unit)."""
    from ..units import registry

    p = library()[param_id]
    ureg = registry()
    try:
        return float(ureg.Quantity(p.value, p.unit).to(unit).magnitude)
    except Exception:
        raise UnitError(invalid(f"parameter {param_id}", f"{p.value} {p.unit}", f"a quantity convertible to {unit}")) from None


def unit_factor(param_id: str, unit: str) -> float:
    """The factor that converts ``param_id``'s library unit to ``unit`` (a model field's kernel unit), for
    values other than the library value (draws, fits). Units that differ by an offset are refused."""
    from ..units import registry

    p = library()[param_id]
    ureg = registry()
    try:
        one, two = (float(ureg.Quantity(v, p.unit).to(unit).magnitude) for v in (1.0, 2.0))
    except Exception:
        raise UnitError(invalid("id", param_id, "a parameter whose library unit converts to its model unit", f"{p.unit} → {unit}")) from None
    if abs(two - 2.0 * one) > 1e-12 * abs(two):
        raise UnitError(invalid("id", param_id, "a parameter in a unit without an offset", f"{p.unit} → {unit}"))
    return one


def param_field(param_id: str, unit: str):
    """A dataclass field whose default is the library value of ``param_id`` in ``unit``.

    The id is kept in the field's metadata so that the parameters a model uses can be listed.
    """
    return dataclasses.field(default_factory=lambda: value(param_id, unit), metadata={"param": param_id, "unit": unit})


def field_parameters(model) -> dict[str, Parameter]:
    """Field name → library :class:`Parameter` for every sourced field of a model dataclass.

    A model whose values come from a preset (a GluN2 subunit, say) names their ids in a
    ``parameter_ids()`` method; those take precedence over the field defaults' ids.
    """
    lib = library()
    ids = {f.name: f.metadata["param"] for f in dataclasses.fields(model) if "param" in f.metadata}
    if hasattr(model, "parameter_ids"):
        ids |= model.parameter_ids()
    return {name: lib[pid] for name, pid in ids.items()}
