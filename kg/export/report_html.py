"""The unresolved report as one self-contained page, ``exports/unresolved.html``.

It is the Markdown report (:func:`kg.export.report_text.markdown`) turned into HTML by
Python-Markdown, in a page with its stylesheet inline and a
Content-Security-Policy that allows no script and no connection at all. Each
item links into the graph page beside it (``graph.html#item=<id>`` opens the
graph focused on that item). Every string from a document is escaped by the
Markdown renderer; the page is then parsed, and any element or attribute
outside the short list the report uses is refused, so a slip in escaping
fails loudly instead of reaching a reader.

>>> from kg.analysis.report import UnresolvedReport
>>> from kg.export.report_text import markdown
>>> page = report_page(markdown(UnresolvedReport((), (), (), ())), title="<b>Case</b>")
>>> "<b>Case" in page, "&lt;b&gt;Case" in page
(False, True)
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import ExportError

__all__ = ["report_page", "TITLE"]

ASSETS = Path(__file__).with_name("html_assets")
TITLE = "What the record leaves unresolved"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"
_TAGS = {"h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "code", "a", "blockquote", "hr", "br",
         "table", "thead", "tbody", "tr", "th", "td", "pre", "details", "summary"}
_ID = re.compile(r"^[a-z0-9_-]*$")
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
            if tag in ("h1", "h2", "h3", "h4") and name == "id" and _ID.match(value):
                continue  # every heading an anchor, so a finding can be linked: unresolved.html#its-heading
            self.problems.append(f"<{tag} {name}={value[:40]!r}>")

    def handle_comment(self, data):
        self.problems.append("<!-- -->")


def _body(markdown_text: str) -> str:
    import markdown

    # Python-Markdown does not take "\<" as an escape (CommonMark does): give it the entity instead.
    markdown_text = re.sub(r"\\([<>])", lambda m: "&lt;" if m.group(1) == "<" else "&gt;", markdown_text)
    # md_in_html: the collapsed details blocks hold Markdown (a weights table); toc: an id on every heading.
    body = markdown.markdown(markdown_text, extensions=["tables", "md_in_html", "toc"], output_format="html")
    checker = _Checker()
    checker.feed(body)
    checker.close()
    if checker.problems:
        raise ExportError(f"the report page would contain markup it must not: {', '.join(checker.problems[:5])}")
    return body


def report_page(markdown_text: str, *, title: str = TITLE) -> str:
    """The page for the report's Markdown (:func:`kg.export.report_text.markdown`), as one string."""
    from kg.templates import fill

    css = (ASSETS / "report.css").read_text(encoding="utf-8")
    return fill(ASSETS, "report.html", csp=CSP, title=title, css=css, body=_body(markdown_text))
