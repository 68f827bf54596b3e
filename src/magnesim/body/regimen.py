"""Dose events and regimens: what enters the body, by which route, when and how fast.

A :class:`DoseEvent` is one administration: an amount of elemental Mg (mmol) by a route, starting at
``start_h`` and lasting ``duration_h`` (0 for a bolus or an instantaneous deposit). Repeated dosing
follows the NONMEM/mrgsolve event-record semantics (amount, rate or duration, interval ``ii`` and
additional doses ``addl``) and is expanded into single events when the regimen is built, so every
event is explicit. Regimens combine with ``+`` (bolus + infusion, IV + IM).

Topical and immersion events carry their exposure instead of a delivered amount: the Mg
concentration of the vehicle or bath, the skin area, the contact time and, for a cream or spray, the
amount applied (an upper bound on what can be absorbed). How much crosses the skin depends on the
skin permeability, a parameter of the body model.

Units: mmol, h, cm², mmol/L.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np

from ..errors import ParameterError, invalid

__all__ = ["ROUTES", "DoseEvent", "Regimen", "repeat"]

Route = Literal["iv", "im", "oral", "topical", "immersion"]
ROUTES: tuple[str, ...] = ("iv", "im", "oral", "topical", "immersion")


@dataclass(frozen=True)
class DoseEvent:
    """One administration of elemental Mg.

    ``amount_mmol``: delivered (IV), deposited (IM, oral) or applied (topical; 0 for immersion).
    ``salt``: salts-table id, which sets oral bioavailability. ``area_cm2``, ``concentration_mM`` and
    ``vehicle`` describe skin exposure (topical, immersion); ``duration_h`` is then the contact time.
    """

    route: Route
    amount_mmol: float
    start_h: float = 0.0
    duration_h: float = 0.0
    salt: str = "mg"
    area_cm2: float = 0.0
    concentration_mM: float = 0.0
    vehicle: str = ""

    def __post_init__(self) -> None:
        if self.route not in ROUTES:
            raise ParameterError(invalid("route", self.route, ", ".join(ROUTES)))
        for name in ("amount_mmol", "start_h", "duration_h", "area_cm2", "concentration_mM"):
            x = getattr(self, name)
            if not np.isfinite(x) or x < 0:
                raise ParameterError(invalid(name, x, "a finite number >= 0"))
        if self.route in ("iv", "im", "oral") and self.amount_mmol <= 0:
            raise ParameterError(invalid("amount", self.amount_mmol, "an amount > 0 mmol"))
        if self.route in ("topical", "immersion") and (self.area_cm2 <= 0 or self.concentration_mM <= 0 or self.duration_h <= 0):
            raise ParameterError(invalid(f"{self.route} exposure", f"{self.area_cm2} cm2, {self.concentration_mM} mM, {self.duration_h} h",
                                         "a skin area, a vehicle concentration and a contact time, all > 0"))

    @property
    def end_h(self) -> float:
        return self.start_h + self.duration_h

    @property
    def rate_mmol_per_h(self) -> float:
        """Delivery rate of a timed IV infusion (inf for a bolus)."""
        return self.amount_mmol / self.duration_h if self.duration_h > 0 else np.inf


@dataclass(frozen=True)
class Regimen:
    """An ordered tuple of dose events, with the text it was read from (if any)."""

    events: tuple[DoseEvent, ...] = ()
    text: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "events", tuple(sorted(self.events, key=lambda e: (e.start_h, ROUTES.index(e.route)))))

    def __add__(self, other: Regimen) -> Regimen:
        text = " + ".join(t for t in (self.text, other.text) if t)
        return Regimen(self.events + other.events, text)

    @property
    def end_h(self) -> float:
        return max((e.end_h for e in self.events), default=0.0)

    def total_mmol(self, route: str | None = None) -> float:
        """Elemental Mg delivered, deposited or applied (all routes, or one)."""
        return float(sum(e.amount_mmol for e in self.events if route is None or e.route == route))

    def routes(self) -> set[str]:
        return {e.route for e in self.events}


def repeat(event: DoseEvent, interval_h: float, count: int) -> tuple[DoseEvent, ...]:
    """``count`` copies of ``event`` every ``interval_h`` (NONMEM: addl = count − 1, ii = interval)."""
    if count < 1 or count > 100_000:
        raise ParameterError(invalid("repeats", count, "a whole number of doses from 1 to 100000"))
    if count > 1 and interval_h <= 0:
        raise ParameterError(invalid("interval", interval_h, "an interval > 0 h"))
    return tuple(replace(event, start_h=event.start_h + k * interval_h) for k in range(count))
