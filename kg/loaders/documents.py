"""Reading the sources' documents, for ``kg build --documents DIR``.

A source's ``document:`` names a file inside one of the documents folders.
The rules, each a :class:`LoadError` naming the case file and line of the
``document:`` key:

* the name must resolve, after symlinks, to a regular file inside the folder
  (no ``../``, no absolute paths, no symlink that leads out), so a case file
  cannot make kg read, quote or hash anything else on the machine;
* every named document must be found in one of the folders, searched in the
  order given;
* a document is at most :data:`MAX_DOCUMENT_BYTES` (``--max-document-size``);
* its SHA-256, when the source records one, must match.

The file is then read by :func:`kg.loaders.text.read_text_file`, the reader ``kg ingest``
uses: one encoding policy, and HTML read as its main text, the text ``kg ingest`` quotes
and counts offsets in. Its refusals name the document, and the line where it is known.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import LoadError
from kg.loaders.text import read_bytes, read_text_file

if TYPE_CHECKING:
    from kg.case import Case

__all__ = ["MAX_DOCUMENT_BYTES", "Document", "read_documents", "document_folders"]

#: A source document is an article or a report; anything past this is refused unread.
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


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
        raw = read_bytes(path, max_bytes, "--max-document-size")
        expected = item.fields.get("sha256")
        if expected:
            digest = hashlib.sha256(raw).hexdigest()
            if expected != digest:
                raise item.error(
                    f"document {path} has SHA-256 {digest}, not the {expected} recorded here", "sha256"
                )
        document = read_text_file(path, max_bytes=max_bytes, size_option="--max-document-size", raw=raw)
        texts[str(item.fields.get("id"))] = Document(path, document.text)
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
