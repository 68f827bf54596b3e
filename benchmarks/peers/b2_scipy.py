"""Benchmark B2 "pk-pop", peer SciPy: solve_ivp(method="LSODA"), one patient at a time in a Python loop.

Each patient is integrated piecewise over the constant-rate dosing intervals, so LSODA restarts at
the infusion switches (1/3 h and 24 + 1/3 h) instead of stepping across them. Prints one JSON line.

    python benchmarks/peers/b2_scipy.py [--n 10000]
"""

import time

_T0 = time.perf_counter()  # before the other imports: wall_s covers them too

import argparse
import json
import sys

import numpy as np

if __package__:
    from . import b2_population as pop
else:
    import b2_population as pop

PEER = "scipy-lsoda"
RTOL = 1e-8
ATOL = 1e-10  # mmol; amounts are 10-200 mmol

try:
    import scipy
    from scipy.integrate import solve_ivp
except ImportError as exc:
    print(json.dumps({"peer": PEER, "skipped": True, "reason": f"scipy is not installed ({exc})"}))
    sys.exit(0)

Q = pop.Q_L_H
K = pop.K_BONE_PER_H
THRESHOLD = pop.RENAL_THRESHOLD_MM
BASAL = pop.RENAL_BASAL_FRACTION


def rhs(t, a, rate, v1, v2, v3, gfr):
    # Plain Python floats: NumPy operations on 3-element arrays would dominate the cost.
    a1, a2, a3 = a.tolist()
    c1, c2, c3 = a1 / v1, a2 / v2, a3 / v3
    j12 = Q * (c1 - c2)
    j23 = K * v3 * (c2 - c3)
    renal = gfr * (max(0.0, c1 - THRESHOLD) + BASAL * c1)
    return [rate - j12 - renal, j12 - j23, j23]


def output_pieces():
    """(start, end, rate, t_eval) per dosing piece; t_eval holds the saved times in [start, end) and
    then `end`, whose state starts the next piece."""
    t = pop.T_SAVE_H
    return [(t0, t1, rate, np.append(t[(t >= t0) & (t < t1)], t1)) for t0, t1, rate in pop.DOSING_PIECES]


def simulate_patient(pieces, v1, v2, v3, gfr):
    """C1 (mM) at the saved times for one patient."""
    a = np.array([pop.C0_MM * v1, pop.C0_MM * v2, pop.C0_MM * v3])
    c1 = []
    for t0, t1, rate, t_eval in pieces:
        sol = solve_ivp(rhs, (t0, t1), a, method="LSODA", t_eval=t_eval, args=(rate, v1, v2, v3, gfr),
                        rtol=RTOL, atol=ATOL)
        if not sol.success:
            raise RuntimeError(f"LSODA failed on [{t0}, {t1}]: {sol.message}")
        c1.append(sol.y[0, :-1] / v1)
        a = sol.y[:, -1]
    c1.append([a[0] / v1])  # t = T_END_H
    return np.concatenate(c1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=pop.N_DEFAULT, help="number of virtual patients")
    args = parser.parse_args()

    t_setup = time.perf_counter()
    weight, gfr = pop.population(args.n)
    v1, v2, v3 = (v.tolist() for v in pop.volumes(weight))
    gfr = gfr.tolist()
    pieces = output_pieces()
    setup_s = time.perf_counter() - t_setup

    t_sim = time.perf_counter()
    c1 = np.empty((args.n, pop.T_SAVE_H.size))
    for i in range(args.n):
        c1[i] = simulate_patient(pieces, v1[i], v2[i], v3[i], gfr[i])
    sim_s = time.perf_counter() - t_sim

    pop.report(PEER, args.n, _T0, setup_s, sim_s, c1, {"scipy": scipy.__version__})


if __name__ == "__main__":
    main()
