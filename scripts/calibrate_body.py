"""Calibration of the physiological body model's distribution on the popPK presets (issue 13).

The physiological model (magnesim.body.Physiological), with a central volume of 0.2 L/kg, put the rise
of serum Mg at the end of a 4 g IV load 30% above the published population-PK models' rises taken
together (33% above Salinger's, 67% above Lu's). Its renal elimination (f_UF x GFR above the Tm
threshold), CSF link, pool sizes and baseline are left as they are; this script refits how an IV or
IM load distributes:

  body.v_central             central (serum/ECF) volume per kg          range 0.16-0.3 L/kg
  body.v_fast_tissue         fast-exchanging tissue volume per kg        range 0.15-0.35 L/kg
  body.q_fast_tissue         serum <-> fast tissue exchange clearance    range 3.66-5.6 L/h
  body.pool_uptake_km_relative  half-saturation of uptake into cells and bone (x reference serum)
                                                                         range 0.05-1.0

(bounds: each parameter's library `range`; fitted in log space by bounded least squares,
scipy ``least_squares``, from the library values).

Targets (calibration only; the validation-role targets okusanya_*, india_pritchard_*, ajayi_csf,
sakamoto_*, fong_csf_pe, ... are not used and are printed by ``magnesim validate --layer body``):

1. The typical-subject serum curves of the four popPK presets (literature models; magnesim.body
   presets salinger-2013, du-2019, lu-2002, deng-2024), each for its own typical covariates:
     salinger-2013  55 kg, creatinine 0.8 mg/dL (the model's reference woman)
     du-2019        85 kg, creatinine 0.8 mg/dL (reference woman)
     lu-2002        no covariates: magnesim's default 70 kg woman, creatinine 0.8 mg/dL (an assumption;
                    Lu 2002 dosed per kg and its mean weight was not retrieved)
     deng-2024      CrCl 175 mL/min and BMI 29 (reference woman): 165 cm, 78.95 kg, creatinine 0.586 mg/dL
                    (Cockcroft-Gault), no furosemide
   all pregnant, 30 years, under four regimens: 4 g MgSO4.7H2O IV over 20 min alone; Zuspan (4 g + 1 g/h);
   4 g + 2 g/h; Pritchard (4 g IV + 10 g IM, 5 g IM every 4 h). Compared is the rise of serum total
   Mg over each model's own baseline (the presets' baselines, 0.70-0.85 mmol/L, are population
   constants added to the change from baseline they were fitted to; the physiological baseline is
   the diet-held steady state, calibrated separately on NHANES), at 1/3 (end of the load), 0.5, 1, 2,
   3, 4, 6, 8, 12, 16, 20 and 24 h.
2. mgso4_urine_24h (calibration target, Lu & Nightingale 2000): 90% of a 4 g IV dose in urine by
   24 h (70 kg pregnant woman, creatinine 0.8 mg/dL), tolerance 0.02.

Loss: 0.5 x sum of squares of  (a) each curve's miss (physiological rise - preset rise, mmol/L) over
CURVE_SCALE, divided by sqrt(number of curve points), so the curves weigh as their mean squared miss;
(b) the urine share's miss over its tolerance. The presets disagree with one another (their clearances
at these covariates range 2.98-5.0 L/h, against 3.9-5.6 L/h renal clearance in the physiological model),
so the fit is a compromise between them: the maintenance plateau, set by clearance, cannot match all
four whatever the distribution.

Result (issue 13): v_central 0.2532 -> 0.253 L/kg, v_fast_tissue 0.15 and q_fast_tissue 3.66 L/h at
the lower bounds of their ranges, pool_uptake_km_relative 0.0903 -> 0.09. Vc is well determined
(0.25-0.255 whether Deng is left out or only the first 4 or 8 h are fitted); Vp, Q and K trade off
against one another and are weakly determined (without Deng: Vp 0.21, K 0.05 at its bound).

Posterior (``--write-posterior``): the Laplace approximation at the library values, written to
src/magnesim/params/posteriors/body_distribution.yaml, from which ``magnesim run --uncertainty`` draws
these four parameters jointly. The loss above is read as a negative log-likelihood, so the covariance
of the log parameters is (J^T J)^-1, J the Jacobian of the residuals (central differences, step 1e-4
in log). The curves weigh together as one observation with a 0.1 mmol/L error, which makes the
posterior conservative: the presets disagree with one another by more than that.

Run: python scripts/calibrate_body.py [--write-posterior]   (prints the targets, the fit, the fitted
values and the fit, with the values before this calibration, the library's and the fitted ones; ~5 s
on 2 cores; with --write-posterior, writes the posterior file instead of refitting)
"""

import dataclasses
import sys
from pathlib import Path

import numpy as np
import yaml
from scipy.optimize import least_squares

import magnesim

magnesim.configure()  # one JAX host device per core and 64-bit mode, before JAX loads

from magnesim.body import Physiological, Subject, simulate_pk
from magnesim.body.simulate import resolve_regimen
from magnesim.params import library
from magnesim.validation import targets

