"""Benchmark: Mg2+ block for 10^7 (V, [Mg2+]o) pairs, each instantaneous model, jit-compiled JAX vs NumPy.

Both paths call the same model method (`model.unblocked_fraction`): with NumPy arrays it runs eagerly
in NumPy, with JAX arrays under `jax.jit` it is compiled by XLA. Prints one JSON line per model and
backend: compile time, median time over repeats, ns per point, and the largest difference from the
NumPy float64 result.

    python benchmarks/block.py [--n 10000000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time

import jax
import jax.numpy as jnp
import numpy as np

from magnesim.receptor import AntonovJohnson, InternalBlock, JahrStevens, WithInternalBlock, Woodhull

MODELS = {
    "jahr-stevens-1990": JahrStevens(),
    "woodhull": Woodhull(),
    "antonov-johnson-1999": AntonovJohnson(),
    "jahr-stevens-1990+internal": WithInternalBlock(JahrStevens(), InternalBlock(), 0.5),
}


def timed(fn, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    v = rng.uniform(-120.0, 60.0, args.n)
    mg = rng.uniform(0.0, 3.0, args.n)
    machine = {"cpu_count": __import__("os").cpu_count(), "machine": platform.machine(), "jax": jax.__version__,
               "jax_backend": jax.default_backend(), "numpy": np.__version__}
    for name, model in MODELS.items():
        numpy_s, reference = timed(lambda m=model: m.unblocked_fraction(v, mg), args.repeats)
        rows = [{"backend": "numpy-float64", "compile_s": 0.0, "run_s": numpy_s, "max_abs_diff": 0.0}]
        for dtype in (jnp.float64, jnp.float32):
            fn = jax.jit(model.unblocked_fraction)
            jv, jmg = jnp.asarray(v, dtype=dtype), jnp.asarray(mg, dtype=dtype)
            t0 = time.perf_counter()
            fn.lower(jv, jmg).compile()
            compile_s = time.perf_counter() - t0
            fn(jv, jmg).block_until_ready()
            run_s, out = timed(lambda f=fn, a=jv, b=jmg: f(a, b).block_until_ready(), args.repeats)
            diff = float(np.max(np.abs(np.asarray(out, dtype=np.float64) - reference)))
            rows.append({"backend": f"jax-jit-{jnp.dtype(dtype).name}", "compile_s": compile_s, "run_s": run_s, "max_abs_diff": diff})
        for row in rows:
            row |= {"model": name, "n": args.n, "ns_per_point": 1e9 * row["run_s"] / args.n,
                    "speedup_vs_numpy": numpy_s / row["run_s"], **machine}
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
