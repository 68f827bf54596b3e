"""Tests of splitting work across devices need several: on one, ``shard=True`` runs unsharded and the
comparison would be a run with itself. (tests/conftest.py calls magnesim.configure() before any test
module imports JAX, which exposes one host device per core.)"""

import jax
import pytest

several_devices = pytest.mark.skipif(len(jax.local_devices()) < 2, reason="needs several devices (one core here)")
