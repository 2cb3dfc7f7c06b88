"""Writing files so that no reader sees half of one, and a failure leaves the old files in place.

One file: :func:`atomic_write` writes a temporary file beside the target and renames it over
the target when the writing succeeds. Several files that belong together (a build's
exports, the drafts of one ``kg ingest`` run): :class:`StagedFiles` writes them into a hidden
folder beside their targets and renames them all into place at :meth:`~StagedFiles.commit`;
nothing is placed when any of them fails. Exporters, the store, ingest and review all write
through here; this module imports nothing from kg but its errors.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterable, Iterator

from kg.errors import ExportError

__all__ = ["atomic_write", "StagedFiles"]


@contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w") -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it over ``path`` on success.

    Text is written as UTF-8 with ``\\n`` line ends. The file is flushed to disk before
    the rename, so a crash leaves the old file or the new one, never an empty one.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_write(target) as out:
    ...     _ = out.write("hello")
    >>> target.read_text()
    'hello'
    >>> try:
    ...     with atomic_write(target) as out:
    ...         _ = out.write("half")
    ...         raise RuntimeError("stopped")
    ... except RuntimeError:
    ...     pass
    >>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
    ('hello', ['out.txt'])
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as e:
        raise ExportError(f"cannot write {target}: {e.strerror or e}") from e
    try:
        binary = "b" in mode
        with os.fdopen(
            fd, mode, encoding=None if binary else "utf-8", newline=None if binary else "\n"
        ) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(f"cannot write {target}: {e.strerror or e}") from e
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_STAGE_PREFIX = ".kg-staged-"


def _hold(stage: Path) -> int | None:
    """Lock ``stage`` for as long as this process writes into it (the lock dies with the process)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: stages are left for the user to remove
        return None
    handle = os.open(stage, os.O_RDONLY)
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def _remove_abandoned_stages(folder: Path) -> None:
    """Remove the staging folders of runs that were killed: those whose lock no process holds."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover
        return
    for stage in folder.glob(_STAGE_PREFIX + "*"):
        try:
            handle = os.open(stage, os.O_RDONLY)
        except OSError:
            continue  # removed meanwhile
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a live run is writing it
        finally:
            os.close(handle)
        shutil.rmtree(stage, ignore_errors=True)


class StagedFiles:
    """Files for ``folder``, written into a hidden folder inside it and renamed into place together.

    ``what`` names the files in an error ("exports", "drafts"). The hidden folder is locked while
    its run lives; a later run into ``folder`` removes those of runs that were killed.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "exports"
    >>> staged = StagedFiles(folder)
    >>> _ = staged.path("a.txt").write_text("A")
    >>> staged.write("b.txt", "B")
    >>> sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    []
    >>> [p.name for p in staged.commit()], sorted(p.name for p in folder.iterdir())
    (['a.txt', 'b.txt'], ['a.txt', 'b.txt'])
    """

    def __init__(self, folder: str | os.PathLike, what: str = "files"):
        self.folder = Path(folder)
        self.created = not self.folder.exists()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _remove_abandoned_stages(self.folder)
            self.stage = Path(tempfile.mkdtemp(dir=self.folder, prefix=_STAGE_PREFIX))
            self._held = _hold(self.stage)
        except OSError as e:
            raise ExportError(f"cannot write {what} into {self.folder}: {e.strerror or e}") from e
        self.names: list[str] = []

    def path(self, name: str) -> Path:
        """Where to write ``name`` now; :meth:`commit` moves it to ``folder / name``."""
        if name not in self.names:
            self.names.append(name)
        return self.stage / name

    def write(self, name: str, data: str | bytes | Iterable[str]) -> None:
        """Write ``data`` (text as UTF-8, or pieces of text) as ``name``, flushed to disk."""
        pieces = [data] if isinstance(data, (str, bytes)) else data
        try:
            with open(self.path(name), "wb") as handle:
                for piece in pieces:
                    handle.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as e:
            raise ExportError(f"cannot write {self.folder / name}: {e.strerror or e}") from e

    def commit(self) -> list[Path]:
        """Rename every file into place, in the order first named.

        If a rename fails, the files already placed are put back as they were (a file that
        did not exist is removed), so the folder holds the old set or the new one.
        """
        placed: list[tuple[Path, Path | None]] = []
        try:
            for name in self.names:
                target = self.folder / name
                backup = None
                if target.is_file():
                    # a second name for the old file, so it can come back; the target never goes missing
                    backup = self.stage / f".previous-{len(placed)}"
                    os.link(target, backup)
                os.replace(self.stage / name, target)
                placed.append((target, backup))
        except OSError as e:
            for target, backup in reversed(placed):
                if backup is None:
                    target.unlink(missing_ok=True)
                else:
                    os.replace(backup, target)
            self.discard()
            raise ExportError(f"cannot write {self.folder / name}: {e.strerror or e}") from e
        self._release()
        return [target for target, _ in placed]

    def discard(self) -> None:
        """Drop what was staged, and ``folder`` itself when it was made for these files."""
        self._release()
        if self.created:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _release(self) -> None:
        # The lock's descriptor is closed with its folder: a long-lived process (a notebook, a test
        # worker) that builds again and again would otherwise keep one open per build.
        shutil.rmtree(self.stage, ignore_errors=True)
        if self._held is not None:
            os.close(self._held)
            self._held = None
