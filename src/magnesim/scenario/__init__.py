"""Scenarios: a subject, a regimen, a tissue and the neural experiments to run, from YAML to results."""

from ._load import (
    DEFAULT_SCENARIO,
    ScenarioPlan,
    check_scenario,
    load_scenario,
    parse_scenario,
    plan_scenario,
    read_scenario_text,
    scenario_subject,
)
from ._schema import Scenario, scenario_model

__all__ = ["DEFAULT_SCENARIO", "Scenario", "ScenarioPlan", "check_scenario", "load_scenario", "parse_scenario", "plan_scenario",
           "read_scenario_text", "scenario_model", "scenario_subject"]
