"""The report of ``magnesim run`` in a real browser: report.html of each example and of the default
scenario must load without console errors and show every figure (browser: tests/_browser.py)."""

from __future__ import annotations

import pytest

from .._browser import page_problems
from ._support import SCENARIOS


@pytest.mark.parametrize("name", SCENARIOS)
def test_report_opens_in_chromium_without_errors_and_shows_every_figure(browser, scenario_run, name):
    result = scenario_run(name)  # shared with tests/scenario/test_scenario.py: each scenario runs once
    assert result.code == 0, result.err
    problems, n_images = page_problems(browser, result.report)
    assert problems == []
    n_figures = result.report.read_text(encoding="utf-8").count("<figure>")  # the figures the report holds
    assert n_figures >= 3 and n_images == n_figures
    assert browser.execute_script("return document.querySelectorAll('figure img').length") == n_figures


_PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


def test_the_checker_reports_a_broken_image_and_a_console_error(browser, tmp_path):
    """The check can fail: the same helper passes a sound page and flags both faults of a broken one."""
    body = "<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title></head><body><h1>t</h1>{}</body></html>"
    good = tmp_path / "good.html"
    good.write_text(body.format(f"<img alt='fine' src='data:image/png;base64,{_PNG_1PX}'>"))
    assert page_problems(browser, good) == ([], 1)

    bad = tmp_path / "bad.html"
    bad.write_text(body.format("<img alt='broken' src='data:image/png;base64,bm90IGEgUE5H!!'>"
                               "<script>console.error('deliberate failure')</script>"))
    problems, n_images = page_problems(browser, bad)
    assert n_images == 1
    assert any("'broken' did not load" in p for p in problems), problems
    assert any(p.startswith("console SEVERE") and "deliberate failure" in p for p in problems), problems
