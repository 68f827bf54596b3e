"""Reference traces for benchmark B1 "mg-sweep" with NEURON (one cell per [Mg2+]o).

One single-compartment cell (cylinder, L = diam = sqrt(20000 um^2 / pi), nseg 1, so that NEURON's
area pi*diam*L = 20 000 um^2), Traub-Miles Na/K(dr) of the COBAHH benchmark (tmhh.mod), leak (pas),
an AMPA ExpSyn (tau 5 ms, weight 0.006 uS, e 0 mV) and an NMDA synapse with the Jahr-Stevens Mg block
(nmdajs.mod: Exp2Syn-normalised, tau1 2 ms, tau2 100 ms, weight 0.003 uS, e 0 mV), both driven by one
NetStim (20 Hz from 10 ms, 40 events, noise 0) through NetCons with delay 0. Simulated for 2 s for
[Mg2+]o in {0, 0.5, 1, 2, 3} mM with three integrators:

    euler : fixed step dt 0.025 ms, h.secondorder = 0 (implicit Euler, NEURON's default)
    cn    : fixed step dt 0.025 ms, h.secondorder = 2 (Crank-Nicolson)
    cvode : variable step (CVODE), atol 1e-6 (rtol 0), output interpolated onto the 0.025 ms grid
            with Vector.record(ref, Dt)

Writes tests/data/reference/b1_neuron_<method>.npz (see README.md in this folder) and prints a summary.

    python scripts/reference_traces/b1_neuron.py [--methods euler cn cvode] [--out DIR]
"""

import argparse
import datetime
import math
import os
import sys
from pathlib import Path

import numpy as np

os.environ.setdefault("NEURON_MODULE_OPTIONS", "-nogui")  # no "no DISPLAY" warning
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import nrn_mechs

REPO = HERE.parent.parent
OUT_DEFAULT = REPO / "tests" / "data" / "reference"

# --- B1 "mg-sweep" specification (shared/benchmarks.md) -------------------------------------------
AREA_UM2 = 20_000.0
CM_UF_CM2 = 1.0
GL_S_CM2 = 5e-5
EL_MV = -60.0
EK_MV = -90.0
ENA_MV = 50.0
GNA_S_CM2 = 0.1     # 100 mS/cm2
GKD_S_CM2 = 0.03    # 30 mS/cm2
VT_MV = -63.0
AMPA_W_US = 0.006   # 6 nS
AMPA_TAU_MS = 5.0
NMDA_W_US = 0.003   # peak 3 nS per isolated event
NMDA_TAU_RISE_MS = 2.0
NMDA_TAU_DECAY_MS = 100.0
E_SYN_MV = 0.0
STIM_START_MS = 10.0
STIM_INTERVAL_MS = 50.0  # 20 Hz
STIM_NUMBER = 40
T_STOP_MS = 2000.0
DT_MS = 0.025
SPIKE_THRESHOLD_MV = -20.0
MG_MM = (0.0, 0.5, 1.0, 2.0, 3.0)
CVODE_ATOL = 1e-6

METHODS = ("euler", "cn", "cvode")
MAX_FILE_BYTES = 3_000_000  # above this, traces are stored every 0.1 ms instead of every 0.025 ms


def build(h):
    soma = h.Section(name="soma")
    soma.nseg = 1
    soma.L = soma.diam = math.sqrt(AREA_UM2 / math.pi)
    soma.cm = CM_UF_CM2
    soma.Ra = 100.0  # irrelevant with one compartment
    soma.insert("pas")
    soma.g_pas = GL_S_CM2
    soma.e_pas = EL_MV
    soma.insert("tmhh")
    seg = soma(0.5)
    seg.tmhh.gnabar = GNA_S_CM2
    seg.tmhh.gkbar = GKD_S_CM2
    seg.tmhh.vt = VT_MV
    soma.ena = ENA_MV
    soma.ek = EK_MV

    ampa = h.ExpSyn(seg)
    ampa.tau = AMPA_TAU_MS
    ampa.e = E_SYN_MV
    nmda = h.NMDAJS(seg)
    nmda.tau1 = NMDA_TAU_RISE_MS
    nmda.tau2 = NMDA_TAU_DECAY_MS
    nmda.e = E_SYN_MV

    stim = h.NetStim()
    stim.start = STIM_START_MS
    stim.interval = STIM_INTERVAL_MS
    stim.number = STIM_NUMBER
    stim.noise = 0
    ncs = []
    for syn, w in ((ampa, AMPA_W_US), (nmda, NMDA_W_US)):
        nc = h.NetCon(stim, syn)
        nc.delay = 0
        nc.weight[0] = w
        ncs.append(nc)
    return dict(soma=soma, seg=seg, ampa=ampa, nmda=nmda, stim=stim, ncs=ncs)


