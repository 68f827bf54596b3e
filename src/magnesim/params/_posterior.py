"""Calibration posteriors: the joint uncertainty of parameters magnesim fitted, as data.

A calibration fits several parameters together, so their uncertainty is joint (a larger central
volume is compensated by a smaller tissue volume, say) and is not the plausible range the fit
searched. Each ``posteriors/*.yaml`` file holds one Laplace approximation written by the script that
ran the calibration: the fitted values (the mode, which must equal the library values: a stale file
is an error, rerun its script) and the covariance of their natural logarithms, the inverse of the
loss's Gauss–Newton Hessian at the mode (the loss read as a negative log-likelihood, each residual
scaled by its tolerance). Draws are multivariate log-normal, truncated to each parameter's range.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import numpy as np

from ..errors import DataFileError, invalid
from ._library import _load_yaml, library

__all__ = ["Posterior", "posteriors"]

_KEYS = {"name", "script", "method", "transform", "parameters", "mode", "covariance", "eigenvalues"}


@dataclass(frozen=True, eq=False)  # compared by identity: one object per file
class Posterior:
    """A Laplace posterior over ``parameters`` (library ids): ``mode`` in library units, ``covariance``
    of their natural logs; ``script`` wrote it by ``method``."""

    name: str
    script: str
    method: str
    parameters: tuple[str, ...]
    mode: np.ndarray
    covariance: np.ndarray

    def draw(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """``n`` joint draws (n, parameters) in library units, truncated to each parameter's range."""
        lib = library()
        lo = np.array([lib[p].range[0] for p in self.parameters])
        hi = np.array([lib[p].range[1] for p in self.parameters])
        w, v = np.linalg.eigh(self.covariance)
        root = v * np.sqrt(np.clip(w, 0.0, None))  # covariance = root @ root.T (positive semi-definite)
        out = np.empty((0, len(self.parameters)))
        while len(out) < n:
            x = self.mode * np.exp(rng.standard_normal((2 * n, len(self.parameters))) @ root.T)
            out = np.vstack([out, x[np.all((x >= lo) & (x <= hi), axis=1)]])
        return out[:n]


def _read(name: str, doc) -> Posterior:
    def fail(field: str, got: object, accepted: str) -> DataFileError:
        return DataFileError(invalid(f"posterior {name} {field}", got, accepted))

    if not isinstance(doc, dict) or set(doc) - _KEYS or not {"name", "script", "parameters", "mode", "covariance"} <= set(doc):
        raise fail("keys", sorted(doc) if isinstance(doc, dict) else type(doc).__name__, ", ".join(sorted(_KEYS)))
    if doc.get("transform", "log") != "log":
        raise fail("transform", doc["transform"], "log")
    lib = library()
    ids = tuple(doc["parameters"])
    for pid in ids:
        if pid not in lib or lib[pid].evidence != "calibration":
            raise fail("parameters", pid, "library ids of calibrated parameters (evidence: calibration)")
    if len(set(ids)) != len(ids):
        raise fail("parameters", list(ids), "each id once")
    mode = np.asarray(doc["mode"], dtype=float)
    cov = np.asarray(doc["covariance"], dtype=float)
    if mode.shape != (len(ids),) or cov.shape != (len(ids), len(ids)):
        raise fail("mode/covariance", f"{mode.shape}/{cov.shape}", f"{len(ids)} values and a {len(ids)}x{len(ids)} matrix")
    for pid, m in zip(ids, mode, strict=True):
        if not np.isclose(m, lib[pid].value, rtol=1e-9, atol=0.0):
            raise fail("mode", f"{pid} = {m:g}", f"the library value {lib[pid].value:g} (stale: rerun {doc['script']})")
    if not (np.all(np.isfinite(cov)) and np.allclose(cov, cov.T, rtol=1e-12, atol=0.0)
            and np.linalg.eigvalsh(cov).min() >= -1e-12 * max(1.0, np.abs(cov).max())):
        raise fail("covariance", "a matrix", "a finite, symmetric, positive semi-definite matrix")
    return Posterior(str(doc["name"]), str(doc["script"]), str(doc.get("method", "")), ids, mode, cov)


@functools.cache
def posteriors() -> dict[str, Posterior]:
    """Every calibration posterior shipped with magnesim, by parameter id (each id in at most one)."""
    found: dict[str, Posterior] = {}
    folder = resources.files("magnesim.params").joinpath("posteriors")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        post = _read(entry.name, _load_yaml(entry.read_text(encoding="utf-8"), entry.name))
        for pid in post.parameters:
            if pid in found:
                raise DataFileError(invalid(f"posterior {post.name} parameters", pid, "an id no other posterior holds"))
            found[pid] = post
    return found
