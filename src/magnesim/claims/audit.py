"""Run the ten claims of the source article through the models, sharing the expensive runs."""

from __future__ import annotations

from collections.abc import Callable

from . import claim_01, claim_02, claim_03, claim_04, claim_05, claim_06, claim_07, claim_08, claim_09, claim_10
from .record import Claim
from .runs import Runs

__all__ = ["CLAIMS", "DECIDE", "MODULES", "audit"]

MODULES = (claim_01, claim_02, claim_03, claim_04, claim_05, claim_06, claim_07, claim_08, claim_09, claim_10)
"""One module per claim, in the article's order: its quote, the frozen dataclass of its numbers, ``measure``
(runs → numbers), ``decide`` (numbers → verdict and reason, by the thresholds stated beside it) and ``claim``."""

CLAIMS = tuple(m.claim for m in MODULES)
"""The claim functions: each takes a :class:`Runs` and returns a :class:`Claim`."""

DECIDE = {m.NUMBER: (lambda numbers, m=m: m.decide(m.ClaimNumbers.from_dict(numbers))) for m in MODULES}
"""Claim number → (verdict, reason) of a mapping of its published numbers (``Claim.numbers``)."""


def audit(progress: Callable[[int], None] | None = None) -> tuple[Claim, ...]:
    """All ten claims; ``progress(number)`` is called as each claim starts."""
    runs = Runs()
    out = []
    for module in MODULES:
        if progress is not None:
            progress(module.NUMBER)
        out.append(module.claim(runs))
    return tuple(out)
