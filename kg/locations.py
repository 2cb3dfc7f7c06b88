"""Where a graph is kept: store locations, the write lock, and graphs as N-Triples lines.

The low part of the store that :mod:`kg.store` (opening a graph, replacing it) and
:mod:`kg.backends` (one backend per kind of store) both stand on; see :mod:`kg.store`
for the kinds of location.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import StoreError
from kg.remote import RemoteEndpoint, is_remote, parse_remote

__all__ = [
    "DEFAULT_STORE",
    "StoreLocation",
    "parse_location",
    "ntriple_lines",
    "store_lock",
    "normalize_term",
    "damaged_store",
    "MEMORY_ELSEWHERE",
    "Check",
]

DEFAULT_STORE = ".kg/store"
_LOCK = ".lock"


@dataclass(frozen=True)
class StoreLocation:
    kind: str  # "oxigraph" | "memory" | "remote"
    path: Path | None = None
    remote: RemoteEndpoint | None = None

    def __str__(self) -> str:
        if self.kind == "memory":
            return f"memory:{self.path}" if self.path else "memory"
        if self.kind == "remote":
            return self.remote.location
        return str(self.path)


def parse_location(location: str | os.PathLike | None = None) -> StoreLocation:
    """Read a store location from an argument, ``KG_STORE``, or the default.

    >>> parse_location("memory")
    StoreLocation(kind='memory', path=None, remote=None)
    >>> parse_location("oxigraph:/tmp/s").path
    PosixPath('/tmp/s')
    >>> parse_location("sparql+http://localhost:3030/ds/query").remote.update_url
    'http://localhost:3030/ds/update'
    """
    text = str(location) if location is not None else os.environ.get("KG_STORE") or DEFAULT_STORE
    if text == "memory":
        return StoreLocation("memory")
    if text.startswith("memory:"):
        return StoreLocation("memory", Path(text[len("memory:"):]))
    if is_remote(text):
        return StoreLocation("remote", remote=parse_remote(text))
    if text.startswith("sparql:"):
        raise StoreError(f"unknown store location {text}: a remote endpoint is written sparql+http://HOST:PORT/query")
    if text.startswith("oxigraph:"):
        text = text[len("oxigraph:"):]
    return StoreLocation("oxigraph", Path(text))


def normalize_term(term):
    """RDF 1.1 says ``"x"`` and ``"x"^^xsd:string`` are one term; rdflib does not.

    Oxigraph hands back the typed form, so terms are normalised to the plain
    form wherever graphs from different stores meet.
    """
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term), lang=None)
    return term


def _quoted(literal: Literal) -> str:
    text = '"%s"' % literal.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
    if literal.language:
        return f"{text}@{literal.language}"
    datatype = literal.datatype
    if datatype is None or datatype == XSD.string:  # RDF 1.1: the same term
        return text
    return f"{text}^^<{datatype}>"


def ntriple_lines(triples: Iterable) -> Iterator[str]:
    """N-Triples lines, ``"x"^^xsd:string`` written as ``"x"``.

    IRIs repeat a lot (predicates, classes, subjects), so each is checked and
    written once; this is the hot loop of a big build.

    >>> from rdflib import URIRef, Literal
    >>> list(ntriple_lines([(URIRef("urn:a"), URIRef("urn:b"), Literal("two\\nlines"))]))
    ['<urn:a> <urn:b> "two\\\\nlines" .\\n']
    """
    iris: dict = {}
    for s, p, o in triples:
        subject = iris.get(s)
        if subject is None:
            subject = iris[s] = s.n3()
        predicate = iris.get(p)
        if predicate is None:
            predicate = iris[p] = p.n3()
        kind = type(o)
        if kind is URIRef:
            obj = iris.get(o)
            if obj is None:
                obj = iris[o] = o.n3()
        elif kind is Literal:
            obj = _quoted(o)
        elif kind is BNode:
            obj = o.n3()
        else:
            obj = _quoted(o) if isinstance(o, Literal) else o.n3()
        yield f"{subject} {predicate} {obj} .\n"


def damaged_store(path: Path, error: BaseException) -> StoreError:
    """The error for a store whose files are damaged: what the engine said, and how to rebuild it.

    >>> print(damaged_store(Path(".kg/store"), RuntimeError("Corruption: Sst file size mismatch\\nmore")))
    the store .kg/store is damaged (Corruption: Sst file size mismatch); rebuild it: kg build CASE_DIR... --store .kg/store
    """
    said = (str(error).strip().splitlines() or ["unknown error"])[0]
    if len(said) > 200:
        said = said[:199] + "…"
    return StoreError(f"the store {path} is damaged ({said}); rebuild it: kg build CASE_DIR... --store {path}")


MEMORY_ELSEWHERE = (
    "the memory store lives only inside one process, and nothing was built into it in this one; "
    "build into a folder (--store .kg/store, the default) or a file (--store memory:FILE.nt) "
    "to read the graph from another command"
)


@contextmanager
def store_lock(path: Path) -> Iterator[None]:
    """Hold the store's write lock, or fail at once if another build holds it."""
    path.mkdir(parents=True, exist_ok=True)
    lock_path = path / _LOCK
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise StoreError(f"store {path} is being written by {holder}; wait for that build to finish and try again") from e
        handle.seek(0)
        handle.truncate()
        handle.write(f"kg build (pid {os.getpid()})")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


#: Called with the new graph, complete but not yet in place; raising abandons it.
Check = Callable[[Graph], None]
