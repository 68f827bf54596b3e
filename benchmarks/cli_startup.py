"""Benchmark: wall time of `magnesim block --mg 1mM --v -60mV --json` as a fresh process (target < 2 s).

    python benchmarks/cli_startup.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

COMMAND = [sys.executable, "-m", "magnesim", "block", "--mg", "1mM", "--v", "-60mV", "--json"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    walls = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        subprocess.run(COMMAND, check=True, capture_output=True)
        walls.append(time.perf_counter() - t0)
    print(json.dumps({"command": " ".join(COMMAND[1:]), "median_wall_s": statistics.median(walls),
                      "max_wall_s": max(walls), "min_wall_s": min(walls), "repeats": args.repeats}))


if __name__ == "__main__":
    main()
