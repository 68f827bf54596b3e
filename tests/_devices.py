"""Tests of splitting work across devices need several: on one, ``shard=True`` runs unsharded and the
comparison would be a run with itself."""

import jax
import pytest

import magnesim.cell  # noqa: F401  (sets up one host device per core before jax starts)

several_devices = pytest.mark.skipif(len(jax.local_devices()) < 2, reason="needs several devices (one core here)")
