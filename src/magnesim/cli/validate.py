"""``magnesim validate``: every shipped validation target, observed vs predicted, by layer."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import UnknownNameError, invalid
from ._output import emit_json

__all__ = ["validate"]


def _layers(layer: str | None) -> tuple[str, ...]:
    from ..validation import LAYERS

    if layer is None:
        return LAYERS
    chosen = tuple(x.strip() for x in layer.split(",") if x.strip())
    unknown = [x for x in chosen if x not in LAYERS]
    if unknown or not chosen:
        raise UnknownNameError(invalid("--layer", layer, ", ".join(LAYERS)))
    return chosen


def _fmt(x: float) -> str:
    return f"{x:.4g}"


def validate(
    layer: Annotated[str | None, typer.Option("--layer", help="Only these layers (comma-separated).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list of {id, source, observed, predicted, tolerance, passed, ...}.")] = False,
) -> None:
    """Compare the models with every published target shipped with magnesim (failures are reported, not hidden)."""
    from ..validation import summary_line
    from ..validation import validate as run_targets

    layers = _layers(layer)
    if as_json:
        emit_json([o.record() for o in run_targets(layers)])
        return
    outcomes = []
    for name in layers:
        group = run_targets((name,))
        outcomes += group
        print(f"\n{name} ({summary_line(group)})")
        print(f"  {'':4} {'id':<22} {'observed':>10} {'predicted':>10} {'tolerance':>18} {'unit':<9} {'role':<14} source")
        for o in group:
            r = o.record()
            print(f"  {'ok' if o.passed else 'FAIL':4} {r['id']:<22} {_fmt(r['observed']):>10} {_fmt(r['predicted']):>10} "
                  f"{r['tolerance']:>18} {r['unit']:<9} {r['role']:<14} {r['source']}", flush=True)
    print()
    print(summary_line(outcomes))
