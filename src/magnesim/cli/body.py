"""``magnesim pk``: a regimen through a body model, for a subject or a virtual population."""

from __future__ import annotations

from typing import Annotated

import typer

from ._output import as_options, check_plot_path, emit_json, save_figure

__all__ = ["pk", "subject_from_options"]

# options shared with `magnesim export sbml`
RegimenOpt = Annotated[str, typer.Option("--regimen", help="pritchard, zuspan, sibai, dhaka, or a dose text such as '4 g MgSO4.7H2O IV over 20 min, then 1 g/h IV for 24 h'.")]
ModelOpt = Annotated[str, typer.Option("--model", help="physiological, salinger-2013, du-2019, lu-2002 or deng-2024.")]
WeightOpt = Annotated[str, typer.Option("--weight", help="Body weight (bare numbers: kg).")]
HeightOpt = Annotated[str, typer.Option("--height", help="Height (bare numbers: cm).")]
SexOpt = Annotated[str, typer.Option("--sex", help="female or male.")]
AgeOpt = Annotated[float, typer.Option("--age", help="Age in years.")]
CreatinineOpt = Annotated[str | None, typer.Option("--creatinine", help="Serum creatinine, e.g. 0.8mg/dL (default 0.8 mg/dL); eGFR by CKD-EPI 2021.")]
GfrOpt = Annotated[str | None, typer.Option("--gfr", help="Measured GFR, e.g. 100mL/min (instead of --creatinine).")]
PregnantOpt = Annotated[bool, typer.Option("--pregnant", help="The subject is pregnant.")]

_SERIES = ("serum_total_mM", "serum_ionized_mM", "csf_total_mM", "csf_ionized_mM", "urine_cumulative_mmol")
_SHOWN_HOURS = (0, 0.5, 1, 2, 4, 8, 12, 24, 48, 72, 168, 336, 720)


def pk(
    regimen: RegimenOpt = "zuspan",
    model: ModelOpt = "physiological",
    weight: WeightOpt = "70kg",
    height: HeightOpt = "165cm",
    sex: SexOpt = "female",
    age: AgeOpt = 30.0,
    creatinine: CreatinineOpt = None,
    gfr: GfrOpt = None,
    pregnant: PregnantOpt = False,
    hours: Annotated[str, typer.Option("--hours", help="Simulated time (bare numbers: h; e.g. 48, 30days).")] = "48h",
    population: Annotated[int | None, typer.Option("--population", help="Simulate a virtual population of N subjects.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the virtual population.")] = 1,
    skin_permeability: Annotated[str | None, typer.Option("--skin-permeability", help="Skin Mg permeability (low-confidence default 1e-8 cm/s), e.g. 2.6e-8cm/s.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    plot: Annotated[str | None, typer.Option("--plot", help="Write serum and CSF Mg over time to FILE.")] = None,
) -> None:
    """Whole-body Mg kinetics: serum (total, ionized), CSF and urine under a regimen."""
    from ..body import simulate_pk
    from ..units import HOURS, PERMEABILITY, to_kernel

    plot_path = check_plot_path(plot)
    with as_options(weight="--weight", height="--height", sex="--sex", age="--age", creatinine="--creatinine", gfr="--gfr",
                    pregnant="--pregnant", hours="--hours", population="--population", seed="--seed", regimen="--regimen",
                    model="--model", skin_permeability="--skin-permeability"):
        subject = subject_from_options(weight, height, sex, age, creatinine, gfr, pregnant)
        duration = to_kernel(hours, "hours", HOURS)
        step = 0.25 if duration <= 96 else 1.0
        ds = simulate_pk(regimen, model, subject, duration, population=population, seed=seed if population else None,
                         output_step_h=step, skin_permeability_cm_s=None if skin_permeability is None else to_kernel(skin_permeability, "skin_permeability", PERMEABILITY))
    if as_json:
        emit_json(_json(ds, population is not None))
    else:
        _print_summary(ds, population is not None)
    if plot_path is not None:
        from ..report.body_figures import pk_figure

        save_figure(pk_figure(ds), plot_path)


def subject_from_options(weight: str, height: str, sex: str, age: float, creatinine: str | None, gfr: str | None, pregnant: bool):
    """A Subject from the subject options shared by ``pk`` and ``export sbml`` (quantities as text)."""
    from ..body import Subject
    from ..units import BODY_WEIGHT, CREATININE, FLOW, HEIGHT, to_kernel

    if creatinine is not None and gfr is not None:
        from ..errors import ParameterError, invalid

        raise ParameterError(invalid("--creatinine, --gfr", f"{creatinine} and {gfr}", "one of --creatinine or --gfr"))
    return Subject(
        weight_kg=to_kernel(weight, "weight", BODY_WEIGHT), height_cm=to_kernel(height, "height", HEIGHT), sex=sex.strip().lower(), age_y=age,
        pregnant=pregnant, scr_mg_dL=None if creatinine is None else to_kernel(creatinine, "creatinine", CREATININE),
        gfr_mL_min=None if gfr is None else to_kernel(gfr, "gfr", FLOW),
    )


def _series(ds, name: str, population: bool):
    import numpy as np

    values = ds[name].values
    if np.all(np.isnan(values)):
        return None
    if not population:
        return [None if np.isnan(v) else float(v) for v in values[0]]
    p5, p50, p95 = np.nanpercentile(values, [5, 50, 95], axis=0)
    return {"p5": p5.tolist(), "p50": p50.tolist(), "p95": p95.tolist()}


def _json(ds, population: bool) -> dict:
    import json

    import numpy as np

    out = {
        "model": ds.attrs["model"], "regimen": ds.attrs["regimen"], "subject": json.loads(ds.attrs["subject"]),
        "population": int(ds.sizes["subject"]) if population else None,
        "time_h": ds.time_h.values.tolist(),
    }
    for name in (*_SERIES, "local_tissue_mM"):
        series = _series(ds, name, population)
        if series is not None or name in _SERIES:
            out[name] = series
    hours = {}
    for name in ds.data_vars:
        if name.startswith("hours_above_"):
            key = name.removeprefix("hours_above_")
            v = ds[name].values
            if population:
                p5, p50, p95 = np.percentile(v, [5, 50, 95])
                hours[key] = {"threshold_mM": ds[name].attrs["threshold_mM"], "p5": float(p5), "p50": float(p50), "p95": float(p95),
                              "fraction_reaching": float(np.mean(v > 0))}
            else:
                hours[key] = {"threshold_mM": ds[name].attrs["threshold_mM"], "hours": float(v[0])}
    out["hours_above"] = hours
    out["mass_balance_residual_max_mmol"] = float(np.nanmax(np.abs(ds.mass_balance_residual_mmol.values)))
    return out


def _print_summary(ds, population: bool) -> None:
    import numpy as np

    from ..units import MG_MOLAR_MASS_G_PER_MOL

    print(f"Mg kinetics: model {ds.attrs['model']}; regimen {ds.attrs['regimen']}")
    if population:
        print(f"virtual population of {ds.sizes['subject']} (seed {ds.attrs['seed']}); medians [5th-95th percentiles]")
    else:
        print(f"subject: {ds.weight_kg.values[0]:g} kg, creatinine {ds.creatinine_mg_dL.values[0]:.2f} mg/dL, GFR {ds.gfr_mL_min.values[0]:.0f} mL/min")
    t = ds.time_h.values
    shown = [h for h in _SHOWN_HOURS if h <= t[-1] + 1e-9] + ([float(t[-1])] if t[-1] not in _SHOWN_HOURS else [])
    print(f"{'t (h)':>7} {'serum total':>16} {'serum ionized':>16} {'CSF total':>16} {'urine (mmol)':>16}")

    def fmt(name, i):
        v = ds[name].values[:, i]
        if np.all(np.isnan(v)):
            return f"{'-':>16}"
        if not population:
            return f"{v[0]:16.3f}"
        p5, p50, p95 = np.percentile(v, [5, 50, 95])
        return f"{p50:6.2f} [{p5:.2f}-{p95:.2f}]".rjust(16)

    for h in shown:
        i = int(np.argmin(np.abs(t - h)))
        print(f"{t[i]:7g} " + " ".join(fmt(n, i) for n in ("serum_total_mM", "serum_ionized_mM", "csf_total_mM", "urine_cumulative_mmol")))
    print(f"concentrations in mmol/L (x {MG_MOLAR_MASS_G_PER_MOL / 10:.4f} for mg/dL); hours with serum total at or above:")
    for name in ds.data_vars:
        if name.startswith("hours_above_"):
            v = ds[name].values
            value = f"{np.median(v):.1f} h (median; {100 * np.mean(v > 0):.0f}% reach it)" if population else f"{v[0]:.1f} h"
            print(f"  {name.removeprefix('hours_above_'):<22} {ds[name].attrs['threshold_mM']:5.2f} mmol/L  {value}")
    if "local_tissue_mM" in ds and not np.all(np.isnan(ds.local_tissue_mM.values)):
        peak = float(np.nanmax(ds.local_tissue_mM.values[0]))
        print(f"tissue under the application site: peak {peak:.4f} mmol/L (baseline {float(ds.local_tissue_mM.values[0, 0]):.4f})")
