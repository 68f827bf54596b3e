"""What one chunk computes, per sweep kind, and the variables it fills.

A chunk's rows are padded to the full chunk shape, so every chunk of a sweep runs the same compiled
shapes; the padding is dropped before writing.

* body: for each condition in the chunk, its subjects through the body model in one batch (the
  physiological model's RK4 kernel, or a popPK preset's exact solution), reduced to per-subject
  summaries (peak, time of peak, AUC, end value, hours above each toxicity threshold, urine) and
  the time courses named in ``keep``;
* block: the unblocked fraction of every (mg, v, model, subunit) row;
* windup: the C-fibre responses of every (mg, freq, nmda_scale) row over one common duration.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

import numpy as np

from .._spec_fields import subject_from_spec
from ..body.simulate import threshold_values
from ..units import HOURS, NEURAL_STEP, to_kernel
from ._design import Design, physiological_fields, subject_at, subject_normals

__all__ = ["BODY_TIME_COURSES", "Variable", "compute", "variables"]

BODY_TIME_COURSES = ("serum_total_mM", "serum_ionized_mM", "csf_total_mM", "csf_ionized_mM", "fast_tissue_mM",
                     "local_tissue_mM", "urine_cumulative_mmol", "body_mmol")


@dataclass(frozen=True)
class Variable:
    name: str
    dims: tuple[str, ...]
    units: str
    long_name: str


def variables(d: Design) -> list[Variable]:
    """The data variables of the store, in order."""
    kind = d.spec.kind
    if kind == "block":
        return [Variable("unblocked_fraction", ("condition",), "1", "NMDA conductance not blocked by Mg2+")]
    if kind == "windup":
        return [Variable("spikes_per_stimulus", ("condition", "stimulus"), "1", "C-fibre response (WDR spikes)"),
                Variable("windup_index", ("condition",), "1", "sum of responses / (stimuli x first response)"),
                Variable("windup_excess", ("condition",), "1", "sum of responses - stimuli x first response"),
                Variable("first_response", ("condition",), "1", "WDR spikes after the first stimulus"),
                Variable("total_spikes", ("condition",), "1", "WDR spikes after all stimuli")]
    per = ("condition", "subject")
    out = [Variable("weight_kg", per, "kg", "body weight"), Variable("creatinine_mg_dL", per, "mg/dL", "serum creatinine"),
           Variable("gfr_mL_min", per, "mL/min", "glomerular filtration rate"),
           Variable("peak_serum_total_mM", per, "mmol/L", "highest serum total Mg"),
           Variable("time_of_peak_serum_h", per, "h", "time of the highest serum total Mg"),
           Variable("end_serum_total_mM", per, "mmol/L", "serum total Mg at the end"),
           Variable("auc_serum_total_mM_h", per, "mmol/L*h", "area under serum total Mg (trapezoid)"),
           Variable("peak_csf_ionized_mM", per, "mmol/L", "highest CSF ionized Mg (NaN for popPK presets)"),
           Variable("end_csf_ionized_mM", per, "mmol/L", "CSF ionized Mg at the end (NaN for popPK presets)"),
           Variable("urine_mmol", per, "mmol", "urinary Mg over the run (popPK: excess over baseline)"),
           Variable("max_abs_mass_balance_residual_mmol", per, "mmol", "largest |mass-balance residual| over the run")]
    out += [Variable(f"hours_above_{k}", per, "h", f"hours with serum total Mg >= {c:g} mmol/L") for k, c in threshold_values().items()]
    units = {"urine_cumulative_mmol": "mmol", "body_mmol": "mmol"}
    out += [Variable(k, (*per, "time_h"), units.get(k, "mmol/L"), f"{k} time course") for k in d.spec.keep]
    return out


@functools.lru_cache(maxsize=4)
def _times(duration: str, step: str) -> np.ndarray:
    from ..body.simulate import output_times

    return output_times(to_kernel(duration, "duration", HOURS), to_kernel(step, "output_step", HOURS))


def body_times(d: Design) -> np.ndarray:
    st = d.spec.settings()
    return _times(st.duration, st.output_step)


def compute(d: Design, i: int) -> dict[str, np.ndarray]:
    """The values of every variable over chunk ``i``'s rows (shaped like its region of the store)."""
    c0, c1, s0, s1 = d.chunk(i)
    if d.spec.kind == "body":
        return _body(d, c0, c1, s0, s1)
    cc = d.chunk_shape[0]
    rows = np.arange(c0, c0 + cc).clip(max=d.n_conditions - 1)  # padded with the last condition
    out = _block(d, rows) if d.spec.kind == "block" else _windup(d, rows)
    return {k: v[: c1 - c0] for k, v in out.items()}


def _column(d: Design, coord: str, rows: np.ndarray, default):
    return d.conditions[coord][rows] if coord in d.conditions else np.full(rows.size, default)


