"""Run every target's predictor and compare: :func:`validate` → one :class:`Outcome` per target."""

from __future__ import annotations

from dataclasses import dataclass

from ._targets import LAYERS, Target, citation, targets

__all__ = ["Outcome", "summary_line", "validate"]


@dataclass(frozen=True)
class Outcome:
    """A target with the model's prediction."""

    target: Target
    predicted: float

    @property
    def passed(self) -> bool:
        return self.target.tolerance.accepts(self.target.observed, self.predicted)

    def record(self) -> dict:
        t = self.target
        return {"id": t.id, "layer": t.layer, "role": t.role, "quantity": t.quantity, "condition": t.condition,
                "source": citation(t).short(), "observed": t.observed, "predicted": self.predicted, "unit": t.unit,
                "tolerance": t.tolerance.describe(), "passed": self.passed}


def validate(layers: tuple[str, ...] = LAYERS) -> list[Outcome]:
    """Predict every target of ``layers`` (expensive model runs are shared between targets)."""
    from ._predictors import PREDICTORS

    return [Outcome(t, float(PREDICTORS[t.predict](**t.args))) for t in targets() if t.layer in layers]


def summary_line(outcomes: list[Outcome]) -> str:
    passed = sum(o.passed for o in outcomes)
    return f"{passed} passed, {len(outcomes) - passed} failed"
