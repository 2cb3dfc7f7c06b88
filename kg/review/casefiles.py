"""Case files read and written round trip: comments, key order and formatting kept.

:class:`CaseFiles` holds every YAML file of a case folder as ruamel.yaml
documents, read and written by :mod:`kg.case_yaml`, the one writer of the case format. Only files a decision touches are written, each atomically
(:func:`kg.atomic.atomic_write`), so a session killed at any moment leaves
each file either as it was or as decided.

Several commands may decide on one case at once (two terminals, a script of
``kg review --accept`` runs, a session left open). Each decision runs under
:meth:`CaseFiles.decision`: an exclusive lock on the case folder, and the
files re-read if another command wrote them since, so the decision is applied
to what is on disk and no one's decision is written over.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "case.yaml").write_text("case: x\\ntitle: X\\n")
>>> _ = (folder / "items.yaml").write_text("entities:\\n  # the company\\n  - id: acme   # keep me\\n    type: Organization\\n    label: Acme\\n    status: pending\\n")
>>> files = CaseFiles.open(folder)
>>> files.docs[folder / "items.yaml"]["entities"][0]["status"] = "reviewed"
>>> files.write([folder / "items.yaml"])
>>> print((folder / "items.yaml").read_text(), end="")
entities:
  # the company
  - id: acme   # keep me
    type: Organization
    label: Acme
    status: reviewed
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from kg.case_yaml import dump, load_text
from kg.errors import KGError, LoadError

__all__ = ["CaseFiles", "ReviewError"]


class ReviewError(KGError):
    """A review decision that cannot be applied (unknown id, nothing to merge into, a bad edit)."""


@dataclass
class CaseFiles:
    root: Path
    docs: dict[Path, Any] = field(default_factory=dict)
    texts: dict[Path, str] = field(default_factory=dict)  # each file as last read or written

    @classmethod
    def open(cls, root: str | Path) -> "CaseFiles":
        """Read every case file of ``root`` (the files :func:`kg.case.read_case` reads)."""
        root = Path(root)
        if not (root / "case.yaml").is_file():
            raise LoadError(root, None, "not a case folder: case.yaml is missing")
        files = cls(root)
        files.refresh()
        return files

    def _paths(self) -> list[Path]:
        return [
            self.root / "case.yaml",
            *sorted(
                p for p in self.root.glob("*.yaml") if p.name != "case.yaml" and not p.name.startswith(("_", "."))
            ),
        ]

    def refresh(self) -> list[Path]:
        """Re-read the files another command wrote (or added) since they were read; return them."""
        changed = []
        from kg.case import read_case_text

        for path in self._paths():
            text = read_case_text(path, self.root)
            if self.texts.get(path) != text:
                self.docs[path] = load_text(text, str(path))
                self.texts[path] = text
                changed.append(path)
        return changed

    @contextlib.contextmanager
    def decision(self):
        """Hold the case folder's lock, with the files as they are on disk now (see the module docstring)."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no lock, the re-read still applies
            fcntl = None
        handle = os.open(self.root, os.O_RDONLY)
        try:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_EX)
            self.refresh()
            try:
                yield self
            except BaseException:
                self.texts.clear()  # a decision that failed half-way: back to the files as they are
                self.refresh()
                raise
        finally:
            os.close(handle)  # closing releases the lock

    def text(self, path: Path) -> str:
        return dump(self.docs[path])

    def write(self, paths: Iterable[Path]) -> None:
        """Write ``paths`` from their documents, in the order given, each atomically."""
        from kg.atomic import atomic_write

        for path in dict.fromkeys(paths):
            text = self.text(path)
            with atomic_write(path) as handle:
                handle.write(text)
            self.texts[path] = text

    def restore(self, texts: dict[Path, str]) -> None:
        """Put files back as ``texts`` holds them (for undo), atomically, and reload them."""
        from kg.atomic import atomic_write

        for path, text in sorted(texts.items()):
            with atomic_write(path) as handle:
                handle.write(text)
            self.docs[path] = load_text(text, str(path))
            self.texts[path] = text

    def copy_to(self, folder: Path) -> Path:
        """The case as the documents now hold it, written into ``folder`` (to check an edit)."""
        for path in self.docs:
            (folder / path.name).write_text(self.text(path), encoding="utf-8")
        return folder
