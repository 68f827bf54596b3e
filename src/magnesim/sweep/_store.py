"""The Zarr store of a sweep: a template written before any chunk runs (coordinates, empty data
variables whose Zarr chunks are the sweep's chunks, provenance), region writes of finished chunks,
and the completion record ``sweep_chunk_done`` (one Zarr chunk per sweep chunk, set after the
chunk's data are written: a chunk interrupted between the two is simply computed again, with the
same bits).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .._provenance import version
from ..errors import ScenarioError
from ._design import Design
from ._kernels import body_times, variables

__all__ = ["DONE", "check_matches", "create", "done_chunks", "write_chunk"]

DONE = "sweep_chunk_done"


def _zarr_chunks(d: Design, dims: tuple[str, ...]) -> tuple[int, ...]:
    sizes = {"condition": d.chunk_shape[0], "subject": d.chunk_shape[1]}
    return tuple(sizes.get(dim, -1) for dim in dims)


def create(d: Design, store: str | Path) -> None:
    """Write the template of ``d`` at ``store`` (which must not exist)."""
    import dask.array as da
    import xarray as xr

    shapes = {"condition": d.n_conditions, "subject": d.n_subjects}
    coords = {"condition": np.arange(d.n_conditions)}
    for coord, values in d.conditions.items():
        coords[coord] = ("condition", values, {"units": d.units[coord], "sets": d.sets[coord]})
    if d.spec.kind == "body":
        coords["subject"] = np.arange(d.n_subjects)
        coords["time_h"] = ("time_h", body_times(d), {"units": "h"})
        shapes["time_h"] = coords["time_h"][1].size
    if d.spec.kind == "windup":
        shapes["stimulus"] = d.spec.settings().stimuli
        coords["stimulus"] = np.arange(1, shapes["stimulus"] + 1)
    data = {}
    for v in variables(d):
        shape = tuple(shapes[x] for x in v.dims)
        chunks = tuple(s if c == -1 else c for s, c in zip(shape, _zarr_chunks(d, v.dims), strict=True))
        data[v.name] = (v.dims, da.full(shape, np.nan, chunks=chunks), {"units": v.units, "long_name": v.long_name})
    data[DONE] = ("chunk", da.zeros(d.n_chunks, dtype="u1", chunks=1), {"long_name": "1 once the chunk's rows are written"})
    ds = xr.Dataset(data, coords=coords)
    ds.attrs.update(d.provenance())
    ds.attrs.update({"magnesim_version": version(), "title": d.spec.name, "description": d.spec.description,
                     **_model_provenance(d)})
    encoding = {name: {"chunks": ds[name].data.chunksize, "_FillValue": 0 if name == DONE else np.nan} for name in data}
    ds.to_zarr(str(store), mode="w-", compute=False, encoding=encoding, consolidated=True, zarr_format=2)


def _model_provenance(d: Design) -> dict:
    from .._provenance import model_provenance

    st = d.spec.settings()
    if d.spec.kind == "body" and st.model.strip().lower() == "physiological":
        from ..body.physiological import Physiological

        return {f"model_{k}": v for k, v in model_provenance(Physiological()).items()}
    if d.spec.kind == "body":
        from ..body.poppk import preset
        from ..body.simulate import _citation

        return {"model": st.model, "model_citation": _citation(preset(st.model.strip().lower()).citation)}
    if d.spec.kind == "block":
        from ..receptor import get_model

        return {f"model_{k}": v for k, v in model_provenance(get_model(st.model, st.subunit)).items()}
    from ..circuit import WindupCircuit

    return {"circuit_parameters": model_provenance(WindupCircuit())["parameters"]}


def _group(store: str | Path):
    import zarr

    return zarr.open_group(str(store), mode="r+")


def done_chunks(store: str | Path) -> np.ndarray:
    """Boolean array: which chunks are written."""
    import zarr

    return np.asarray(zarr.open_group(str(store), mode="r")[DONE][:]).astype(bool)


def write_chunk(d: Design, store: str | Path, i: int, values: dict[str, np.ndarray]) -> None:
    """Write chunk ``i``'s region of every variable, then mark it done."""
    g = _group(store)
    c0, c1, s0, s1 = d.chunk(i)
    for v in variables(d):
        region = tuple(slice(c0, c1) if dim == "condition" else slice(s0, s1) if dim == "subject" else slice(None) for dim in v.dims)
        g[v.name][region] = values[v.name]
    g[DONE][i] = 1


def check_matches(d: Design, store: str | Path) -> None:
    """``store`` holds a sweep of ``d``'s spec (resuming anything else would mix two sweeps)."""
    import zarr

    try:
        attrs = dict(zarr.open_group(str(store), mode="r").attrs)
    except Exception as exc:  # any unreadable store gets the same one-line answer
        raise ScenarioError(f"--out: got '{store}' ({type(exc).__name__}); accepted: a sweep store made by magnesim sweep") from None
    if attrs.get("sweep_spec_sha256") != d.sha256:
        raise ScenarioError(f"--out: got '{store}' (it holds another sweep: {attrs.get('title', 'no title')}); accepted: the store of "
                            "this same sweep file to resume, or a new path")
