"""``magnesim windup``: dorsal-horn wind-up across [Mg2+]o, frequency, NMDA block and GluN2 subunit."""

from __future__ import annotations

from typing import Annotated

import typer

from ._output import as_options, check_plot_path, conditions, emit_json, save_figure

__all__ = ["network", "windup"]


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
    with as_options(mg="--mg", freq="--freq", stimuli="--stimuli", nmda_scale="--nmda-scale", subunit="--subunit", model="--block",
                    seed="--seed"):
        ds = run_windup(mg, freq, stimuli, nmda_scale, subunits, block=block, seed=seed)
    rows = []
    for at, c in conditions(ds, ("subunit", "mg_mM", "freq_hz", "nmda_scale")):
        wi = float(c.windup_index)
        rows.append({"mg_mM": at["mg_mM"], "freq_hz": at["freq_hz"], "nmda_scale": at["nmda_scale"],
                     **({} if at["subunit"] == "none" else {"subunit": str(at["subunit"])}),
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


def network(
    mg: Annotated[str, typer.Option("--mg", help="[Mg2+]o: a value, list or range (bare numbers: mM).")] = "0,1,2mM",
    duration: Annotated[str, typer.Option("--duration", help="Simulated time per condition (bare numbers: ms), 1.5 s to 10 min.")] = "20s",
    nmda_scale: Annotated[str, typer.Option("--nmda-scale", help="NMDA conductance scale: a value, list or range, 0-10 (0 = AP5).")] = "1",
    seed: Annotated[str, typer.Option("--seed", help="Seed(s) of the wiring and background, comma list.")] = "1",
    block: Annotated[str, typer.Option("--block", help="Mg2+ block model (see `magnesim models`).")] = "jahr-stevens-1990",
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    plot: Annotated[str | None, typer.Option("--plot", help="Write the population rates to FILE (.png, .svg, .pdf).")] = None,
) -> None:
    """Seizure-like population bursts of a 1000-cell E/I network across [Mg2+]o and NMDA block."""
    from ..experiments import network as run_network

    plot_path = check_plot_path(plot)
    with as_options(mg="--mg", duration="--duration", nmda_scale="--nmda-scale", seed="--seed", model="--block"):
        ds = run_network(mg, duration, nmda_scale, seed, block=block)
    rows = [{"mg_mM": at["mg_mM"], "nmda_scale": at["nmda_scale"], "seed": int(at["seed"]), "events": int(c.events),
             "event_rate_per_min": round(float(c.event_rate_per_min), 3), "mean_rate_hz": round(float(c.mean_rate_hz), 3),
             "exc_rate_hz": round(float(c.exc_rate_hz), 3), "inh_rate_hz": round(float(c.inh_rate_hz), 3)}
            for at, c in conditions(ds, ("seed", "mg_mM", "nmda_scale"))]
    if as_json:
        emit_json({"duration_s": ds.attrs["duration_ms"] / 1000.0, "analysed_s": ds.attrs["analysed_s"], "block": block,
                   "detector": ds.attrs["detector"], "conditions": rows})
    else:
        print(f"Low-Mg2+ network: 800 E + 200 I cells, {ds.attrs['analysed_s']:g} s analysed per condition; "
              f"events = {ds.attrs['detector']}")
        print(f"{'Mg (mM)':>8} {'NMDA':>5} {'seed':>5} {'events':>7} {'per min':>8} {'rate (Hz)':>9} {'E (Hz)':>7} {'I (Hz)':>7}")
        for r in rows:
            print(f"{r['mg_mM']:8g} {r['nmda_scale']:5g} {r['seed']:5d} {r['events']:7d} {r['event_rate_per_min']:8.1f} "
                  f"{r['mean_rate_hz']:9.2f} {r['exc_rate_hz']:7.2f} {r['inh_rate_hz']:7.2f}")
    if plot_path is not None:
        from ..report.circuit_figures import network_figure

        save_figure(network_figure(ds), plot_path)
