"""Running SPARQL: canned questions from ``kg/queries/*.rq``, files, or text.

User values are passed through ``initBindings``, never pasted into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from rdflib import Graph
from rdflib.query import Result

from kg.errors import QueryError

__all__ = ["QUERY_DIR", "CannedQuery", "canned_queries", "query_text", "run_query"]

QUERY_DIR = Path(__file__).resolve().parent / "queries"


@dataclass(frozen=True)
class CannedQuery:
    name: str
    path: Path
    description: str
    text: str


def _description(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("# ").rstrip())
    return " ".join(part for part in lines if part)


@lru_cache(maxsize=None)
def canned_queries() -> dict[str, CannedQuery]:
    """The shipped queries by name (file name without ``.rq``)."""
    out = {}
    for path in sorted(QUERY_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        out[path.stem] = CannedQuery(path.stem, path, _description(text), text)
    return out


_FORBIDDEN = re.compile(r"\b(SERVICE|LOAD)\b", re.IGNORECASE)


def query_text(name_or_text: str) -> str:
    """The text of a canned query name, an ``.rq`` file, or literal SPARQL."""
    canned = canned_queries().get(name_or_text)
    if canned is not None:
        return canned.text
    if name_or_text.endswith(".rq"):
        path = Path(name_or_text)
        if not path.is_file():
            raise QueryError(f"query file not found: {path}")
        return path.read_text(encoding="utf-8")
    if re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", name_or_text, re.IGNORECASE):
        return name_or_text
    raise QueryError(f"unknown query {name_or_text!r}; `kg query --list` shows the canned queries")


def run_query(graph: Graph, name_or_text: str, bindings: Mapping | None = None) -> Result:
    """Run a query on ``graph``; ``bindings`` go through ``initBindings``."""
    text = query_text(name_or_text)
    stripped = re.sub(r"#[^\n]*|\"[^\"]*\"|'[^']*'|<[^>\s]*>", " ", text)
    if _FORBIDDEN.search(stripped):
        raise QueryError("SERVICE and LOAD are refused: kg never fetches remote data")
    try:
        return graph.query(text, initBindings=dict(bindings or {}))
    except Exception as e:  # rdflib and Oxigraph raise their own parser errors
        raise QueryError(f"query failed: {e}") from e
