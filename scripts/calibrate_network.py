"""Calibration of the low-Mg2+ network (issue 3): which NMDA weight and adaptation give the targets below.

With Pospischil's RS cells as published (g_M 7.5e-5 S/cm², τ_max 608 ms) the Mg2+-free network does
not burst: once ignited it stays in a sustained high-rate state, because the M current equilibrates
within ~100 ms and synaptic depression saturates. Slow adaptation (the M current standing for all
slow K+ currents, including the slow AHP) is needed to end a burst. Searched on a grid, seed 1,
20 s per condition, against two targets only:

  T1  at 1 mM Mg2+ the network is quiet and asynchronous: no population burst, E cells < 2 Hz;
  T2  at 0 mM it bursts repeatedly: at least one burst in each third of the run, and bursts
      occupy less than half the time (no sustained state).

Issue 13 added a third target, because the calibrated network burst every ~1.5 s, far more often
than slices do:

  T3  the mean interval between Mg2+-free events lies within the 4-160 s that Avoli et al. 1991
      report for human neocortical slices (rodent CA3 interictal discharges: ~0.1-0.5 Hz).

With the NMDA weight kept (1.75 nS), the recovery of the E terminals was set to the top of Tsodyks'
range (2 s) and the slow K+ time scale to 4 s; the slow K+ density was then searched (30 s, seed 1):
7.5e-4 → 2.0 s between events, 1.1e-3 → 2.8 s, 1.3e-3 → 4.4 s, 1.4e-3 → 5.9 s, 1.5e-3 → 9.1 s.
From 1.3e-3 the network no longer ignited at 0.1 mM (0.05 mM: one event in 30 s), where slices in
nominally Mg2+-free ACSF (50-80 µM) do discharge; a 100-Hz background (80 before) with 1.5e-3 keeps
4.7 s between events at 0 mM and ignites at 0.1 mM (taken; NMDA 2.25 nS instead did not). Everything
else the test suite checks (0.1-2 mM, the NMDA antagonist, the event duration, monotonicity, seed 2)
is validation.
Run: python scripts/calibrate_network.py   (the issue-13 search; about 10 min on 2 cores)
"""

import dataclasses

import numpy as np

import magnesim

magnesim.configure()  # one JAX host device per core and 64-bit mode, before JAX loads

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
    print("g_M (S/cm2) background (Hz) | events(0 mM) interval (s) busy  E rate(1 mM) | T1 T2 T3")
    grid = [(g_m, 80.0) for g_m in (7.5e-4, 1.1e-3, 1.3e-3, 1.4e-3, 1.5e-3)] + [(1.5e-3, 100.0)]
    for g_m, background in grid:
        net = dataclasses.replace(LowMgNetwork(), exc_g_m=g_m, exc_tau_max_ms=4000.0, depression_tau_rec_ms=2000.0,
                                  background_rate_hz=background)
        ds = network([0.0, 1.0], "30 s", 1.0, seed=1, net=net).isel(seed=0, nmda_scale=0)
        t1, t2, events, busy = targets(ds)
        gap = float(ds.sel(mg_mM=0.0).mean_interval_s)
        print(f"{g_m:11.2e} {background:15.0f} | {events:12d} {gap:12.2f} {busy:4.2f} {float(ds.exc_rate_hz.sel(mg_mM=1.0)):12.2f} |"
              f" {'ok' if t1 else '--'} {'ok' if t2 else '--'} {'ok' if 4.0 <= gap <= 160.0 else '--'}", flush=True)


if __name__ == "__main__":
    main()
