"""Interchange with other simulators: the body models as SBML (python-libsbml)."""

from .body_sbml import MODELS, body_sbml

__all__ = ["MODELS", "body_sbml"]
