"""Test configuration: hypothesis without deadlines (timing is measured in benchmarks/, never asserted
in tests) and derandomised on CI so that a failure there is reproducible; the headless browser."""

import os

from hypothesis import settings

import magnesim

magnesim.configure()  # first, before any test module imports JAX: one host device per core, 64-bit mode

from ._browser import browser  # noqa: E402, F401  (a session fixture for every test package)

settings.register_profile("magnesim", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "magnesim")
