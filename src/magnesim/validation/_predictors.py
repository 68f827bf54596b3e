"""Every predictor by name: the public functions of the per-layer modules (``__all__``)."""

from . import _body, _circuit, _injury, _neuron, _receptor

__all__ = ["PREDICTORS"]

PREDICTORS = {name: getattr(module, name) for module in (_receptor, _neuron, _circuit, _body, _injury) for name in module.__all__}
