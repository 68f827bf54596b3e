"""A real browser for the report tests: headless Chromium (Debian packages ``chromium`` and
``chromium-driver``) driven by Selenium, and the check every report page must pass.

Without Chromium, chromedriver or Selenium the browser fixture skips, unless
MAGNESIM_REQUIRE_BROWSER=1 (set by ``.ci/run``, which installs the browser), where it fails.
Selenium is pointed at the installed chromedriver and browser, so Selenium Manager never downloads
anything."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

__all__ = ["browser", "page_problems"]

_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--window-size=1280,1000")

# Per image: whether it has loaded, its decoded width and its size on the page.
_IMAGES_JS = """return Array.from(document.images, (img, i) => {
  const r = img.getBoundingClientRect();
  return {name: img.alt || ('image ' + i), complete: img.complete, natural: img.naturalWidth, width: r.width, height: r.height};
});"""


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """One headless Chromium for the test session, with its console log captured."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    chromedriver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    missing = [p for p in (chromium, chromedriver) if not os.path.exists(p)]
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing.append("the Python package selenium (pip install '.[test]')")
    if missing:
        reason = f"browser check of report.html needs {', '.join(missing)} (Debian: apt-get install chromium chromium-driver)"
        if os.environ.get("MAGNESIM_REQUIRE_BROWSER") == "1":
            pytest.fail(f"MAGNESIM_REQUIRE_BROWSER=1 but the {reason}")
        pytest.skip(reason)
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in _FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")  # fresh, empty
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def page_problems(driver, page: Path) -> tuple[list[str], int]:
    """Open ``page`` (file://) in ``driver``; return (problems found, number of <img>). A problem is
    a page that did not finish loading, a missing title or <h1>, a SEVERE console entry, or an image
    that did not load, did not decode or takes no room on the page."""
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(page.resolve().as_uri())  # returns after the load event
    problems = []
    state = driver.execute_script("return document.readyState")
    if state != "complete":
        problems.append(f"document.readyState is {state!r}")
    if not driver.title.strip():
        problems.append("no <title>")
    if not driver.execute_script("return Array.from(document.querySelectorAll('h1'), h => h.textContent.trim()).some(Boolean)"):
        problems.append("no <h1>")
    images = driver.execute_script(_IMAGES_JS)
    for img in images:
        if not (img["complete"] and img["natural"] > 0):
            problems.append(f"{img['name']!r} did not load (complete={img['complete']}, naturalWidth={img['natural']})")
        elif not (img["width"] > 0 and img["height"] > 0):
            problems.append(f"{img['name']!r} is not displayed ({img['width']} x {img['height']} px)")
    problems += [f"console {e['level']}: {e['message']}" for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    return problems, len(images)
