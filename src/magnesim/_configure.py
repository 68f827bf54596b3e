"""magnesim's process-wide JAX settings, applied when asked: :func:`configure`.

Importing :mod:`magnesim` changes nothing. ``configure()`` — called by the command line and the test
suite before anything imports JAX — exposes every CPU core to JAX as a device, so that the neuron
engine can shard a sweep across cores, and enables JAX's 64-bit mode. The numerical layers need
64-bit numbers (body kinetics, calibration, validation): the first of them to be imported enables
64-bit mode itself unless ``configure(x64=False)`` was called, in which case float64 work runs in
float32 at the caller's choice. Kernels keep the dtype of their inputs either way, so float32 inputs
(large neural sweeps) run in float32.
"""

from __future__ import annotations

import numbers
import os
import re
import sys
from dataclasses import dataclass
from typing import Literal

from .errors import ParameterError, invalid

__all__ = ["Configuration", "configure"]

_DEVICE_FLAG = "xla_force_host_platform_device_count"
_chosen: dict[str, bool] = {}


@dataclass(frozen=True)
class Configuration:
    """What :func:`configure` leaves in effect: ``x64`` (JAX 64-bit mode) and ``cpu_devices`` (the host
    device count XLA_FLAGS asks for, set by this or an earlier call or by the user; None when it asks
    for none)."""

    x64: bool
    cpu_devices: int | None


def configure(*, x64: bool = True, cpu_devices: int | Literal["all"] | None = "all") -> Configuration:
    """Apply magnesim's JAX settings to this process; call it before importing JAX for ``cpu_devices``
    to take effect (XLA reads its flags once). Safe to call more than once.

    ``x64``: JAX 64-bit mode (``jax_enable_x64``). ``cpu_devices``: "all" (one host device per core),
    a number of devices, or None to leave XLA's choice; ignored when ``XLA_FLAGS`` already sets a
    device count or JAX is already imported (GPU backends are unaffected). The command line calls it
    with these defaults, so running the CLI in a process re-enables 64-bit mode."""
    if not isinstance(x64, bool):
        raise ParameterError(invalid("x64", x64, "True or False"))
    if not (cpu_devices is None or cpu_devices == "all" or (isinstance(cpu_devices, numbers.Integral) and not isinstance(cpu_devices, bool)
                                                            and cpu_devices >= 1)):
        raise ParameterError(invalid("cpu_devices", cpu_devices, "'all', a whole number of devices (1 or more) or None"))
    count = (os.cpu_count() or 1) if cpu_devices == "all" else cpu_devices
    flags = os.environ.get("XLA_FLAGS", "")
    if count is not None and count > 1 and "jax" not in sys.modules and _DEVICE_FLAG not in flags:
        os.environ["XLA_FLAGS"] = f"{flags} --{_DEVICE_FLAG}={int(count)}".strip()
    asked = re.search(rf"{_DEVICE_FLAG}=(\d+)", os.environ.get("XLA_FLAGS", ""))
    _chosen["x64"] = x64
    if "jax" in sys.modules:
        sys.modules["jax"].config.update("jax_enable_x64", x64)
    else:  # read by JAX when it is imported (and inherited by worker processes started from here)
        os.environ["JAX_ENABLE_X64"] = "1" if x64 else "0"
    return Configuration(x64, int(asked.group(1)) if asked else None)


def x64_unless_declined(jax) -> None:
    """The numerical layers' requirement: 64-bit mode, unless ``configure(x64=False)`` chose otherwise."""
    if _chosen.get("x64", True):
        jax.config.update("jax_enable_x64", True)
