"""Reading a scenario: safe YAML, the pydantic schema, then checks that need the models (regimen text,
model names, times within the simulated span). Every failure is one :class:`ScenarioError` line
naming the field path, the value and what is accepted."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .._spec_fields import subject_from_spec
from .._spec_files import read_text, validate_mapping, yaml_data
from ..errors import MagnesimError, ScenarioError
from ..units import HOURS, to_kernel, to_kernel_array
from ._schema import Scenario

__all__ = ["DEFAULT_SCENARIO", "check_scenario", "load_scenario", "parse_scenario", "read_scenario_text", "scenario_subject"]

DEFAULT_SCENARIO = "default"


def read_scenario_text(source: str | Path | None = None) -> tuple[str, str]:
    """(YAML text, where it came from) of file ``source`` (None or "default": the embedded default scenario)."""
    if source is None or str(source) == DEFAULT_SCENARIO:
        return resources.files(__package__).joinpath("data/default.yaml").read_text(encoding="utf-8"), "default scenario"
    return read_text(source, "scenario", "a YAML scenario file or 'default'")


def load_scenario(source: str | Path | None = None) -> Scenario:
    """The validated scenario of file ``source`` (None or "default": the embedded default scenario)."""
    return parse_scenario(*read_scenario_text(source))


def parse_scenario(text: str, where: str = "scenario") -> Scenario:
    """Validate YAML ``text``; errors are prefixed with ``where``."""
    scenario = validate_mapping(yaml_data(text, where), Scenario, where, "scenario")
    check_scenario(scenario, where)
    return scenario


def scenario_subject(s: Scenario):
    """The scenario's :class:`~magnesim.body.Subject` (its bounds are the body layer's)."""
    return subject_from_spec(s.subject)


def check_scenario(s: Scenario, where: str = "scenario") -> None:
    """Checks that need the models: the regimen text, model names, the subject, the output grid, the
    tissue for the route, times within the run, and every experiment setting within the experiment's
    own bounds. Raises :class:`ScenarioError` with the field path."""
    from ..body import DT_H, MODELS, output_times, resolve_regimen
    from ..experiments.energetics import MG_I
    from ..experiments.excitotox import CONCENTRATIONS, EXPOSURES
    from ..experiments.network import durations
    from ..experiments.windup import FREQUENCIES, STIMULI
    from ..receptor import get_model

    def fail(path: str, exc: MagnesimError) -> None:
        raise ScenarioError(f"{where}: {path}: {exc.reason()}") from None

    try:
        regimen = resolve_regimen(s.regimen)
    except MagnesimError as exc:
        fail("regimen", exc)
    model = s.body.model.strip().lower()
    if model not in MODELS:
        raise ScenarioError(f"{where}: body.model: got {s.body.model!r}; accepted: {', '.join(MODELS)}")
    try:
        scenario_subject(s)
    except MagnesimError as exc:
        raise ScenarioError(f"{where}: subject.{exc}") from None
    span = to_kernel(s.body.duration, "body.duration", HOURS)
    try:
        output_times(span, to_kernel(s.body.output_step, "body.output_step", HOURS), DT_H if model == "physiological" else None)
    except MagnesimError as exc:
        fail("body.duration" if exc.parameter == "hours" else "body.output_step", exc)
    if model != "physiological" and s.tissue != "serum":
        raise ScenarioError(f"{where}: tissue: got {s.tissue!r}; accepted: serum with a population-PK body model "
                            f"(only the physiological model has CSF and local tissue)")
    if s.tissue == "local" and not any(e.route == "topical" for e in regimen.events):
        raise ScenarioError(f"{where}: tissue: got 'local'; accepted: local only with a topical regimen (a cream or spray on an area)")
    for i, t in enumerate(s.times):
        if to_kernel(t, "times", HOURS) > span:
            raise ScenarioError(f"{where}: times.{i}: got {t!r} (after the end); accepted: times within body.duration ({s.body.duration})")
    ex = s.experiments
    settings = []
    if ex.block is not None:
        try:
            get_model(ex.block.model)
        except MagnesimError as exc:
            fail("experiments.block.model", exc)
    if ex.windup is not None:
        settings.append(("windup.frequency", ex.windup.frequency, FREQUENCIES))
        lo, hi = STIMULI
        if ex.windup.stimuli is not None and not lo <= ex.windup.stimuli <= hi:
            raise ScenarioError(f"{where}: experiments.windup.stimuli: got {ex.windup.stimuli}; accepted: a whole number from {lo} to {hi}")
    if ex.network is not None:
        settings.append(("network.duration", ex.network.duration, durations()))
    if ex.excitotox is not None:
        settings += [("excitotox.conc", ex.excitotox.conc, CONCENTRATIONS), ("excitotox.duration", ex.excitotox.duration, EXPOSURES)]
    if ex.energetics is not None:
        settings.append(("energetics.mg_i", ex.energetics.mg_i, MG_I))
    for path, text, kind in settings:
        if text is not None:
            try:
                to_kernel_array(text, path, kind)
            except MagnesimError as exc:
                fail(f"experiments.{path}", exc)