def configure(h, method):
    h.dt = DT_MS
    h.steps_per_ms = 1.0 / DT_MS
    if method == "cvode":
        h.secondorder = 0
        h.cvode.active(1)
        h.cvode.atol(CVODE_ATOL)
        h.cvode.rtol(0)
    else:
        h.cvode.active(0)
        h.secondorder = {"euler": 0, "cn": 2}[method]


def crossings(t, v, thr=SPIKE_THRESHOLD_MV):
    """Upward crossings of thr, times linearly interpolated between samples."""
    i = np.nonzero((v[:-1] < thr) & (v[1:] >= thr))[0]
    return t[i] + (thr - v[i]) * (t[i + 1] - t[i]) / (v[i + 1] - v[i])


def simulate(h, cell, method, mg):
    configure(h, method)
    seg = cell["seg"]
    recs = {
        "t": h.Vector().record(h._ref_t, DT_MS),
        "v": h.Vector().record(seg._ref_v, DT_MS),
        "g": h.Vector().record(cell["nmda"]._ref_gnmda, DT_MS),
        "m": h.Vector().record(seg.tmhh._ref_m, DT_MS),
        "h": h.Vector().record(seg.tmhh._ref_h, DT_MS),
        "n": h.Vector().record(seg.tmhh._ref_n, DT_MS),
    }
    cell["nmda"].mg = mg
    nc_spk = h.NetCon(seg._ref_v, None, sec=cell["soma"])
    nc_spk.threshold = SPIKE_THRESHOLD_MV
    nrn_spk = h.Vector()
    nc_spk.record(nrn_spk)
    h.finitialize(EL_MV)  # states of tmhh start at their steady state at v = EL (INITIAL block)
    # With CVODE the Dt-recordings at the last grid points before the stop time are not made: run
    # two grid steps on (no events there) and cut the records (and NetCon spikes) at tstop.
    h.continuerun(T_STOP_MS + (2 * DT_MS if method == "cvode" else 0.0))
    n_keep = int(round(T_STOP_MS / DT_MS)) + 1
    out = {k: np.array(vec)[:n_keep] for k, vec in recs.items()}
    out["g"] = out["g"] * 1e3  # uS -> nS
    spk = np.array(nrn_spk)
    out["nrn_spikes"] = spk[spk <= T_STOP_MS]
    return out


SPIKE_MATCH_MS = 0.5   # spike trains "agree" while index-matched spike times differ by less than this
SUB_GUARD_MS = 10.0    # subthreshold samples: at least this far from every spike of either trace


def compare(t, va, vb, sa, sb):
    """Spike-count/timing differences and max |dv| in subthreshold stretches of two traces.

    Subthreshold stretches: samples more than SUB_GUARD_MS from every spike of either trace, taken
    only while the two spike trains still agree (index-matched times within SPIKE_MATCH_MS), so that
    a shifted or extra spike is reported as a timing difference, not as a huge dv.
    """
    m = min(sa.size, sb.size)
    d = np.abs(sa[:m] - sb[:m])
    bad = np.nonzero(d > SPIKE_MATCH_MS)[0]
    if bad.size:
        k = bad[0]
        t_div = min(sa[k], sb[k])
    elif sa.size != sb.size:
        k = m
        t_div = (sa if sa.size > m else sb)[m]
    else:
        k = m
        t_div = t[-1] + 1.0
    near = np.zeros(t.shape, dtype=bool)
    for ts in np.concatenate([sa, sb]):
        lo, hi = np.searchsorted(t, [ts - SUB_GUARD_MS, ts + SUB_GUARD_MS])
        near[lo:hi] = True
    sub = ~near & (t < t_div - SUB_GUARD_MS)
    return dict(
        n_a=sa.size, n_b=sb.size, n_common=m,
        dt_first=float(d[0]) if m else float("nan"),
        dt_max_all=float(d.max()) if m else float("nan"),
        t_div=float(min(t_div, t[-1])),
        dt_max_aligned=float(d[:k].max()) if k else float("nan"),
        dv_sub=float(np.abs(va[sub] - vb[sub]).max()) if sub.any() else float("nan"),
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--methods", nargs="+", default=list(METHODS), choices=METHODS)
    ap.add_argument("--out", type=Path, default=OUT_DEFAULT)
    args = ap.parse_args()

    nrn_mechs.load()
    import neuron
    from neuron import h
    h.load_file("stdrun.hoc")
    cell = build(h)
    area = cell["seg"].area()
    assert abs(area - AREA_UM2) < 1e-6, area
    args.out.mkdir(parents=True, exist_ok=True)

    n_expected = int(round(T_STOP_MS / DT_MS)) + 1
    results = {}
    for method in args.methods:
        runs = [simulate(h, cell, method, mg) for mg in MG_MM]
        t = runs[0]["t"]
        for r in runs:
            assert r["t"].size == n_expected and np.allclose(r["t"], np.arange(n_expected) * DT_MS), \
                (method, r["t"].size, r["t"][:3], r["t"][-3:])
        t = np.arange(n_expected) * DT_MS
        v = np.stack([r["v"] for r in runs])
        spikes = [crossings(t, r["v"]) for r in runs]
        results[method] = dict(t=t, v=v, spikes=spikes, nrn_spikes=[r["nrn_spikes"] for r in runs])

        meta = (f"B1 mg-sweep NEURON reference traces; NEURON {neuron.__version__} ({h.nrnversion()}); "
                f"method={method} ("
                + {"euler": "fixed step, secondorder=0 (implicit Euler)",
                   "cn": "fixed step, secondorder=2 (Crank-Nicolson)",
                   "cvode": f"CVODE variable step, atol={CVODE_ATOL:g}, rtol=0, "
                            f"output interpolated at the {DT_MS} ms grid via Vector.record(ref, Dt)"}[method]
                + f"); dt={DT_MS} ms; tstop={T_STOP_MS} ms; soma area {area:.6f} um2 (nseg 1); "
                f"spike times: upward crossings of {SPIKE_THRESHOLD_MV} mV linearly interpolated on the "
                f"{DT_MS} ms grid; generated {datetime.datetime.now(datetime.UTC).isoformat(timespec='seconds')} "
                f"by scripts/reference_traces/b1_neuron.py")

        def arrays(step, t=t, v=v, runs=runs, spikes=spikes, method=method, meta=meta):
            sl = slice(None, None, step)
            return dict(
                t_ms=t[sl].astype(np.float64),
                mg_mM=np.array(MG_MM),
                v_mV=v[:, sl].astype(np.float32),
                g_nmda_nS=np.stack([r["g"] for r in runs])[:, sl].astype(np.float32),
                m=np.stack([r["m"] for r in runs])[:, sl].astype(np.float32),
                h=np.stack([r["h"] for r in runs])[:, sl].astype(np.float32),
                n=np.stack([r["n"] for r in runs])[:, sl].astype(np.float32),
                spike_times_ms=np.concatenate(spikes).astype(np.float64),
                spike_counts=np.array([s.size for s in spikes], dtype=np.int64),
                nrn_spike_times_ms=np.concatenate([r["nrn_spikes"] for r in runs]).astype(np.float64),
                nrn_spike_counts=np.array([r["nrn_spikes"].size for r in runs], dtype=np.int64),
                record_dt_ms=np.float64(DT_MS * step),
                sim_dt_ms=np.float64(DT_MS),
                method=np.str_(method),
                metadata=np.str_(meta + f"; traces stored every {DT_MS * step:g} ms"),
            )

        path = args.out / f"b1_neuron_{method}.npz"
        step = 1
        np.savez_compressed(path, **arrays(step))
        if path.stat().st_size > MAX_FILE_BYTES:
            step = 4  # every 0.1 ms
            np.savez_compressed(path, **arrays(step))
        size = path.stat().st_size
        print(f"{method}: wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path} "
              f"({size / 1e6:.2f} MB, traces every {DT_MS * step:g} ms)")
        for mg, s, ns in zip(MG_MM, spikes, results[method]["nrn_spikes"], strict=True):
            first = f"{s[0]:.4f}" if s.size else "-"
            nfirst = f"{ns[0]:.4f}" if ns.size else "-"
            print(f"  Mg {mg:3.1f} mM: {s.size:3d} spikes, first {first} ms "
                  f"(NetCon threshold: {ns.size} spikes, first {nfirst} ms)")

    # inter-method comparison
    names = list(results)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            print(f"{a} vs {b}:")
            for k, mg in enumerate(MG_MM):
                c = compare(results[a]["t"], results[a]["v"][k], results[b]["v"][k],
                            results[a]["spikes"][k], results[b]["spikes"][k])
                print(f"  Mg {mg:3.1f}: counts {c['n_a']} vs {c['n_b']} ({c['n_b'] - c['n_a']:+d}); "
                      f"|dt| first spike {c['dt_first']:.4f} ms; spike times agree within {SPIKE_MATCH_MS} ms "
                      f"up to t = {c['t_div']:.2f} ms, max |dt| there {c['dt_max_aligned']:.4f} ms; "
                      f"subthreshold max|dv| {c['dv_sub']:.3e} mV; max |dt| over all {c['n_common']} "
                      f"index-matched spikes {c['dt_max_all']:.4f} ms")


if __name__ == "__main__":
    main()
