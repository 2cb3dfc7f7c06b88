"""Reading an article: the shared document reader, plus what an article says about itself.

The bytes are read, checked and decoded by :func:`kg.loaders.text.read_text_file`, the same
reader ``kg build --documents`` uses, so both commands accept and refuse the same files and
quote the same text. Plain text and Markdown are kept exactly as decoded, so character
offsets into the text are offsets into the file; HTML is reduced to its main text. This
module adds the article's title and publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import LoadError
from kg.loaders.text import read_text_file

__all__ = ["Article", "MAX_BYTES", "read_article", "document_text"]

#: A news article is a few kilobytes; anything past this is refused unread.
MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Article:
    """One document ready for extraction."""

    path: Path
    sha256: str
    text: str
    kind: str  # "text", "markdown" or "html"
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD from the document's own metadata
    encoding: str = "utf-8"
    publisher: str | None = None  # the site's name from the page's metadata ("The Guardian")


def _html_metadata(html: str) -> tuple[str | None, str | None, str | None]:
    import trafilatura

    metadata = trafilatura.extract_metadata(html, extensive=False)
    title = (metadata.title or "").strip() or None if metadata else None
    date = metadata.date if metadata and metadata.date else None
    if date and not re.match(r"^\d{4}-\d{2}-\d{2}$", date):
        date = None
    site = " ".join((metadata.sitename or "").split())[:120] or None if metadata else None
    return title, date, site


_DATE_LINE = re.compile(r"\A\ufeff?date:[ \t]*(?P<date>\S+)[ \t]*\r?\n", re.IGNORECASE)


def _date_line(path: Path, text: str) -> str | None:
    """The publication date a text file gives on its first line (``date: 2026-03-12``), checked."""
    m = _DATE_LINE.match(text)
    if m is None:
        return None
    value = m.group("date")
    from kg.ingest.dates import parse_iso

    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) or parse_iso(value) is None:
        raise LoadError(path, 1, f"the 'date:' line must give a real date as YYYY-MM-DD, not {value[:40]!r}")
    return value


def _first_line_title(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip().lstrip("\ufeff")
        if line and not _DATE_LINE.match(line + "\n"):
            return line[:200]
    return None


def read_article(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Article:
    """Read, check and decode one article; HTML is reduced to its main text.

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d, "a.txt"); _ = p.write_text("Acme outage\\n\\nAcme said so.\\n")
    ...     a = read_article(p)
    >>> a.title, a.kind, a.sha256[:12]
    ('Acme outage', 'text', '551610843e09')
    """
    document = read_text_file(path, max_bytes=max_bytes, size_option="--max-size")
    if document.html is not None:
        title, date, site = _html_metadata(document.html)
    else:
        title, date, site = None, _date_line(document.path, document.text), None
    return Article(
        path=document.path,
        sha256=document.sha256,
        text=document.text,
        kind=document.kind,
        title=title or _first_line_title(document.text),
        date=date,
        encoding=document.encoding,
        publisher=site,
    )


def document_text(path: str | Path, *, max_bytes: int = MAX_BYTES) -> str:
    """The text that an ingested draft's spans and quotes refer to.

    For plain text and Markdown this is the file decoded as is; for HTML it is trafilatura's
    main text. ``kg build --documents`` reads the same text through the same reader.
    """
    return read_article(path, max_bytes=max_bytes).text
