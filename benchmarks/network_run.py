"""Low-Mg2+ network: the `magnesim network` default (3 [Mg2+]o × 20 s of a 1000-cell network); prints one JSON line.

    python benchmarks/network_run.py [--mg 0,1,2] [--duration 20] [--dtype float32]

Reports whole-process and simulation time, the cost per simulated second per condition, and the
event counts (the checksum: equal for equal dtype, machine and seed).
"""

import argparse
import json
import time

T0 = time.perf_counter()

import magnesim

magnesim.configure()  # one JAX host device per core and 64-bit mode, before JAX loads

from magnesim.experiments import network


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mg", default="0,1,2")
    ap.add_argument("--duration", type=float, default=20.0, help="seconds")
    ap.add_argument("--dtype", default="float32")
    args = ap.parse_args()
    mg = [float(x) for x in args.mg.split(",")]
    t = time.perf_counter()
    ds = network(mg, f"{args.duration} s", 1.0, seed=1, dtype=args.dtype).isel(seed=0, nmda_scale=0)
    sim = time.perf_counter() - t
    print(json.dumps({"conditions": len(mg), "cells": 1000 * len(mg), "duration_s": args.duration, "dtype": args.dtype,
                      "sim_s": round(sim, 2), "wall_s": round(time.perf_counter() - T0, 2),
                      "s_per_simulated_s_per_condition": round(sim / args.duration / len(mg), 3),
                      "events": {f"{m:g}": int(e) for m, e in zip(mg, ds.events.values, strict=True)},
                      "mean_rate_hz": {f"{m:g}": round(float(r), 3) for m, r in zip(mg, ds.mean_rate_hz.values, strict=True)}}))


if __name__ == "__main__":
    main()
