"""``magnesim.configure()``: importing magnesim changes no process-wide setting; configure() applies the
JAX settings (one host device per core before JAX loads, 64-bit mode); the numerical layers enable
64-bit mode themselves unless configure(x64=False) declined it. Each case runs in a fresh interpreter,
since these are process-wide settings."""

import json
import os
import subprocess
import sys

import pytest

from magnesim import configure
from magnesim.errors import ParameterError


def _fresh(code: str, **env) -> dict:
    environ = {k: v for k, v in os.environ.items() if k not in ("XLA_FLAGS", "JAX_ENABLE_X64")} | env
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environ, check=True, timeout=300)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_importing_magnesim_changes_nothing():
    seen = _fresh("import json, os, sys, magnesim; print(json.dumps({'flags': os.environ.get('XLA_FLAGS'), "
                  "'x64': os.environ.get('JAX_ENABLE_X64'), 'jax': 'jax' in sys.modules}))")
    assert seen == {"flags": None, "x64": None, "jax": False}


def test_configure_before_jax_sets_devices_and_64_bit_mode():
    seen = _fresh("import json, magnesim; c = magnesim.configure(cpu_devices=2); import jax, jax.numpy as jnp; "
                  "print(json.dumps({'devices': len(jax.devices('cpu')), 'applied': c.cpu_devices, 'dtype': str(jnp.ones(1).dtype)}))")
    assert seen == {"devices": 2, "applied": 2, "dtype": "float64"}


def test_a_numerical_layer_enables_64_bit_mode_unless_declined():
    code = ("import json, magnesim; {pre}from magnesim.body import Subject, simulate_pk; import jax; "
            "ds = simulate_pk('4 g MgSO4.7H2O IV over 20 min', hours=1.0); "
            "print(json.dumps({{'x64': bool(jax.config.jax_enable_x64), 'devices': len(jax.devices('cpu'))}}))")
    assert _fresh(code.format(pre="")) == {"x64": True, "devices": 1}  # no configure(): 64-bit, XLA's own device count
    assert _fresh(code.format(pre="magnesim.configure(x64=False, cpu_devices=None); ")) == {"x64": False, "devices": 1}


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"x64": "yes"}, "x64: got 'yes'; accepted: True or False"),
    ({"cpu_devices": 0}, "cpu_devices: got 0; accepted: 'all', a whole number"),
    ({"cpu_devices": "many"}, "cpu_devices: got 'many'; accepted: 'all'"),
])
def test_bad_settings_are_one_line_errors(kwargs, message):
    with pytest.raises(ParameterError) as info:
        configure(**kwargs)
    assert str(info.value).startswith(message)
