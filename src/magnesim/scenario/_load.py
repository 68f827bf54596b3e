"""Reading a scenario: safe YAML, the pydantic schema, then checks that need the models (regimen text,
model names, times within the simulated span). Every failure is one :class:`ScenarioError` line
naming the field path, the value and what is accepted."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .._spec_fields import subject_from_spec
from .._spec_files import read_text, validate_mapping, yaml_data
from ..errors import MagnesimError, ScenarioError, invalid
from ..units import HOURS, to_kernel
from ._schema import Scenario

__all__ = ["DEFAULT_SCENARIO", "ScenarioPlan", "check_scenario", "load_scenario", "parse_scenario", "plan_scenario", "read_scenario_text", "scenario_subject"]

DEFAULT_SCENARIO = "default"


def read_scenario_text(source: str | Path | None = None) -> tuple[str, str]:
    """(YAML text, where it came from) of file ``source`` (None or "default": the embedded default scenario)."""
    if source is None or str(source) == DEFAULT_SCENARIO:
        return resources.files(__package__).joinpath("data/default.yaml").read_text(encoding="utf-8"), "default scenario"
    return read_text(source, "scenario", "a YAML scenario file or 'default'")


def load_scenario(source: str | Path | None = None) -> Scenario:
    """The validated scenario of file ``source`` (None or "default": the embedded default scenario)."""
    return parse_scenario(*read_scenario_text(source))


def parse_scenario(text: str, where: str = "scenario", schema: type[Scenario] = Scenario) -> Scenario:
    """Validate YAML ``text``; errors are prefixed with ``where``."""
    return plan_scenario(text, where, schema).scenario


def plan_scenario(text: str, where: str = "scenario", schema: type[Scenario] = Scenario) -> ScenarioPlan:
    """Validate YAML ``text`` against ``schema`` (:func:`~magnesim.scenario.scenario_model`) and check it
    against the models (once): the plan that :func:`~magnesim.scenario.pipeline.run_scenario` runs.
    Errors are prefixed with ``where``."""
    return check_scenario(validate_mapping(yaml_data(text, where), schema, where, "scenario"), where)


def scenario_subject(s: Scenario):
    """The scenario's :class:`~magnesim.body.Subject` (its bounds are the body layer's)."""
    return subject_from_spec(s.subject)


@dataclass(frozen=True)
class ScenarioPlan:
    """A checked scenario with its quantities converted once (kernel units: h; each stage's settings as
    its ``resolve`` returns them, for the stages the scenario runs, in run order)."""

    scenario: Scenario
    subject: object  # magnesim.body.Subject
    duration_h: float
    output_step_h: float
    times_h: tuple[float, ...]
    settings: dict[str, dict]


def check_scenario(s: Scenario, where: str = "scenario") -> ScenarioPlan:
    """Checks that need the models: the regimen text, model names, the subject, the output grid, the
    tissue for the route, times within the run, and every experiment setting within the experiment's
    own bounds. Raises :class:`ScenarioError` with the field path; returns the plan that
    :func:`~magnesim.scenario.pipeline.run_scenario` runs."""
    from ..body import DT_H, MODELS, output_times, resolve_regimen

    try:
        regimen = resolve_regimen(s.regimen)
    except MagnesimError as exc:
        raise exc.with_path(f"{where}: regimen", replace=True, as_type=ScenarioError) from None
    model = s.body.model.strip().lower()
    if model not in MODELS:
        raise ScenarioError(invalid(f"{where}: body.model", s.body.model, ", ".join(MODELS)))
    try:
        subject = scenario_subject(s)
    except MagnesimError as exc:
        raise exc.with_path(f"{where}: subject", as_type=ScenarioError) from None
    span = to_kernel(s.body.duration, "body.duration", HOURS)
    step = to_kernel(s.body.output_step, "body.output_step", HOURS)
    try:
        output_times(span, step, DT_H if model == "physiological" else None)
    except MagnesimError as exc:
        raise exc.with_path(f"{where}: " + ("body.duration" if exc.parameter == "hours" else "body.output_step"), replace=True,
                             as_type=ScenarioError) from None
    if model != "physiological" and s.tissue != "serum":
        raise ScenarioError(invalid(f"{where}: tissue", s.tissue, "serum with a population-PK body model "
                                    "(only the physiological model has CSF and local tissue)"))
    if s.tissue == "local" and not any(e.route == "topical" for e in regimen.events):
        raise ScenarioError(invalid(f"{where}: tissue", s.tissue, "local only with a topical regimen (a cream or spray on an area)"))
    times = tuple(to_kernel(t, "times", HOURS) for t in s.times)
    for i, (text, t) in enumerate(zip(s.times, times, strict=True)):
        if t > span:
            raise ScenarioError(invalid(f"{where}: times.{i}", text, f"times within body.duration ({s.body.duration})", "after the end"))
    settings = {}
    for name, stage in type(s).stages.items():
        spec = getattr(s.experiments, name)
        if spec is not None:
            try:
                settings[name] = stage.resolve(spec)
            except MagnesimError as exc:
                raise exc.with_path(f"{where}: experiments.{name}", as_type=ScenarioError) from None
    return ScenarioPlan(s, subject, span, step, times, settings)
