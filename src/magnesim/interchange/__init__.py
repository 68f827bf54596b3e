"""Interchange with other simulators: the body models as SBML (python-libsbml), the NMDA synapse
with its Mg2+ block as NeuroML2 (libNeuroML)."""

from .body_sbml import MODELS, body_sbml
from .nmda_neuroml import EXPORTABLE_BLOCKS, nmda_neuroml

__all__ = ["EXPORTABLE_BLOCKS", "MODELS", "body_sbml", "nmda_neuroml"]
