"""Benchmark B2 "pk-pop": the shared virtual population, model constants, output grid and dosing.

Every B2 implementation imports this module so that all of them simulate exactly the same patients
with exactly the same model. Units: h, L, kg, mmol, mmol/L (mM).

Model (amounts A1, A2, A3 in mmol; Ci = Ai / Vi):
    dA1/dt = dose_rate(t) - Q (C1 - C2) - GFR (max(0, C1 - 0.8) + 0.03 C1)
    dA2/dt = Q (C1 - C2) - k V3 (C2 - C3)
    dA3/dt = k V3 (C2 - C3)
with V1 = 0.2 L/kg * weight, V2 = 0.3 L/kg * weight, V3 = 5 V2 and C1 = C2 = C3 = 0.85 mM at t = 0.
"""

import json
import math
import platform
import resource
import time

import numpy as np

SEED = 20240601
N_DEFAULT = 10_000

WEIGHT_MEDIAN_KG = 75.0
WEIGHT_CV = 0.20
GFR_MEDIAN_L_H = 6.0
GFR_CV = 0.30

V1_L_PER_KG = 0.2
V2_L_PER_KG = 0.3
V3_PER_V2 = 5.0
Q_L_H = 10.0
K_BONE_PER_H = 0.01
RENAL_THRESHOLD_MM = 0.8
RENAL_BASAL_FRACTION = 0.03
C0_MM = 0.85

MGSO4_7H2O_G_PER_MOL = 246.47
LOADING_MMOL = 4.0 * 1000.0 / MGSO4_7H2O_G_PER_MOL  # 4 g MgSO4.7H2O
LOADING_END_H = 1.0 / 3.0  # over 20 min
LOADING_RATE_MMOL_H = LOADING_MMOL / LOADING_END_H
MAINTENANCE_RATE_MMOL_H = 1.0 * 1000.0 / MGSO4_7H2O_G_PER_MOL  # 1 g/h
MAINTENANCE_END_H = LOADING_END_H + 24.0

T_END_H = 48.0
DT_SAVE_H = 0.5
T_SAVE_H = np.arange(97) * DT_SAVE_H  # 0, 0.5, ..., 48 (exact binary fractions)
I_24H = 48  # index of t = 24 h in T_SAVE_H

# Constant-rate dosing intervals (start, end, rate): solvers restart at each boundary instead of
# stepping across the discontinuity in the right-hand side.
DOSING_PIECES = (
    (0.0, LOADING_END_H, LOADING_RATE_MMOL_H),
    (LOADING_END_H, MAINTENANCE_END_H, MAINTENANCE_RATE_MMOL_H),
    (MAINTENANCE_END_H, T_END_H, 0.0),
)


def dose_rate(t: float) -> float:
    """Infusion rate into compartment 1 (mmol/h); right-continuous at the switch times."""
    for start, end, rate in DOSING_PIECES:
        if start <= t < end:
            return rate
    return 0.0


def _lognormal_sigma(cv: float) -> float:
    return math.sqrt(math.log1p(cv * cv))


def population(n: int = N_DEFAULT) -> tuple[np.ndarray, np.ndarray]:
    """(weight in kg, GFR in L/h) of the n virtual patients; the same seed gives the same patients everywhere."""
    z = np.random.default_rng(SEED).standard_normal((n, 2))
    weight = WEIGHT_MEDIAN_KG * np.exp(_lognormal_sigma(WEIGHT_CV) * z[:, 0])
    gfr = GFR_MEDIAN_L_H * np.exp(_lognormal_sigma(GFR_CV) * z[:, 1])
    return weight, gfr


def volumes(weight: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(V1, V2, V3) in L for the given body weights in kg."""
    v1 = V1_L_PER_KG * weight
    v2 = V2_L_PER_KG * weight
    return v1, v2, V3_PER_V2 * v2


def summary(c1_24h: np.ndarray) -> dict[str, float]:
    """The B2 checksum (mean C1 at 24 h) and its 5th/95th percentiles across patients."""
    p5, p95 = np.percentile(c1_24h, [5.0, 95.0])
    return {"mean_c1_24h_mM": float(np.mean(c1_24h)), "c1_24h_p5_mM": float(p5), "c1_24h_p95_mM": float(p95)}


def report(peer: str, n: int, t0: float, setup_s: float, sim_s: float, c1: np.ndarray, versions: dict[str, str]) -> None:
    """Print a peer's one JSON line: times (wall from ``t0``), the checksum, peak memory, versions."""
    print(json.dumps({
        "peer": peer, "n": n, "wall_s": time.perf_counter() - t0, "setup_s": setup_s, "sim_s": sim_s,
        **summary(c1[:, I_24H]),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "versions": {**versions, "numpy": np.__version__, "python": platform.python_version()},
    }))
