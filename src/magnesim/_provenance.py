"""Provenance records attached to every result: version, model, parameters and their sources."""

from __future__ import annotations

import dataclasses
import json
from importlib import metadata

__all__ = ["version", "model_provenance"]


def version() -> str:
    """The installed magnesim version."""
    try:
        return metadata.version("magnesim")
    except metadata.PackageNotFoundError:  # running from a source tree without installing
        return "0+unknown"


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
                p = sourced[f.name]
                params[f"{type(obj).__name__}.{f.name}"] = {
                    "value": _plain(value), "unit": f.metadata["unit"], "id": p.id,
                    "library_value": p.value, "library_unit": p.unit,
                    "source": p.citation.short() if p.citation else p.source, "confidence": p.confidence,
                }
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
