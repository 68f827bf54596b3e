"""JAX set-up shared by the numerical layers.

Body kinetics, calibration and validation need float64: importing this module (which every
numerical layer does) enables JAX's 64-bit mode unless ``magnesim.configure(x64=False)`` was called.
Kernels keep the dtype of their inputs, so float32 arrays still run in float32 for large neural
sweeps. The one-host-device-per-core setting is made only by :func:`magnesim.configure`, before JAX
is imported.
"""

from __future__ import annotations

import dataclasses

import jax
import jax.numpy as jnp
import numpy as np

from ._configure import x64_unless_declined

x64_unless_declined(jax)

__all__ = ["array_namespace", "enable_compilation_cache", "jax", "pytree_dataclass"]


def enable_compilation_cache() -> None:
    """Keep compiled programs on disk between runs (JAX's persistent compilation cache), for commands
    whose compilation dominates a run (``magnesim tdm``: ~30 s the first time, ~8 s after). The
    folder is $MAGNESIM_CACHE_DIR, else ~/.cache/magnesim/jax; MAGNESIM_CACHE_DIR=off disables it."""
    import os
    from pathlib import Path

    folder = os.environ.get("MAGNESIM_CACHE_DIR", str(Path.home() / ".cache" / "magnesim" / "jax"))
    if folder.lower() in ("off", "0", "none", ""):
        return
    jax.config.update("jax_compilation_cache_dir", folder)
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.5)


def pytree_dataclass(cls):
    """Freeze ``cls`` as a dataclass and register it as a JAX pytree.

    Float fields are pytree leaves (so parameters can be batched with ``vmap`` or differentiated);
    fields marked ``metadata={"static": True}`` are static.
    """
    cls = dataclasses.dataclass(frozen=True)(cls)
    fields = dataclasses.fields(cls)
    data = [f.name for f in fields if not f.metadata.get("static")]
    meta = [f.name for f in fields if f.metadata.get("static")]
    return jax.tree_util.register_dataclass(cls, data_fields=data, meta_fields=meta)


def array_namespace(*values):
    """``numpy`` when every value is concrete NumPy/Python data, else ``jax.numpy``.

    Instantaneous models are written against this namespace: called with NumPy arrays they run
    eagerly in NumPy (no compilation; the CLI's fast path and the benchmark's NumPy reference);
    called with JAX arrays, or traced under ``jit``, ``vmap`` or ``grad``, they are JAX code.
    Model parameters count as values, so a model whose parameters are traced stays in JAX.
    """
    leaves = jax.tree_util.tree_leaves(values)
    return jnp if any(isinstance(x, jax.Array) for x in leaves) else np
