"""magnesim: magnesium in the nervous system, from a dose to a neuron.

Subpackages, each importing only from those listed before it:

- :mod:`magnesim.units`, :mod:`magnesim.errors`, :mod:`magnesim.params` — units at the boundary,
  the exception hierarchy, literature parameters with citations;
- :mod:`magnesim.receptor` — NMDA-receptor Mg2+ block models;
- :mod:`magnesim.experiments` — named protocols returning xarray Datasets;
- :mod:`magnesim.report`, :mod:`magnesim.cli` — figures and the command line.

Importing :mod:`magnesim` is cheap; numerical subpackages load JAX when first imported, and enable
JAX's 64-bit mode (kernels keep the dtype of their inputs).
"""

from ._cores import expose_cpu_cores as _expose_cpu_cores

_expose_cpu_cores()

from ._provenance import version as _version  # noqa: E402

__version__ = _version()

__all__ = ["__version__"]
