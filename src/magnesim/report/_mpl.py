"""matplotlib with the non-interactive backend, imported only when a figure is drawn."""

from __future__ import annotations

__all__ = ["pyplot"]


def pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt
