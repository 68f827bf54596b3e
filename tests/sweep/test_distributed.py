"""Sweeps on a real Dask LocalCluster with 2 worker processes (issue 14), no mocks: equality with the
in-process result, a worker killed mid-sweep, and a whole run killed with SIGKILL then resumed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import pytest
import xarray as xr
import yaml

from magnesim.sweep import sweep
from magnesim.sweep._engine import WORKER_XLA_FLAGS
from magnesim.sweep._store import done_chunks

# physiological model (RK4, 1-min steps): chunks long enough that a kill lands mid-sweep
SLOW = {"name": "slow", "kind": "body", "body": {"model": "physiological", "regimen": "zuspan", "duration": "30 h", "output_step": "1 h",
                                                  "subject": {"weight": "70 kg", "creatinine": "0.8 mg/dL", "pregnant": True}},
        "population": 3200, "chunk": 200, "seed": 11, "keep": ["csf_ionized_mM"]}
BLOCK = {"name": "block-10k", "kind": "block", "grid": {"mg": "0.05:5:0.05 mM", "v": "-100:-1:1 mV"}, "chunk": 2500}


def _same(a: xr.Dataset, b: xr.Dataset) -> None:
    """Bitwise equal data, coordinates and attributes."""
    assert a.attrs == b.attrs
    for k in a.variables:
        assert a[k].dtype == b[k].dtype, k
        assert a[k].values.tobytes() == b[k].values.tobytes(), k


def _done(store) -> int:
    """Chunks written so far (0 while the template is still being created)."""
    try:
        return int(done_chunks(store).sum())
    except (FileNotFoundError, KeyError, ValueError):
        return 0


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The slow sweep uninterrupted on a LocalCluster of 2 workers."""
    store = tmp_path_factory.mktemp("ref") / "ref.zarr"
    result = sweep(SLOW, store, scheduler="local", workers=2)
    assert result.computed == tuple(range(16)) and len(result.worker_peak_rss_mb) == 2
    return xr.open_zarr(store).load()


def test_block_sweep_on_dask_equals_in_process(tmp_path):
    local = sweep(BLOCK, tmp_path / "dask.zarr", scheduler="local", workers=2).open().load()
    inproc = sweep(BLOCK, tmp_path / "inproc.zarr", scheduler="inprocess").open().load()
    assert local.condition.size == 10_000
    _same(local, inproc)


def test_body_sweep_on_dask_matches_in_process(reference, tmp_path):
    """Workers run XLA with one thread, this process with its defaults: rows agree to rounding (matrix
    products may sum in another order); with the workers' XLA flags they are bitwise equal
    (test_in_process_with_worker_flags_is_bitwise)."""
    inproc = sweep(SLOW, tmp_path / "inproc.zarr", scheduler="inprocess").open().load()
    for k in reference.data_vars:
        np.testing.assert_allclose(inproc[k].values, reference[k].values, rtol=1e-12, atol=1e-13, err_msg=k)
    np.testing.assert_array_equal(inproc.weight_kg.values, reference.weight_kg.values)


def test_in_process_with_worker_flags_is_bitwise(reference, tmp_path):
    store = tmp_path / "flags.zarr"
    code = f"from magnesim.sweep import sweep; sweep({SLOW!r}, {str(store)!r}, scheduler='inprocess')"
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "XLA_FLAGS": WORKER_XLA_FLAGS}, timeout=600)
    _same(xr.open_zarr(store).load(), reference)


@pytest.mark.slow
def test_worker_killed_mid_sweep_is_retried(reference, tmp_path):
    from distributed import LocalCluster

    store = tmp_path / "killed-worker.zarr"
    # only the sweep's own client talks to the cluster (two clients in one process race on event loops)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40,
                      env={"XLA_FLAGS": WORKER_XLA_FLAGS}) as cluster:
        victim = next(iter(cluster.workers.values())).pid

        at_kill = []

        def kill_when_started():
            while _done(store) < 1:
                time.sleep(0.02)
            os.kill(victim, signal.SIGKILL)
            at_kill.append(_done(store))

        killer = threading.Thread(target=kill_when_started)
        killer.start()
        result = sweep(SLOW, store, scheduler=cluster.scheduler_address)
        killer.join()
    assert at_kill and at_kill[0] < 16, at_kill  # the worker died mid-sweep
    assert result.computed == tuple(range(16))
    _same(xr.open_zarr(store).load(), reference)


@pytest.mark.slow
def test_run_killed_and_resumed_equals_uninterrupted(reference, tmp_path):
    spec = tmp_path / "slow.yaml"
    spec.write_text(yaml.safe_dump(SLOW))
    store = tmp_path / "resumed.zarr"
    cmd = [sys.executable, "-m", "magnesim", "sweep", str(spec), "--out", str(store), "--workers", "2", "--quiet"]
    proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while _done(store) < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the CLI, its scheduler and its worker processes
        proc.wait()
    before = done_chunks(store)
    assert 3 <= before.sum() < before.size, "the kill should land mid-sweep"
    result = sweep(SLOW, store, scheduler="local", workers=2, resume=True)
    assert set(result.computed).isdisjoint(np.flatnonzero(before)) and result.skipped == before.sum()
    _same(xr.open_zarr(store).load(), reference)
