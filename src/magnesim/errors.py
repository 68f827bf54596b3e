"""The exception hierarchy of magnesim.

Every error magnesim raises on bad input derives from :class:`MagnesimError` and also from the
builtin exception a Python user would expect (``TypeError`` for a wrong kind of quantity,
``ValueError`` for a bad value, ``LookupError`` for an unknown name), so that both
``except MagnesimError`` and ``except ValueError`` work.

Messages follow one pattern, built by :func:`invalid`: the parameter, the value received and what
is accepted, on one line. Errors keep those fields (``exc.parameter``, ``exc.value``,
``exc.accepted``) and :meth:`MagnesimError.with_path` renames or places the parameter, so no caller
parses a message. The CLI prints the line and exits with status 2.
"""

from __future__ import annotations

__all__ = [
    "DataFileError",
    "Invalid",
    "MagnesimError",
    "ParameterError",
    "ScenarioError",
    "UnitError",
    "UnknownNameError",
    "invalid",
]


class MagnesimError(Exception):
    """Base class of every error magnesim raises on purpose.

    Built from :func:`invalid`'s message, an error keeps its fields — ``parameter``, ``value``,
    ``accepted`` and ``detail`` — and formats them in ``str()``; callers that rename or place the
    parameter (CLI options, scenario field paths) use :meth:`with_path` instead of editing text.
    Built from any other message, the fields are None and ``str()`` is the message.
    """

    def __init__(self, message: object = "", /):
        super().__init__(message)
        fields = message if isinstance(message, Invalid) else None
        self.parameter: str | None = fields.parameter if fields else None
        self.value = fields.value if fields else None
        self.accepted: str | None = fields.accepted if fields else None
        self.detail: str = fields.detail if fields else ""

    def __str__(self) -> str:
        if self.parameter is None:
            return str(self.args[0]) if self.args else ""
        return f"{self.parameter}: {self.reason()}"

    def reason(self) -> str:
        """The message without the parameter's name: ``got <value>[ (<detail>)]; accepted: <accepted>``."""
        if self.parameter is None:
            return str(self)
        extra = f" ({self.detail})" if self.detail else ""
        return f"got {_show(self.value)}{extra}; accepted: {self.accepted}"

    def with_path(self, path: str, *, replace: bool = False, as_type: type[MagnesimError] | None = None) -> MagnesimError:
        """The same error (or, with ``as_type``, that kind of error), its parameter placed under
        ``path`` (``path.parameter``) or, with ``replace``, renamed to ``path``. An error without
        fields gets ``path: message``."""
        kind = as_type or type(self)
        if self.parameter is None:
            return kind(f"{path}: {self}")
        return kind(invalid(path if replace else f"{path}.{self.parameter}", self.value, self.accepted, self.detail))


class UnitError(MagnesimError, TypeError):
    """A quantity has the wrong dimension, or its unit cannot be read."""


class ParameterError(MagnesimError, ValueError):
    """A value has the right kind but is not accepted (negative, non-finite, out of range, empty)."""


class UnknownNameError(MagnesimError, LookupError):
    """A model, subunit, salt, parameter or other name is not known."""



class ScenarioError(MagnesimError, ValueError):
    """A scenario file or specification is malformed."""


class DataFileError(MagnesimError, ValueError):
    """A data file shipped with (or given to) magnesim does not match its schema."""


def _show(value: object) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 80 else text[:77] + "..."


class Invalid(str):
    """The one-line message of :func:`invalid`, which keeps the fields it was made from."""

    def __new__(cls, parameter: str, value: object, accepted: str, detail: str = ""):
        extra = f" ({detail})" if detail else ""
        self = super().__new__(cls, f"{parameter}: got {_show(value)}{extra}; accepted: {accepted}")
        self.parameter, self.value, self.accepted, self.detail = parameter, value, accepted, detail
        return self

    def __getnewargs__(self):  # pickling (errors cross process boundaries in distributed sweeps)
        return (self.parameter, self.value, self.accepted, self.detail)


def invalid(parameter: str, value: object, accepted: str, detail: str = "") -> Invalid:
    """One-line message: ``<parameter>: got <value>[ (<detail>)]; accepted: <accepted>``, with its fields
    kept for the error raised from it."""
    return Invalid(parameter, value, accepted, detail)
