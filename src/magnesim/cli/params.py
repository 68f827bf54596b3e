"""``magnesim params``: the literature parameter library."""

from __future__ import annotations

from typing import Annotated

import typer

from ._output import emit_json

__all__ = ["params"]


def params(
    search: Annotated[str | None, typer.Option("--search", help="Only parameters whose id, description, note or source mention TEXT.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """List literature parameters with value, unit, range, source and confidence."""
    from ..params import library

    lib = library()
    found = lib.search(search) if search else list(lib.values())
    if as_json:
        emit_json([
            {
                "id": p.id, "symbol": p.symbol, "description": p.description, "value": p.value, "unit": p.unit,
                "range": list(p.range), "confidence": p.confidence, "evidence": p.evidence,
                "source": p.citation.full() if p.citation else p.source, "note": p.note,
            }
            for p in found
        ])
        return
    if not found:
        print(f"no parameter mentions {search!r}")
        return
    width = max(len(p.id) for p in found)
    for p in found:
        value = f"{p.value:g} {p.unit if p.unit != 'dimensionless' else ''}".strip()
        print(f"{p.id:<{width}}  {value:<18} [{p.range[0]:g}, {p.range[1]:g}]  {p.confidence:<6}  {p.citation.short() if p.citation else p.source}")
    print(f"{len(found)} parameter(s)")
