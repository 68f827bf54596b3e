"""Sweeps on Dask: a design of conditions (and virtual subjects) computed in chunks, each one compiled
call, on a local cluster or a running Dask scheduler, streamed into a Zarr store that a killed run
resumes without recomputing finished chunks.

>>> from magnesim.sweep import sweep, summarize                                   # doctest: +SKIP
>>> result = sweep("examples/sweep/zuspan_population.yaml", "pop.zarr", workers=2) # doctest: +SKIP
>>> summarize(result.open()).peak_serum_total_mM                                   # doctest: +SKIP
"""

from ._design import Design, design
from ._engine import SweepResult, run_chunk, sweep
from ._spec import SweepSpec, read_sweep
from ._summary import summarize

__all__ = ["Design", "SweepResult", "SweepSpec", "design", "read_sweep", "run_chunk", "summarize", "sweep"]
