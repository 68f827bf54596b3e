"""``magnesim claims``: the ten claims of the source article, each with numbers, a figure and a verdict."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ._output import Progress, check_out_dir, json_text

__all__ = ["claims"]


def claims(
    out: Annotated[str, typer.Option("--out", help="Directory for claims.html and claims.json.")] = "magnesim-claims",
    as_json: Annotated[bool, typer.Option("--json", help="Print the verdicts as JSON.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress on stderr.")] = False,
) -> None:
    """Audit the article's ten claims with the models: numbers, figure and verdict for each (~30 s on two cores)."""
    out_dir = check_out_dir(out)
    from ..claims import audit
    from ..report.claims_report import claims_report

    with Progress([f"claim {n}" for n in range(1, 11)], quiet) as progress:
        results = audit(lambda number: progress(f"claim {number}"))
        runtime = progress.elapsed
        summaries = [c.summary() for c in results]
        text = json_text(summaries)
        (out_dir / "claims.json").write_text(text, encoding="utf-8")
        (out_dir / "claims.html").write_text(claims_report(results, runtime), encoding="utf-8")
        progress.finish("done")
    if as_json:
        sys.stdout.write(text)
        return
    print(f"claims audited in {runtime:.0f} s; wrote {out_dir / 'claims.html'} and {out_dir / 'claims.json'}", file=sys.stderr)
    print(f"{'claim':>5}  {'verdict':<18} evidence")
    for c in results:
        print(f"{c.number:>5}  {c.verdict:<18} {c.evidence}")
