"""Figures of a scenario run (matplotlib, non-interactive backend)."""

from __future__ import annotations

import numpy as np

from ._mpl import pyplot as _pyplot
from .body_figures import band, serum_thresholds

__all__ = ["block_by_time_figure", "body_course_figure", "energetics_figure", "outcome_names", "outcomes_figure"]

_LEVELS = (("serum_total_mM", "serum total"), ("serum_ionized_mM", "serum ionized"), ("csf_ionized_mM", "CSF ionized"),
           ("local_tissue_ionized_mM", "local tissue ionized"))


def body_course_figure(ds):
    """Mg over time in serum, CSF and (for topical regimens) local tissue; median and 5–95% band (over a
    population and/or parameter draws); where serum total Mg passes 1.5 mM, the therapeutic range is
    shaded and the toxicity thresholds drawn."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 3.8))
    t = ds.time_h.values
    for i, (name, label) in enumerate(_LEVELS):
        if np.isfinite(ds[name].values).any():
            band(ax, t, ds[name].values, label, f"C{i}")
    if np.nanmax(ds.serum_total_mM.values) > 1.5:  # a therapeutic regimen; lower courses would be flattened by the lines
        serum_thresholds(ax, ds)
    for th in ds.time_point_h.values:
        ax.axvline(th, color="0.6", ls=":", lw=1)
    ax.set_xlabel("time (h)")
    ax.set_ylabel("Mg (mM)")
    ax.set_title(f"Body: {ds.attrs.get('body.regimen', '')}"[:110], fontsize=9)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def block_by_time_figure(ds):
    """NMDA unblocked fraction against voltage at the tissue [Mg2+] of each sampling time: the median and,
    where the run has a band, the fractions at its 5th and 95th percentile [Mg2+]."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 3.8))
    q = ds["quantile"].size // 2
    for i, th in enumerate(ds.time_point_h.values):
        mg = float(ds.tissue_mg_mM[i, q])
        ax.plot(ds.v_mV, ds.unblocked_fraction[i, q], color=f"C{i}", label=f"{th:g} h: {mg:.3f} mM")
        if ds["quantile"].size > 1:
            ax.fill_between(ds.v_mV, ds.unblocked_fraction[i, 0], ds.unblocked_fraction[i, -1], color=f"C{i}", alpha=0.2, lw=0)
    ax.set_xlabel("membrane potential (mV)")
    ax.set_ylabel("NMDA unblocked fraction")
    ax.set_title(f"Mg2+ block at the {ds.attrs['tissue']} [Mg2+] of each sampling time", fontsize=9)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def outcome_names(ds) -> list[str]:
    """The run's outcomes at each sampling time (variables the pipeline labels ``outcome``), in run order."""
    return [k for k, v in ds.data_vars.items() if "outcome" in v.attrs and v.dims == ("time_point", "quantile")]


def outcomes_figure(ds):
    """Each outcome against the sampling time (median and, where the run has a band, the 5th–95th percentiles)."""
    plt = _pyplot()
    present = [(k, ds[k].attrs["outcome"]) for k in outcome_names(ds)]
    fig, axes = plt.subplots(1, len(present), figsize=(2.6 * len(present), 3.0), squeeze=False)
    t = ds.time_point_h.values
    for ax, (k, label) in zip(axes[0], present, strict=False):  # the grid may hold more axes than panels
        v = ds[k].values
        ax.plot(t, v[:, v.shape[1] // 2], marker="o")
        if v.shape[1] > 1:
            ax.fill_between(t, v[:, 0], v[:, -1], alpha=0.2)
        ax.set_xlabel("time (h)")
        ax.set_title(label, fontsize=9)
        ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def energetics_figure(ds):
    """MgATP share and Na+/K+-pump turnover against free [Mg2+]i."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.plot(ds.mg_i_mM, ds.mgatp_fraction, marker="o", label="MgATP / total ATP")
    ax.plot(ds.mg_i_mM, ds.pump_rate_relative, marker="s", label="pump turnover (rel. 0.5 mM)")
    ax.set_xlabel("free [Mg2+]i (mM)")
    ax.set_title("Energetics", fontsize=9)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig
