"""A cortical E/I network that bursts when Mg2+ is removed, after the low-Mg2+ slice model of epilepsy.

800 regular-spiking and 200 fast-spiking cells of Pospischil et al. (2008) (Traub–Miles Na+/K+ plus
a slow K+ current), wired at random with a fixed in-degree (80 excitatory and 20 inhibitory inputs
per cell, no self-contacts), as in the COBAHH benchmark (Brette et al. 2007) scaled to 1000 cells:

* every excitatory contact has an AMPA (exponential, 5 ms) and an NMDA synapse (dual exponential
  2/100 ms) whose Mg2+ block is the receptor layer's model (Jahr–Stevens by default) at the
  condition's [Mg2+]o; inhibitory contacts are GABA_A (exponential, 10 ms, −80 mV); delay 1.5 ms;
* excitatory terminals depress (Tsodyks, Uziel & Markram 2000: U 0.5, τ_rec 800 ms);
* each cell receives independent Poisson background events through AMPA synapses.

With Mg2+ at 1 mM the NMDA synapses are blocked at rest and the network idles at low rates; without
Mg2+ the NMDA current turns every small synchronous fluctuation into a population burst that the slow
K+ current and synaptic depression end, so bursts recur every second or two — the interictal-like
discharges of Mg2+-free slices (Anderson et al. 1986; Mody et al. 1987). Which values are calibrated
and against what is written in the parameter library (``magnesim params --search network.``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from ..cell import Connections, Depression, Drive, PoissonTrain, PospischilNeuron
from ..params import param_field
from ..synapse import ampa, gaba_a, nmda

__all__ = ["LowMgNetwork"]


def _p(name: str, unit: str = "nS"):
    return param_field(f"network.{name}", unit)


@dataclass(frozen=True)
class LowMgNetwork:
    """Sizes, weights (peak nS per event), delays and background of the low-Mg2+ network.

    Defaults come from the parameter library; override any of them with :func:`dataclasses.replace`.
    """

    n_exc: float = _p("n_exc", "dimensionless")
    n_inh: float = _p("n_inh", "dimensionless")
    k_exc: float = _p("k_exc", "dimensionless")
    k_inh: float = _p("k_inh", "dimensionless")
    ampa_e: float = _p("ampa_e")
    ampa_i: float = _p("ampa_i")
    nmda_e: float = _p("nmda_e")
    nmda_i: float = _p("nmda_i")
    gaba_e: float = _p("gaba_e")
    gaba_i: float = _p("gaba_i")
    delay_ms: float = _p("delay", "ms")
    background_rate_hz: float = _p("background_rate", "Hz")
    background_e: float = _p("background_e")
    background_i: float = _p("background_i")
    depression_use: float = _p("depression_use", "dimensionless")
    depression_tau_rec_ms: float = _p("depression_tau_rec", "ms")
    exc_g_m: float = _p("exc_g_m", "S/cm^2")
    exc_tau_max_ms: float = _p("exc_tau_max", "ms")

    citation = "pospischil-2008"

    @property
    def size(self) -> int:
        return int(self.n_exc) + int(self.n_inh)

    def _excitatory(self, conditions: int) -> np.ndarray:
        return np.tile(np.arange(self.size) < int(self.n_exc), conditions)

    def cell_types(self) -> tuple[PospischilNeuron, PospischilNeuron]:
        """(RS cell with the network's slow K+ current, FS cell)."""
        rs = dataclasses.replace(PospischilNeuron(), g_m_S_cm2=self.exc_g_m, tau_max_ms=self.exc_tau_max_ms)
        return rs, PospischilNeuron.fast_spiking()

    def cell(self, conditions: int) -> PospischilNeuron:
        """RS cells then FS cells, for each condition (per-neuron parameter arrays)."""
        e = self._excitatory(conditions)
        rs, fs = self.cell_types()
        return dataclasses.replace(rs, **{f.name: np.where(e, float(getattr(rs, f.name)), float(getattr(fs, f.name)))
                                          for f in dataclasses.fields(rs) if not f.metadata.get("static")})

    def wiring(self, seed: int) -> tuple[np.ndarray, np.ndarray]:
        """Presynaptic indices (P, K_E) of excitatory and (P, K_I) of inhibitory inputs, drawn with ``seed``."""
        rng = np.random.default_rng(seed)
        n_e, p = int(self.n_exc), self.size

        def draw(lo, hi, k):
            # k distinct partners in [lo, hi) for every cell, never the cell itself
            keys = rng.random((p, hi - lo))
            own = np.arange(p) - lo
            mine = (own >= 0) & (own < hi - lo)
            keys[np.nonzero(mine)[0], own[mine]] = np.inf
            return (np.argsort(keys, axis=1)[:, :k] + lo).astype(np.int32)

        return draw(0, n_e, int(self.k_exc)), draw(n_e, p, int(self.k_inh))

    def drives(self, nmda_scale, seeds, *, block="jahr-stevens-1990", subunit=None) -> tuple[list[Drive], Depression]:
        """Synapses and terminal depression for conditions with per-condition ``nmda_scale`` and ``seeds``
        (arrays (C,)): conditions that share a seed share the wiring and the background events."""
        nmda_scale = np.asarray(nmda_scale, float)
        seeds = np.asarray(seeds, int)
        c, p = seeds.size, self.size
        e = self._excitatory(c)
        per = lambda on_e, on_i: np.where(e, on_e, on_i)
        wiring = {s: self.wiring(int(s)) for s in np.unique(seeds)}
        pre_e = np.concatenate([wiring[s][0] for s in seeds])
        pre_i = np.concatenate([wiring[s][1] for s in seeds])
        scale = np.repeat(nmda_scale, p)
        excitatory = Connections(pre_e, p, self.delay_ms)
        background = PoissonTrain(self.background_rate_hz, np.repeat(seeds, p), np.tile(np.arange(p), c))
        drives = [Drive(ampa(per(self.ampa_e, self.ampa_i)), excitatory),
                  Drive(nmda(per(self.nmda_e, self.nmda_i) * scale, block, subunit=subunit), excitatory),
                  Drive(gaba_a(per(self.gaba_e, self.gaba_i)), Connections(pre_i, p, self.delay_ms)),
                  Drive(ampa(per(self.background_e, self.background_i)), background)]
        return drives, Depression(per(self.depression_use, 0.0), self.depression_tau_rec_ms)
