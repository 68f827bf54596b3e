"""Benchmark B1 "mg-sweep", peer Brian2: N independent COBAHH (Traub-Miles) neurons, AMPA + NMDA with
the Jahr-Stevens Mg block, [Mg2+]o = 3 mM * i / (N - 1), one 20 Hz presynaptic train for all.

Equations are those of Brian2's COBAHH example (Brette et al. 2007), with exprel() for the removable
singularities of alpha_m, beta_m, alpha_n, integrated with exponential Euler at dt = 0.025 ms for 2 s.
AMPA: ge jumps by 6 nS per spike, tau 5 ms. NMDA: two variables per neuron, dx/dt = -x/tau_rise and
dg/dt = (x - g)/tau_decay, so that one event x += w gives g(t) = w tau_r/(tau_d - tau_r) (e^-t/tau_d -
e^-t/tau_r); w is chosen so that an isolated event peaks at 3 nS (the same normalisation as NEURON's
Exp2Syn). The current is g * B(v) * (v - 0 mV), B(v) = 1 / (1 + mg/3.57 mM * exp(-0.062 v/mV)).
The input is a SpikeGeneratorGroup (one source, spikes at 10, 60, ..., 1960 ms) with Synapses to all
N neurons. Spikes are upward crossings of -20 mV (threshold 'v > -20*mV' with the boolean refractory
condition 'v > -20*mV', which only ends refractoriness once v is back below -20 mV; v is not clamped).

    python benchmarks/peers/b1_brian2.py [--n 1000] [--target {cpp_standalone,cython}]

cpp_standalone builds into a temporary directory (removed afterwards) with 2 OpenMP threads. Times:
sim_s is Brian's own measure of the simulation loop (device._last_run_time: inside the compiled
binary for cpp_standalone, the Network.run loop for cython); setup_s is everything else after the
imports (model construction, code generation, compilation, for cpp_standalone also starting the
binary and loading its results). Prints one JSON line.
"""

import time

_T0 = time.perf_counter()  # before the other imports: wall_s covers them too

import argparse
import json
import math
import platform
import resource
import shutil
import subprocess
import sys
import tempfile

import numpy as np

PEER = "brian2"

try:
    import brian2 as b2
    from brian2 import cm, ms, mV, nS, siemens, uF
except ImportError as exc:
    print(json.dumps({"peer": PEER, "skipped": True, "reason": f"brian2 is not installed ({exc})"}))
    sys.exit(0)
except AttributeError as exc:
    # brian2 <= 2.9.0 wraps np.ndarray.ptp, which numpy 2.4 removed (fixed upstream in brian2 PR #1705)
    print(json.dumps({"peer": PEER, "skipped": True,
                      "reason": f"brian2 cannot be imported with numpy {np.__version__} ({exc}); "
                                "use an environment with numpy < 2.4 or a brian2 release newer than 2.9.0"}))
    sys.exit(0)

# --- B1 "mg-sweep" specification ----------------------------------------------------------------
AREA = 20000 * b2.umetre ** 2
N_DEFAULT = 1000
MG_MAX_MM = 3.0
T_STOP_MS = 2000.0
DT_MS = 0.025
STIM_START_MS = 10.0
STIM_INTERVAL_MS = 50.0
STIM_NUMBER = 40
TAU_AMPA_MS = 5.0
W_AMPA_NS = 6.0
TAU_NMDA_RISE_MS = 2.0
TAU_NMDA_DECAY_MS = 100.0
NMDA_PEAK_NS = 3.0
THREADS = 2

EQS = """
dv/dt = (gl*(El - v) - g_na*(m*m*m)*h*(v - ENa) - g_kd*(n*n*n*n)*(v - EK)
         - ge*(v - Esyn) - g_nmda*B*(v - Esyn))/Cm : volt
dm/dt = alpha_m*(1 - m) - beta_m*m : 1
dn/dt = alpha_n*(1 - n) - beta_n*n : 1
dh/dt = alpha_h*(1 - h) - beta_h*h : 1
dge/dt = -ge/tau_ampa : siemens
dx_nmda/dt = -x_nmda/tau_nmda_rise : siemens
dg_nmda/dt = (x_nmda - g_nmda)/tau_nmda_decay : siemens
B = 1/(1 + mg_mM/3.57*exp(-0.062*v/mV)) : 1
alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV - v + VT)/(4*mV))/ms : Hz
beta_m = 0.28*(mV**-1)*5*mV/exprel((v - VT - 40*mV)/(5*mV))/ms : Hz
alpha_h = 0.128*exp((17*mV - v + VT)/(18*mV))/ms : Hz
beta_h = 4./(1 + exp((40*mV - v + VT)/(5*mV)))/ms : Hz
alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV - v + VT)/(5*mV))/ms : Hz
beta_n = 0.5*exp((10*mV - v + VT)/(40*mV))/ms : Hz
mg_mM : 1 (constant)
"""


