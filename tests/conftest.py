"""Test configuration: hypothesis without deadlines (timing is measured in benchmarks/, never asserted
in tests) and derandomised on CI so that a failure there is reproducible."""

import os

from hypothesis import settings

settings.register_profile("magnesim", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "magnesim")
