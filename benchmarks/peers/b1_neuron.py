"""Benchmark B1 "mg-sweep", peer NEURON: N separate single-compartment cells, one NetStim for all.

Each cell: a cylinder with L = diam = sqrt(20000 um^2 / pi) (NEURON's area pi*diam*L = 20 000 um^2),
nseg 1, cm 1 uF/cm2, pas (g 5e-5 S/cm2, e -60 mV), the Traub-Miles Na/K(dr) of the COBAHH benchmark
(tmhh.mod: gnabar 0.1 S/cm2, gkbar 0.03 S/cm2, vt -63 mV; ena 50 mV, ek -90 mV), an AMPA ExpSyn
(tau 5 ms, e 0 mV, weight 0.006 uS) and an NMDA point process with the Jahr-Stevens Mg block
(nmdajs.mod: Exp2Syn-normalised dual exponential, tau1 2 ms, tau2 100 ms, weight 0.003 uS, e 0 mV,
mg = 3 mM * i / (N - 1)). One NetStim (start 10 ms, interval 50 ms, 40 events, noise 0) drives all
2N synapses through NetCons with delay 0. Fixed step dt 0.025 ms, h.secondorder = 0 (implicit Euler,
NEURON's default), 2 s. Spikes: NetCon threshold -20 mV on each cell's v (upward crossings).

The .mod files live in scripts/reference_traces/ and are compiled there once by nrnivmodl into a
git-ignored _nrnbuild/ folder (compile_s reports the time when that happened in this run; setup_s
includes it). sim_s is finitialize + continuerun. Prints one JSON line.

    python benchmarks/peers/b1_neuron.py [--n 1000]
"""

import time

_T0 = time.perf_counter()  # before the other imports: wall_s covers them too

import argparse
import json
import math
import os
import platform
import resource
import sys
from pathlib import Path

import numpy as np

PEER = "neuron"
REF_DIR = Path(__file__).resolve().parents[2] / "scripts" / "reference_traces"

os.environ.setdefault("NEURON_MODULE_OPTIONS", "-nogui")  # no "no DISPLAY" warning
try:
    import neuron
    from neuron import h
except ImportError as exc:
    print(json.dumps({"peer": PEER, "skipped": True, "reason": f"NEURON is not installed ({exc})"}))
    sys.exit(0)

sys.path.insert(0, str(REF_DIR))
import nrn_mechs

N_DEFAULT = 1000
AREA_UM2 = 20_000.0
MG_MAX_MM = 3.0
T_STOP_MS = 2000.0
DT_MS = 0.025


def nearest(mg, target):
    return int(np.argmin(np.abs(mg - target)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=N_DEFAULT, help="number of neurons")
    args = parser.parse_args()
    n_cells = args.n

    t_setup = time.perf_counter()
    t_compile = time.perf_counter()
    was_built = nrn_mechs.BUILD_ROOT.exists() and any(nrn_mechs.BUILD_ROOT.glob("*/ok"))
    nrn_mechs.load()
    compile_s = time.perf_counter() - t_compile
    h.load_file("stdrun.hoc")
    h.dt = DT_MS
    h.steps_per_ms = 1.0 / DT_MS
    h.secondorder = 0
    h.cvode.active(0)

    mg = MG_MAX_MM * np.arange(n_cells) / (n_cells - 1) if n_cells > 1 else np.zeros(1)
    diam = math.sqrt(AREA_UM2 / math.pi)
    stim = h.NetStim()
    stim.start = 10.0
    stim.interval = 50.0
    stim.number = 40
    stim.noise = 0
    keep = []
    spk_t = h.Vector()
    spk_id = h.Vector()
    for i in range(n_cells):
        soma = h.Section(name=f"cell{i}")
        soma.nseg = 1
        soma.L = soma.diam = diam
        soma.cm = 1.0
        soma.insert("pas")
        soma.g_pas = 5e-5
        soma.e_pas = -60.0
        soma.insert("tmhh")
        seg = soma(0.5)
        seg.tmhh.gnabar = 0.1
        seg.tmhh.gkbar = 0.03
        seg.tmhh.vt = -63.0
        soma.ena = 50.0
        soma.ek = -90.0
        ampa = h.ExpSyn(seg)
        ampa.tau = 5.0
        ampa.e = 0.0
        nmda = h.NMDAJS(seg)
        nmda.tau1 = 2.0
        nmda.tau2 = 100.0
        nmda.e = 0.0
        nmda.mg = float(mg[i])
        nc_a = h.NetCon(stim, ampa)
        nc_a.delay = 0
        nc_a.weight[0] = 0.006  # uS = 6 nS
        nc_n = h.NetCon(stim, nmda)
        nc_n.delay = 0
        nc_n.weight[0] = 0.003  # uS = 3 nS peak
        det = h.NetCon(seg._ref_v, None, sec=soma)
        det.threshold = -20.0
        det.record(spk_t, spk_id, i)
        keep.append((soma, ampa, nmda, nc_a, nc_n, det))
    assert abs(keep[0][0](0.5).area() - AREA_UM2) < 1e-6
    setup_s = time.perf_counter() - t_setup

    t_sim = time.perf_counter()
    h.finitialize(-60.0)
    h.continuerun(T_STOP_MS)
    sim_s = time.perf_counter() - t_sim

    ids = np.array(spk_id, dtype=np.int64)
    counts = np.bincount(ids, minlength=n_cells)
    print(json.dumps({
        "peer": PEER,
        "n": n_cells,
        "wall_s": time.perf_counter() - _T0,
        "setup_s": setup_s,
        "compile_s": compile_s if not was_built else 0.0,
        "sim_s": sim_s,
        "spikes_at_mg_mM": {str(k): int(counts[nearest(mg, k)]) for k in range(4)},
        "mean_rate_hz": float(counts.sum() / n_cells / (T_STOP_MS / 1000.0)),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "versions": {"neuron": neuron.__version__, "numpy": np.__version__, "python": platform.python_version()},
    }))


if __name__ == "__main__":
    main()
