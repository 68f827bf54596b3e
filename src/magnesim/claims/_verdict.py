"""How a claim's verdict follows from its parts, and a claim's numbers as a typed record.

Each claim is split into the assertions the article makes; each assertion holds, fails, or holds in
part by a threshold on the model's numbers, stated in the claim's own module. All hold → supported;
all fail → not supported; anything between → partly supported. A claim whose central assertion
concerns something no magnesim model represents (smooth muscle, psychiatric illness) is "outside the
model", and the parts the model can test are still reported in the reason.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from .record import VERDICTS

__all__ = ["NOT_SUPPORTED", "OUTSIDE", "PARTLY", "SUPPORTED", "Numbers", "combine", "named"]

SUPPORTED, PARTLY, NOT_SUPPORTED, OUTSIDE = VERDICTS


def combine(parts: Sequence[tuple[float, str]]) -> tuple[str, str]:
    """(verdict, reason) from parts (share that holds in [0, 1], text): all 1 → supported, all 0 → not supported."""
    shares = [share for share, _ in parts]
    verdict = SUPPORTED if all(s >= 1 for s in shares) else NOT_SUPPORTED if all(s <= 0 for s in shares) else PARTLY
    word = lambda s: "holds" if s >= 1 else "fails" if s <= 0 else "holds in part"
    reason = "; ".join(f"{word(s)}: {text}" for s, text in parts)
    return verdict, reason[0].upper() + reason[1:] + "."


def named(key: str):
    """A field of a claim's numbers published under ``key`` (a name with units, e.g. ``unblocked_fraction_1mM_-65mV``)."""
    return dataclasses.field(metadata={"key": key})


class Numbers:
    """Base of each claim's frozen dataclass of numbers: fields are attributes in code, and keys (the
    field's ``named`` key, else its name) in the claim's JSON."""

    def as_dict(self) -> dict[str, float]:
        return {f.metadata.get("key", f.name): float(getattr(self, f.name)) for f in dataclasses.fields(self)}

    @classmethod
    def from_dict(cls, numbers: Mapping[str, float]):
        """The record of a claim's published numbers (unknown keys ignored: a claim reports what it reads)."""
        return cls(**{f.name: float(numbers[f.metadata.get("key", f.name)]) for f in dataclasses.fields(cls)})
