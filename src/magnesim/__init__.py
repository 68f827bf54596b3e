"""magnesim: magnesium in the nervous system, from a dose to a neuron.

Subpackages, each importing only from those listed before it:

- :mod:`magnesim.units`, :mod:`magnesim.errors`, :mod:`magnesim.params` — units at the boundary,
  the exception hierarchy, literature parameters with citations;
- :mod:`magnesim.receptor` — NMDA-receptor Mg2+ block models;
- :mod:`magnesim.experiments` — named protocols returning xarray Datasets;
- :mod:`magnesim.report`, :mod:`magnesim.cli` — figures and the command line.

Importing :mod:`magnesim` is cheap and changes no process-wide setting. :func:`magnesim.configure`
applies magnesim's JAX settings (one host device per CPU core, 64-bit mode); the command line calls
it. Numerical subpackages load JAX when first imported and enable 64-bit mode unless
``configure(x64=False)`` was called (kernels keep the dtype of their inputs).
"""

from ._configure import Configuration, configure
from ._provenance import version as _version

__version__ = _version()

__all__ = ["Configuration", "__version__", "configure"]
