"""``magnesim claims``: the ten claims of the source article, each with numbers, a figure and a verdict."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from ..errors import ParameterError, invalid
from ._output import emit_json, json_text

__all__ = ["claims"]


def claims(
    out: Annotated[str, typer.Option("--out", help="Directory for claims.html and claims.json.")] = "magnesim-claims",
    as_json: Annotated[bool, typer.Option("--json", help="Print the verdicts as JSON.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress on stderr.")] = False,
) -> None:
    """Audit the article's ten claims with the models: numbers, figure and verdict for each (~35 s on two cores)."""
    out_dir = Path(out)
    if out_dir.exists() and not out_dir.is_dir():
        raise ParameterError(invalid("--out", out, "a directory (existing or new)", "a file is in the way"))
    from ..claims import audit
    from ..report.claims_report import claims_report

    start = time.perf_counter()

    def progress(number: int) -> None:
        if not quiet:
            sys.stderr.write(f"\rclaim {number}/10  {time.perf_counter() - start:5.1f} s")
            sys.stderr.flush()

    results = audit(progress)
    runtime = time.perf_counter() - start
    out_dir.mkdir(parents=True, exist_ok=True)
    summaries = [c.summary() for c in results]
    (out_dir / "claims.json").write_text(json_text(summaries), encoding="utf-8")
    (out_dir / "claims.html").write_text(claims_report(results, runtime), encoding="utf-8")
    if not quiet:
        sys.stderr.write(f"\rclaims audited in {runtime:.0f} s; wrote {out_dir / 'claims.html'} and {out_dir / 'claims.json'}\n")
    if as_json:
        emit_json(summaries)
        return
    print(f"{'claim':>5}  {'verdict':<18} evidence")
    for c in results:
        print(f"{c.number:>5}  {c.verdict:<18} {c.evidence}")
