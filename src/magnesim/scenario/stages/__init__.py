"""The neural experiments a scenario can run: one module per stage, each defining ``STAGE``
(:class:`Stage`). Adding an experiment to scenarios means adding a module here; the scenario schema,
the checks, the pipeline, the summary and the outcome figure read the stages from ``STAGES``."""

from __future__ import annotations

import importlib
import pkgutil

from ._stage import Outcome, Stage, StageResult

__all__ = ["STAGES", "Outcome", "Stage", "StageResult"]


def _discover() -> tuple[Stage, ...]:
    modules = (importlib.import_module(f"{__name__}.{m.name}") for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    return tuple(sorted((m.STAGE for m in modules), key=lambda s: s.order))


STAGES = _discover()
