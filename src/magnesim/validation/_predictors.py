"""Every predictor, registered by importing the per-layer modules (kept small and separate)."""

from . import _body, _circuit, _injury, _neuron, _receptor  # noqa: F401  (registration)
from ._registry import PREDICTORS

__all__ = ["PREDICTORS"]
