"""Virtual populations: log-normal covariates around a subject, and popPK inter-individual variability.

Weight and either creatinine (when the subject's renal function is creatinine-based) or GFR (when a
GFR was given) vary log-normally with the CVs in the parameter library (``population.*``); GFR from
creatinine goes through CKD-EPI and body surface area, which correlates it with weight. PopPK
presets add their published variability on CL, Vc, Vp and Q (independent: no source reports
correlations). Every draw comes from ``numpy.random.default_rng(seed)``: same seed, same people.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import ParameterError, invalid
from ..params import value
from .subject import Subject, ckd_epi_2021, cockcroft_gault, creatinine_from_gfr, dubois_bsa

__all__ = ["Covariates", "covariates", "covariates_from_normals", "lognormal_sigma"]


def lognormal_sigma(cv):
    """σ of log X for a log-normal X with coefficient of variation ``cv``."""
    return np.sqrt(np.log1p(np.asarray(cv, dtype=float) ** 2))


@dataclass(frozen=True)
class Covariates:
    """Arrays of covariates, one entry per virtual subject."""

    weight_kg: np.ndarray
    creatinine_mg_dL: np.ndarray
    gfr_mL_min: np.ndarray
    crcl_mL_min: np.ndarray
    bmi: np.ndarray

    @property
    def n(self) -> int:
        return self.weight_kg.size


def covariates(subject: Subject, n: int | None = None, seed: int | None = None) -> Covariates:
    """Covariates of ``subject`` (n None) or of a population of ``n`` around it."""
    if n is None:
        return Covariates(np.array([subject.weight_kg]), np.array([subject.creatinine_mg_dL]), np.array([subject.gfr]),
                          np.array([subject.crcl_mL_min]), np.array([subject.bmi]))
    if not 1 <= n <= 10_000_000:
        raise ParameterError(invalid("population", n, "a number of subjects from 1 to 10000000"))
    if seed is None:
        raise ParameterError(invalid("seed", seed, "an integer seed (populations are always seeded)"))
    return covariates_from_normals(subject, np.random.default_rng(seed).standard_normal((n, 2)))


def covariates_from_normals(subject: Subject, z: np.ndarray) -> Covariates:
    """The population around ``subject`` for given standard normals ``z`` (n, 2): weight, then
    creatinine or GFR. Sweeps pass per-subject normals so that a subject does not depend on chunking."""
    n = z.shape[0]
    weight = subject.weight_kg * np.exp(lognormal_sigma(value("population.weight_cv", "")) * z[:, 0])
    height = np.full(n, subject.height_cm)
    if subject.gfr_mL_min is not None:
        gfr = subject.gfr_mL_min * np.exp(lognormal_sigma(value("population.gfr_cv", "")) * z[:, 1])
        scr = creatinine_from_gfr(gfr, subject.age_y, subject.female, weight, height)
    else:
        scr = subject.creatinine_mg_dL * np.exp(lognormal_sigma(value("population.creatinine_cv", "")) * z[:, 1])
        gfr = ckd_epi_2021(scr, subject.age_y, subject.female) * dubois_bsa(weight, height) / 1.73
    crcl = cockcroft_gault(scr, subject.age_y, weight, subject.female)
    return Covariates(weight, scr, gfr, crcl, weight / (subject.height_cm / 100.0) ** 2)
