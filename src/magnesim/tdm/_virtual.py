"""Virtual patients for simulation–re-estimation (the mapbayr validation protocol; Le Louedec et al.
2021, CPT Pharmacometrics Syst Pharmacol 10:1208): true random effects drawn from the preset's
published Ω, levels simulated with its published residual error, then estimated back."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..body import Regimen, Subject
from ._forecast import Draws, serum_curves
from ._individual import PresetModel
from ._map import MapFit
from ._patient import Level

__all__ = ["VirtualPatient", "true_levels", "virtual_patients"]


@dataclass(frozen=True)
class VirtualPatient:
    """A simulated patient: the model at its covariates, its true η, and its measured levels."""

    model: PresetModel
    eta: np.ndarray
    levels: tuple[Level, ...]


def true_levels(model: PresetModel, eta: np.ndarray, regimen: Regimen, times) -> np.ndarray:
    """Serum total Mg (mmol/L) at ``times`` for the true ``eta``, without residual error."""
    one = Draws(((MapFit(model, eta, np.zeros((eta.size, eta.size)), 0.0, 0.0, True, 0), eta[None, :]),), "true")
    return serum_curves(one, [regimen], np.asarray(times, float))[0, 0]


def virtual_patients(name: str, subjects: list[Subject], regimen: Regimen, sample_times: list[np.ndarray], seed: int) -> list[VirtualPatient]:
    """One virtual patient per subject: η ~ N(0, Ω), levels at that patient's ``sample_times`` (h)
    with the preset's residual error (normal, truncated at 0.05 mmol/L: a measured serum level)."""
    rng = np.random.default_rng(seed)
    out = []
    for subject, times in zip(subjects, sample_times, strict=True):
        model = PresetModel.of(name, subject)
        eta = rng.standard_normal(model.n_eta) * np.sqrt(model.omega)
        f = true_levels(model, eta, regimen, times)
        y = np.maximum(f + np.sqrt(model.variance(f)) * rng.standard_normal(f.size), 0.05)
        out.append(VirtualPatient(model, eta, tuple(Level(float(t), float(v)) for t, v in zip(times, y, strict=True))))
    return out
