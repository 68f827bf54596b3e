"""The experiment runs the ten claims draw on, each run once per audit and shared between claims.

Every run goes through magnesim's public experiments and body model: the NMDA block family, a
Traub–Miles neuron under current clamp, a short low-Mg2+ network run, one wind-up sweep, the
excitotoxic challenge, the rat-pup lesion, the MgATP/pump equilibrium and whole-body kinetics of the
regimens the claims name. The network runs 6 s (5.5 s analysed) instead of the default 20 s: enough
to tell a bursting Mg2+-free network from a quiet one at 1 mM, at a third of the cost.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

__all__ = ["CREAM", "CREAM_WEIGHT_KG", "EPSOM_LAXATIVE", "FIRE_CURRENT", "NETWORK_DURATION", "NMDA_CHALLENGE", "PREGNANT", "Runs"]

# The regimen of examples/mgcl2_cream_14_days.yaml (65 kg adult).
CREAM = "MgCl2 cream 56 mg Mg daily x 14 on 200 cm2 for 8 h"
CREAM_WEIGHT_KG = 65.0
# A mid laxative dose of Epsom salt (US over-the-counter labels: 2–4 level teaspoons, ~10–20 g, in water).
EPSOM_LAXATIVE = "15 g MgSO4.7H2O oral"
# The subject of the default scenario (Zuspan regimen in pre-eclampsia).
PREGNANT = {"weight_kg": 75.0, "height_cm": 165.0, "sex": "female", "age_y": 28.0, "pregnant": True}

FIRE_CURRENT = "200 pA"  # the current of `magnesim fire`'s default: a clear train with or without NMDA
NETWORK_DURATION = "6 s"
NMDA_CHALLENGE = {"conc": "30,100,300,1000 uM", "duration": "10 min,24 h"}  # brief and chronic, around the culture ED50 (65 uM)
_BLOCK_V = "-100:40:2.5 mV"
# mM: fine from low-normal to normal CSF Mg2+, then coarse to 2 mM so that a 20% cut of wind-up is always inside
_WINDUP_GRID = np.concatenate([np.round(np.arange(0.5, 1.0001, 0.025), 4), [1.25, 1.5, 2.0]])


class Runs:
    """Lazily computed, cached experiment results for one audit."""

    @cached_property
    def block(self):
        from ..experiments import block

        return block(_BLOCK_V, "0,1,2 mM")

    @cached_property
    def internal_block(self):
        """Block by 0.5 mM internal Mg2+ alone (Johnson & Ascher 1990), on the same voltages."""
        from ..experiments import block

        return block(_BLOCK_V, "0 mM", mg_i="0.5 mM")

    @cached_property
    def fire(self):
        from ..experiments import fire

        return fire(FIRE_CURRENT, "0,1", "0,1 mM", na_scale="0,1")

    @cached_property
    def network(self):
        from ..experiments import network

        return network("0,1 mM", NETWORK_DURATION)

    @cached_property
    def excitotox(self):
        from ..experiments import excitotox

        return excitotox("NMDA", NMDA_CHALLENGE["conc"], NMDA_CHALLENGE["duration"], "0,1,2 mM")

    @cached_property
    def lesion(self):
        from ..experiments import lesion

        return lesion("0,2,3,4 mmol/kg", "ip", "15 min")

    @cached_property
    def energetics(self):
        from ..experiments import energetics

        return energetics(_energetics_grid())

    def enzyme(self, km_mM: float):
        """Energetics with an MgATP-using enzyme of Michaelis constant ``km_mM`` in place of the pump's."""
        from ..experiments import energetics

        done = self.__dict__.setdefault("_enzymes", {})
        if km_mM not in done:
            done[km_mM] = energetics(_energetics_grid(), pump_km=f"{km_mM} mM")
        return done[km_mM]

    # ---- whole-body kinetics -----------------------------------------------------------------
    @cached_property
    def cream(self):
        return _pk(CREAM, {"weight_kg": CREAM_WEIGHT_KG}, 15 * 24.0, 0.5)

    @cached_property
    def cream_high_permeability(self):
        """The cream at the top of the library's plausible range of skin permeability (about twice the
        highest value measured in Franz cells, with menthol: an upper bound)."""
        from ..params import library
        from ..units import PERMEABILITY, to_kernel

        p = library()["body.skin_permeability"]
        top = to_kernel(f"{p.range[1]} {p.unit}", "skin_permeability", PERMEABILITY)
        return _pk(CREAM, {"weight_kg": CREAM_WEIGHT_KG}, 15 * 24.0, 0.5, skin_permeability_cm_s=top)

    @cached_property
    def zuspan(self):
        return _pk("zuspan", PREGNANT, 48.0, 0.25)

    @cached_property
    def pritchard(self):
        return _pk("pritchard", PREGNANT, 48.0, 0.25)

    @cached_property
    def flotation(self):
        return _pk("flotation 60 min", {"weight_kg": 70.0}, 24.0, 5 / 60)

    @cached_property
    def epsom(self):
        return _pk(EPSOM_LAXATIVE, {"weight_kg": 70.0}, 24.0, 0.25)

    @cached_property
    def cream_levels(self) -> dict[str, float]:
        """Ionized Mg2+ (mM) under the cream and in CSF: before the first application and at the highest point."""
        local = self.cream.local_tissue_ionized_mM.values[0]
        csf = self.cream.csf_ionized_mM.values[0]
        return {"local_baseline": float(local[0]), "local_peak": float(local.max()),
                "csf_baseline": float(csf[0]), "csf_peak": float(csf.max())}

    @cached_property
    def windup(self):
        """Wind-up across [Mg2+]o from 0.5 to 2 mM, in one compiled call."""
        from ..experiments import windup

        return windup(_WINDUP_GRID).squeeze(("subunit", "freq_hz", "nmda_scale"))

    def windup_excess(self, mg_mM: float) -> float:
        """Spikes added by wind-up at ``mg_mM`` (linear between swept [Mg2+]o; inside the sweep only)."""
        mg = self.windup.mg_mM.values
        if not mg[0] <= mg_mM <= mg[-1]:
            raise ValueError(f"wind-up at {mg_mM} mM is outside the sweep ({mg[0]}-{mg[-1]} mM)")
        return float(np.interp(mg_mM, mg, self.windup.windup_excess.values))


def _energetics_grid() -> np.ndarray:
    return np.unique(np.concatenate([np.geomspace(1e-3, 2.0, 43), [0.1, 0.25, 0.5, 1.0]]))


def _pk(regimen: str, subject: dict, hours: float, step_h: float, **options):
    from ..body import Subject, simulate_pk

    return simulate_pk(regimen, "physiological", Subject(**subject), hours, output_step_h=step_h, **options)
