"""``magnesim block``, ``unblock`` and ``models``: the receptor layer on the command line."""

from __future__ import annotations

from typing import Annotated

import typer

from ._output import as_options, check_plot_path, emit_json, save_figure

__all__ = ["block", "models", "unblock"]

_MG_HELP = "[Mg2+]o: a value, a comma list or START:STOP:STEP; units mM, mg/dL, mEq/L (bare numbers: mM)."
_V_HELP = "Membrane potential: a value, a comma list or START:STOP:STEP, e.g. -100mV:40mV:10mV (bare numbers: mV)."
_REST_MV = -70.0


def block(
    mg: Annotated[str, typer.Option("--mg", help=_MG_HELP)] = "0.5,1,2mM",
    v: Annotated[str, typer.Option("--v", help=_V_HELP)] = "-80:20:10mV",
    model: Annotated[str | None, typer.Option("--model", help="Block model (see 'magnesim models'); default jahr-stevens-1990, or woodhull with --subunit.")] = None,
    subunit: Annotated[str | None, typer.Option("--subunit", help="GluN2A, GluN2B, GluN2C or GluN2D (woodhull presets).")] = None,
    mg_in: Annotated[str | None, typer.Option("--mg-in", help="Intracellular free [Mg2+] for internal block (Johnson & Ascher 1990), e.g. 0.5mM.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    plot: Annotated[str | None, typer.Option("--plot", help="Write the B(V) family to FILE (.png, .svg, .pdf).")] = None,
) -> None:
    """Fraction of NMDA conductance left unblocked by Mg2+, B(V, [Mg2+]o)."""
    import numpy as np

    from ..receptor import get_model
    from ..units import CONCENTRATION, VOLTAGE, parse_values

    plot_path = check_plot_path(plot)
    mg_mM = parse_values(mg, "--mg", CONCENTRATION.within(0.0, 1000.0))
    v_mV = parse_values(v, "--v", VOLTAGE.within(-500.0, 500.0))
    with as_options(model="--model", subunit="--subunit", mg_i="--mg-in"):
        block_model = get_model(model, subunit, mg_in)
    b = np.asarray(block_model.unblocked_fraction(v_mV[None, :], mg_mM[:, None]))
    mg_i = getattr(block_model, "mg_i_mM", None)

    if as_json:
        emit_json({
            "model": block_model.name,
            "subunit": _subunit_name(subunit),
            "mg_in_mM": mg_i,
            "points": [
                {"mg_mM": float(m), "v_mV": float(vv), "unblocked_fraction": float(b[i, j])}
                for i, m in enumerate(mg_mM) for j, vv in enumerate(v_mV)
            ],
        })
    else:
        _print_block_table(block_model, subunit, mg_i, mg_mM, v_mV, b)
    if plot_path is not None:
        from ..experiments import block as block_experiment
        from ..report.receptor_figures import block_family_figure

        save_figure(block_family_figure(block_experiment(v_mV, mg_mM, block_model, subunit=subunit)), plot_path)


def _subunit_name(subunit):
    from ..receptor import canonical_subunit

    return None if subunit is None else canonical_subunit(subunit)


def _print_block_table(block_model, subunit, mg_i, mg_mM, v_mV, b) -> None:
    import numpy as np

    from ..params import library

    cite = library().citations[getattr(block_model, "external", block_model).citation]
    title = f"NMDA receptor Mg2+ block: {block_model.name}"
    if subunit:
        title += f" ({_subunit_name(subunit)})"
    if mg_i is not None:
        title += f", internal Mg2+ {mg_i:g} mM (Johnson & Ascher 1990)"
    print(title)
    print(f"source: {cite.short()}")
    print("unblocked fraction B(V, [Mg2+]o); 1 = no block")
    header = "  V (mV) " + "".join(f"{f'{m:g} mM':>11}" for m in mg_mM)
    print(header)
    for j, vv in enumerate(v_mV):
        print(f"{vv:8.1f} " + "".join(f"{b[i, j]:11.4f}" for i in range(len(mg_mM))))
    if len(v_mV) > 1:
        i = int(np.argmin(np.abs(mg_mM - 1.0)))
        rest = float(block_model.unblocked_fraction(_REST_MV, mg_mM[i]))
        top = float(b[i, -1])
        print(f"At rest ({_REST_MV:g} mV) {mg_mM[i]:g} mM Mg2+ leaves {100 * rest:.1f}% of the NMDA conductance; "
              f"at {v_mV[-1]:g} mV, {100 * top:.1f}%.")


def unblock(
    model: Annotated[str, typer.Option("--model", help="A kinetic block model (kampa-2004).")] = "kampa-2004",
    mg: Annotated[str, typer.Option("--mg", help="[Mg2+]o, e.g. 1mM.")] = "1mM",
    v_from: Annotated[str, typer.Option("--from", help="Holding potential before the step.")] = "-70mV",
    v_to: Annotated[str, typer.Option("--to", help="Potential after the step.")] = "40mV",
    at: Annotated[str, typer.Option("--at", help="Time of the step after glutamate onset (Kampa 2004: 10 ms or 3.5 s).")] = "3500ms",
    duration: Annotated[str, typer.Option("--duration", help="Time fitted after the step (Kampa 2004: 1.1 s, to the end of a 4.6 s application).")] = "1100ms",
    glutamate: Annotated[str, typer.Option("--glutamate", help="Glutamate concentration, held from t = 0.")] = "1mM",
    exponentials: Annotated[int, typer.Option("--exponentials", help="Number of exponentials fitted (1-5).")] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    plot: Annotated[str | None, typer.Option("--plot", help="Write the relief time course and fit to FILE.")] = None,
) -> None:
    """Relief of Mg2+ block after a voltage step in agonist, fitted with exponentials."""
    from ..experiments import unblock as unblock_experiment

    plot_path = check_plot_path(plot)
    with as_options(model="--model", mg="--mg", v_from="--from", v_to="--to", at="--at", glutamate="--glutamate",
                    duration="--duration", n_exponentials="--exponentials"):
        ds = unblock_experiment(model, mg=mg, v_from=v_from, v_to=v_to, at=at, glutamate=glutamate,
                          duration=duration, n_exponentials=exponentials)
    components = [{"tau_ms": float(t), "weight": float(w)} for t, w in zip(ds.tau_ms.values, ds.weight.values, strict=True)]
    if as_json:
        emit_json({
            "model": ds.attrs["model"],
            "mg_mM": ds.attrs["mg_mM"], "from_mV": ds.attrs["v_from_mV"], "to_mV": ds.attrs["v_to_mV"],
            "at_ms": ds.attrs["at_ms"], "glutamate_mM": ds.attrs["glutamate_mM"],
            "components": components,
            "fit_rms": ds.attrs["fit_rms"],
            "relaxation_modes_ms": [float(t) for t in ds.eigen_tau_ms.values],
        })
    else:
        print(f"Relief of Mg2+ block: {ds.attrs['model']}, {ds.attrs['mg_mM']:g} mM Mg2+, "
              f"{ds.attrs['v_from_mV']:g} -> {ds.attrs['v_to_mV']:g} mV at {ds.attrs['at_ms']:g} ms in {ds.attrs['glutamate_mM']:g} mM glutamate")
        print(f"{len(components)}-exponential fit of the conducting fraction (rms {ds.attrs['fit_rms']:.2g}):")
        for c in components:
            print(f"  tau {c['tau_ms']:10.4g} ms   weight {c['weight']:+.3f}")
        print("exact relaxation modes after the step (ms): " + ", ".join(f"{t:.4g}" for t in ds.eigen_tau_ms.values))
    if plot_path is not None:
        from ..report.receptor_figures import unblock_figure

        save_figure(unblock_figure(ds), plot_path)


def models(as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False) -> None:
    """The Mg2+ block models, with citations."""
    import sys

    from ..params import library
    from ..receptor import MODELS, SUBUNITS, InternalBlock, Woodhull

    lib = library()
    rows = []
    for name, cls in MODELS.items():
        cite = lib.citations[cls.citation]
        rows.append({
            "name": name,
            "kind": "kinetic" if cls.kinetic else "instantaneous",
            "summary": (sys.modules[cls.__module__].__doc__ or "").strip().splitlines()[0],
            "citation": cite.full(),
            "subunits": list(SUBUNITS) if cls is Woodhull else [],
        })
    internal = lib.citations[InternalBlock.citation]
    rows.append({
        "name": "internal (--mg-in)", "kind": "instantaneous, combines with any model",
        "summary": "Block by intracellular Mg2+ (Johnson & Ascher 1990), independent of the external site.",
        "citation": internal.full(), "subunits": [],
    })
    if as_json:
        emit_json(rows)
        return
    for r in rows:
        print(f"{r['name']}  [{r['kind']}]")
        print(f"    {r['summary']}")
        print(f"    {r['citation']}")
        if r["subunits"]:
            print(f"    subunit presets: {', '.join(r['subunits'])}")
