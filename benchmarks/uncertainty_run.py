"""Benchmark: wall time of the default scenario with 64 parameter draws, `magnesim run --uncertainty 64`,
as a fresh process, against the same run without draws (issue 13 target: < 60 s on the CI machine).

    python benchmarks/uncertainty_run.py [--draws 64] [--repeats 1]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time


def wall(extra: list[str], repeats: int) -> float:
    walls = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as out:
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "magnesim", "run", "--quiet", "--out", out, *extra], check=True, capture_output=True)
            walls.append(time.perf_counter() - t0)
    return statistics.median(walls)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    plain = wall([], args.repeats)
    banded = wall(["--uncertainty", str(args.draws)], args.repeats)
    print(json.dumps({"scenario": "default", "draws": args.draws, "wall_s_without_draws": round(plain, 2),
                      "wall_s_with_draws": round(banded, 2), "repeats": args.repeats}))


if __name__ == "__main__":
    main()
