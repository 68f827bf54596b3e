"""Provenance records attached to every result: version, model, parameters and their sources."""

from __future__ import annotations

import dataclasses
import json
from importlib import metadata

__all__ = ["model_provenance", "parameter_record", "version"]


def version() -> str:
    """The installed magnesim version."""
    try:
        return metadata.version("magnesim")
    except metadata.PackageNotFoundError:  # running from a source tree without installing
        return "0+unknown"


def parameter_record(param, value, unit: str) -> dict:
    """The provenance of one library parameter used at ``value`` (in ``unit``): id, library value, source, confidence."""
    return {"value": _plain(value), "unit": unit, "id": param.id, "library_value": param.value, "library_unit": param.unit,
            "source": param.citation.short() if param.citation else param.source, "confidence": param.confidence}


def model_provenance(model) -> dict[str, str]:
    """Attributes describing ``model``: its name, citation and every parameter with value, unit and source.

    Values are strings so that they survive NetCDF attributes.
    """
    from .params import field_parameters, library

    lib = library()
    params = {}
    for obj in _walk(model):
        sourced = field_parameters(obj)
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if f.name in sourced:
                params[f"{type(obj).__name__}.{f.name}"] = parameter_record(sourced[f.name], value, f.metadata["unit"])
            elif isinstance(value, int | float) or hasattr(value, "shape"):
                params[f"{type(obj).__name__}.{f.name}"] = {"value": _plain(value), "source": "user input"}
    citation = lib.citations.get(getattr(model, "citation", ""), None)
    return {
        "magnesim_version": version(),
        "model": str(getattr(model, "name", type(model).__name__)),
        "model_citation": citation.full() if citation else "",
        "parameters": json.dumps(params, sort_keys=True),
    }


def _plain(value):
    """A float, or a list of floats for parameters swept per condition."""
    import numpy as np

    array = np.asarray(value, dtype=float)
    return float(array) if array.ndim == 0 else array.tolist()


def _walk(obj):
    yield obj
    for f in dataclasses.fields(obj):
        child = getattr(obj, f.name)
        if dataclasses.is_dataclass(child):
            yield from _walk(child)
