"""``magnesim windup``: dorsal-horn wind-up across [Mg2+]o, frequency, NMDA block and GluN2 subunit."""

from __future__ import annotations

from typing import Annotated

import typer

from ._output import as_options, check_plot_path, emit_json, save_figure

__all__ = ["windup"]


def windup(
    mg: Annotated[str, typer.Option("--mg", help="[Mg2+]o: a value, list or range (bare numbers: mM).")] = "0,0.5,1,2mM",
    freq: Annotated[str, typer.Option("--freq", help="Stimulus frequency: a value or list (bare numbers: Hz), 0.05-5 Hz.")] = "1Hz",
    stimuli: Annotated[int, typer.Option("--stimuli", help="Stimuli per train (2-100).")] = 16,
    nmda_scale: Annotated[str, typer.Option("--nmda-scale", help="NMDA conductance scale: a value, list or range, 0-10 (0 = AP5).")] = "1",
    subunit: Annotated[str | None, typer.Option("--subunit", help="GluN2 subunit preset(s) of the block, comma list (GluN2A-D).")] = None,
    block: Annotated[str | None, typer.Option("--block", help="Mg2+ block model (see `magnesim models`); default jahr-stevens-1990, or woodhull with --subunit.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the fibre delays.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    plot: Annotated[str | None, typer.Option("--plot", help="Write the responses along the train to FILE (.png, .svg, .pdf).")] = None,
) -> None:
    """Wind-up of a dorsal-horn WDR neuron to C-fibre trains (Aguiar et al. 2010 circuit, recalibrated)."""
    from ..experiments import windup as run_windup

    plot_path = check_plot_path(plot)
    subunits = None if subunit is None else [s.strip() for s in subunit.split(",") if s.strip()]
    with as_options(mg="--mg", freq="--freq", stimuli="--stimuli", nmda_scale="--nmda-scale", subunit="--subunit", model="--block"):
        ds = run_windup(mg, freq, stimuli, nmda_scale, subunits, block=block, seed=seed)
    rows = []
    for s in ds.subunit.values:
        for m in ds.mg_mM.values:
            for f in ds.freq_hz.values:
                for k in ds.nmda_scale.values:
                    c = ds.sel(subunit=s, mg_mM=m, freq_hz=f, nmda_scale=k)
                    wi = float(c.windup_index)
                    rows.append({"mg_mM": float(m), "freq_hz": float(f), "nmda_scale": float(k),
                                 **({} if s == "none" else {"subunit": str(s)}),
                                 "spikes_per_stimulus": [int(x) for x in c.spikes_per_stimulus.values],
                                 "windup_index": None if wi != wi else round(wi, 4),
                                 "windup_excess": int(c.windup_excess)})
    if as_json:
        emit_json({"stimuli": stimuli, "block": ds.attrs["block"], "conditions": rows})
    else:
        print(f"Wind-up: {stimuli} C-fibre stimuli, WDR spikes >100 ms after each stimulus; "
              "index = total / (stimuli x first); excess = total - stimuli x first")
        print(f"{'Mg (mM)':>8} {'freq (Hz)':>9} {'NMDA':>5} {'subunit':>8} {'first':>6} {'last':>5} {'total':>6} {'index':>6} {'excess':>7}")
        for r in rows:
            sp = r["spikes_per_stimulus"]
            wi = "-" if r["windup_index"] is None else f"{r['windup_index']:.2f}"
            print(f"{r['mg_mM']:8g} {r['freq_hz']:9g} {r['nmda_scale']:5g} {r.get('subunit', '-'):>8} {sp[0]:6d} {sp[-1]:5d} "
                  f"{sum(sp):6d} {wi:>6} {r['windup_excess']:7d}")
    if plot_path is not None:
        from ..report.circuit_figures import windup_figure

        save_figure(windup_figure(ds), plot_path)
