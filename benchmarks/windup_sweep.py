"""Wind-up sweep: N conditions of 16 C-fibre stimuli at 1 Hz in one compiled call; prints one JSON line.

Conditions: [Mg2+]o on an even grid 0–3 mM × NMDA scale {1, 0.5, 0.25, 0} (N = 1000 by default: 250 × 4).
Whole-process time includes Python start-up, imports and compilation.

    python benchmarks/windup_sweep.py [--n 1000] [--dtype float64]
"""

import argparse
import json
import time

T0 = time.perf_counter()

import numpy as np

import magnesim

magnesim.configure()  # one JAX host device per core and 64-bit mode, before JAX loads

from magnesim.experiments import windup


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--dtype", default="float64")
    args = ap.parse_args()
    scales = [1.0, 0.5, 0.25, 0.0]
    mg = np.linspace(0.0, 3.0, max(1, args.n // len(scales)))
    t = time.perf_counter()
    ds = windup(mg=mg, freq=1.0, stimuli=16, nmda_scale=scales, dtype=args.dtype)
    sim = time.perf_counter() - t
    wi = ds.windup_index.sel(nmda_scale=1.0).squeeze()
    print(json.dumps({"conditions": int(ds.windup_index.size), "dtype": args.dtype, "sim_s": round(sim, 2),
                      "wall_s": round(time.perf_counter() - T0, 2),
                      "windup_index_at_1mM": round(float(wi.sel(mg_mM=1.0, method="nearest")), 3),
                      "total_spikes": int(ds.total_spikes.sum())}))


if __name__ == "__main__":
    main()
