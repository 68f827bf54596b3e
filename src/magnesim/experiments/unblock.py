"""Relief of Mg2+ block after a depolarising voltage step, in the presence of agonist.

The protocol of Kampa et al. (2004, Fig. 2): the patch rests at ``v_from`` in [Mg2+]o, glutamate
is applied at t = 0 and held, and at ``at`` the potential steps to ``v_to``. The conducting
(open, unblocked) occupancy after the step is computed exactly — the scheme is linear at fixed V,
[Glu] and [Mg2+], so x(t) = expm(Q t) x(0) — on log-spaced times, and fitted with ``n`` exponentials
as an experimenter would fit the recorded current (the current at fixed V is proportional).

Each fitted component has a time constant and a weight: its share of the total relief amplitude
(positive for components that raise the current, negative for any that lower it, e.g.
desensitisation). The eigenvalues of the post-step rate matrix, the exact time constants the trace
is made of, are kept too.
"""

from __future__ import annotations

import numpy as np

from .._jax import jax
from .._provenance import model_provenance
from ..errors import ParameterError, invalid
from ..receptor import Kampa2004, get_model
from ..units import CONCENTRATION, TIME, VOLTAGE, to_kernel
from ._exponentials import fit_exponentials

__all__ = ["unblock"]

_N_TIMES = 400


def _kinetic_model(model):
    from ..receptor import MODELS

    m = Kampa2004() if model is None else get_model(model) if isinstance(model, str) else model
    if not m.kinetic:
        kinetic = ", ".join(name for name, cls in MODELS.items() if cls.kinetic)
        raise ParameterError(invalid("model", m.name, f"a kinetic block model ({kinetic})", "instantaneous block has no time course"))
    return m


def unblock(model=None, *, mg="1 mM", v_from="-70 mV", v_to="40 mV", at="3500 ms",
                 glutamate=None, duration="1100 ms", n_exponentials: int = 3):
    """Simulate the step and fit the relief of block; returns an xarray Dataset.

    Variables: ``conducting_fraction(time_ms)`` (open, unblocked occupancy), ``fit(time_ms)``,
    ``tau_ms(component)``, ``weight(component)`` and ``eigen_tau_ms(mode)``.
    """
    import xarray as xr

    m = _kinetic_model(model)
    mg_mM = to_kernel(mg, "mg", CONCENTRATION)
    v0 = to_kernel(v_from, "v_from", VOLTAGE.within(-200, 200))
    v1 = to_kernel(v_to, "v_to", VOLTAGE.within(-200, 200))
    t_at = to_kernel(at, "at", TIME.within(0, 60_000))
    t_end = to_kernel(duration, "duration", TIME.within(1, 60_000))
    glu = m.glutamate_mM if glutamate is None else to_kernel(glutamate, "glutamate", CONCENTRATION)
    if not 1 <= n_exponentials <= 5:
        raise ParameterError(invalid("n_exponentials", n_exponentials, "an integer from 1 to 5"))

    rest = m.steady_state(v0, 0.0, mg_mM)
    before = jax.scipy.linalg.expm(m.rate_matrix(v0, glu, mg_mM) * t_at) @ rest
    q_after = m.rate_matrix(v1, glu, mg_mM)
    t = np.concatenate([[0.0], np.geomspace(1e-3, t_end, _N_TIMES)])
    states = jax.vmap(lambda ti: jax.scipy.linalg.expm(q_after * ti) @ before)(t)
    y = np.asarray(m.conducting(states))

    taus, coef, offset, rms = fit_exponentials(t, y, n_exponentials, (1e-3, 10 * t_end))
    relief = -coef  # y = offset + Σ c exp(−t/τ): a rising component has c < 0
    weights = relief / np.sum(relief)
    fitted = offset + np.exp(-t[:, None] / taus[None, :]) @ coef
    eig = np.linalg.eigvals(np.asarray(q_after))
    eig_taus = np.sort(-1.0 / eig.real[np.abs(eig) > 1e-12])

    ds = xr.Dataset(
        {
            "conducting_fraction": ("time_ms", y, {"units": "1", "long_name": "open, unblocked occupancy"}),
            "fit": ("time_ms", fitted, {"units": "1", "long_name": f"{n_exponentials}-exponential fit"}),
            "tau_ms": ("component", taus, {"units": "ms"}),
            "weight": ("component", weights, {"units": "1", "long_name": "share of relief amplitude"}),
            "eigen_tau_ms": ("mode", eig_taus, {"units": "ms", "long_name": "exact relaxation time constants after the step"}),
        },
        coords={"time_ms": ("time_ms", t, {"units": "ms", "long_name": "time after the step"})},
    )
    ds.attrs.update(model_provenance(m))
    ds.attrs.update({
        "protocol": "glutamate from t=0, step from v_from to v_to at 'at' (Kampa et al. 2004 Fig. 2)",
        "mg_mM": mg_mM, "v_from_mV": v0, "v_to_mV": v1, "at_ms": t_at, "glutamate_mM": float(glu),
        "fit_rms": rms, "integrator": "exact matrix exponential (piecewise-constant conditions)",
    })
    return ds