FITTED = {"v_central": "body.v_central", "v_fast": "body.v_fast_tissue", "q_fast": "body.q_fast_tissue",
          "pool_km_relative": "body.pool_uptake_km_relative"}
PRESETS = ("salinger-2013", "du-2019", "lu-2002", "deng-2024")
_DENG_WEIGHT = 29.0 * 1.65**2  # BMI 29 at 165 cm
SUBJECTS = {
    "salinger-2013": Subject(weight_kg=55.0, scr_mg_dL=0.8, pregnant=True),
    "du-2019": Subject(weight_kg=85.0, scr_mg_dL=0.8, pregnant=True),
    "lu-2002": Subject(weight_kg=70.0, scr_mg_dL=0.8, pregnant=True),
    # Cockcroft-Gault: (140 - 30) x W x 0.85 / (72 x SCr) = 175 mL/min
    "deng-2024": Subject(weight_kg=_DENG_WEIGHT, scr_mg_dL=110.0 * _DENG_WEIGHT * 0.85 / (72.0 * 175.0), pregnant=True),
}
REGIMENS = {
    "4 g load": "4 g MgSO4.7H2O IV over 20 min",
    "zuspan": "zuspan",
    "4 g + 2 g/h": "4 g MgSO4.7H2O IV over 20 min, then 2 g/h MgSO4.7H2O IV for 24 h",
    "pritchard": "pritchard",
}
TIMES = np.array([1 / 3, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 20, 24])
HOURS = 24.0
STEP = 1 / 12  # output step (h): a multiple of the 1-min RK4 step that hits every time in TIMES
CURVE_SCALE = 0.1  # mmol/L
PREVIOUS = {"v_central": 0.2, "v_fast": 0.2, "q_fast": 3.66, "pool_km_relative": 0.1}  # the values before issue 13
_URINE_TARGET = next(t for t in targets() if t.id == "mgso4_urine_24h")  # 4 g over 20 min, pregnant, creatinine 0.8 (Lu's subject)
URINE = {"id": _URINE_TARGET.id, "observed": _URINE_TARGET.observed, "tolerance": _URINE_TARGET.tolerance.scale(_URINE_TARGET.observed),
         "regimen": "4 g load", "subject": "lu-2002"}
DT_H = 1 / 60


def preset_rise():
    """The presets' typical curves: rise over baseline (mmol/L), {(preset, regimen): array over TIMES}."""
    out = {}
    for name in PRESETS:
        for key, text in REGIMENS.items():
            ds = simulate_pk(text, name, SUBJECTS[name], hours=HOURS, output_step_h=STEP)
            s = ds.serum_total_mM.values[0]
            out[name, key] = np.interp(TIMES, ds.time_h.values, s) - s[0]
    return out


def physiological_run(model: Physiological, text: str):
    """Serum total (subject, time) on the output grid, and the dose delivered by 24 h, for every SUBJECT."""
    subs = [SUBJECTS[n] for n in PRESETS]
    p = model.subject_params(subs)
    x0 = model.baseline_state(p)
    every = round(STEP / DT_H)
    n_steps = round(HOURS / DT_H)
    inputs = model.inputs(resolve_regimen(text), n_steps, DT_H)
    xs = model.simulate(p, x0, inputs, DT_H, every)
    return xs, np.asarray(p.vc), float(inputs.delivered[-1])


def physiological_outcomes(model: Physiological):
    grid = np.arange(round(HOURS / STEP) + 1) * STEP
    rise, urine = {}, None
    for key, text in REGIMENS.items():
        xs, vc, dosed = physiological_run(model, text)
        serum = xs[..., 0] / vc[:, None]
        for i, name in enumerate(PRESETS):
            rise[name, key] = np.interp(TIMES, grid, serum[i]) - serum[i, 0]
        if key == URINE["regimen"]:
            i = PRESETS.index(URINE["subject"])
            excess = xs[i, -1, 11] - xs[i, 0, 11] - HOURS * model.diet_absorbed_per_h()
            urine = excess / dosed
    return rise, urine


def residuals(model: Physiological, ref):
    rise, urine = physiological_outcomes(model)
    curves = np.concatenate([(rise[k] - ref[k]) / CURVE_SCALE for k in ref])
    return np.concatenate([curves / np.sqrt(curves.size), [(urine - URINE["observed"]) / URINE["tolerance"]]])


def with_values(base: Physiological, x):
    return dataclasses.replace(base, **dict(zip(FITTED, np.exp(x), strict=True)))


