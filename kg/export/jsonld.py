"""JSON-LD compacted with the context shipped in ``kg/context/kg.jsonld``.

The context object is embedded in every document, never referenced by URL,
so reading an export needs no network. Nodes are sorted by ``@id``, keys and
values are sorted, and blank nodes are labelled from content: the same graph
always gives the same bytes.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import ExportError
from kg.atomic import atomic_write
from kg.vocab import CONTEXT_PATH  # the one prefix map

__all__ = ["CONTEXT_PATH", "context", "prefixes", "serialize", "write"]



@lru_cache(maxsize=None)
def _context_text() -> str:
    try:
        return CONTEXT_PATH.read_text(encoding="utf-8")
    except OSError as e:
        raise ExportError(f"cannot read the JSON-LD context {CONTEXT_PATH}: {e.strerror or e}") from e


def context() -> dict:
    """The ``@context`` object shipped with kg (a fresh copy).

    >>> context()["kg"]
    'https://w3id.org/kg/ontology#'
    """
    return json.loads(_context_text())["@context"]


def prefixes() -> dict[str, str]:
    """Prefix → namespace, sorted by prefix, from the shipped context."""
    return {name: iri for name, iri in sorted(context().items()) if isinstance(iri, str) and not name.startswith("@")}


def _value_key(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _ordered(node):
    """Sort what JSON-LD leaves unordered: node lists by @id, other arrays by content.

    ``@list`` arrays are ordered data and keep their order.
    """
    if isinstance(node, list):
        return sorted((_ordered(item) for item in node), key=lambda item: (item.get("@id", "") if isinstance(item, dict) else "", _value_key(item)))
    if isinstance(node, dict):
        return {key: (value if key == "@list" else _ordered(value)) for key, value in node.items()}
    return node


def _statement_graph(graph: Graph) -> Graph:
    from kg.export.nquads import statements

    found = statements(graph)
    named = any(name is not None for *_, name in found)
    target = Dataset() if named else Graph()
    for s, p, o, name in found:
        if named:
            target.add((s, p, o, name if name is not None else DATASET_DEFAULT_GRAPH_ID))
        else:
            target.add((s, p, o))
    return target


def serialize(graph: Graph) -> str:
    """JSON-LD text with the embedded kg context.

    >>> from rdflib import Graph, URIRef, Literal
    >>> g = Graph()
    >>> _ = g.add((URIRef("https://w3id.org/kg/id/a"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("A")))
    >>> doc = json.loads(serialize(g))
    >>> doc["@graph"]
    [{'@id': 'kgr:a', 'rdfs:label': 'A'}]
    """
    ctx = context()
    text = _statement_graph(graph).serialize(format="json-ld", context=ctx)
    document = json.loads(text)
    if "@graph" in document:
        nodes = document["@graph"]
    else:  # a single node is written without @graph
        nodes = [{key: value for key, value in document.items() if key != "@context"}] if len(document) > 1 else []
    out = {"@context": ctx, "@graph": _ordered(nodes)}
    return json.dumps(out, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write(graph: Graph, path: str | os.PathLike) -> None:
    text = serialize(graph)
    with atomic_write(path) as out:
        out.write(text)
