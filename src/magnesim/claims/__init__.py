"""The claims audit: the ten numbered claims of the source article, each tested by running magnesim's
models, with its numbers, a figure and a verdict (supported, partly supported, not supported, outside
the model) decided from those numbers by the stated thresholds of :mod:`magnesim.claims.verdicts`.

>>> from magnesim.claims import audit
>>> claims = audit()                                  # doctest: +SKIP
>>> claims[8].verdict, claims[8].numbers["protection_2mmol_kg_pct"]   # doctest: +SKIP
"""

from .audit import CLAIMS, audit
from .record import VERDICTS, Claim, Panel, Ref, Series
from .runs import Runs
from .verdicts import DECIDE

__all__ = ["CLAIMS", "DECIDE", "VERDICTS", "Claim", "Panel", "Ref", "Runs", "Series", "audit"]
