"""Building blocks of magnesim's self-contained HTML pages: the style sheet, inline PNG figures
(base64) and escaped tables. No scripts, no external resources."""

from __future__ import annotations

import base64
import html
import io

import numpy as np

__all__ = ["figure", "page", "table"]

_CSS = """body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;color:#222}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}
th{background:#f3f3f3}pre{background:#f7f7f7;padding:1em;overflow-x:auto}img{max-width:100%}
figure{margin:1em 0}figcaption{font-size:13px;color:#555}"""


def _png_base64(fig) -> str:
    """The figure as base64 PNG text (for a ``data:`` URL); the figure is closed."""
    from ._mpl import pyplot

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    pyplot().close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def page(title: str, heading: str, parts) -> str:
    """A whole HTML document: ``title``, an <h1> ``heading`` (both escaped), then the HTML ``parts``."""
    head = (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{_CSS}</style></head><body><h1>{html.escape(heading)}</h1>")
    return "\n".join([head, *parts, "</body></html>"])


def figure(fig, caption: str) -> str:
    """A <figure> with the matplotlib ``fig`` inline (the figure is closed) and its caption."""
    text = html.escape(caption)
    return f"<figure><img alt='{text}' src='data:image/png;base64,{_png_base64(fig)}'><figcaption>{text}</figcaption></figure>"


def table(header, rows) -> str:
    """An HTML table with every cell escaped (floats to 4 significant digits)."""
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(_fmt(c))}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _fmt(x) -> str:
    if isinstance(x, float | np.floating):
        return f"{x:.4g}"
    return str(x)
