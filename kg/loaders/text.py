"""Reading one document file into text: the one reader behind ``kg ingest`` and ``kg build --documents``.

The encoding policy, in order:

1. a byte-order mark (UTF-8 or UTF-16) decides;
2. else an encoding the document declares (an HTML ``<meta charset>`` or an XML
   declaration) decides, Latin-1 read as Windows-1252 as browsers do;
3. else the bytes are UTF-8 if they decode as UTF-8;
4. else they are read as Windows-1252 (a superset of Latin-1's printable characters), unless
   a byte has no character there, the file also holds characters written as UTF-8 (two
   encodings mixed), or most of the letters would come out accented, which means another
   encoding: then the file is refused.

UTF-8 is decoded as is (a byte-order mark stays in the text), so character offsets match a
plain ``bytes.decode("utf-8")`` of the file. HTML is reduced to its main text by trafilatura;
offsets then refer to that text. Every refusal is a :class:`LoadError` naming the file, and
the line where the line is known.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from kg.errors import LoadError

__all__ = ["TextFile", "read_bytes", "decode", "kind_of", "html_main_text", "read_text_file"]

_CHUNK = 1 << 16
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_MARKDOWN_SUFFIXES = {".md", ".markdown"}
_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<article|<meta)", re.IGNORECASE)
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*(?P<meta>[\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["'](?P<xml>[\w.:-]+)""",
    re.IGNORECASE,
)
#: Declared names read as another encoding, as browsers read them (WHATWG Encoding).
_READ_AS = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}
#: A character of two or more bytes as UTF-8 writes it; Windows-1252 text next to none by chance.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
#: Past this share of accented letters, Windows-1252 is the wrong guess (Western text has a few percent).
_MOST_LETTERS_ACCENTED = 0.3
#: Formats that are not text, by their first bytes.
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
_READS = "kg reads plain text, Markdown or HTML"


@dataclass(frozen=True)
class TextFile:
    """One document as read: its digest, its text (an HTML page's main text), kind and encoding."""

    path: Path
    sha256: str
    text: str
    kind: str  # "text", "markdown" or "html"
    encoding: str
    html: str | None = None  # the decoded page, for its metadata


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


