"""Case files read and written round trip: comments, key order and formatting kept.

:class:`CaseFiles` holds every YAML file of a case folder as ruamel.yaml
documents. Only files a decision touches are written, each atomically
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
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from kg.errors import KGError, LoadError

__all__ = ["CaseFiles", "yaml_rt", "dump", "load_text", "ReviewError"]


class ReviewError(KGError):
    """A review decision that cannot be applied (unknown id, nothing to merge into, a bad edit)."""


def yaml_rt():
    """A round-trip ruamel.yaml loader/dumper in the style of kg's case files."""
    try:
        from ruamel.yaml import YAML
    except ImportError as e:  # pragma: no cover - a dependency of kg
        raise ReviewError("kg review needs ruamel.yaml: pip install 'ruamel.yaml>=0.18'") from e
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a researcher's lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def dump(node: Any) -> str:
    """``node`` as YAML text (comments attached to it included)."""
    out = io.StringIO()
    yaml_rt().dump(node, out)
    return out.getvalue()


def load_text(text: str, where: str = "<edited item>") -> Any:
    """Parse YAML text round trip; a syntax error is a :class:`LoadError` with the line."""
    from ruamel.yaml import YAMLError

    try:
        return yaml_rt().load(text)
    except YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise LoadError(
            where, mark.line + 1 if mark else None, f"malformed YAML: {getattr(e, 'problem', None) or e}"
        ) from e


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
        for path in self._paths():
            text = path.read_text(encoding="utf-8")
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
