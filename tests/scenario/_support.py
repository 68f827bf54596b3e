"""Shared helpers of the scenario tests: the examples, and ``magnesim run`` in this process."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
DEFAULT = "default"  # the key of the embedded default scenario (``magnesim run`` with no file)
UNCERTAIN = "default-uncertainty"  # the default scenario with 16 parameter draws (``--uncertainty 16``)
SCENARIOS = [p.stem for p in EXAMPLES] + [DEFAULT, UNCERTAIN]


@dataclass(frozen=True)
class ScenarioRun:
    """The exit status, stdout and stderr of one ``magnesim run`` and the directory it wrote."""

    code: int
    out: str
    err: str
    path: Path

    @property
    def report(self) -> Path:
        return self.path / "report.html"
