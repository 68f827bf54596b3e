"""Run B2 "pk-pop" with magnesim and the installed peers in one run; print times, ratios and checksums.

Each implementation runs as a fresh process (whole-process wall time, import and compilation
included) `--repeats` times; medians are compared. Peers are optional (`pip install .[bench]`); a
missing peer is reported as skipped. Also checks that magnesim's population is the benchmark's.

    python benchmarks/run_b2.py --n 10000 [--repeats 3] [--peers scipy,roadrunner] [--dt-min 2]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = {
    "magnesim": HERE / "b2_pk_pop.py",
    "scipy": HERE / "peers" / "b2_scipy.py",
    "roadrunner": HERE / "peers" / "b2_roadrunner.py",
}


def run_once(name: str, n: int, dt_min: float) -> dict:
    cmd = [sys.executable, str(SCRIPTS[name]), "--n", str(n)] + (["--dt-min", str(dt_min)] if name == "magnesim" else [])
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"impl": name, "skipped": True, "reason": (proc.stderr.strip().splitlines() or ["no output"])[-1]}
    return json.loads(lines[-1])


def same_population(n: int) -> bool:
    sys.path.insert(0, str(HERE / "peers"))
    import numpy as np
    from b2_population import population

    from magnesim.body import Subject
    from magnesim.body.population import covariates

    weight, gfr = population(n)
    cov = covariates(Subject(weight_kg=75.0, gfr_mL_min=100.0), n, seed=20240601)
    return bool(np.allclose(cov.weight_kg, weight, rtol=1e-12) and np.allclose(cov.gfr_mL_min * 0.06, gfr, rtol=1e-12))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--peers", default="scipy,roadrunner")
    parser.add_argument("--dt-min", type=float, default=2.0, help="magnesim RK4 step (minutes)")
    args = parser.parse_args()

    names = ["magnesim", *[p for p in args.peers.split(",") if p]]
    results = {}
    for name in names:
        runs = [run_once(name, args.n, args.dt_min) for _ in range(args.repeats)]
        done = [r for r in runs if not r.get("skipped")]
        for r in runs:
            print(json.dumps(r), flush=True)
        if done:
            results[name] = {
                "wall_s": statistics.median(r["wall_s"] for r in done),
                "sim_s": statistics.median(r["sim_s"] for r in done),
                "mean_c1_24h_mM": done[0]["mean_c1_24h_mM"],
                "peak_rss_mb": max(r.get("peak_rss_mb", 0.0) for r in done),
            }
    ref = results.get("magnesim")
    summary = {"n": args.n, "repeats": args.repeats, "same_population": same_population(args.n), "medians": results}
    if ref:
        summary["speedup_wall_vs"] = {k: v["wall_s"] / ref["wall_s"] for k, v in results.items() if k != "magnesim"}
        summary["checksum_diff_mM"] = {k: v["mean_c1_24h_mM"] - ref["mean_c1_24h_mM"] for k, v in results.items() if k != "magnesim"}
    print(json.dumps({"summary": summary}), flush=True)


if __name__ == "__main__":
    main()
