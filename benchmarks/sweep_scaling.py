"""Where the 1 → 2 worker speed-up of ``magnesim sweep`` goes (issue 14): the same chunks of
examples/sweep/zuspan_population.yaml computed (no Dask, no Zarr) by one process, then by two
processes at once, each pinned to one XLA thread like a sweep worker; and a control kernel (a
float64 matrix product loop in NumPy, one BLAS thread) run the same way. If two processes each run
slower than one alone, the machine (shared cores, memory bandwidth, clock) caps the speed-up,
whatever the scheduler does. Also the fixed cost a worker pays before its first chunk: start-up
(imports, design) and the first chunk's compilation.

    python benchmarks/sweep_scaling.py [--chunks 4] [--out benchmarks/results/sweep_scaling.json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import time
from pathlib import Path

import yaml

from magnesim.sweep._engine import WORKER_XLA_FLAGS

SPEC = Path(__file__).resolve().parents[1] / "examples" / "sweep" / "zuspan_population.yaml"
# a sweep worker's XLA flags, and one BLAS thread for the control kernel
ONE_THREAD = {"XLA_FLAGS": WORKER_XLA_FLAGS, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _chunks(spec: dict, which: list[int], queue) -> None:
    t0 = time.perf_counter()
    from magnesim.sweep._design import design
    from magnesim.sweep._kernels import compute
    from magnesim.sweep._spec import read_sweep

    d = design(read_sweep(spec))
    ready = time.perf_counter()
    times = []
    for i in which:
        t = time.perf_counter()
        compute(d, i)
        times.append(time.perf_counter() - t)
    queue.put({"startup_s": ready - t0, "chunk_s": times})


def _control(repeats: int, queue) -> None:
    import numpy as np

    a = np.random.default_rng(0).standard_normal((400, 400))
    b = a.copy()
    t = time.perf_counter()
    for _ in range(repeats):
        b = np.tanh(a @ b / 400.0)
    queue.put({"control_s": time.perf_counter() - t})


def _together(target, args_per_process: list[tuple]) -> tuple[list[dict], float]:
    os.environ.update(ONE_THREAD)  # inherited by spawned children before they import JAX or NumPy's BLAS
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    t0 = time.perf_counter()
    procs = [ctx.Process(target=target, args=(*a, queue)) for a in args_per_process]
    for p in procs:
        p.start()
    out = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    return out, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=4, help="chunks per process after the first (compiling) one")
    parser.add_argument("--out", default="benchmarks/results/sweep_scaling.json")
    args = parser.parse_args()
    spec = yaml.safe_load(SPEC.read_text())
    report = {"spec": SPEC.name, "chunk": spec["chunk"], "cpus": os.cpu_count()}
    n = args.chunks + 1
    for label, plan in (("1 process", [list(range(n))]), ("2 processes", [list(range(n)), list(range(n, 2 * n))])):
        out, wall = _together(_chunks, [(spec, p) for p in plan])
        steady = [t for o in out for t in o["chunk_s"][1:]]
        report[label] = {"wall_s": wall, "startup_s": [o["startup_s"] for o in out], "first_chunk_s": [o["chunk_s"][0] for o in out],
                         "steady_chunk_s_mean": sum(steady) / len(steady), "steady_chunk_s": steady}
        print(label, json.dumps(report[label]), flush=True)
    for label, k in (("control, 1 process", 1), ("control, 2 processes", 2)):
        out, _ = _together(_control, [(300,)] * k)
        report[label] = [o["control_s"] for o in out]
        print(label, report[label], flush=True)
    one, two = report["1 process"]["steady_chunk_s_mean"], report["2 processes"]["steady_chunk_s_mean"]
    report["chunk_throughput_ratio_2_over_1"] = 2 * one / two
    report["control_throughput_ratio_2_over_1"] = 2 * report["control, 1 process"][0] / (sum(report["control, 2 processes"]) / 2)
    print(json.dumps({k: report[k] for k in ("chunk_throughput_ratio_2_over_1", "control_throughput_ratio_2_over_1")}))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
