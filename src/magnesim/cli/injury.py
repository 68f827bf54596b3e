"""``magnesim excitotox``, ``lesion`` and ``energetics``: excitotoxic death in culture and in the rat brain; MgATP and pump turnover."""

from __future__ import annotations

from typing import Annotated

import typer

from ._output import as_options, check_plot_path, conditions, emit_json, save_figure

__all__ = ["energetics", "excitotox", "lesion"]


def excitotox(
    agonist: Annotated[str, typer.Option("--agonist", help="NMDA or glutamate.")] = "NMDA",
    conc: Annotated[str, typer.Option("--conc", help="Agonist concentration: a value, list or range (bare numbers: uM).")] = "100uM",
    duration: Annotated[str, typer.Option("--duration", help="Exposure time(s) (bare numbers: ms), e.g. 10min.")] = "10min",
    mg: Annotated[str, typer.Option("--mg", help="[Mg2+]o during and after the exposure (bare numbers: mM).")] = "0,1,2mM",
    antagonist_at: Annotated[str | None, typer.Option("--antagonist-at", help="Add a saturating NMDA antagonist this long after the exposure starts.")] = None,
    glycine: Annotated[str | None, typer.Option("--glycine", help="Glycine (default 10 uM).")] = None,
    hours: Annotated[str, typer.Option("--hours", help="When death is read, after the exposure starts (1-72 h; bare numbers: h).")] = "24h",
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    plot: Annotated[str | None, typer.Option("--plot", help="Write death against agonist concentration to FILE (.png, .svg, .pdf).")] = None,
) -> None:
    """Share of cultured cortical neurons dead after a bath agonist exposure (Ca2+ load → ROS → death), read at --hours."""
    from ..experiments import excitotox as run_excitotox

    plot_path = check_plot_path(plot)
    with as_options(agonist="--agonist", conc="--conc", duration="--duration", mg="--mg", antagonist_at="--antagonist-at",
                    glycine="--glycine", hours="--hours"):
        ds = run_excitotox(agonist, conc, duration, mg, glycine=glycine, antagonist_at=antagonist_at, hours=hours)
    rows = [{"mg_mM": at["mg_mM"], "conc_uM": at["conc_uM"], "duration_min": at["duration_min"],
             **({} if at["antagonist_at_min"] == float("inf") else {"antagonist_at_min": at["antagonist_at_min"]}),
             "death_fraction": round(float(x.death_fraction), 4), "peak_load": round(float(x.peak_load), 3)}
            for at, x in conditions(ds, ("conc_uM", "duration_min", "mg_mM", "antagonist_at_min"))]
    if as_json:
        emit_json({"agonist": agonist, "glycine_uM": ds.attrs["glycine_uM"], "hours": ds.attrs["hours"], "conditions": rows})
    else:
        print(f"Excitotoxic challenge: {agonist} with {ds.attrs['glycine_uM']:g} uM glycine; share of neurons dead {ds.attrs['hours']:g} h after the exposure starts")
        print(f"{'Mg (mM)':>8} {'conc (uM)':>10} {'exposure (min)':>15} {'antagonist at (min)':>20} {'death':>11}")
        for r in rows:
            at = r.get("antagonist_at_min")
            print(f"{r['mg_mM']:8g} {r['conc_uM']:10g} {r['duration_min']:15g} {'-' if at is None else f'{at:g}':>20} "
                  f"{r['death_fraction']:11.3f}")
    if plot_path is not None:
        from ..report.injury_figures import excitotox_figure

        save_figure(excitotox_figure(ds), plot_path)


