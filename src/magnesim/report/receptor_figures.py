"""Figures for the receptor layer (matplotlib, non-interactive backend)."""

from __future__ import annotations

from ._mpl import pyplot as _pyplot

__all__ = ["block_family_figure", "unblock_figure"]


def block_family_figure(ds):
    """B(V) for each [Mg2+]o in a :func:`magnesim.experiments.block` Dataset."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5.5, 4))
    for mg in ds.mg_mM.values:
        ax.plot(ds.v_mV, ds.unblocked_fraction.sel(mg_mM=mg), label=f"{mg:g} mM")
    ax.set_xlabel("membrane potential (mV)")
    ax.set_ylabel("unblocked fraction B")
    ax.set_ylim(0, 1.02)
    title = f"NMDA Mg2+ block: {ds.attrs.get('model', '')}"
    if ds.attrs.get("subunit"):
        title += f" ({ds.attrs['subunit']})"
    ax.set_title(title, fontsize=10)
    ax.legend(title="[Mg2+]o", fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def unblock_figure(ds):
    """Conducting fraction after the step (log time) with the exponential fit and its components."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 4))
    t = ds.time_ms.values[1:]
    ax.semilogx(t, ds.conducting_fraction.values[1:], lw=2, label="model")
    ax.semilogx(t, ds.fit.values[1:], "--", label=f"{ds.sizes['component']}-exponential fit")
    for tau, w in zip(ds.tau_ms.values, ds.weight.values, strict=True):
        ax.axvline(tau, color="grey", lw=0.8, alpha=0.6)
        ax.annotate(f"{tau:.3g} ms\n({w:+.2f})", (tau, ax.get_ylim()[1]), fontsize=7, ha="center", va="top")
    ax.set_xlabel("time after the step (ms)")
    ax.set_ylabel("open, unblocked fraction")
    ax.set_title(f"Mg2+ unblock: {ds.attrs['model']}, {ds.attrs['v_from_mV']:g} to {ds.attrs['v_to_mV']:g} mV, "
                 f"{ds.attrs['mg_mM']:g} mM Mg2+", fontsize=9)
    ax.legend(fontsize=8, loc="lower right")
    ax.grid(alpha=0.3, which="both")
    fig.tight_layout()
    return fig
