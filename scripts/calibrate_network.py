"""Calibration of the low-Mg2+ network (issue 3): which NMDA weight and adaptation give the targets below.

With Pospischil's RS cells as published (g_M 7.5e-5 S/cm², τ_max 608 ms) the Mg2+-free network does
not burst: once ignited it stays in a sustained high-rate state, because the M current equilibrates
within ~100 ms and synaptic depression saturates. Slow adaptation (the M current standing for all
slow K+ currents, including the slow AHP) is needed to end a burst. Searched on a grid, seed 1,
20 s per condition, against two targets only:

  T1  at 1 mM Mg2+ the network is quiet and asynchronous: no population burst, E cells < 2 Hz;
  T2  at 0 mM it bursts repeatedly: at least one burst in each third of the run, and bursts
      occupy less than half the time (no sustained state).

Everything else the test suite checks (0.1-0.75 mM, 1.5-2 mM, the NMDA antagonist, monotonicity,
seed 2) is validation. Run: python scripts/calibrate_network.py   (about 15 min on 2 cores)
"""

import dataclasses
import itertools

import numpy as np

import magnesim  # noqa: F401
from magnesim.circuit import LowMgNetwork
from magnesim.experiments import network


def targets(ds):
    quiet = ds.sel(mg_mM=1.0)
    t1 = int(quiet.events) == 0 and float(quiet.exc_rate_hz) < 2.0
    free = ds.sel(mg_mM=0.0)
    onsets = free.event_onset_ms.values[np.isfinite(free.event_onset_ms.values)]
    ends = free.event_end_ms.values[np.isfinite(free.event_end_ms.values)]
    t0, t_end = ds.attrs["warmup_ms"], ds.attrs["duration_ms"]
    thirds = np.histogram(onsets, bins=np.linspace(t0, t_end, 4))[0]
    busy = (ends - onsets).sum() / (t_end - t0)
    return t1, bool(np.all(thirds >= 1) and busy < 0.5), int(free.events), busy


def main():
    print("nmda_e  g_M (S/cm2)  tau_max | events(0 mM) busy  E rate(1 mM) | T1 T2")
    adaptation = ((7.5e-5, 608.0), (3.75e-4, 2000.0), (7.5e-4, 2000.0))  # Pospischil's RS cell; 5x and 10x slower-acting
    for nmda_e, (g_m, tau_max) in itertools.product((1.5, 1.75, 2.0, 3.0), adaptation):
        net = dataclasses.replace(LowMgNetwork(), nmda_e=nmda_e, exc_g_m=g_m, exc_tau_max_ms=tau_max)
        ds = network([0.0, 1.0], "20 s", 1.0, seed=1, net=net).isel(seed=0, nmda_scale=0)
        t1, t2, events, busy = targets(ds)
        print(f"{nmda_e:6.2f}  {g_m:11.2e}  {tau_max:7.0f} | {events:12d} {busy:4.2f} {float(ds.exc_rate_hz.sel(mg_mM=1.0)):12.2f} |"
              f" {'ok' if t1 else '--'} {'ok' if t2 else '--'}", flush=True)


if __name__ == "__main__":
    main()