def read_bytes(path: Path, max_bytes: int, size_option: str) -> bytes:
    """The file's bytes, refusing anything that is not a regular file, or is over ``max_bytes``, before reading.

    The file is opened without blocking and checked through its descriptor, so a FIFO, a
    device or a socket is refused at once (a FIFO would otherwise wait forever for a
    writer), also when it replaced the file after a check. ``size_option`` names the option
    that raises the limit.
    """
    if path.is_dir():
        raise LoadError(path, None, "is a folder, not a document")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as e:
        raise LoadError(path, None, f"cannot read: {e.strerror or e}") from e
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise LoadError(path, None, "is a folder, not a document")
        if not stat.S_ISREG(info.st_mode):
            raise LoadError(
                path, None, f"not a regular file ({_file_kind(info.st_mode)}); kg reads only regular files"
            )
        too_large = f"over the {max_bytes:,}-byte limit ({size_option})"
        if info.st_size > max_bytes:
            raise LoadError(path, None, f"too large: {info.st_size:,} bytes, {too_large}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        try:
            # Read in chunks and stop past the limit: the size can lie (a growing file).
            while chunk := handle.read(_CHUNK):
                total += len(chunk)
                if total > max_bytes:
                    raise LoadError(path, None, f"too large: {too_large}")
                chunks.append(chunk)
        except OSError as e:
            raise LoadError(path, None, f"cannot read: {e.strerror or e}") from e
    return b"".join(chunks)


def _file_kind(mode: int) -> str:
    kinds = (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def _line(raw: bytes, offset: int) -> int:
    return raw[:offset].count(b"\n") + 1


def decode(path: Path, raw: bytes) -> tuple[str, str]:
    """The text of ``raw`` and the encoding it was read in, by the policy above.

    >>> decode(Path("a.txt"), "Zoë said".encode("utf-8"))
    ('Zoë said', 'utf-8')
    >>> decode(Path("a.txt"), "Åsa Lindström said".encode("latin-1"))
    ('Åsa Lindström said', 'cp1252')
    >>> decode(Path("a.html"), '<meta charset="koi8-r"><p>Привет</p>'.encode("koi8-r"))
    ('<meta charset="koi8-r"><p>Привет</p>', 'koi8-r')
    """
    for magic, what in _MAGIC.items():
        if raw.startswith(magic):
            raise LoadError(path, None, f"binary file ({what}); {_READS}")
    if raw.startswith(codecs.BOM_UTF8):
        return _no_nul(path, _strict(path, raw, "utf-8")), "utf-8"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _no_nul(path, _strict(path, raw, "utf-16")), "utf-16"
    declared = (
        _declared(path, raw) if kind_of(path, raw[:512]) == "html" or raw.startswith(b"<?xml") else None
    )
    if declared:
        return _no_nul(path, _strict(path, raw, declared)), declared
    try:
        return _no_nul(path, raw.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as e:
        first_bad = e.start
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as e:
        raise LoadError(
            path,
            _line(raw, e.start),
            f"neither UTF-8 nor Windows-1252 (Latin-1) text: byte 0x{raw[e.start]:02x} at offset {e.start} "
            "has no character in either; save the file as UTF-8",
        ) from e
    mixed = _UTF8_SEQUENCE.search(raw)
    if mixed:
        raise LoadError(
            path,
            _line(raw, first_bad),
            f"mixes UTF-8 (line {_line(raw, mixed.start())}) with another encoding (byte 0x{raw[first_bad]:02x} at "
            f"offset {first_bad}); save the file as UTF-8",
        )
    letters = [ch for ch in text if ch.isalpha()]
    if letters and sum(ord(ch) > 127 for ch in letters) / len(letters) > _MOST_LETTERS_ACCENTED:
        raise LoadError(
            path,
            _line(raw, first_bad),
            f"not UTF-8 (byte 0x{raw[first_bad]:02x} at offset {first_bad}), and read as Windows-1252 most of "
            "its letters would be accented, so it is in another encoding; save the file as UTF-8",
        )
    return _no_nul(path, text), "cp1252"


def _declared(path: Path, raw: bytes) -> str | None:
    """The encoding an HTML or XML document declares in its head, checked to exist."""
    match = _DECLARED.search(raw[:4096])
    if match is None:
        return None
    name = (match.group("meta") or match.group("xml")).decode("ascii").lower()
    name = _READ_AS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise LoadError(path, _line(raw, match.start()), f"declares the unknown encoding {name!r}") from None


def _strict(path: Path, raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as e:
        raise LoadError(
            path,
            _line(raw, e.start),
            f"not {encoding} text, as its byte-order mark or declaration says: byte 0x{raw[e.start]:02x} at "
            f"offset {e.start}",
        ) from e


def _no_nul(path: Path, text: str) -> str:
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise LoadError(path, line, f"binary data (a NUL character); {_READS}")
    return text


def html_main_text(path: Path, html: str) -> str:
    """The main text of an HTML page, as trafilatura extracts it (no markup, scripts or navigation).

    ``kg ingest`` quotes and counts offsets in this text, and ``kg build --documents``
    checks them in it.
    """
    import trafilatura

    text = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    if not text or not text.strip():
        raise LoadError(path, None, "no main text found in this HTML page")
    return text


def read_text_file(
    path: str | Path, *, max_bytes: int, size_option: str, raw: bytes | None = None
) -> TextFile:
    """Read, check and decode one document; HTML is reduced to its main text.

    ``raw``, when the caller has read the bytes already (to check a digest first), is used
    as the file's content.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d, "a.txt"); _ = p.write_bytes("Åsa said so.\\n".encode("latin-1"))
    ...     document = read_text_file(p, max_bytes=100, size_option="--max-size")
    >>> document.text, document.kind, document.encoding
    ('Åsa said so.\\n', 'text', 'cp1252')
    """
    path = Path(path)
    if raw is None:
        raw = read_bytes(path, max_bytes, size_option)
    if not raw.strip():
        raise LoadError(path, None, "empty file: nothing to read")
    text, encoding = decode(path, raw)
    kind = kind_of(path, raw[:512])
    html = None
    if kind == "html":
        html, text = text, html_main_text(path, text)
    if not text.strip():
        raise LoadError(path, None, "empty file: nothing to read")
    return TextFile(path, hashlib.sha256(raw).hexdigest(), text, kind, encoding, html)
