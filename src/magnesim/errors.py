"""The exception hierarchy of magnesim.

Every error magnesim raises on bad input derives from :class:`MagnesimError` and also from the
builtin exception a Python user would expect (``TypeError`` for a wrong kind of quantity,
``ValueError`` for a bad value, ``LookupError`` for an unknown name), so that both
``except MagnesimError`` and ``except ValueError`` work.

Messages follow one pattern, built by :func:`invalid`: the parameter, the value received and what
is accepted, on one line. The CLI prints that line and exits with status 2.
"""

from __future__ import annotations

__all__ = [
    "DataFileError",
    "MagnesimError",
    "ParameterError",
    "ScenarioError",
    "UnitError",
    "UnknownNameError",
    "invalid",
]


class MagnesimError(Exception):
    """Base class of every error magnesim raises on purpose."""


class UnitError(MagnesimError, TypeError):
    """A quantity has the wrong dimension, or its unit cannot be read."""


class ParameterError(MagnesimError, ValueError):
    """A value has the right kind but is not accepted (negative, non-finite, out of range, empty)."""


class UnknownNameError(MagnesimError, LookupError):
    """A model, subunit, salt, parameter or other name is not known."""

    def __str__(self) -> str:  # LookupError/KeyError would quote the message; keep it plain
        return str(self.args[0]) if self.args else ""


class ScenarioError(MagnesimError, ValueError):
    """A scenario file or specification is malformed."""


class DataFileError(MagnesimError, ValueError):
    """A data file shipped with (or given to) magnesim does not match its schema."""


def _show(value: object) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 80 else text[:77] + "..."


def invalid(parameter: str, value: object, accepted: str, detail: str = "") -> str:
    """One-line message: ``<parameter>: got <value>[ (<detail>)]; accepted: <accepted>``."""
    extra = f" ({detail})" if detail else ""
    return f"{parameter}: got {_show(value)}{extra}; accepted: {accepted}"
