"""Differentiable predictors by layer: each module holds ``PREDICTORS``, a tuple of
:class:`magnesim.calibrate.Predictor`, found by :func:`magnesim.calibrate.predictor_registry`.

To make another layer's targets calibratable, add a module here whose predictors take the same
arguments as the validation predictors they mirror and return the same numbers at the library values
(tests/calibrate checks both for every registered predictor).
"""
