"""A self-contained HTML page of the claims audit: a summary table, then each claim with its quote,
experiment, numbers, figure (inline PNG) and verdict with the reason. No scripts, no external resources."""

from __future__ import annotations

import html

from .._provenance import version
from .claims_figures import claim_figure
from .html_parts import figure, page, table

__all__ = ["claims_report"]


def claims_report(claims, runtime_s: float | None = None) -> str:
    """The HTML text of the audit of ``claims`` (from :func:`magnesim.claims.audit`)."""
    parts = ["<p>The ten numbered claims of the source article, each tested with magnesim's models. Verdicts follow the "
             "models' numbers by the thresholds stated in each claim's module (<code>magnesim.claims.claim_01</code> …), not the article.</p>",
             table(("claim", "verdict", "evidence"), [(c.number, c.verdict, c.evidence) for c in claims])]
    for c in claims:
        caption = f"Claim {c.number}: {c.experiment}"
        parts.append(
            f"<h2 id='claim-{c.number}'>Claim {c.number}: {html.escape(c.verdict)}</h2>"
            f"<blockquote>“{html.escape(c.quote)}”</blockquote>"
            f"<p><b>Experiment.</b> {html.escape(c.experiment)}</p>"
            + figure(claim_figure(c), caption) +
            f"<p><b>Verdict: {html.escape(c.verdict)}.</b> {html.escape(c.reason)}</p>"
            + table(("number", "value"), list(c.numbers.items())))
    tail = f"magnesim {html.escape(version())}" + ("" if runtime_s is None else f"; audit ran in {runtime_s:.0f} s")
    parts.append(f"<h2>Provenance</h2><p>{tail}</p>")
    return page("magnesim: claims audit", "Claims audit", parts)
