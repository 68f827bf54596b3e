"""What a calibration returns: fitted values in natural units, every start's loss history, the fit of
each target, the Laplace report, and a patch of the parameter library."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._provenance import version
from ._laplace import Laplace

__all__ = ["CalibrationResult", "StartResult", "TargetFit"]

PATCH_SOURCE = "magnesim-calibration"  # the library's citation key for values fitted by magnesim


@dataclass(frozen=True)
class StartResult:
    """One start: where it started and ended (natural units) and its loss history.

    The vmapped BFGS keeps no per-step record, so ``history`` is the loss at the start and at its
    optimum; the best start's goes on with the loss after each step of the L-BFGS-B polish, and its
    ``steps`` (BFGS steps, line-search trials included, plus polish iterations), ``converged`` (the
    polish's) and ``message`` (both solvers') are those of both runs."""

    start: np.ndarray
    fitted: np.ndarray
    loss: float
    history: tuple[float, ...]
    converged: bool
    message: str
    steps: int

    def to_dict(self) -> dict:
        return {"start": self.start.tolist(), "fitted": self.fitted.tolist(), "loss": self.loss, "history": list(self.history),
                "converged": self.converged, "message": self.message, "steps": self.steps}


@dataclass(frozen=True)
class TargetFit:
    """A target's observed value and tolerance, its loss scale, and the predictions at the library
    values and at the fit; ``residual`` is the fitted term's signed root ((predicted − centre)/scale, 0
    inside a one-sided bound)."""

    id: str
    layer: str
    role: str
    quantity: str
    observed: float
    unit: str
    tolerance: str
    side: str
    scale: float
    initial: float
    fitted: float
    residual: float

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class CalibrationResult:
    """The outcome of :func:`magnesim.calibrate.calibrate` (``to_dict`` for JSON, ``patch`` for YAML)."""

    name: str
    source: str
    parameters: tuple[str, ...]
    units: tuple[str, ...]
    library_values: np.ndarray
    library_sources: tuple[str, ...]
    bounds: np.ndarray
    transforms: tuple[str, ...]
    fitted: np.ndarray
    loss: float
    best_start: int
    starts: tuple[StartResult, ...]
    targets: tuple[TargetFit, ...]
    laplace: Laplace
    settings: dict

    @property
    def initial_loss(self) -> float:
        """The loss at the library values (the first start)."""
        return self.starts[0].history[0]

    @property
    def history(self) -> tuple[float, ...]:
        """The loss history of the best start: at its start, at its BFGS optimum, after each polish step."""
        return self.starts[self.best_start].history

    def values(self) -> dict[str, float]:
        """Parameter id → fitted value (library units)."""
        return {pid: float(v) for pid, v in zip(self.parameters, self.fitted, strict=True)}

    def to_dict(self) -> dict:
        """Everything, as plain Python data (non-finite numbers stay floats; the CLI writes them as null)."""
        return {
            "name": self.name, "source": self.source, "magnesim_version": version(), "settings": dict(self.settings),
            "parameters": [
                {"id": pid, "unit": unit, "library_value": float(lib), "fitted": float(x), "standard_error": float(se),
                 "bounds": b.tolist(), "transform": tr, "at_bound": pid in self.laplace.at_bound}
                for pid, unit, lib, x, se, b, tr in zip(self.parameters, self.units, self.library_values, self.fitted,
                                                         self.laplace.standard_errors, self.bounds, self.transforms, strict=True)
            ],
            "initial_loss": self.initial_loss, "loss": self.loss, "history": list(self.history), "best_start": self.best_start,
            "starts": [s.to_dict() for s in self.starts],
            "targets": [t.to_dict() for t in self.targets],
            "laplace": self.laplace.to_dict(self.parameters),
        }

    def patch(self) -> str:
        """A YAML patch of the parameter library: each fitted parameter's new value, ``source:
        magnesim-calibration``, ``evidence: calibration`` and a note naming the spec and the targets."""
        import yaml

        target_ids = ", ".join(t.id for t in self.targets)
        records = []
        for pid, unit, lib, src, x, se in zip(self.parameters, self.units, self.library_values, self.library_sources, self.fitted,
                                              self.laplace.standard_errors, strict=True):
            flags = "; at a bound of its range" if pid in self.laplace.at_bound else ""
            if any(pid in d["parameters"] for d in self.laplace.near_singular):
                flags += "; not identifiable from these targets (near-singular direction)"
            if any(pid in d["parameters"] for d in self.laplace.negative_curvature):
                flags += "; the fit is a saddle in this parameter, not a minimum"
            sd = f"Laplace SD {se:.3g} {unit}" if np.isfinite(se) else "Laplace SD undefined"
            records.append({
                "id": pid, "value": float(f"{x:.6g}"), "unit": unit, "source": PATCH_SOURCE, "evidence": "calibration",
                "note": (f"fitted by magnesim calibrate (spec {self.name}, {self.source}) to targets {target_ids}; "
                         f"loss {self.initial_loss:.4g} -> {self.loss:.4g}; {sd}; was {lib:g} ({src}){flags}"),
            })
        header = (f"# Parameter-library patch written by magnesim {version()} calibrate (spec {self.name}, {self.source}).\n"
                  f"# Each record replaces the value, source, evidence and note of the parameter with its id in\n"
                  f"# src/magnesim/params/data/*.yaml; its symbol, description, range and confidence stay as they are.\n")
        return header + yaml.safe_dump({"parameters": records}, sort_keys=False, allow_unicode=True, width=120)
