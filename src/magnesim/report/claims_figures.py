"""The figure of one audited claim: its panels side by side (matplotlib, non-interactive backend)."""

from __future__ import annotations

import numpy as np

from ._mpl import pyplot as _pyplot

__all__ = ["claim_figure"]


def claim_figure(claim):
    """A figure with one axes per panel of ``claim`` (a :class:`magnesim.claims.Claim`)."""
    plt = _pyplot()
    panels = claim.panels
    fig, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 3.6), squeeze=False)
    for ax, panel in zip(axes[0], panels, strict=False):  # the grid may hold more axes than panels
        _draw(ax, panel)
    fig.suptitle(f"Claim {claim.number}: {claim.verdict}", fontsize=11)
    fig.tight_layout()
    return fig


def _draw(ax, panel) -> None:
    bars = [s for s in panel.series if s.kind == "bar"]
    for k, s in enumerate(bars):  # grouped bars over shared categories
        width = 0.8 / len(bars)
        ax.bar(np.arange(len(s.x)) + (k - (len(bars) - 1) / 2) * width, s.y, width, label=s.label)
        ax.set_xticks(np.arange(len(s.x)), s.x, rotation=20, ha="right", fontsize=8)
    for s in panel.series:
        if s.kind == "line":
            ax.plot(s.x, s.y, label=s.label)
        elif s.kind == "points":
            ax.errorbar(s.x, s.y, yerr=s.err, marker="o", ms=4, ls="-" if s.err is None else "none", capsize=3, label=s.label)
    for i, ref in enumerate(panel.refs):
        style = {"color": f"C{(i + 3) % 10}", "ls": "--", "lw": 1, "label": ref.label or None}
        (ax.axvline if ref.axis == "x" else ax.axhline)(ref.value, **style)
    if panel.xlog:
        ax.set_xscale("log")
    ax.set_title(panel.title, fontsize=9)
    ax.set_xlabel(panel.xlabel)
    ax.set_ylabel(panel.ylabel)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7)