def lesion(
    mg_dose: Annotated[str, typer.Option("--mg-dose", help="Mg2+ dose(s) per body weight (bare numbers: mmol/kg).")] = "0,2,3,4mmol/kg",
    route: Annotated[str, typer.Option("--route", help="ip, iv or sc.")] = "ip",
    at: Annotated[str, typer.Option("--at", help="Dose time after the NMDA injection, e.g. 15min, -30min (bare numbers: h).")] = "15min",
    brain: Annotated[str, typer.Option("--brain", help="Brain [Mg2+]: csf (barrier intact) or serum (barrier open, upper bound).")] = "csf",
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    plot: Annotated[str | None, typer.Option("--plot", help="Write brain [Mg2+] and death by distance to FILE (.png, .svg, .pdf).")] = None,
) -> None:
    """Intrastriatal NMDA lesion in a 7-day-old rat with systemic Mg2+ (McDonald et al. 1990): lesion size vs dose."""
    from ..experiments import lesion as run_lesion

    plot_path = check_plot_path(plot)
    with as_options(mg_dose="--mg-dose", route="--route", at="--at", brain="--brain"):
        ds = run_lesion(mg_dose, route, at, brain=brain)
    rows = [{"mg_dose_mmol_per_kg": at_["mg_dose_mmol_per_kg"], "brain_mg_peak_mM": round(float(x.brain_mg_peak_mM), 4),
             "serum_ionized_peak_mM": round(float(x.serum_ionized_peak_mM), 4), "lesion_fraction": round(float(x.lesion_fraction), 4),
             "lesion_relative": round(float(x.lesion_relative), 4), "protection_pct": round(float(x.protection_pct), 1)}
            for at_, x in conditions(ds, ("mg_dose_mmol_per_kg",))]
    if as_json:
        emit_json({"route": ds.attrs["route"], "at_min": ds.attrs["at_min"], "brain_link": ds.attrs["brain_link"],
                   "lesion_fraction_no_mg": round(ds.attrs["lesion_fraction_no_mg"], 4), "conditions": rows})
    else:
        print(f"Intrastriatal NMDA (25 nmol) in a P7 rat; Mg2+ {ds.attrs['route']} {ds.attrs['at_min']:g} min after; "
              f"brain [Mg2+] from the {ds.attrs['brain_link']} link; lesion at {ds.attrs['hours']:g} h")
        print(f"{'dose (mmol/kg)':>15} {'serum Mg2+ peak':>16} {'brain Mg2+ peak':>16} {'lesion':>8} {'relative':>9} {'protection':>11}")
        for r in rows:
            print(f"{r['mg_dose_mmol_per_kg']:15g} {r['serum_ionized_peak_mM']:13.2f} mM {r['brain_mg_peak_mM']:13.3f} mM "
                  f"{r['lesion_fraction']:8.3f} {r['lesion_relative']:9.3f} {r['protection_pct']:10.1f}%")
    if plot_path is not None:
        from ..report.injury_figures import lesion_figure

        save_figure(lesion_figure(ds), plot_path)


def energetics(
    mg_i: Annotated[str, typer.Option("--mg-i", help="Free cytosolic [Mg2+]i: a value, list or range (bare numbers: mM).")] = "0.1,0.25,0.5,1mM",
    atp: Annotated[str | None, typer.Option("--atp", help="Total cytosolic ATP (default 3 mM).")] = None,
    ph: Annotated[str | None, typer.Option("--ph", help="Cytosolic pH (default 7.2).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """How much MgATP and Na+/K+-pump turnover depend on free [Mg2+]i (the "vicious cycle" claim)."""
    from ..experiments import energetics as energetics_experiment

    with as_options(mg_i="--mg-i", atp_total="--atp", ph="--ph"):
        ds = energetics_experiment(mg_i, atp_total=atp, ph=ph)
    rows = [{"mg_i_mM": at["mg_i_mM"], "mgatp_fraction": round(float(x.mgatp_fraction), 4), "mgatp_mM": round(float(x.mgatp_mM), 4),
             "pump_rate_relative": round(float(x.pump_rate_relative), 4)} for at, x in conditions(ds, ("mg_i_mM",))]
    if as_json:
        emit_json({"apparent_kd_mM": round(ds.attrs["apparent_kd_mM"], 4), "atp_total_mM": ds.attrs["atp_total_mM"],
                   "ph": ds.attrs["ph"], "conditions": rows})
        return
    print(f"MgATP: apparent Kd {ds.attrs['apparent_kd_mM']:.3f} mM (pH {ds.attrs['ph']:g}, 25 C, I 0.25 M; Alberty 2003); "
          f"total ATP {ds.attrs['atp_total_mM']:g} mM; pump rate relative to [Mg2+]i 0.5 mM")
    print(f"{'[Mg2+]i (mM)':>13} {'MgATP/ATP':>10} {'MgATP (mM)':>11} {'pump rate':>10}")
    for r in rows:
        print(f"{r['mg_i_mM']:13g} {r['mgatp_fraction']:10.3f} {r['mgatp_mM']:11.3f} {r['pump_rate_relative']:10.3f}")