def _block(d: Design, rows: np.ndarray) -> dict[str, np.ndarray]:
    from ..receptor import get_model

    st = d.spec.settings()
    mg, v = _column(d, "mg_mM", rows, 1.0), _column(d, "v_mV", rows, -60.0)
    models, subunits = _column(d, "model", rows, st.model), _column(d, "subunit", rows, st.subunit or "")
    out = np.empty(rows.size)
    for m, s in sorted({(str(a), str(b)) for a, b in zip(models, subunits, strict=True)}):
        at = (models == m) & (subunits == s)
        out[at] = np.asarray(get_model(m, s or None).unblocked_fraction(v[at], mg[at]))
    return {"unblocked_fraction": out}


def _windup(d: Design, rows: np.ndarray) -> dict[str, np.ndarray]:
    from ..circuit import WindupCircuit
    from ..experiments.windup import START_MS, windup_counts, windup_index
    from ..params import value

    st = d.spec.settings()
    freq_all = d.conditions.get("freq_hz", np.array([1.0]))
    duration = START_MS + 1000.0 / float(freq_all.min()) * st.stimuli  # one duration for the whole sweep
    block = st.block or ("jahr-stevens-1990" if st.subunit is None else "woodhull")
    counts = windup_counts(_column(d, "mg_mM", rows, 1.0), _column(d, "freq_hz", rows, 1.0), _column(d, "nmda_scale", rows, 1.0),
                           st.stimuli, duration, block=block, subunit=st.subunit, circuit=WindupCircuit(), seed=st.seed, dt_ms=to_kernel(st.dt, "dt", NEURAL_STEP),
                           dtype="float64", after_ms=value("windup.count_after", "ms")).astype(float)
    first = counts[:, 0]
    return {"spikes_per_stimulus": counts, "windup_index": windup_index(counts), "windup_excess": counts.sum(axis=1) - st.stimuli * first,
            "first_response": first, "total_spikes": counts.sum(axis=1)}


def _body_model(base, d: Design, c: int):
    """``base`` (the physiological model) with the library parameters that condition ``c`` sets."""
    fields = physiological_fields()
    changes = {fields[coord]: float(d.conditions[coord][c]) for coord in d.conditions if coord in fields}
    return dataclasses.replace(base, **changes) if changes else base


def _body(d: Design, c0: int, c1: int, s0: int, s1: int) -> dict[str, np.ndarray]:
    from ..body import resolve_regimen
    from ..body.poppk import preset
    from ..body.population import covariates, covariates_from_normals
    from ..body.simulate import DT_H, _physiological, _preset

    st = d.spec.settings()
    name = st.model.strip().lower()
    times = body_times(d)
    width = d.chunk_shape[1]
    base = subject_from_spec(st.subject)
    z = subject_normals(d.spec.seed, s0, s0 + width) if d.spec.population else None
    thresholds = threshold_values()
    physiological = None
    if name == "physiological":
        from ..body.physiological import Physiological

        physiological = Physiological()
    rows = []
    for c in range(c0, c1):
        subject = subject_at(base, d.conditions, c)
        reg = resolve_regimen(str(d.conditions["regimen"][c]) if "regimen" in d.conditions else st.regimen)
        cov = covariates_from_normals(subject, z[:, :2]) if z is not None else covariates(subject)
        if name == "physiological":
            data, _ = _physiological(reg, cov, times, DT_H, None, model=_body_model(physiological, d, c))
        else:
            p = preset(name)
            eta = z[:, 2 : 2 + len(p.variability())].T if z is not None else None
            data, _ = _preset(p, reg, cov, times, None, None, eta_normals=eta)
        rows.append(_reduce(data, cov, times, thresholds, d.spec.keep))
    return {k: np.stack([r[k] for r in rows])[:, : s1 - s0] for k in rows[0]}


def _reduce(data: dict, cov, times: np.ndarray, thresholds: dict[str, float], keep: list[str]) -> dict[str, np.ndarray]:
    from ..body import hours_above

    serum = data["serum_total_mM"][1]
    csf = data["csf_ionized_mM"][1]
    out = {"weight_kg": cov.weight_kg, "creatinine_mg_dL": cov.creatinine_mg_dL, "gfr_mL_min": cov.gfr_mL_min,
           "peak_serum_total_mM": serum.max(axis=1), "time_of_peak_serum_h": times[np.argmax(serum, axis=1)],
           "end_serum_total_mM": serum[:, -1], "auc_serum_total_mM_h": np.trapezoid(serum, times, axis=1),
           "peak_csf_ionized_mM": csf.max(axis=1), "end_csf_ionized_mM": csf[:, -1],
           "urine_mmol": data["urine_cumulative_mmol"][1][:, -1],
           "max_abs_mass_balance_residual_mmol": np.abs(data["mass_balance_residual_mmol"][1]).max(axis=1)}
    out |= {f"hours_above_{k}": hours_above(serum, times, c) for k, c in thresholds.items()}
    out |= {k: data[k][1] for k in keep}
    return {k: np.asarray(v, dtype=float) for k, v in out.items()}
