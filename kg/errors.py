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
    "MissingExtraError",
    "require_extra",
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


class MissingExtraError(KGError):
    """An optional part of kg is not installed; the message names the extra to install."""


def require_extra(module: str, extra: str, purpose: str):
    """Import ``module``, or raise :class:`MissingExtraError` naming the extra that provides it.

    >>> require_extra("json", "ingest", "reading").__name__
    'json'
    >>> require_extra("no_such_module_kg", "ingest", "reading articles")
    Traceback (most recent call last):
    kg.errors.MissingExtraError: reading articles needs the optional extra 'ingest': install kg[ingest] (pip install 'kg[ingest]'); no_such_module_kg is missing
    """
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise MissingExtraError(f"{purpose} needs the optional extra {extra!r}: install kg[{extra}] "
                                f"(pip install 'kg[{extra}]'); {e.name or module} is missing") from e


class UnknownTermWarning(UserWarning):
    """A query names a ``kg:`` term the ontology does not define (it can only match nothing)."""

