"""The unresolved report as one self-contained page, ``exports/unresolved.html``.

It is the Markdown report (:mod:`kg.analysis.render`) turned into HTML by
Python-Markdown, in a page with its stylesheet inline and a
Content-Security-Policy that allows no script and no connection at all. Each
item links into the graph page beside it (``graph.html#item=<id>`` opens the
graph focused on that item). Every string from a document is escaped by the
Markdown renderer; the page is then parsed, and any element or attribute
outside the short list the report uses is refused, so a slip in escaping
fails loudly instead of reaching a reader.

>>> from kg.analysis.report import UnresolvedReport
>>> page = render_report_html(UnresolvedReport((), (), (), ()), title="<b>Case</b>")
>>> "<b>Case" in page, "&lt;b&gt;Case" in page
(False, True)
"""

from __future__ import annotations

import html
import os
import re
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import ExportError

__all__ = ["render_report_html", "write_report_html", "write"]

ASSETS = Path(__file__).with_name("html_assets")
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"
_TAGS = {"h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "code", "a", "blockquote", "hr", "br",
         "table", "thead", "tbody", "tr", "th", "td", "pre"}
_CELL_STYLE = re.compile(r"^text-align: (left|right|center);$")


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in _TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            if tag == "a" and name == "href" and (value.startswith("graph.html#item=") or re.match(r"^https?://", value)):
                continue
            if tag in ("th", "td") and name == "style" and _CELL_STYLE.match(value):
                continue
            self.problems.append(f"<{tag} {name}={value[:40]!r}>")

    def handle_comment(self, data):
        self.problems.append("<!-- -->")


def _body(markdown_text: str) -> str:
    import markdown

    # Python-Markdown does not take "\<" as an escape (CommonMark does): give it the entity instead.
    markdown_text = re.sub(r"\\([<>])", lambda m: "&lt;" if m.group(1) == "<" else "&gt;", markdown_text)
    body = markdown.markdown(markdown_text, extensions=["tables"], output_format="html")
    checker = _Checker()
    checker.feed(body)
    checker.close()
    if checker.problems:
        raise ExportError(f"the report page would contain markup it must not: {', '.join(checker.problems[:5])}")
    return body


def render_report_html(report, *, title: str = "What the record leaves unresolved") -> str:
    """The page for an :class:`~kg.analysis.report.UnresolvedReport`, as one string."""
    parts = {
        "CSP": html.escape(CSP, quote=True),
        "TITLE": html.escape(title, quote=True),
        "CSS": (ASSETS / "report.css").read_text(encoding="utf-8"),
        "BODY": _body(report.to_markdown()),
    }
    template = (ASSETS / "report.html").read_text(encoding="utf-8")
    return re.sub(r"@@([A-Z]+)@@", lambda m: parts[m.group(1)], template)


def write_report_html(report, path: str | os.PathLike, **kw) -> None:
    """Render the report page and write it to ``path`` atomically."""
    from kg.atomic import atomic_write

    page = render_report_html(report, **kw)
    with atomic_write(path) as out:
        out.write(page)


def write(graph, path: str | os.PathLike) -> None:
    """The exporter interface: gather the report of ``graph`` and write its page."""
    from kg.analysis.report import unresolved

    write_report_html(unresolved(graph), path)
