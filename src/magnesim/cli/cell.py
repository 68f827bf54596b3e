"""``magnesim fire``: current clamp of a Traub–Miles neuron with and without NMDA (and Na+) conductance."""

from __future__ import annotations

from typing import Annotated

import typer

from ._output import as_options, conditions, emit_json

__all__ = ["fire"]


def fire(
    current: Annotated[str, typer.Option("--current", help="Injected current: a value, list or range (bare numbers: pA).")] = "200pA",
    nmda_scale: Annotated[str, typer.Option("--nmda-scale", help="NMDA conductance scale: a value, list or range (0 = removed).")] = "0",
    mg: Annotated[str, typer.Option("--mg", help="[Mg2+]o for the NMDA block (bare numbers: mM).")] = "1mM",
    na_scale: Annotated[str, typer.Option("--na-scale", help="Na+ conductance scale: a value, list or range (0 = tetrodotoxin).")] = "1",
    duration: Annotated[str, typer.Option("--duration", help="Duration (bare numbers: ms).")] = "1000ms",
    synapses: Annotated[bool, typer.Option("--synapses/--no-synapses", help="Keep the 20 Hz AMPA+NMDA drive of benchmark B1.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Does the neuron fire action potentials without NMDA conductance? (Traub–Miles, COBAHH parameters.)"""
    from ..experiments import fire as fire_experiment

    with as_options(current="--current", nmda_scale="--nmda-scale", mg="--mg", na_scale="--na-scale", duration="--duration"):
        ds = fire_experiment(current, nmda_scale, mg, duration, na_scale=na_scale,
                           synaptic_drive=synapses)
    rows = [{**at, "spikes": int(c.spikes), "rate_hz": float(c.rate_hz)}
            for at, c in conditions(ds, ("current_pA", "nmda_scale", "mg_mM", "na_scale"))]
    if as_json:
        emit_json({**({"spikes": rows[0]["spikes"], "rate_hz": rows[0]["rate_hz"]} if len(rows) == 1 else {}),
                   "duration_ms": ds.attrs["duration_ms"], "synaptic_drive": bool(synapses), "conditions": rows})
        return
    print(f"Traub-Miles neuron (COBAHH), {ds.attrs['duration_ms']:g} ms, "
          f"{'20 Hz AMPA+NMDA drive' if synapses else 'no synaptic drive'}; spike = upward crossing of -20 mV")
    print(f"{'current (pA)':>13} {'NMDA scale':>11} {'Mg (mM)':>8} {'Na scale':>9} {'spikes':>7} {'rate (Hz)':>10}")
    for r in rows:
        print(f"{r['current_pA']:13g} {r['nmda_scale']:11g} {r['mg_mM']:8g} {r['na_scale']:9g} {r['spikes']:7d} {r['rate_hz']:10.1f}")
