"""Validation: every published number the models should reproduce, with the model's prediction.

>>> from magnesim.validation import targets
>>> {t.layer for t in targets()} >= {"receptor", "body", "injury"}
True
"""

from ._run import Outcome, summary_line, validate
from ._targets import LAYERS, Target, Tolerance, citation, targets

__all__ = ["LAYERS", "Outcome", "Target", "Tolerance", "citation", "summary_line", "targets", "validate"]
