"""Run B1 "mg-sweep" with magnesim and the installed peers in one run; print times, ratios and checksums.

Each implementation runs as a fresh process (whole-process wall time: imports, code generation,
compilation and simulation) `--repeats` times and medians are compared. Peers are optional
(`pip install .[bench]`): Brian2 with cpp_standalone (2 OpenMP threads) and cython targets, and
NEURON; a missing peer is reported as skipped, never faked. `--python brian2=PATH` (or neuron=PATH)
runs a peer family with another interpreter: Brian2 2.9 needs NumPy < 2.4, so it may live in its own
virtual environment.

    python benchmarks/run_b1.py --n 1000 [--repeats 3] [--peers brian2-cpp,brian2-cython,neuron]
                                [--python brian2=/path/to/venv/bin/python]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEERS = {
    "brian2-cpp": [str(HERE / "peers" / "b1_brian2.py"), "--target", "cpp_standalone"],
    "brian2-cython": [str(HERE / "peers" / "b1_brian2.py"), "--target", "cython"],
    "neuron": [str(HERE / "peers" / "b1_neuron.py")],
}


def run_once(python: str, args: list[str], n: int) -> dict:
    proc = subprocess.run([python, *args, "--n", str(n)], capture_output=True, text=True, check=False)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"skipped": True, "reason": (proc.stderr.strip().splitlines() or ["no output"])[-1]}
    return json.loads(lines[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--peers", default="brian2-cpp,brian2-cython,neuron")
    parser.add_argument("--python", action="append", default=[], help="FAMILY=INTERPRETER, e.g. brian2=/venv/bin/python")
    parser.add_argument("--dtype", default="float32", choices=("float32", "float64"))
    args = parser.parse_args()

    jobs = {"magnesim": (sys.executable, [str(HERE / "b1_mg_sweep.py"), "--dtype", args.dtype])}
    pythons = dict(item.split("=", 1) for item in args.python)
    jobs |= {p: (pythons.get(p.split("-")[0], sys.executable), PEERS[p]) for p in args.peers.split(",") if p}
    medians = {}
    for name, (python, script) in jobs.items():
        runs = [run_once(python, script, args.n) for _ in range(args.repeats)]
        for r in runs:
            print(json.dumps({"impl": name, **r}), flush=True)
        done = [r for r in runs if not r.get("skipped")]
        if done:
            medians[name] = {"wall_s": statistics.median(r["wall_s"] for r in done),
                             "sim_s": statistics.median(r["sim_s"] for r in done),
                             "spikes_at_mg_mM": done[0]["spikes_at_mg_mM"], "mean_rate_hz": done[0]["mean_rate_hz"]}
    summary = {"n": args.n, "repeats": args.repeats, "medians": medians}
    if "magnesim" in medians:
        ref = medians["magnesim"]
        peers = {k: v for k, v in medians.items() if k != "magnesim"}
        summary["speedup_wall_vs"] = {k: v["wall_s"] / ref["wall_s"] for k, v in peers.items()}
        if peers:
            fastest = min(peers, key=lambda k: peers[k]["wall_s"])
            summary["fastest_peer"] = fastest
            summary["speedup_vs_fastest_peer"] = peers[fastest]["wall_s"] / ref["wall_s"]
        summary["spike_count_differences"] = {
            k: {mg: v["spikes_at_mg_mM"][mg] - ref["spikes_at_mg_mM"][mg] for mg in ref["spikes_at_mg_mM"]} for k, v in peers.items()}
    print(json.dumps({"summary": summary}), flush=True)


if __name__ == "__main__":
    main()