def nmda_x_increment_nS():
    """Jump of x per event so that an isolated event's g peaks at NMDA_PEAK_NS (Exp2Syn's factor)."""
    tr, td = TAU_NMDA_RISE_MS, TAU_NMDA_DECAY_MS
    tp = (tr * td) / (td - tr) * math.log(td / tr)
    factor = 1.0 / (-math.exp(-tp / tr) + math.exp(-tp / td))
    # g(t) = x0 tr/(td - tr) (e^-t/td - e^-t/tr); Exp2Syn: g = w factor (e^-t/td - e^-t/tr)
    return NMDA_PEAK_NS * factor * (td - tr) / tr


def nearest(mg, target):
    return int(np.argmin(np.abs(mg - target)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=N_DEFAULT, help="number of neurons")
    parser.add_argument("--target", choices=("cpp_standalone", "cython"), default="cpp_standalone")
    args = parser.parse_args()
    n_neurons = args.n

    t_setup = time.perf_counter()
    build_dir = None
    if args.target == "cpp_standalone":
        build_dir = tempfile.mkdtemp(prefix="b1_brian2_")
        b2.set_device("cpp_standalone", directory=build_dir, build_on_run=False)
        b2.prefs.devices.cpp_standalone.openmp_threads = THREADS
    else:
        b2.prefs.codegen.target = "cython"
    b2.defaultclock.dt = DT_MS * ms

    namespace = dict(
        Cm=1 * uF * cm ** -2 * AREA,
        gl=5e-5 * siemens * cm ** -2 * AREA,
        El=-60 * mV, EK=-90 * mV, ENa=50 * mV,
        g_na=100 * b2.msiemens * cm ** -2 * AREA,
        g_kd=30 * b2.msiemens * cm ** -2 * AREA,
        VT=-63 * mV, Esyn=0 * mV,
        tau_ampa=TAU_AMPA_MS * ms,
        tau_nmda_rise=TAU_NMDA_RISE_MS * ms,
        tau_nmda_decay=TAU_NMDA_DECAY_MS * ms,
        w_ampa=W_AMPA_NS * nS,
        w_nmda_x=nmda_x_increment_nS() * nS,
    )
    mg = MG_MAX_MM * np.arange(n_neurons) / (n_neurons - 1) if n_neurons > 1 else np.zeros(1)

    neurons = b2.NeuronGroup(n_neurons, EQS, threshold="v > -20*mV", refractory="v > -20*mV",
                             method="exponential_euler", namespace=namespace, name="neurons")
    neurons.mg_mM = mg
    neurons.v = -60 * mV
    neurons.m = "alpha_m/(alpha_m + beta_m)"
    neurons.h = "alpha_h/(alpha_h + beta_h)"
    neurons.n = "alpha_n/(alpha_n + beta_n)"
    times = (STIM_START_MS + STIM_INTERVAL_MS * np.arange(STIM_NUMBER)) * ms
    source = b2.SpikeGeneratorGroup(1, np.zeros(STIM_NUMBER, dtype=int), times, name="presyn")
    syn = b2.Synapses(source, neurons, on_pre="ge_post += w_ampa\nx_nmda_post += w_nmda_x",
                      namespace=namespace, name="syn")
    syn.connect(i=0, j=np.arange(n_neurons))
    spikes = b2.SpikeMonitor(neurons, record=False, name="spikes")  # counts only
    net = b2.Network(neurons, source, syn, spikes)
    net.run(T_STOP_MS * ms, namespace=namespace)
    if args.target == "cpp_standalone":
        b2.device.build(directory=build_dir, compile=True, run=True, debug=False)
    counts = np.asarray(spikes.count[:])
    sim_s = float(b2.device._last_run_time)
    setup_s = time.perf_counter() - t_setup - sim_s
    if build_dir is not None:
        shutil.rmtree(build_dir, ignore_errors=True)

    try:
        gxx = subprocess.run(["g++", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        gxx = None
    rss_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({
        "peer": PEER,
        "target": args.target,
        "threads": THREADS if args.target == "cpp_standalone" else 1,
        "n": n_neurons,
        "wall_s": time.perf_counter() - _T0,
        "setup_s": setup_s,
        "sim_s": sim_s,
        "spikes_at_mg_mM": {str(k): int(counts[nearest(mg, k)]) for k in range(4)},
        "mean_rate_hz": float(counts.sum() / n_neurons / (T_STOP_MS / 1000.0)),
        "peak_rss_mb": rss_self,
        "peak_rss_children_mb": rss_children,  # compiler and, for cpp_standalone, the simulation binary
        "versions": {"brian2": b2.__version__, "numpy": np.__version__, "python": platform.python_version(),
                     "g++": gxx},
    }))


if __name__ == "__main__":
    main()
