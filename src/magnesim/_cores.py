"""Expose every CPU core to JAX as a device, so that the neuron engine can shard sweeps across cores.

On CPU, JAX runs one computation on one core. When JAX has not been imported yet and ``XLA_FLAGS``
does not already choose a device count, magnesim asks XLA for one host device per core
(``--xla_force_host_platform_device_count``). Computations that are not sharded still run on the
first device, exactly as before; GPU backends are unaffected. Import magnesim before JAX for this
to take effect; set ``XLA_FLAGS`` yourself to choose otherwise.
"""

from __future__ import annotations

import os
import sys


def expose_cpu_cores() -> None:
    flags = os.environ.get("XLA_FLAGS", "")
    if "jax" in sys.modules or "xla_force_host_platform_device_count" in flags:
        return
    cores = os.cpu_count() or 1
    if cores > 1:
        os.environ["XLA_FLAGS"] = f"{flags} --xla_force_host_platform_device_count={cores}".strip()
