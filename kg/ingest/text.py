"""Reading an article: bytes → checked, decoded main text with its metadata.

Plain text and Markdown are kept exactly as decoded, so character offsets
into the text are offsets into the file. HTML goes through trafilatura,
which keeps the main text and drops scripts, styles, navigation and markup;
offsets then refer to that extracted text (see :func:`document_text`).

Every refusal is a :class:`LoadError` naming the file: too large, empty,
binary, or text in an encoding that cannot be told.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from kg.errors import LoadError

__all__ = ["Article", "MAX_BYTES", "read_article", "decode", "document_text", "kind_of"]

#: A news article is a few kilobytes; anything past this is refused unread.
MAX_BYTES = 5 * 1024 * 1024

_CHUNK = 1 << 16
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_MARKDOWN_SUFFIXES = {".md", ".markdown"}
_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<article|<meta)", re.IGNORECASE)
# Formats that are not text, by their first bytes.
_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or a Word/Excel file)",
    b"\x1f\x8b": "gzip-compressed data",
    b"\x7fELF": "an executable",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
}


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


def kind_of(path: Path, head: bytes) -> str:
    """ "html", "markdown" or "text", from the suffix or, failing that, the first bytes.

    >>> kind_of(Path("a.txt"), b"<!DOCTYPE html><html>")
    'html'
    >>> kind_of(Path("notes.md"), b"# Title")
    'markdown'
    """
    suffix = path.suffix.lower()
    if suffix in _HTML_SUFFIXES or _HTML_START.match(head):
        return "html"
    if suffix in _MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


def _read_bounded(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing anything that is not a regular file, or is over ``max_bytes``, before reading.

    The file is opened without blocking and checked through its descriptor, so
    a FIFO, a device or a socket is refused at once (a FIFO would otherwise
    wait forever for a writer), also when it replaced the file after a check.
    """
    if path.is_dir():
        raise LoadError(path, None, "is a folder, not an article")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as e:
        raise LoadError(path, None, f"cannot read: {e.strerror or e}") from e
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise LoadError(path, None, "is a folder, not an article")
        if not stat.S_ISREG(info.st_mode):
            raise LoadError(path, None, f"not a regular file ({_file_kind(info.st_mode)}); kg ingest reads only regular files")
        if info.st_size > max_bytes:
            raise LoadError(path, None, f"too large: {info.st_size:,} bytes, over the {max_bytes:,}-byte limit for one article")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        try:
            # Read in chunks and stop past the limit: the size can lie (a growing file).
            while chunk := handle.read(_CHUNK):
                total += len(chunk)
                if total > max_bytes:
                    raise LoadError(path, None, f"too large: over the {max_bytes:,}-byte limit for one article")
                chunks.append(chunk)
        except OSError as e:
            raise LoadError(path, None, f"cannot read: {e.strerror or e}") from e
    return b"".join(chunks)


def _file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def _refuse_binary(path: Path, raw: bytes) -> None:
    for magic, what in _MAGIC.items():
        if raw.startswith(magic):
            raise LoadError(path, None, f"binary file ({what}); kg ingest reads plain text, Markdown or HTML")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 with a byte-order mark has NULs but is text
    if b"\x00" in raw[:8192]:
        raise LoadError(path, None, "binary file (NUL bytes); kg ingest reads plain text, Markdown or HTML")


def decode(path: Path, raw: bytes) -> tuple[str, str]:
    """Decode ``raw`` as UTF-8, or as the encoding charset-normalizer detects.

    Returns the text and the encoding's name. UTF-8 is decoded as is (a
    byte-order mark stays in the text) so that offsets match a plain
    ``bytes.decode("utf-8")`` of the same file.

    >>> decode(Path("a.txt"), "Zoë said".encode("utf-8"))
    ('Zoë said', 'utf-8')
    """
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        first_bad = e.start
    from kg.errors import require_extra

    best = require_extra("charset_normalizer", "ingest", "reading text that is not UTF-8").from_bytes(raw).best()
    if best is None or best.encoding is None:
        line = raw[:first_bad].count(b"\n") + 1
        raise LoadError(path, line, f"not UTF-8 (byte 0x{raw[first_bad]:02x} at offset {first_bad}) and the encoding could not be detected; save the file as UTF-8")
    text = str(best)
    if _control_ratio(text) > 0.01:
        raise LoadError(path, None, f"not text: decoding as {best.encoding} gives control characters; kg ingest reads plain text, Markdown or HTML")
    return text, best.encoding


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / len(text)


def _html_main_text(path: Path, html: str) -> tuple[str, str | None, str | None]:
    import trafilatura

    from kg.loaders.documents import html_main_text

    text = html_main_text(path, html)  # the same text kg build --documents reads
    metadata = trafilatura.extract_metadata(html, extensive=False)
    title = (metadata.title or "").strip() or None if metadata else None
    date = metadata.date if metadata and metadata.date else None
    if date and not re.match(r"^\d{4}-\d{2}-\d{2}$", date):
        date = None
    return text, title, date


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
    path = Path(path)
    raw = _read_bounded(path, max_bytes)
    if not raw.strip():
        raise LoadError(path, None, "empty file: nothing to ingest")
    _refuse_binary(path, raw)
    sha256 = hashlib.sha256(raw).hexdigest()
    text, encoding = decode(path, raw)
    kind = kind_of(path, raw[:512])
    title = date = None
    if kind == "html":
        text, title, date = _html_main_text(path, text)
    else:
        date = _date_line(path, text)
    if not text.strip():
        raise LoadError(path, None, "empty file: nothing to ingest")
    return Article(path=path, sha256=sha256, text=text, kind=kind, title=title or _first_line_title(text), date=date, encoding=encoding)


def document_text(path: str | Path, *, max_bytes: int = MAX_BYTES) -> str:
    """The text that an ingested draft's spans and quotes refer to.

    For plain text and Markdown in UTF-8 this is the file decoded as is; for
    HTML it is trafilatura's main text, for other encodings the decoded text.
    ``kg build --documents`` can use it to check quotes in any ingested file.
    """
    return read_article(path, max_bytes=max_bytes).text