def table(model: Physiological, ref, label: str):
    rise, urine = physiological_outcomes(model)
    print(f"\n{label}: serum total rise over baseline (mmol/L), physiological / preset, at t = "
          + ", ".join(f"{t:.2g}" for t in TIMES) + " h")
    for k in ref:
        print(f"  {k[0]:<14} {k[1]:<12} " + " ".join(f"{a:.2f}/{b:.2f}" for a, b in zip(rise[k], ref[k], strict=True))
              + f"   rms {np.sqrt(np.mean((rise[k] - ref[k]) ** 2)):.3f}")
    allmiss = np.concatenate([rise[k] - ref[k] for k in ref])
    print(f"  rms over all curves {np.sqrt(np.mean(allmiss**2)):.3f} mmol/L; mean miss {np.mean(allmiss):+.3f}; "
          f"{URINE['id']} {urine:.3f} (target {URINE['observed']} +/- {URINE['tolerance']})")


POSTERIOR = Path(__file__).resolve().parents[1] / "src/magnesim/params/posteriors/body_distribution.yaml"
_FD_STEP = 1e-4  # central-difference step in log coordinates


def write_posterior(ref):
    """The Laplace posterior of the log parameters at the library values, written to POSTERIOR."""
    base = Physiological()
    x = np.log([getattr(base, f) for f in FITTED])
    jac = np.column_stack([(residuals(with_values(base, x + _FD_STEP * e), ref) - residuals(with_values(base, x - _FD_STEP * e), ref))
                           / (2 * _FD_STEP) for e in np.eye(x.size)])
    cov = np.linalg.inv(jac.T @ jac)
    cov = 0.5 * (cov + cov.T)
    doc = {
        "name": "body-distribution",
        "script": "scripts/calibrate_body.py --write-posterior",
        "method": "Laplace: inverse Gauss-Newton Hessian (J^T J)^-1 of the calibration loss (0.5 x sum of squared "
                  "tolerance-scaled residuals) at the library values, in natural-log coordinates; J by central differences",
        "transform": "log",
        "parameters": list(FITTED.values()),
        "mode": [float(getattr(base, f)) for f in FITTED],
        "covariance": [[float(f"{c:.6e}") for c in row] for row in cov],
        "eigenvalues": [float(f"{w:.6e}") for w in np.linalg.eigvalsh(cov)],
    }
    POSTERIOR.write_text("# Written by scripts/calibrate_body.py --write-posterior: do not edit by hand.\n"
                         + yaml.safe_dump(doc, sort_keys=False, width=140), encoding="utf-8")
    print(f"wrote {POSTERIOR}")
    for pid, sd in zip(FITTED.values(), np.sqrt(np.diag(cov)), strict=True):
        print(f"  {pid:<32} SD of log {sd:.3f} (x/ {np.exp(sd):.2f})")
    print("  correlations:\n" + np.array2string(cov / np.sqrt(np.outer(np.diag(cov), np.diag(cov))), precision=2))


def main():
    if "--write-posterior" in sys.argv[1:]:
        write_posterior(preset_rise())
        return
    lib = library()
    base = Physiological()
    print("targets: popPK typical curves (" + ", ".join(PRESETS) + ") x regimens (" + ", ".join(REGIMENS) + ")"
          f"; {URINE['id']} = {URINE['observed']} +/- {URINE['tolerance']}")
    for name, s in SUBJECTS.items():
        print(f"  {name:<14} {s.weight_kg:.2f} kg, creatinine {s.creatinine_mg_dL:.3f} mg/dL, GFR {s.gfr:.0f} mL/min, "
              f"CrCl {s.crcl_mL_min:.0f} mL/min, BMI {s.bmi:.1f}")
    print("free parameters (library value, bounds):")
    for field, pid in FITTED.items():
        print(f"  {pid:<30} {getattr(base, field):<8.4g} [{lib[pid].range[0]:g}, {lib[pid].range[1]:g}] {lib[pid].unit}")
    ref = preset_rise()
    x0 = np.log([getattr(base, f) for f in FITTED])
    lo = np.log([lib[p].range[0] for p in FITTED.values()])
    hi = np.log([lib[p].range[1] for p in FITTED.values()])
    r0 = residuals(base, ref)
    print(f"loss at the library values {0.5 * float(r0 @ r0):.4f}")
    fit = least_squares(lambda x: residuals(with_values(base, x), ref), np.clip(x0, lo + 1e-9, hi - 1e-9), bounds=(lo, hi),
                        diff_step=1e-3, x_scale=1.0, max_nfev=200, verbose=1)
    fitted = with_values(base, fit.x)
    print(f"loss {0.5 * float(fit.fun @ fit.fun):.4f} ({fit.message})")
    for field, pid in FITTED.items():
        v = getattr(fitted, field)
        edge = " (at a bound)" if np.isclose(v, lib[pid].range[0], rtol=1e-4) or np.isclose(v, lib[pid].range[1], rtol=1e-4) else ""
        print(f"{pid} = {v:.4g} {lib[pid].unit}{edge}")
    table(dataclasses.replace(base, **PREVIOUS), ref, "values before this calibration (" + ", ".join(f"{k} {v:g}" for k, v in PREVIOUS.items()) + ")")
    table(base, ref, "library values")
    table(fitted, ref, "fitted values")


if __name__ == "__main__":
    main()
