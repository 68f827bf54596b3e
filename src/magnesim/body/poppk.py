"""Published population-PK models of MgSO4 as presets (linear, solved exactly).

Each preset maps subject covariates to the typical parameters of its source, optionally with
inter-individual variability (log-normal, the published CVs), and builds a :class:`LinearSystem`.
Concentrations are the endogenous baseline plus the administered amount over the central volume,
as in the sources. The presets describe serum total Mg only; they have no CSF, tissue or bone.

- ``salinger-2013``: 1 compartment, first-order IM absorption (ka, F), baseline 0.85 mmol/L;
  CL × (0.8/SCr)^1.48, V × (WT/55)^0.692. Salinger et al. 2013, BJOG 120:894.
- ``du-2019``: 2 compartments fitted to the change from baseline; CL × (SCr/0.8)^−0.731 ×
  (WT/85)^0.75, Q × (WT/85)^0.75, volumes ∝ WT; IM absorption fixed to Salinger's. Du et al. 2019,
  J Clin Pharmacol 59:374.
- ``lu-2002``: 2 compartments, no covariates. Lu et al. 2002, Clin Pharmacokinet 41:1105.
- ``deng-2024``: 1 compartment; CL × (CrCl/175)^0.39 × (BMI/29)^−0.54. Deng et al. 2024, BMC
  Pregnancy Childbirth 24:424. (Its furosemide covariate is not modelled: subjects carry no
  co-medication.)

State order: central, peripheral (2-cmt only), IM depot, eliminated. Units: L, h, mmol, mmol/L.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from .._jax import array_namespace
from ..params import value
from .linear import LinearSystem

__all__ = ["PRESETS", "PopPKPreset", "preset"]


def _v(pid: str, unit: str) -> float:
    return value(pid, unit)


@dataclass(frozen=True)
class Typical:
    """Covariate-adjusted parameters of one or many subjects (arrays broadcast together)."""

    cl: np.ndarray
    vc: np.ndarray
    baseline: float
    vp: np.ndarray | None = None
    q: np.ndarray | None = None


@dataclass(frozen=True)
class PopPKPreset:
    """A published model: covariate model, variability, and the linear system it builds."""

    name: str
    citation: str
    compartments: int
    # what the source's residual error model was fitted on: serum total Mg, or its change from baseline
    fitted_on: str = "total"

    @property
    def parameter_ids(self) -> tuple[str, ...]:
        """Every library parameter the preset uses (its own, and Salinger's IM absorption)."""
        from ..params import library

        own = self.name.replace("-", "_") + "."
        shared = ("salinger_2013.ka", "salinger_2013.f_im")
        return tuple(p for p in library() if p.startswith(own)) + tuple(x for x in shared if not x.startswith(own))

    @property
    def states(self) -> tuple[str, ...]:
        """The linear system's states in order (amounts; "serum" is the central compartment)."""
        return ("serum", "peripheral", "im_depot", "eliminated") if self.compartments == 2 else ("serum", "im_depot", "eliminated")

    def check_routes(self, regimen, field: str = "regimen", alternative: str = " (use model physiological)") -> None:
        """Raise a ParameterError naming ``field`` if ``regimen`` has a route other than IV or IM."""
        from ..errors import ParameterError, invalid

        unsupported = regimen.routes() - {"iv", "im"}
        if unsupported:
            raise ParameterError(invalid(field, regimen.text or sorted(unsupported), f"IV or IM routes with model {self.name}{alternative}",
                                         f"route {', '.join(sorted(unsupported))}"))

    def typical(self, weight_kg, scr_mg_dL, crcl_mL_min, bmi) -> Typical:
        w, scr = np.asarray(weight_kg, float), np.asarray(scr_mg_dL, float)
        if self.name == "salinger-2013":
            cl = _v("salinger_2013.cl", "L/h") * (_v("salinger_2013.scr_ref", "mg/dL") / scr) ** _v("salinger_2013.cl_scr_exponent", "")
            vc = _v("salinger_2013.v", "L") * (w / _v("salinger_2013.wt_ref", "kg")) ** _v("salinger_2013.v_wt_exponent", "")
            return Typical(cl, vc, _v("salinger_2013.baseline", "mmol/L"))
        if self.name == "du-2019":
            wr = w / _v("du_2019.wt_ref", "kg")
            cl = _v("du_2019.cl", "L/h") * (scr / 0.8) ** _v("du_2019.cl_scr_exponent", "") * wr ** _v("du_2019.cl_wt_exponent", "")
            q = _v("du_2019.q", "L/h") * wr ** _v("du_2019.cl_wt_exponent", "")  # Table 3: one WT exponent for CL and Q
            return Typical(cl, _v("du_2019.vc", "L") * wr, _v("du_2019.baseline", "mmol/L"), _v("du_2019.vp", "L") * wr,
                           np.broadcast_to(q, np.shape(cl)).copy())
        if self.name == "lu-2002":
            shape = np.broadcast(w, scr).shape
            return Typical(np.full(shape, _v("lu_2002.cl", "L/h")), np.full(shape, _v("lu_2002.vc", "L")),
                           _v("lu_2002.baseline", "mmol/L"), np.full(shape, _v("lu_2002.vp", "L")), np.full(shape, _v("lu_2002.q", "L/h")))
        if self.name == "deng-2024":
            cl = (_v("deng_2024.cl", "L/h") * (np.asarray(crcl_mL_min, float) / 175.0) ** _v("deng_2024.cl_crcl_exponent", "")
                  * (np.asarray(bmi, float) / 29.0) ** _v("deng_2024.cl_bmi_exponent", ""))
            return Typical(cl, np.full_like(cl, _v("deng_2024.v", "L")), _v("deng_2024.baseline", "mmol/L"))
        raise AssertionError(self.name)

    def variability(self) -> dict[str, float]:
        """Published inter-individual CVs by parameter (log-normal); empty when none was estimable."""
        ids = {"cl": "iiv_cl", "vc": "iiv_vc", "vp": "iiv_vp", "q": "iiv_q"}
        prefix = self.name.replace("-", "_")
        out = {}
        for key, suffix in ids.items():
            pid = f"{prefix}.{suffix}"
            if pid in self.parameter_ids:
                out[key] = _v(pid, "")
        return out

    def rate_matrix(self, t: Typical):
        """dx/dt = A x (1/h) over the states (central, [peripheral,] IM depot, eliminated), batched like
        ``t``'s arrays; NumPy for NumPy parameters, JAX when they are traced (:mod:`magnesim.tdm`)."""
        xp = array_namespace(t.cl, t.vc, t.vp, t.q)
        k10 = t.cl / t.vc
        ka = xp.full_like(k10, _v("salinger_2013.ka", "1/h"))
        zero = xp.zeros_like(k10)
        if self.compartments == 1:
            rows = [[-k10, ka, zero], [zero, -ka, zero], [k10, zero, zero]]
        else:
            k12, k21 = t.q / t.vc, t.q / t.vp
            rows = [[-k10 - k12, k21, ka, zero], [k12, -k21, zero, zero], [zero, zero, -ka, zero], [k10, zero, zero, zero]]
        return xp.stack([xp.stack(r, axis=-1) for r in rows], axis=-2)

    def system(self, t: Typical) -> LinearSystem:
        """The linear system; routes: IV → central, IM → depot (ka, F from Salinger 2013)."""
        batch = np.shape(t.cl / t.vc)
        depot = 1 if self.compartments == 1 else 2
        return LinearSystem(self.rate_matrix(t), {"iv": (0, np.ones(batch)), "im": (depot, np.full(batch, _v("salinger_2013.f_im", "")))})


PRESETS = MappingProxyType({
    "salinger-2013": PopPKPreset("salinger-2013", "salinger-2013", 1),
    "du-2019": PopPKPreset("du-2019", "du-2019", 2, fitted_on="change"),
    "lu-2002": PopPKPreset("lu-2002", "lu-2002", 2),
    "deng-2024": PopPKPreset("deng-2024", "deng-2024", 1),
})


def preset(name: str) -> PopPKPreset:
    """A preset by name."""
    from ..errors import UnknownNameError, invalid

    found = PRESETS.get(name.strip().lower())
    if found is None:
        raise UnknownNameError(invalid("model", name, ", ".join(["physiological", *PRESETS])))
    return found
