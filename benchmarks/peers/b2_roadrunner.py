"""Benchmark B2 "pk-pop", peer libRoadRunner: the model in Antimony, compiled once, one patient at a time.

The dose rate is a parameter switched by two time events, so CVODE locates each switch (1/3 h and
24 + 1/3 h) by root finding and restarts there instead of stepping across the discontinuity. Per
patient the parameters and initial amounts are set on the one compiled RoadRunner instance, which is
then reset and simulated. Prints one JSON line.

    python benchmarks/peers/b2_roadrunner.py [--n 10000]
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

PEER = "libroadrunner"
RTOL = 1e-8
ATOL = 1e-10  # mmol; amounts are 10-200 mmol

try:
    import antimony
    import roadrunner
except ImportError as exc:
    print(json.dumps({"peer": PEER, "skipped": True,
                      "reason": f"libroadrunner and antimony are not installed ({exc})"}))
    sys.exit(0)

# A unit compartment with substance-only species keeps the state in mmol (as in the other
# implementations) and keeps CVODE's absolute tolerance unscaled; concentrations are explicit A/V.
# The per-patient values below are placeholders, overwritten before every simulation.
ANTIMONY = f"""
model b2_pk_pop
  compartment body = 1
  substanceOnly species A1 in body, A2 in body, A3 in body
  A1 = 0; A2 = 0; A3 = 0
  V1 = 1; V2 = 1; V3 = 1; GFR = 1; R_dose = 0
  Q = {pop.Q_L_H!r}; k = {pop.K_BONE_PER_H!r}
  C1 := A1 / V1
  C2 := A2 / V2
  C3 := A3 / V3

  J_dose: -> A1; R_dose
  J_12: A1 -> A2; Q * (C1 - C2)
  J_23: A2 -> A3; k * V3 * (C2 - C3)
  J_renal: A1 -> ; GFR * (piecewise(C1 - {pop.RENAL_THRESHOLD_MM!r}, C1 > {pop.RENAL_THRESHOLD_MM!r}, 0) + {pop.RENAL_BASAL_FRACTION!r} * C1)

  E_maintenance: at time >= {pop.LOADING_END_H!r}: R_dose = {pop.MAINTENANCE_RATE_MMOL_H!r}
  E_stop: at time >= {pop.MAINTENANCE_END_H!r}: R_dose = 0
end
"""
PARAMETERS = ["V1", "V2", "V3", "GFR", "R_dose"]
SPECIES = ["A1", "A2", "A3"]
SELECTIONS = ["C1"]


def build() -> "roadrunner.RoadRunner":
    if antimony.loadAntimonyString(ANTIMONY) < 0:
        raise RuntimeError(antimony.getLastError())
    r = roadrunner.RoadRunner(antimony.getSBMLString("b2_pk_pop"))
    r.integrator = "cvode"
    r.integrator.relative_tolerance = RTOL
    r.integrator.absolute_tolerance = ATOL
    return r


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=pop.N_DEFAULT, help="number of virtual patients")
    args = parser.parse_args()

    t_setup = time.perf_counter()
    weight, gfr = pop.population(args.n)
    v1, v2, v3 = pop.volumes(weight)
    # R_dose is set per patient too: the events change it and reset() does not restore parameters.
    parameters = np.column_stack([v1, v2, v3, gfr, np.full(args.n, pop.LOADING_RATE_MMOL_H)])
    amounts = pop.C0_MM * np.column_stack([v1, v2, v3])
    r = build()
    model = r.model
    i_parameters = [model.getGlobalParameterIds().index(p) for p in PARAMETERS]
    i_species = [model.getFloatingSpeciesIds().index(s) for s in SPECIES]
    setup_s = time.perf_counter() - t_setup

    t_sim = time.perf_counter()
    c1 = np.empty((args.n, pop.T_SAVE_H.size))
    for i in range(args.n):
        # ExecutableModel setters: RoadRunner.setValue("init(x)", ...) takes ~60 ms per call.
        model.setGlobalParameterValues(i_parameters, parameters[i])
        model.setFloatingSpeciesInitAmounts(i_species, amounts[i])
        r.reset()
        c1[i] = r.simulate(0.0, pop.T_END_H, pop.T_SAVE_H.size, SELECTIONS)[:, 0]
    sim_s = time.perf_counter() - t_sim

    pop.report(PEER, args.n, _T0, setup_s, sim_s, c1, {"libroadrunner": roadrunner.__version__, "antimony": antimony.__version__})


if __name__ == "__main__":
    main()
