"""Running a sweep's chunks: in this process, or as tasks on Dask distributed.

Each chunk is a task that computes its rows and writes them into the store itself (workers need
the store's path: on a cluster, a shared file system). Tasks carry deterministic keys and are
retried by Dask when a worker dies; a run that is killed is resumed with ``resume=True``, which
skips every chunk the store records as done. Local clusters use processes with one thread each,
started by spawn (JAX is not fork-safe), and one XLA thread per worker so that workers do not
compete for cores.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import ParameterError, ScenarioError, invalid
from ._design import Design, design
from ._kernels import compute
from ._spec import SweepSpec, read_sweep
from ._store import check_matches, create, done_chunks, write_chunk

__all__ = ["SweepResult", "run_chunk", "sweep"]

WORKER_XLA_FLAGS = "--xla_force_host_platform_device_count=1 --xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"


@dataclass(frozen=True)
class SweepResult:
    """What a run did: the store, how many chunks it computed and skipped, and its wall time."""

    store: str
    chunks: int
    computed: tuple[int, ...]
    skipped: int
    wall_s: float
    scheduler: str
    workers: int
    worker_peak_rss_mb: tuple[float, ...] = field(default=())

    def open(self):
        """The store as an xarray Dataset (lazy, dask-backed)."""
        import xarray as xr

        return xr.open_zarr(self.store)


@functools.lru_cache(maxsize=8)
def _design_of(spec_json: str) -> Design:
    from .._jax import enable_compilation_cache

    enable_compilation_cache()  # workers compile each chunk shape once, then reuse it across runs
    return design(SweepSpec.model_validate_json(spec_json))


def run_chunk(spec_json: str, store: str, i: int) -> int:
    """Compute chunk ``i`` of the sweep ``spec_json`` and write it to ``store`` (a Dask task)."""
    d = _design_of(spec_json)
    write_chunk(d, store, i, compute(d, i))
    return i


def _peak_rss_mb() -> float:
    """This process's peak resident memory (MB). Linux: VmHWM, which starts afresh at exec (unlike
    ru_maxrss, which a spawned worker inherits from the process that started it)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    import resource

    scale = 1024.0 if sys.platform != "darwin" else 1024.0**2  # ru_maxrss: kB on Linux, bytes on macOS
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def _client(scheduler: str, workers: int):
    import dask
    from distributed import Client, LocalCluster

    if scheduler != "local":
        return Client(scheduler), None
    dask.config.set({"distributed.worker.multiprocessing-method": "spawn", "distributed.worker.daemon": False})
    env = {"XLA_FLAGS": WORKER_XLA_FLAGS} | {k: os.environ[k] for k in ("MAGNESIM_CACHE_DIR",) if k in os.environ}
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40, env=env)
    return Client(cluster), cluster


def sweep(spec: str | Path | dict | SweepSpec, store: str | Path, *, scheduler: str = "local", workers: int = 2, resume: bool = False,
          progress: bool = False) -> SweepResult:
    """Run the sweep ``spec`` into the Zarr ``store``.

    ``scheduler``: "local" (a LocalCluster of ``workers`` processes), "inprocess" (this process, one
    chunk after another), or the address of a running Dask scheduler (``tcp://host:8786``).
    ``resume``: continue a store of the same sweep, skipping its finished chunks.
    """
    if isinstance(workers, bool) or not isinstance(workers, int | np.integer) or not 1 <= workers <= 1024:
        raise ParameterError(invalid("workers", workers, "a number of workers from 1 to 1024"))
    if not isinstance(scheduler, str) or not (scheduler in ("local", "inprocess") or "://" in scheduler):
        raise ParameterError(invalid("scheduler", scheduler, "local, inprocess, or a scheduler address such as tcp://host:8786"))
    d = design(read_sweep(spec))
    store = str(store)
    if Path(store).exists():
        if not resume:
            raise ScenarioError(f"--out: got '{store}' (it exists); accepted: a new path, or --resume to continue that sweep")
        check_matches(d, store)
    else:
        create(d, store)
    finished = done_chunks(store)
    pending = [i for i in range(d.n_chunks) if not finished[i]]
    spec_json = d.spec.model_dump_json()
    bar = _progress(progress, d.n_chunks, int(finished.sum()))
    t0 = time.perf_counter()
    computed, rss = [], ()
    if scheduler == "inprocess":
        for i in pending:
            computed.append(run_chunk(spec_json, store, i))
            bar.update(1)
        rss = (_peak_rss_mb(),)
    elif pending:
        computed, rss = _distributed(spec_json, store, pending, d.sha256, scheduler, workers, bar)
    bar.close()
    return SweepResult(store, d.n_chunks, tuple(sorted(computed)), d.n_chunks - len(pending), time.perf_counter() - t0,
                       scheduler, 1 if scheduler == "inprocess" else workers, tuple(rss))


def _distributed(spec_json, store, pending, sha, scheduler, workers, bar):
    from distributed import as_completed

    client, cluster = _client(scheduler, workers)
    try:
        keys = [f"magnesim-sweep-{sha[:16]}-{i}" for i in pending]
        futures = client.map(run_chunk, [spec_json] * len(pending), [store] * len(pending), pending, key=keys, retries=2, pure=False)
        computed = []
        for f in as_completed(futures):
            computed.append(f.result())
            bar.update(1)
        rss = tuple(client.run(_peak_rss_mb).values())
        return computed, rss
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _progress(show: bool, total: int, initial: int):
    from tqdm import tqdm

    return tqdm(total=total, initial=initial, unit="chunk", desc="sweep", disable=not show, file=sys.stderr)
