"""Benchmark B2 "pk-pop" with magnesim (shared/benchmarks.md): a virtual population on a MgSO4 regimen.

Built from magnesim's public machinery only: the regimen is dose-language text, the population is
`magnesim.body.population.covariates` (weight and GFR log-normal with CV 20% and 30% from
`default_rng(20240601).standard_normal((n, 2))`, as the benchmark prescribes), and the three
compartments plus urine are a `magnesim.body.CompartmentModel` integrated by magnesim's RK4 engine
(exact per-step inputs) for all patients in one compiled call. Prints one JSON line.

    python benchmarks/b2_pk_pop.py --n 10000 [--dt-min 2]
"""

from __future__ import annotations

import time

_T0 = time.perf_counter()

import argparse
import json
import resource

import jax
import jax.numpy as jnp
import numpy as np

from magnesim.body import CompartmentModel, Subject
from magnesim.body.population import covariates

REGIMEN = "4 g MgSO4.7H2O IV over 20 min, then 1 g/h MgSO4.7H2O IV for 24 h"
Q_L_H, K_BONE_H, THRESHOLD_MM, BASAL, C0 = 10.0, 0.01, 0.8, 0.03, 0.85


def rhs(x, p, u):
    """Amounts (central, peripheral, bone, urine) in mmol; p = (V1, V2, V3, GFR) in L and L/h."""
    v1, v2, v3, gfr = p[0], p[1], p[2], p[3]
    c1, c2, c3 = x[0] / v1, x[1] / v2, x[2] / v3
    exchange = Q_L_H * (c1 - c2)
    bone = K_BONE_H * (c2 - c3) * v3
    renal = gfr * (jnp.maximum(0.0, c1 - THRESHOLD_MM) + BASAL * c1)
    return u + jnp.stack([-exchange - renal, exchange - bone, bone, renal])


MODEL = CompartmentModel(("central", "peripheral", "bone", "urine"), rhs, {"iv": "central"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--dt-min", type=float, default=2.0, help="RK4 step in minutes (run_b2.py passes its own, also 2)")
    args = parser.parse_args()

    compile_s = []
    jax.monitoring.register_event_duration_secs_listener(
        lambda event, duration, **_: compile_s.append(duration) if event.endswith("backend_compile_duration") else None)

    t_setup = time.perf_counter()
    cov = covariates(Subject(weight_kg=75.0, gfr_mL_min=100.0), args.n, seed=20240601)  # GFR 6 L/h
    v1 = 0.2 * cov.weight_kg
    v2 = 0.3 * cov.weight_kg
    v3 = 5.0 * v2
    params = jnp.asarray(np.stack([v1, v2, v3, cov.gfr_mL_min * 0.06], axis=1))
    x0 = jnp.asarray(np.stack([C0 * v1, C0 * v2, C0 * v3, np.zeros(args.n)], axis=1))
    setup_s = time.perf_counter() - t_setup

    t_sim = time.perf_counter()
    run = MODEL.simulate(REGIMEN, params, x0, hours=48.0, output_step_h=0.5, dt_h=args.dt_min / 60.0)
    c1 = run.amount("central") / v1[:, None]
    elapsed = time.perf_counter() - t_sim
    c24 = c1[:, 48]
    print(json.dumps({
        "impl": "magnesim", "n": args.n, "dt_min": args.dt_min,
        "wall_s": time.perf_counter() - _T0, "setup_s": setup_s, "compile_s": sum(compile_s),
        "sim_s": elapsed - sum(compile_s), "mean_c1_24h_mM": float(np.mean(c24)),
        "c1_24h_p5_mM": float(np.percentile(c24, 5)), "c1_24h_p95_mM": float(np.percentile(c24, 95)),
        "n_times": int(c1.shape[1]), "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "integrator": f"RK4 fixed step {args.dt_min:g} min, exact per-step inputs", "jax": jax.__version__,
        "backend": jax.default_backend(),
    }))


if __name__ == "__main__":
    main()
