"""Summaries of a finished sweep store: percentiles over virtual subjects, per condition."""

from __future__ import annotations

import numpy as np

from ._store import DONE

__all__ = ["PERCENTILES", "summarize"]

PERCENTILES = (5, 50, 95)


def summarize(ds):
    """Per condition: p5/p50/p95 over subjects of every per-subject output of a body sweep, and the
    share of subjects that reach each toxicity threshold (``share_reaching_*``); time courses get
    percentiles per time. Outputs a model does not produce (CSF under a popPK preset: NaN) give NaN.
    Block and windup stores (no subjects) are returned as they are, loaded."""
    import warnings

    import xarray as xr

    if "subject" not in ds.dims:
        return ds.drop_vars(DONE).load()
    per_subject = [k for k in ds.data_vars if ds[k].dims == ("condition", "subject")]
    out = {}
    q = [p / 100 for p in PERCENTILES]
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "All-NaN slice encountered", RuntimeWarning)  # outputs the model does not produce
        for k in per_subject:
            out[k] = ds[k].chunk({"subject": -1}).quantile(q, dim="subject").load()
            if k.startswith("hours_above_"):
                out[k.replace("hours_above_", "share_reaching_")] = (ds[k] > 0).mean("subject").load()
        for k in ds.data_vars:
            if ds[k].dims == ("condition", "subject", "time_h"):
                out[k] = ds[k].chunk({"subject": -1, "time_h": 8}).quantile(q, dim="subject").load()
    summary = xr.Dataset(out).assign_coords(quantile=("quantile", np.array(q), {"long_name": "quantile over virtual subjects"}))
    for k in summary.data_vars:
        summary[k].attrs = dict(ds[k].attrs) if k in ds else {"units": "1", "long_name": f"share of subjects with {k.removeprefix('share_reaching_')} reached"}
    summary.attrs = dict(ds.attrs)
    return summary
