"""Gradient-based calibration of library parameters against the validation targets.

>>> from magnesim.calibrate import calibrate
>>> result = calibrate("examples/calibration/body_volumes.yaml")  # doctest: +SKIP
>>> result.values(), result.laplace.near_singular     # doctest: +SKIP

A spec (:class:`CalibrationSpec`, YAML) names free parameters by parameter-library id, targets of
:mod:`magnesim.validation` by id or role, and optimiser settings. The targets' predictions are pure
JAX functions of the models (:mod:`magnesim.calibrate.predictors`), so the loss
Σ ((predicted − observed)/tolerance)² has exact gradients; optimistix's BFGS minimises it from one or
more starts in one vmapped call, SciPy's L-BFGS-B polishes the best optimum within the exact bounds,
and the Hessian there gives a Laplace covariance and an identifiability report.
:meth:`CalibrationResult.patch` writes the fitted values as a patch of the parameter library.
"""

from ._fit import OPTIMISER, calibrate, fit, starts
from ._laplace import LOADING, SINGULAR_RTOL, Laplace, laplace
from ._predictor import Predictor, Settings, predictor_registry
from ._problem import FreeParameter, Problem, Term, build_problem
from ._result import CalibrationResult, StartResult, TargetFit
from ._spec import CalibrationSpec, OptimiserSpec, ParameterSpec, SolverSpec, TargetSelector, load_spec, parse_spec, read_spec, validate_spec
from ._transforms import TRANSFORMS, Transform, default_transform

__all__ = [
    "LOADING", "OPTIMISER", "SINGULAR_RTOL", "TRANSFORMS", "CalibrationResult", "CalibrationSpec", "FreeParameter", "Laplace", "OptimiserSpec",
    "ParameterSpec", "Predictor", "Problem", "Settings", "SolverSpec", "StartResult", "TargetFit", "TargetSelector", "Term", "Transform",
    "build_problem", "calibrate", "default_transform", "fit", "laplace", "load_spec", "parse_spec", "predictor_registry", "read_spec",
    "starts", "validate_spec",
]
