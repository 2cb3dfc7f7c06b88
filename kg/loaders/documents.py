"""Reading the sources' documents, for ``kg build --documents DIR``.

A source's ``document:`` names a file inside one of the documents folders.
The rules, each a :class:`LoadError` naming the case file and line of the
``document:`` key:

* the name must resolve, after symlinks, to a regular file inside the folder
  (no ``../``, no absolute paths, no symlink that leads out), so a case file
  cannot make kg read, quote or hash anything else on the machine;
* every named document must be found in one of the folders, searched in the
  order given;
* a document is at most :data:`MAX_DOCUMENT_BYTES` (``--max-document-size``),
  UTF-8 text (or HTML) and holds no NUL character;
* its SHA-256, when the source records one, must match.

HTML documents are read as their main text, the text ``kg ingest`` quotes
and counts offsets in (trafilatura, a dependency of kg).
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import LoadError

if TYPE_CHECKING:
    from kg.case import Case

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "Document",
    "read_documents",
    "document_folders",
    "html_main_text",
    "HTML_SUFFIXES",
]

#: A source document is an article or a report; anything past this is refused unread.
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024

HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@dataclass(frozen=True)
class Document:
    """A source's document: where it was read, and its text (an HTML page's main text)."""

    path: Path
    text: str


def document_folders(documents) -> list[Path]:
    """The documents folders, in search order; each must exist.

    >>> document_folders(None)
    []
    """
    if documents is None:
        return []
    items = [documents] if isinstance(documents, (str, os.PathLike)) else list(documents)
    folders = []
    for item in items:
        folder = Path(item)
        if not folder.is_dir():
            raise LoadError(folder, None, "documents folder not found")
        folders.append(folder)
    return folders


def _inside(folder: Path, name: str) -> Path | None:
    """``folder/name`` resolved, or None when it leads outside ``folder``."""
    root = folder.resolve()
    target = (folder / name).resolve()
    return target if target != root and target.is_relative_to(root) else None


def _read_bounded(path: Path, max_bytes: int, error) -> bytes:
    try:
        info = path.stat()
    except OSError as e:
        raise error(f"cannot read document {path}: {e.strerror or e}") from e
    if not stat.S_ISREG(info.st_mode):
        raise error(f"document {path} is not a regular file")
    if info.st_size > max_bytes:
        raise error(
            f"document {path} is too large: {info.st_size:,} bytes, over the {max_bytes:,}-byte limit (--max-document-size)"
        )
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)  # the size can lie (a growing file)
    except OSError as e:
        raise error(f"cannot read document {path}: {e.strerror or e}") from e
    if len(raw) > max_bytes:
        raise error(f"document {path} is too large: over the {max_bytes:,}-byte limit (--max-document-size)")
    return raw


def html_main_text(path: Path, html: str) -> str:
    """The main text of an HTML page, as trafilatura extracts it (no markup, scripts or navigation).

    ``kg ingest`` quotes and counts offsets in this text, and ``kg build
    --documents`` checks them in it; trafilatura is a dependency of kg itself.
    """
    from kg.errors import require_extra

    trafilatura = require_extra("trafilatura", "ingest", "reading HTML documents")

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


def _decode(path: Path, raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise LoadError(path, line, "document is not UTF-8 text") from e
    if "\x00" in text:
        raise LoadError(
            path, text[: text.index("\x00")].count("\n") + 1, "binary data (NUL character) in a document"
        )
    return text


def read_documents(
    case: "Case", documents=None, *, max_bytes: int = MAX_DOCUMENT_BYTES
) -> dict[str, Document]:
    """Source id → :class:`Document`, for every source of ``case`` that names a ``document:``.

    ``documents`` is a folder or a list of folders; with none, no document is read.
    """
    folders = document_folders(documents)
    if not folders:
        return {}
    texts: dict[str, Document] = {}
    missing = []
    for item in case.section("sources"):
        if "document" not in item.fields:
            continue
        name = item.fields["document"]
        if not isinstance(name, str) or not name.strip():
            raise item.error("'document' must be a file name inside the documents folder", "document")
        path = None
        for folder in folders:
            inside = _inside(folder, name)
            if inside is None:
                raise item.error(
                    f"document {name!r} is outside the documents folder {folder}; name a file inside it",
                    "document",
                )
            if inside.exists():
                path = inside
                break
        if path is None:
            missing.append(item)
            continue

        def error(message: str, item=item) -> LoadError:
            return item.error(message, "document")

        raw = _read_bounded(path, max_bytes, error)
        expected = item.fields.get("sha256")
        if expected:
            digest = hashlib.sha256(raw).hexdigest()
            if expected != digest:
                raise item.error(
                    f"document {path} has SHA-256 {digest}, not the {expected} recorded here", "sha256"
                )
        text = _decode(path, raw)
        if path.suffix.lower() in HTML_SUFFIXES:
            text = html_main_text(path, text)
        texts[str(item.fields.get("id"))] = Document(path, text)
    if missing:
        where = ", ".join(str(f) for f in folders)
        first = missing[0]
        if not texts:
            raise first.error(
                f"document {first.fields['document']!r} not found in {where}, nor any other document of case "
                f"{case.slug!r}: is --documents the right folder?",
                "document",
            )
        raise first.error(f"document {first.fields['document']!r} not found in {where}", "document")
    return texts
