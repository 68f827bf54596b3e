"""A subject: the covariates that body models use, and renal function from creatinine or GFR.

Renal function is given either as a measured/estimated GFR (mL/min, absolute) or as serum creatinine
(mg/dL). From creatinine, GFR is estimated with the race-free CKD-EPI 2021 creatinine equation
(Inker et al. 2021, N Engl J Med 385:1737–1749), which gives mL/min per 1.73 m², then de-indexed
with the DuBois body surface area. From a GFR, creatinine (needed by the popPK presets, whose
covariate it is) is found by inverting the same equation. Creatinine clearance for the Deng 2024
preset uses Cockcroft–Gault (1976, Nephron 16:31–41) with actual body weight.

eGFR equations are not validated in pregnancy; in pregnancy the popPK presets use creatinine
directly, as their sources did, and the physiological model takes GFR from the same equation
(state a measured GFR with ``gfr`` when one is known).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..errors import ParameterError, invalid

__all__ = ["Subject", "ckd_epi_2021", "cockcroft_gault", "creatinine_from_gfr", "dubois_bsa"]

_DEFAULT_SCR = 0.8  # mg/dL: the reference creatinine of the Salinger 2013 and Du 2019 models


def ckd_epi_2021(scr_mg_dL, age_y, female):
    """eGFR (mL/min/1.73 m²), CKD-EPI 2021 creatinine equation without race (Inker et al. 2021)."""
    kappa = np.where(female, 0.7, 0.9)
    alpha = np.where(female, -0.241, -0.302)
    ratio = np.asarray(scr_mg_dL) / kappa
    return 142.0 * np.minimum(ratio, 1.0) ** alpha * np.maximum(ratio, 1.0) ** -1.200 * 0.9938 ** np.asarray(age_y) * np.where(female, 1.012, 1.0)


def dubois_bsa(weight_kg, height_cm):
    """Body surface area (m²), DuBois & DuBois 1916."""
    return 0.007184 * np.asarray(weight_kg) ** 0.425 * np.asarray(height_cm) ** 0.725


def cockcroft_gault(scr_mg_dL, age_y, weight_kg, female):
    """Creatinine clearance (mL/min), Cockcroft & Gault 1976, actual body weight."""
    return (140.0 - np.asarray(age_y)) * np.asarray(weight_kg) / (72.0 * np.asarray(scr_mg_dL)) * np.where(female, 0.85, 1.0)


def creatinine_from_gfr(gfr_mL_min, age_y, female, weight_kg, height_cm):
    """Serum creatinine (mg/dL) whose CKD-EPI 2021 eGFR, de-indexed by BSA, is ``gfr_mL_min`` (bisection;
    eGFR falls monotonically with creatinine). Vectorised over arrays."""
    target = np.asarray(gfr_mL_min, dtype=float) * 1.73 / dubois_bsa(weight_kg, height_cm)
    lo = np.full(np.shape(target), 0.05)
    hi = np.full(np.shape(target), 30.0)
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        above = ckd_epi_2021(mid, age_y, female) > target
        lo = np.where(above, mid, lo)
        hi = np.where(above, hi, mid)
    return 0.5 * (lo + hi)


def _check(name: str, value: float | None, lo: float, hi: float, unit: str) -> None:
    if value is None:
        return
    if not np.isfinite(value) or not lo <= value <= hi:
        raise ParameterError(invalid(name, value, f"a value from {lo:g} to {hi:g} {unit}"))


@dataclass(frozen=True)
class Subject:
    """Covariates of one person. Units: kg, cm, years, mg/dL, mL/min."""

    weight_kg: float = 70.0
    height_cm: float = 165.0
    sex: Literal["female", "male"] = "female"
    age_y: float = 30.0
    pregnant: bool = False
    scr_mg_dL: float | None = None
    gfr_mL_min: float | None = None

    def __post_init__(self) -> None:
        _check("weight", self.weight_kg, 2.0, 300.0, "kg")
        _check("height", self.height_cm, 40.0, 250.0, "cm")
        _check("age", self.age_y, 0.0, 120.0, "years")
        _check("creatinine", self.scr_mg_dL, 0.1, 20.0, "mg/dL")
        _check("gfr", self.gfr_mL_min, 1.0, 300.0, "mL/min")
        if self.sex not in ("female", "male"):
            raise ParameterError(invalid("sex", self.sex, "female or male"))
        if self.pregnant and self.sex != "female":
            raise ParameterError(invalid("pregnant", self.pregnant, "pregnancy only with sex female"))
        if self.scr_mg_dL is not None and self.gfr_mL_min is not None:
            raise ParameterError(invalid("creatinine, gfr", f"{self.scr_mg_dL} mg/dL and {self.gfr_mL_min} mL/min", "one of creatinine or GFR, not both"))

    @property
    def female(self) -> bool:
        return self.sex == "female"

    @property
    def bsa_m2(self) -> float:
        return float(dubois_bsa(self.weight_kg, self.height_cm))

    @property
    def creatinine_mg_dL(self) -> float:
        """Serum creatinine: given, else from the stated GFR (inverted CKD-EPI), else 0.8 mg/dL."""
        if self.scr_mg_dL is not None:
            return self.scr_mg_dL
        if self.gfr_mL_min is None:
            return _DEFAULT_SCR
        return float(creatinine_from_gfr(self.gfr_mL_min, self.age_y, self.female, self.weight_kg, self.height_cm))

    @property
    def gfr(self) -> float:
        """Absolute GFR (mL/min): given, else CKD-EPI 2021 from creatinine × BSA/1.73."""
        if self.gfr_mL_min is not None:
            return self.gfr_mL_min
        return float(ckd_epi_2021(self.creatinine_mg_dL, self.age_y, self.female)) * self.bsa_m2 / 1.73

    @property
    def gfr_L_h(self) -> float:
        return self.gfr * 0.06

    @property
    def crcl_mL_min(self) -> float:
        return float(cockcroft_gault(self.creatinine_mg_dL, self.age_y, self.weight_kg, self.female))

    @property
    def bmi(self) -> float:
        return self.weight_kg / (self.height_cm / 100.0) ** 2
