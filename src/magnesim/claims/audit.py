"""Run the ten claims of the source article through the models, sharing the expensive runs."""

from __future__ import annotations

from collections.abc import Callable

from .dosing import claim_4, claim_5, claim_6, claim_8
from .metabolism import claim_7, claim_10
from .nmda import claim_1, claim_2, claim_3, claim_9
from .record import Claim
from .runs import Runs

__all__ = ["CLAIMS", "audit"]

CLAIMS = (claim_1, claim_2, claim_3, claim_4, claim_5, claim_6, claim_7, claim_8, claim_9, claim_10)
"""The claim functions, in the article's order: each takes a :class:`Runs` and returns a :class:`Claim`."""


def audit(progress: Callable[[int], None] | None = None) -> tuple[Claim, ...]:
    """All ten claims; ``progress(number)`` is called as each claim starts."""
    runs = Runs()
    out = []
    for number, claim in enumerate(CLAIMS, start=1):
        if progress is not None:
            progress(number)
        out.append(claim(runs))
    return tuple(out)
