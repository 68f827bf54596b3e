"""Each example scenario, and the embedded default, is run through ``magnesim run`` once per test
session (5–13 s each); the result checks and the browser checks of the report share that output."""

from __future__ import annotations

import pytest

from ..cli._support import run_cli
from ._support import DEFAULT, EXAMPLES, UNCERTAIN, ScenarioRun


@pytest.fixture(scope="session")
def scenario_run(tmp_path_factory):
    """``scenario_run(name)``: the run of example ``name`` (``magnesim run FILE --json --quiet``) or
    of the default scenario (``magnesim run``, text summary and progress bar; with ``--uncertainty 16
    --json`` for UNCERTAIN), made on first use."""
    runs: dict[str, ScenarioRun] = {}

    def get(name: str) -> ScenarioRun:
        if name not in runs:
            path = tmp_path_factory.mktemp(f"run-{name}")
            if name == DEFAULT:
                argv = ["run", "--out", str(path)]
            elif name == UNCERTAIN:
                argv = ["run", "--uncertainty", "16", "--out", str(path), "--json", "--quiet"]
            else:
                (example,) = [p for p in EXAMPLES if p.stem == name]
                argv = ["run", str(example), "--out", str(path), "--json", "--quiet"]
            runs[name] = ScenarioRun(*run_cli(argv), path)
        return runs[name]

    return get
