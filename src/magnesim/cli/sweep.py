"""``magnesim sweep``: a design of conditions and virtual subjects on Dask, streamed into Zarr."""

from __future__ import annotations

from typing import Annotated

import typer

from ._output import emit_json

__all__ = ["sweep"]


def sweep(
    spec: Annotated[str, typer.Argument(help="Sweep YAML file (examples/sweep/ shows every key).")],
    out: Annotated[str, typer.Option("--out", help="Zarr store to create (or to continue with --resume).")] = "magnesim-sweep.zarr",
    scheduler: Annotated[str, typer.Option("--scheduler", help="local (a LocalCluster), inprocess (no Dask), or a scheduler address tcp://host:8786.")] = "local",
    workers: Annotated[int, typer.Option("--workers", help="Worker processes of the local cluster (one thread each).")] = 2,
    resume: Annotated[bool, typer.Option("--resume", help="Continue the store of this same sweep: finished chunks are skipped.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run and the summary as JSON on stdout.")] = False,
) -> None:
    """Run a sweep file's design chunk by chunk (one compiled call each) on Dask and store it in Zarr.
    Open the result with xarray.open_zarr(OUT)."""
    from ..sweep import summarize
    from ..sweep import sweep as run_sweep

    result = run_sweep(spec, out, scheduler=scheduler, workers=workers, resume=resume, progress=not (quiet or as_json))
    summary = summarize(result.open())
    doc = {"store": result.store, "chunks": result.chunks, "computed": len(result.computed), "skipped": result.skipped,
           "wall_s": result.wall_s, "scheduler": result.scheduler, "workers": result.workers,
           "worker_peak_rss_mb": list(result.worker_peak_rss_mb), "summary": _summary_dict(summary)}
    if as_json:
        emit_json(doc)
        return
    print(f"{result.store}: {result.chunks} chunks ({len(result.computed)} computed, {result.skipped} already done) in "
          f"{result.wall_s:.1f} s on {result.scheduler} ({result.workers} worker{'s' * (result.workers > 1)})")
    _print(summary)


def _summary_dict(summary) -> dict:
    import numpy as np

    out = {}
    for k, v in summary.data_vars.items():
        if "time_h" in v.dims or "stimulus" in v.dims:
            continue
        values = np.asarray(v.values, dtype=float)
        out[k] = {"units": v.attrs.get("units", ""), "dims": list(v.dims), "values": values.round(6).tolist()} if values.size <= 1000 else {
            "units": v.attrs.get("units", ""), "min": float(np.nanmin(values)), "median": float(np.nanmedian(values)), "max": float(np.nanmax(values))}
    return out


def _print(summary) -> None:
    import numpy as np

    if "quantile" not in summary.dims:  # block, windup: one value per condition
        for k, v in summary.data_vars.items():
            x = np.asarray(v.values, dtype=float)
            print(f"  {k:<28} min {np.nanmin(x):.4g}  median {np.nanmedian(x):.4g}  max {np.nanmax(x):.4g}  ({x.shape[0]} conditions)")
        return
    factors = [c for c in summary.coords if summary[c].dims == ("condition",) and c != "condition"]
    for c in summary.condition.values[:20]:
        label = ", ".join(f"{f} {summary[f].values[c]}" for f in factors) or "all subjects"
        print(f"condition {c} ({label}): p5 / p50 / p95 over {summary.attrs['population']} subjects")
        for k, v in summary.data_vars.items():
            if k.startswith("share_reaching_"):
                print(f"  {k:<36} {100 * float(v.values[c]):.2f}%")
            elif "time_h" not in v.dims:
                p5, p50, p95 = (float(x) for x in v.sel(condition=c).values)
                print(f"  {k:<36} {p5:.3f} / {p50:.3f} / {p95:.3f} {v.attrs.get('units', '')}")
    if summary.condition.size > 20:
        print(f"... {summary.condition.size - 20} more conditions in the store")
