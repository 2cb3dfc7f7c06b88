"""One error hierarchy for kg.

Every error a user can cause is a :class:`KGError`. The CLI turns it into a
one-line message and a non-zero exit; it never prints a traceback for it.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "KGError",
    "LoadError",
    "OntologyError",
    "ValidationError",
    "QueryError",
    "StoreError",
    "ExportError",
]


class KGError(Exception):
    """Base of all kg errors."""


class LoadError(KGError):
    """A case file or document could not be read; names the file and line.

    >>> str(LoadError("seeds/x/a.yaml", 3, "unknown stance 'maybe'"))
    "seeds/x/a.yaml:3: unknown stance 'maybe'"
    """

    def __init__(self, path: str | Path | None, line: int | None, message: str):
        self.path = str(path) if path is not None else None
        self.line = line
        self.message = message
        where = self.path or "<input>"
        if line:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")


class OntologyError(KGError):
    """The ontology does not define a term the code or a case uses."""


class ValidationError(KGError):
    """The graph does not conform to the SHACL shapes."""

    def __init__(self, message: str, report: str = ""):
        self.report = report
        super().__init__(message)


class QueryError(KGError):
    """A SPARQL query is malformed, unknown, or failed to run."""


class StoreError(KGError):
    """A store could not be opened, locked, read or written."""


class ExportError(KGError):
    """An export could not be written."""
