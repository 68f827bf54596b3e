"""Shared output helpers: JSON on stdout, plot-path checks, figure saving."""

from __future__ import annotations

import contextlib
import itertools
import json
import math
import sys
import time
from pathlib import Path

from ..errors import MagnesimError, ParameterError, invalid

__all__ = ["Progress", "as_options", "check_out_dir", "check_plot_path", "conditions", "emit_json", "json_text", "save_figure"]


@contextlib.contextmanager
def as_options(**names: str):
    """Report API parameter names as the command's option names (``mg_i`` → ``--mg-in``)."""
    try:
        yield
    except MagnesimError as exc:
        if exc.parameter in names:
            raise exc.with_path(names[exc.parameter], replace=True) from None
        raise

_FORMATS = (".png", ".svg", ".pdf")


def json_text(obj) -> str:
    """``obj`` as strict JSON text: non-finite floats become null."""

    def clean(x):
        if isinstance(x, float) and not math.isfinite(x):
            return None
        if isinstance(x, dict):
            return {k: clean(v) for k, v in x.items()}
        if isinstance(x, list | tuple):
            return [clean(v) for v in x]
        return x

    return json.dumps(clean(obj), indent=2) + "\n"


def emit_json(obj) -> None:
    """Print ``obj`` as JSON (non-finite floats become null, so the output is strict JSON)."""
    sys.stdout.write(json_text(obj))


def check_plot_path(plot: str | None) -> Path | None:
    """Validate ``--plot`` before any work is done, so a bad path costs nothing."""
    if plot is None:
        return None
    path = Path(plot)
    accepted = f"a file path ending in {', '.join(_FORMATS)} in an existing directory"
    if path.suffix.lower() not in _FORMATS:
        raise ParameterError(invalid("--plot", plot, accepted, "unsupported format"))
    if not path.parent.exists() or not path.parent.is_dir():
        raise ParameterError(invalid("--plot", plot, accepted, "directory does not exist"))
    return path


def check_out_dir(out: str) -> Path:
    """Create the ``--out`` directory before any work is done, so that a bad path costs nothing."""
    path = Path(out)
    accepted = "a directory that exists or can be created"
    if path.exists() and not path.is_dir():
        raise ParameterError(invalid("--out", out, accepted, "a file is in the way"))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ParameterError(invalid("--out", out, accepted, exc.strerror or type(exc).__name__)) from None
    return path


class Progress:
    """A one-line progress bar on stderr (stage k of n, elapsed time); as a context manager it ends
    its line even when the work fails, so that an error message starts on a line of its own."""

    def __init__(self, stages: list[str], quiet: bool):
        self.stages, self.quiet, self.start, self.done = stages, quiet, time.perf_counter(), 0

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        if not self.quiet:
            sys.stderr.write("\n")
            sys.stderr.flush()

    def __call__(self, stage: str) -> None:
        self.done = self.stages.index(stage) if stage in self.stages else self.done
        self._draw(stage)

    def finish(self, stage: str) -> None:
        self.done = len(self.stages)
        self._draw(stage)

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def _draw(self, stage: str) -> None:
        if self.quiet:
            return
        width, n = 24, len(self.stages)
        filled = int(width * self.done / n)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{n} {stage:<11} {self.elapsed:5.1f} s")
        sys.stderr.flush()


def save_figure(fig, path: Path) -> None:
    fig.savefig(path, dpi=150, bbox_inches="tight")
    print(f"figure written to {path}", file=sys.stderr)


def conditions(ds, dims):
    """Every combination of ``dims`` of a Dataset, first dimension slowest: (coordinate values as
    Python scalars, the Dataset at that combination)."""
    for index in itertools.product(*(range(ds.sizes[d]) for d in dims)):
        at = ds.isel(dict(zip(dims, index, strict=True)))
        yield {d: at[d].item() for d in dims}, at
