"""Random seeds of the experiments: whole numbers from 0 to 2**32 − 1, given as numbers or comma text."""

from __future__ import annotations

import numpy as np

from ..errors import ParameterError, invalid

__all__ = ["seeds"]


def seeds(seed, many: bool = True) -> np.ndarray:
    """The seed(s) as int64 (one or more with ``many``, exactly one without)."""
    accepted = "whole numbers from 0 to 4294967295, comma-separated" if many else "a whole number from 0 to 4294967295"
    try:
        values = np.atleast_1d(np.asarray([int(s) for s in seed.split(",") if s.strip()] if isinstance(seed, str) else seed))
    except ValueError:
        raise ParameterError(invalid("seed", seed, accepted)) from None
    if (values.dtype.kind not in "iu" or values.ndim != 1 or values.size == 0 or (not many and values.size != 1)
            or values.min() < 0 or values.max() >= 2**32):
        raise ParameterError(invalid("seed", seed, accepted))
    return values.astype(np.int64)
