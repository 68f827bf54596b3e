"""The claims audit: the ten numbered claims of the source article, each tested by running magnesim's
models, with its numbers, a figure and a verdict (supported, partly supported, not supported, outside
the model). Each claim is one module (:mod:`magnesim.claims.claim_01` …): a frozen dataclass of its
numbers, the thresholds its verdict uses and ``decide``, which turns the numbers into the verdict.

>>> from magnesim.claims import audit
>>> claims = audit()                                  # doctest: +SKIP
>>> claims[8].verdict, claims[8].numbers["protection_2mmol_kg_pct"]   # doctest: +SKIP
"""

from ._verdict import Numbers
from .audit import CLAIMS, DECIDE, MODULES, audit
from .record import VERDICTS, Claim, Panel, Ref, Series
from .runs import Runs

__all__ = ["CLAIMS", "DECIDE", "MODULES", "VERDICTS", "Claim", "Numbers", "Panel", "Ref", "Runs", "Series", "audit"]
