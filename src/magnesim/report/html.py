"""A self-contained HTML report of a scenario run: figures inline (PNG, base64), the scenario, model
choices, every parameter with its source, and provenance. No scripts, no external resources."""

from __future__ import annotations

import html
import json

import numpy as np

from .html_parts import figure, page, table
from .scenario_figures import outcome_names

__all__ = ["scenario_report", "summary_table"]


def figures(ds) -> list[tuple[str, object]]:
    """(caption, matplotlib figure) for every part of the run present in ``ds``."""
    from . import scenario_figures as f

    out = [("Mg in serum, CSF and tissue over time; dotted lines: sampling times.", f.body_course_figure(ds))]
    if "unblocked_fraction" in ds:
        out.append(("NMDA receptor Mg2+ block at each sampling time.", f.block_by_time_figure(ds)))
    out.append(("Outcomes at each sampling time.", f.outcomes_figure(ds)))
    if "mgatp_fraction" in ds:
        out.append(("MgATP and Na+/K+-pump turnover against free intracellular Mg2+.", f.energetics_figure(ds)))
    return out


def scenario_report(ds) -> str:
    """The HTML text of the report of scenario results ``ds`` (from :func:`magnesim.scenario.pipeline.run_scenario`)."""
    a = ds.attrs
    parts = ["<h2>Summary</h2>" + table(*summary_table(ds)), "<h2>Figures</h2>"]
    parts += [figure(fig, caption) for caption, fig in figures(ds)]
    parts.append(f"<h2>Scenario</h2><pre>{html.escape(a['scenario'])}</pre>")
    choices = [(k, v) for k, v in sorted(a.items()) if k.endswith((".model", ".model_citation", ".regimen", ".block", ".agonist"))
               or k in ("tissue",)]
    parts.append("<h2>Model choices</h2>" + table(("setting", "value"), choices))
    parts.append("<h2>Parameters</h2>" + table(("part", "parameter", "value", "unit", "library id", "source", "confidence"), parameter_rows(ds)))
    prov = [(k, v) for k, v in sorted(a.items()) if k.endswith(("version", "integrator", "dt_h", "dt_ms", "dt_min", "seed", "dtype"))]
    parts.append("<h2>Provenance</h2>" + table(("item", "value"), prov))
    return page(f"magnesim: {a['scenario_name']}", a["scenario_name"], parts)


def summary_table(ds):
    """(header, rows of floats) of the outcomes at each sampling time: the median and, where the run has
    a band (a population or parameter draws), ``<name>_p5`` and ``<name>_p95`` after each outcome."""
    n_q = ds["quantile"].size
    names = outcome_names(ds)
    columns = [(k, n_q // 2) for k in names] if n_q == 1 else [c for k in names for c in ((k, n_q // 2), (k + "_p5", 0), (k + "_p95", -1))]
    source = lambda c: c.removesuffix("_p5").removesuffix("_p95")
    # the band's ends are ordered by value: some outcomes fall as [Mg2+] rises
    value = lambda c, i, q: float(np.sort(ds[source(c)][i].values)[q]) if c != source(c) else float(ds[c][i, q])
    rows = [[float(t)] + [value(c, i, q) for c, q in columns] for i, t in enumerate(ds.time_point_h.values)]
    return ["time_h", *(c for c, _ in columns)], rows


def parameter_rows(ds) -> list[tuple]:
    """Every parameter recorded in the run's provenance: part, name, value, unit, id, source, confidence."""
    rows = []
    for key, text in sorted(ds.attrs.items()):
        if not key.endswith("parameters"):
            continue
        for name, p in sorted(json.loads(text).items()):
            rows.append((key.removesuffix("parameters").rstrip("._") or "run", name, p.get("value"), p.get("unit", ""),
                         p.get("id", ""), p.get("source", ""), p.get("confidence", "")))
    return rows
