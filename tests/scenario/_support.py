"""Shared helpers of the scenario tests: the examples, and ``magnesim run`` in this process."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

from magnesim.cli import main

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
DEFAULT = "default"  # the key of the embedded default scenario (``magnesim run`` with no file)
SCENARIOS = [p.stem for p in EXAMPLES] + [DEFAULT]


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


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of ``magnesim *argv`` in this process (capsys is per test)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()
