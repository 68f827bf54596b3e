"""Scenarios: a subject, a regimen, a tissue and the neural experiments to run, from YAML to results."""

from ._load import DEFAULT_SCENARIO, check_scenario, load_scenario, parse_scenario, read_scenario_text, scenario_subject
from ._schema import Scenario

__all__ = ["DEFAULT_SCENARIO", "Scenario", "check_scenario", "load_scenario", "parse_scenario", "read_scenario_text", "scenario_subject"]
