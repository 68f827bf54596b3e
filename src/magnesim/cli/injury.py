"""``magnesim energy``: MgATP and Na+/K+-pump turnover across free cytosolic Mg2+."""

from __future__ import annotations

from typing import Annotated

import typer

from ._output import as_options, emit_json

__all__ = ["energy"]


def energy(
    mg_i: Annotated[str, typer.Option("--mg-i", help="Free cytosolic [Mg2+]i: a value, list or range (bare numbers: mM).")] = "0.1,0.25,0.5,1mM",
    atp: Annotated[str | None, typer.Option("--atp", help="Total cytosolic ATP (default 3 mM).")] = None,
    ph: Annotated[str | None, typer.Option("--ph", help="Cytosolic pH (default 7.2).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """How much MgATP and Na+/K+-pump turnover depend on free [Mg2+]i (the "vicious cycle" claim)."""
    from ..experiments import energetics

    with as_options(mg_i="--mg-i", atp_total="--atp", ph="--ph"):
        ds = energetics(mg_i, atp_total=atp, ph=ph)
    rows = [{"mg_i_mM": float(m), "mgatp_fraction": round(float(ds.mgatp_fraction.sel(mg_i_mM=m)), 4),
             "mgatp_mM": round(float(ds.mgatp_mM.sel(mg_i_mM=m)), 4),
             "pump_rate_relative": round(float(ds.pump_rate_relative.sel(mg_i_mM=m)), 4)} for m in ds.mg_i_mM.values]
    if as_json:
        emit_json({"apparent_kd_mM": round(ds.attrs["apparent_kd_mM"], 4), "atp_total_mM": ds.attrs["atp_total_mM"],
                   "ph": ds.attrs["ph"], "conditions": rows})
        return
    print(f"MgATP: apparent Kd {ds.attrs['apparent_kd_mM']:.3f} mM (pH {ds.attrs['ph']:g}, 25 C, I 0.25 M; Alberty 2003); "
          f"total ATP {ds.attrs['atp_total_mM']:g} mM; pump rate relative to [Mg2+]i 0.5 mM")
    print(f"{'[Mg2+]i (mM)':>13} {'MgATP/ATP':>10} {'MgATP (mM)':>11} {'pump rate':>10}")
    for r in rows:
        print(f"{r['mg_i_mM']:13g} {r['mgatp_fraction']:10.3f} {r['mgatp_mM']:11.3f} {r['pump_rate_relative']:10.3f}")
