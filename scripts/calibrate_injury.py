"""Calibration of the excitotoxic injury model (issue 5) on the in-vitro targets of calibration_targets.csv.

Fitted (log-space Nelder–Mead from the library's starting values): τ_M, θ_D, k_D, k_G, θ_G, τ_G.
Fixed: τ_R (10 min) and w_VGCC (0.1). Targets (layer neuro, topic excitotox_*):

  V082  chronic NMDA ED50 65 µM (Frandsen & Schousboe 1990; 24 h in culture medium, taken as
        0.8 mM Mg2+ and saturating glycine): death(50 µM) < 0.5 < death(85 µM);
  V085  1–3 min exposure survivable (Frandsen & Schousboe 1987): death(2 min) ≤ 0.2;
  V086  5–10 min lethal: death(5 min) ≥ 0.7 and death(7.5 min) ≥ 0.8;
  V077  an antagonist right after a 5-min exposure rescues 40–80% of the doomed neurons;
  V078  rescue falls to zero by 30 min: ≤ 10% when the antagonist comes 30 min after the exposure.

Acute exposures are 500 µM NMDA with 10 µM glycine and no Mg2+ (Hartley & Choi 1989's insult; the
Frandsen 1987 exposure conditions are assumed the same). Nothing else is fitted: the Mg2+ dependence
of death, the agonist dose-response at other [Mg2+]o, the route comparison (Sattler 1998) and the in
vivo lesion are predictions. Run: python scripts/calibrate_injury.py  (prints the fitted values)

The loss is a sum of hinges, so it is zero on a whole region: the library values lie inside it (loss
0.0; rerunning the fit moves nothing). They are one feasible point, not a unique optimum; the
targets do not determine the six values separately.
"""

import dataclasses

import numpy as np
from scipy.optimize import minimize

import magnesim  # noqa: F401
from magnesim.experiments import excitotox
from magnesim.experiments.excitotox import rescued_fraction
from magnesim.injury import ExcitotoxicInjury

FITTED = ("tau_m_min", "theta_damage", "k_damage", "k_release_uM", "theta_release", "tau_release_min")


def outcomes(model):
    chronic = excitotox("NMDA", [50.0, 85.0], "24 h", 0.8, injury=model).death_fraction_24h.values.ravel()
    acute = excitotox("NMDA", 500.0, ["2 min", "5 min", "7.5 min"], 0.0, antagonist_at=["5 min", "35 min", "72 h"], injury=model)
    death = acute.death_fraction_24h.isel(conc_uM=0, mg_mM=0)
    d = death.values  # duration × antagonist time
    none = d[1, 2]
    rescue = rescued_fraction(death.sel(duration_min=5.0), [5.0, 35.0]).values if none > 0 else np.zeros(2)
    return {"death_50uM_chronic": chronic[0], "death_85uM_chronic": chronic[1], "death_2min": d[0, 2], "death_5min": none,
            "death_7.5min": d[2, 2], "rescue_immediate": rescue[0], "rescue_30min": rescue[1]}


def loss(o):
    hinge = lambda x: max(x, 0.0) ** 2  # noqa: E731
    return (hinge(o["death_50uM_chronic"] - 0.45) + hinge(0.55 - o["death_85uM_chronic"]) + hinge(o["death_2min"] - 0.15)
            + hinge(0.75 - o["death_5min"]) + hinge(0.85 - o["death_7.5min"]) + hinge(0.45 - o["rescue_immediate"])
            + hinge(o["rescue_immediate"] - 0.75) + hinge(o["rescue_30min"] - 0.05))


def main():
    base = ExcitotoxicInjury()
    x0 = np.log([getattr(base, f) for f in FITTED])

    def objective(x):
        return loss(outcomes(dataclasses.replace(base, **dict(zip(FITTED, np.exp(x), strict=True)))))

    best = minimize(objective, x0, method="Nelder-Mead", options={"maxiter": 600, "xatol": 1e-3, "fatol": 1e-8})
    fitted = dict(zip(FITTED, np.exp(best.x), strict=True))
    print("loss", best.fun)
    for k, v in fitted.items():
        print(f"{k} = {v:.4g}")
    for k, v in outcomes(dataclasses.replace(base, **fitted)).items():
        print(f"{k}: {v:.3f}")


if __name__ == "__main__":
    main()
