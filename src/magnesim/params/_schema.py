"""Typed records for literature parameters and their citations (validated with pydantic)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["Citation", "Confidence", "Parameter"]

Confidence = Literal["high", "medium", "low"]
"""high: read in the primary source or an exact physical constant; medium: read in model code or a
secondary source, or derived from such numbers; low: a calibration or an order-of-magnitude choice."""


class Citation(BaseModel):
    """A published source."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    authors: str
    year: int = Field(ge=1800, le=2100)
    title: str = ""
    journal: str
    volume: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""
    url: str = ""

    def short(self) -> str:
        """``Jahr & Stevens 1990, J Neurosci 10:3178-3182``."""
        names = [a.strip().split(" ")[0] for a in self.authors.replace(" et al.", ", et al.").split(",")]
        who = names[0] if len(names) == 1 else f"{names[0]} & {names[1]}" if len(names) == 2 and names[1] != "et" else f"{names[0]} et al."
        where = f"{self.journal} {self.volume}:{self.pages}".strip(" :") if self.volume else self.journal
        return f"{who} {self.year}, {where}"

    def full(self) -> str:
        ids = "; ".join(x for x in (f"DOI {self.doi}" if self.doi else "", f"PMID {self.pmid}" if self.pmid else "") if x)
        vol = f" {self.volume}:{self.pages}" if self.volume else ""
        title = f" {self.title}." if self.title else ""
        return f"{self.authors} ({self.year}){title} {self.journal}{vol}." + (f" {ids}." if ids else "")


class Parameter(BaseModel):
    """A model parameter: value with unit, plausible range, source, confidence and how it was obtained.

    ``evidence`` says how the value reached us: ``primary`` (read in the paper), ``code`` (read in
    the authors' published model code), ``secondary`` (review or textbook), ``derived`` (computed
    from other sourced values, method in ``note``), ``physical`` (exact constant), ``calibration``
    (fitted by magnesim, target in ``note``).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
    symbol: str
    description: str
    value: float
    unit: str
    range: tuple[float, float]
    source: str
    confidence: Confidence
    evidence: Literal["primary", "code", "secondary", "derived", "physical", "calibration"]
    note: str = ""
    citation: Citation | None = None

    @model_validator(mode="after")
    def _value_in_range(self) -> Parameter:
        lo, hi = self.range
        if not lo <= self.value <= hi:
            raise ValueError(f"value {self.value} outside its range [{lo}, {hi}]")
        return self
