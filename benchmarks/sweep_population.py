"""Benchmark of ``magnesim sweep`` (issue 14): N virtual women on the Zuspan regimen (48 h, Du 2019
popPK; examples/sweep/zuspan_population.yaml) in this process, then on a LocalCluster of 1 and of 2
workers, each into a fresh Zarr store: wall time, subjects per second, peak RSS per worker, and the
speed-up from 1 to 2 workers. The summary (p5/p50/p95, share reaching each threshold) of the last run
is printed; the three stores must agree.

    python benchmarks/sweep_population.py [--n 1000000] [--out benchmarks/results/sweep_population.json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

import numpy as np
import yaml

import magnesim

magnesim.configure()  # one JAX host device per core and 64-bit mode, before JAX loads (the in-process run)

from magnesim.sweep import summarize, sweep

SPEC = Path(__file__).resolve().parents[1] / "examples" / "sweep" / "zuspan_population.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--out", default="benchmarks/results/sweep_population.json")
    args = parser.parse_args()
    spec = yaml.safe_load(SPEC.read_text()) | {"population": args.n}
    work = Path(tempfile.mkdtemp(prefix="magnesim-sweep-bench-"))
    report, results = {"subjects": args.n, "spec": str(SPEC.name), "chunk": spec["chunk"]}, {}
    try:
        for label, scheduler, workers in (("in-process", "inprocess", 1), ("1 worker", "local", 1), ("2 workers", "local", 2)):
            store = work / f"{label.replace(' ', '-')}.zarr"
            r = results[label] = sweep(spec, store, scheduler=scheduler, workers=workers)
            report[label] = {"wall_s": r.wall_s, "subjects_per_s": args.n / r.wall_s, "peak_rss_mb_per_worker": list(r.worker_peak_rss_mb)}
            print(label, json.dumps(report[label]), flush=True)
        report["speedup_1_to_2_workers"] = report["1 worker"]["wall_s"] / report["2 workers"]["wall_s"]
        a, b = (np.asarray(results[k].open().peak_serum_total_mM) for k in ("1 worker", "2 workers"))
        report["workers_bitwise_equal"] = bool(a.tobytes() == b.tobytes())
        s = summarize(results["2 workers"].open())
        report["summary"] = {k: np.asarray(s[k].values, float).ravel().round(4).tolist() for k in
                             ("peak_serum_total_mM", "hours_above_therapeutic_low", "share_reaching_therapeutic_low",
                              "share_reaching_reflex_loss", "share_reaching_respiratory_paralysis")}
        print(json.dumps(report, indent=1))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
