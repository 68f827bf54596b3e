"""Validation study and benchmark of ``magnesim tdm`` (issue 15), after mapbayr's protocol (Le Louedec
et al. 2021, CPT Pharmacometrics Syst Pharmacol 10:1208):

1. simulation-re-estimation: per usable preset, N virtual pre-eclamptic women on Zuspan (weight
   55-110 kg, creatinine 0.5-1.4 mg/dL; η from the published Ω, levels with the published residual
   error at 4 random times in 0.5-24 h); MAP on the first 2-4 levels (one vmapped call per count)
   against SciPy's BFGS with finite-difference gradients on the same objective, started 0.05 from the
   MAP: |Δη| and |ΔOFV|;
2. forecasting: the error of the last (4th) level predicted from the first k = 0-3 levels (k = 0:
   the typical patient), as MAE against the measured and the true level;
3. Laplace vs SIR: 90% intervals of CL (200 patients per preset, 2 levels); with ``--nuts N``, also
   against NUTS (numpyro, the ``bench`` extra; 1 chain, 1000 warm-up + 2000 draws) on the same
   OFV/2 potential for ``--nuts`` patients per preset;
4. virtual trial: women with renal impairment (GFR 15-60 mL/min), true model du-2019, fixed Zuspan
   (4 g + 1 g/h for 24 h) against magnesim tdm (all presets averaged) deciding at 6 h from levels at
   2 and 6 h: target attainment (share of 6-24 h with true serum in 1.8-3.0 mmol/L) and the share of
   women whose true serum reaches 3.5 mmol/L;
5. timing: MAP of 10 000 virtual patients in one call (compilation separately).

    python benchmarks/tdm_study.py [--patients 1000] [--nuts 20] [--trial 200] [--timing 10000] [--parts reestimation,nuts,trial,timing]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

import magnesim

magnesim.configure()  # one JAX host device per core and 64-bit mode, before JAX loads

from magnesim._jax import jax
from magnesim.body import Subject, resolve_regimen
from magnesim.tdm import Patient, fit_cohort, sir, tdm, usable_presets
from magnesim.tdm._individual import design
from magnesim.tdm._map import objective, observed, stack_designs
from magnesim.tdm._virtual import true_levels, virtual_patients

ZUSPAN = resolve_regimen("zuspan")
TARGET = (1.8, 3.0)


def cohort(name: str, n: int, seed: int):
    rng = np.random.default_rng(seed)
    subjects = [Subject(weight_kg=float(w), scr_mg_dL=float(c), pregnant=True)
                for w, c in zip(rng.uniform(55, 110, n), rng.uniform(0.5, 1.4, n), strict=True)]
    times = [np.sort(rng.choice(np.arange(0.5, 24.01, 0.5), size=4, replace=False)) for _ in range(n)]
    return virtual_patients(name, subjects, ZUSPAN, times, seed=seed + 1)


def fit_first(patients, k: int):
    levels = [p.levels[:k] for p in patients]
    return fit_cohort([p.model for p in patients], [design(p.model, ZUSPAN, [lv.time_h for lv in lv_k]) for p, lv_k in zip(patients, levels, strict=True)],
                      [observed(lv_k) for lv_k in levels])


def scipy_check(patients, fits, k: int) -> dict:
    """SciPy BFGS (finite-difference gradient) on the same objective, one jitted evaluator for all."""
    m0 = patients[0].model
    fn = jax.jit(lambda typ, d, obs, eta: objective(m0.preset, m0.eta_names, m0.omega, typ, d, obs, eta))
    d_eta, d_ofv = [], []
    for p, f in zip(patients, fits, strict=True):
        lv = p.levels[:k]
        d = stack_designs([design(p.model, ZUSPAN, [x.time_h for x in lv])], 32, 4)
        d = jax.tree_util.tree_map(lambda x: x[0], d)
        obs = observed(lv).padded(4)
        typ = p.model.arrays()
        res = minimize(lambda e, typ=typ, d=d, obs=obs: float(fn(typ, d, obs, e)), f.eta + 0.05, method="BFGS", options={"gtol": 1e-7})
        d_eta.append(np.max(np.abs(res.x - f.eta)))
        d_ofv.append(abs(res.fun - f.ofv))
    return {"max_abs_delta_eta": float(np.max(d_eta)), "max_abs_delta_ofv": float(np.max(d_ofv)),
            "share_within_1e-3": float(np.mean((np.array(d_eta) < 1e-3) & (np.array(d_ofv) < 1e-3)))}


def forecast_errors(patients, fits_by_k) -> dict:
    out = {}
    for k in range(4):
        measured, true = [], []
        for i, p in enumerate(patients):
            last = p.levels[3]
            eta = np.zeros(p.model.n_eta) if k == 0 else fits_by_k[k][i].eta
            pred = true_levels(p.model, eta, ZUSPAN, [last.time_h])[0]
            measured.append(abs(pred - last.mM))
            true.append(abs(pred - true_levels(p.model, p.eta, ZUSPAN, [last.time_h])[0]))
        out[k] = {"mae_vs_measured_mM": float(np.mean(measured)), "mae_vs_true_mM": float(np.mean(true))}
    return out


def laplace_vs_sir(patients, fits) -> dict:
    ratios, shifts = [], []
    for p, f in zip(patients, fits, strict=True):
        draws, _ = sir(f, ZUSPAN, p.levels[:2], 2000, seed=1)
        sd = np.sqrt(f.cov[0, 0])
        lap = f.eta[0] + np.array([-1.645, 1.645]) * sd
        s5, s95 = np.percentile(draws[:, 0], [5, 95])
        ratios.append((s95 - s5) / (lap[1] - lap[0]))
        shifts.append(max(abs(s5 - lap[0]), abs(s95 - lap[1])) / sd)
    return {"width_ratio_sir_over_laplace_median": float(np.median(ratios)), "width_ratio_p5_p95": [float(x) for x in np.percentile(ratios, [5, 95])],
            "endpoint_shift_over_sd_median": float(np.median(shifts))}


def laplace_vs_nuts(patients, fits, seed: int = 0) -> dict:
    """90% intervals of η_CL and η_V: Laplace against NUTS on the exact posterior (OFV/2 potential)."""
    from numpyro.infer import MCMC, NUTS

    m0 = patients[0].model
    rows = []
    for i, (p, f) in enumerate(zip(patients, fits, strict=True)):
        lv = p.levels[:2]
        d, obs = design(p.model, ZUSPAN, [x.time_h for x in lv]), observed(lv)
        typ = p.model.arrays()
        potential = lambda eta, typ=typ, d=d, obs=obs: 0.5 * objective(m0.preset, m0.eta_names, m0.omega, typ, d, obs, eta)
        mcmc = MCMC(NUTS(potential_fn=potential), num_warmup=1000, num_samples=2000, progress_bar=False)
        mcmc.run(jax.random.PRNGKey(seed + i), init_params=jax.numpy.asarray(f.eta))
        draws = np.asarray(mcmc.get_samples())
        sd = np.sqrt(np.diag(f.cov))
        lap = np.stack([f.eta - 1.645 * sd, f.eta + 1.645 * sd])
        nuts = np.percentile(draws, [5, 95], axis=0)
        rows.append({"width_ratio": ((nuts[1] - nuts[0]) / (lap[1] - lap[0])).tolist(),
                     "endpoint_shift_over_sd": (np.max(np.abs(nuts - lap), axis=0) / sd).tolist()})
    ratios = np.array([r["width_ratio"] for r in rows])
    shifts = np.array([r["endpoint_shift_over_sd"] for r in rows])
    return {"patients": len(rows), "parameters": list(m0.eta_names),
            "width_ratio_nuts_over_laplace_median": np.median(ratios, axis=0).tolist(),
            "width_ratio_range": [ratios.min(axis=0).tolist(), ratios.max(axis=0).tolist()],
            "endpoint_shift_over_sd_median": np.median(shifts, axis=0).tolist()}


def trial(n: int, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    subjects = [Subject(weight_kg=float(w), gfr_mL_min=float(g), pregnant=True, age_y=32)
                for w, g in zip(rng.uniform(60, 100, n), rng.uniform(15, 60, n), strict=True)]
    truth = virtual_patients("du-2019", subjects, ZUSPAN, [np.array([2.0, 6.0])] * n, seed=seed + 1)
    window = np.arange(6.0, 24.001, 0.25)
    fixed_in, fixed_tox, tdm_in, tdm_tox, rates = [], [], [], [], []
    for s, v in zip(subjects, truth, strict=True):
        base = true_levels(v.model, v.eta, ZUSPAN, window)
        patient = Patient("trial", s, ZUSPAN, v.levels, 6.0, 18.0, TARGET, 0.05)
        r = tdm(patient, "all", draws=200)
        chosen = true_levels(v.model, v.eta, r.recommendation.regimen, window)
        for curve, inside, tox in ((base, fixed_in, fixed_tox), (chosen, tdm_in, tdm_tox)):
            inside.append(float(np.mean((curve >= TARGET[0]) & (curve <= TARGET[1]))))
            tox.append(bool(curve.max() >= 3.5))
        rates.append(r.recommendation.label)
    return {"patients": n, "gfr_mL_min": [15, 60], "fixed_zuspan": {"time_in_range": float(np.mean(fixed_in)), "reached_3.5_mM": float(np.mean(fixed_tox))},
            "tdm_guided": {"time_in_range": float(np.mean(tdm_in)), "reached_3.5_mM": float(np.mean(tdm_tox))},
            "recommendations": {k: rates.count(k) for k in sorted(set(rates))}}


def timing(n: int) -> dict:
    """MAP of ``n`` patients (3 levels each) in one call: the first call compiles, the second reuses it."""
    patients = cohort("deng-2024", n, seed=99)
    t0 = time.perf_counter()
    fit_first(patients, 3)
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    fits = fit_first(patients, 3)
    return {"patients": n, "levels_each": 3, "first_call_s": first, "second_call_s": time.perf_counter() - t0,
            "converged": float(np.mean([f.converged for f in fits]))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=1000)
    parser.add_argument("--trial", type=int, default=200)
    parser.add_argument("--timing", type=int, default=10_000)
    parser.add_argument("--nuts", type=int, default=20, help="patients per preset for the NUTS comparison (needs numpyro)")
    parser.add_argument("--parts", default="reestimation,nuts,trial,timing",
                        help="comma-separated parts to run; their results replace those in --out, others are kept")
    parser.add_argument("--out", default="benchmarks/results/tdm_study.json")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    out = Path(args.out)
    report = json.loads(out.read_text()) if out.exists() else {}
    report.update({"device": jax.devices()[0].platform, "cpus": jax.device_count()})
    for name in usable_presets() if parts & {"reestimation", "nuts"} else ():
        section = report.setdefault(name, {})
        if "reestimation" in parts:
            patients = cohort(name, args.patients, seed=1)
            fits = {k: fit_first(patients, k) for k in (1, 2, 3, 4)}
            section.update({"reestimation_vs_scipy": {k: scipy_check(patients, fits[k], k) for k in (2, 3, 4)},
                            "next_level_error": forecast_errors(patients, fits),
                            "laplace_vs_sir": laplace_vs_sir(patients[:200], fits[2][:200]),
                            "converged": float(np.mean([f.converged for k in fits for f in fits[k]]))})
        if "nuts" in parts:
            patients = cohort(name, args.nuts, seed=1)
            section["laplace_vs_nuts"] = laplace_vs_nuts(patients, fit_first(patients, 2))
        print(name, json.dumps(section, indent=1), flush=True)
    if "trial" in parts:
        report["trial"] = trial(args.trial, seed=5)
        print("trial", json.dumps(report["trial"], indent=1), flush=True)
    if "timing" in parts:
        report["timing"] = timing(args.timing)
        print("timing", json.dumps(report["timing"], indent=1), flush=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
