"""The registry of predictors: named functions that compute one model number for a target."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["PREDICTORS", "predictor"]

PREDICTORS: dict[str, Callable[..., float]] = {}


def predictor(name: str):
    """Register ``func`` as the predictor ``name`` (targets.yaml refers to it by that name)."""

    def register(func: Callable[..., float]) -> Callable[..., float]:
        PREDICTORS[name] = func
        return func

    return register
