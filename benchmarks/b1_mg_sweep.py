"""Benchmark B1 "mg-sweep" with magnesim (shared/benchmarks.md): NMDA synapses across a Mg2+ sweep.

N Traub–Miles neurons (COBAHH parameters) share one 20 Hz presynaptic train (first spike at 10 ms,
40 spikes) through an AMPA synapse (6 nS jumps, τ 5 ms) and an NMDA synapse (dual exponential 2/100
ms peaking at 3 nS, Jahr–Stevens block); neuron i has [Mg2+]o = 3 mM · i/(N − 1). 2 s at 0.025 ms,
exponential Euler. Built from magnesim's public models (`TraubMiles`, `ampa`, `nmda`,
`RegularTrain`, `run`): one compiled call for all neurons. Prints one JSON line.

    python benchmarks/b1_mg_sweep.py --n 10000 [--dtype float32] [--dt 0.025]
"""

from __future__ import annotations

import time

_T0 = time.perf_counter()

import argparse
import json
import resource

import magnesim

magnesim.configure()  # before JAX loads: one host device per core (the run is sharded over them), 64-bit mode

import jax
import jax.numpy as jnp
import numpy as np

from magnesim.cell import Drive, RegularTrain, TraubMiles, run
from magnesim.synapse import ampa, nmda


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--dtype", choices=("float32", "float64"), default="float32")
    parser.add_argument("--dt", type=float, default=0.025, help="step (ms)")
    args = parser.parse_args()

    compile_s = []
    jax.monitoring.register_event_duration_secs_listener(
        lambda event, duration, **_: compile_s.append(duration) if event.endswith("backend_compile_duration") else None)

    n = args.n
    mg = 3.0 * np.arange(n) / (n - 1)
    train = RegularTrain(10.0, 50.0, 40)
    drives = [Drive(ampa(6.0), train), Drive(nmda(3.0, "jahr-stevens-1990"), train)]
    t_sim = time.perf_counter()
    result = run(TraubMiles(), drives, n, 2000.0, args.dt, mg_mM=mg, bin_ms=100.0, dtype=getattr(jnp, args.dtype))
    counts = result.spike_count
    elapsed = time.perf_counter() - t_sim
    nearest = {str(x): int(counts[int(np.argmin(np.abs(mg - x)))]) for x in (0, 1, 2, 3)}
    print(json.dumps({
        "impl": "magnesim", "n": n, "dtype": args.dtype, "dt_ms": args.dt,
        "wall_s": time.perf_counter() - _T0, "compile_s": sum(compile_s), "sim_s": elapsed - sum(compile_s),
        "spikes_at_mg_mM": nearest, "mean_rate_hz": float(counts.mean() / 2.0),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "devices": len(jax.devices()), "backend": jax.default_backend(), "jax": jax.__version__,
        "integrator": "exponential Euler (Rush-Larsen gates), order 1",
    }))


if __name__ == "__main__":
    main()
