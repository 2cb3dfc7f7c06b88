"""GraphML for Gephi, Cytoscape, yEd and networkx, from kg's one networkx projection.

:func:`export_network` is shared with the GEXF and CSV exporters. It takes
:func:`kg.analysis.nxgraph.project` and makes it fit for files:

* every node and edge gets ``stances`` and ``sources``: for an assertion, its
  stance and the sources it was read in or quoted from; for anything an
  assertion points at or comes from (a proposition, a party, a source), the
  stances and sources of those assertions; for an edge, those of the
  assertion at either end;
* list values are joined with ``|``; attributes that are missing stay
  missing (never None); an attribute has one type across the file;
* nodes and edges are sorted and edges get ids ``e0, e1, ...`` in that order,
  so the same graph always gives the same bytes.

XML 1.0 cannot hold most control characters, not even as ``&#1;``, so in
GraphML and GEXF (:func:`xml_safe`) each is written as a visible escape
(``\\x1b``, ``\\ufffe``): one in a label would make the whole file unreadable.
"""

from __future__ import annotations

import io
import os
import re
from typing import TYPE_CHECKING

from rdflib import Graph

from kg.analysis.nxgraph import CLS
from kg.atomic import atomic_write
from kg.vocab import KG

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["write", "serialize", "export_network", "xml_safe", "LIST_SEPARATOR"]

LIST_SEPARATOR = "|"
_PARTY = str(KG.party)


def _is_assertion(attrs: dict) -> bool:
    return attrs.get("cls") == CLS.Assertion


def _assertion_evidence(network: "nx.MultiDiGraph") -> dict[str, tuple[set, set]]:
    """Assertion node → ({its stance}, {the sources it was read in or quoted from})."""
    evidence = {}
    for node, attrs in network.nodes(data=True):
        if not _is_assertion(attrs):
            continue
        stances = {attrs["stance"]} if attrs.get("stance") else set()
        sources = {
            target
            for _, target, edge in network.out_edges(node, data=True)
            if edge.get("predicate") != _PARTY and CLS.Source in network.nodes[target].get("kinds", ())
        }
        evidence[node] = (stances, sources)
    return evidence


def _flat(value):
    if isinstance(value, (list, tuple, set, frozenset)):
        return LIST_SEPARATOR.join(sorted(str(item) for item in value))
    return value


def _unify_types(records: list[dict]) -> None:
    """Give each attribute one type across all records: bool, int, float or else str."""
    kinds: dict[str, set[type]] = {}
    for attrs in records:
        for key, value in attrs.items():
            kinds.setdefault(key, set()).add(type(value))
    for key, found in kinds.items():
        if found <= {bool} or found <= {int} or found <= {float}:
            continue
        if found <= {int, float}:
            cast = float
        else:
            cast = str
        for attrs in records:
            if key in attrs:
                attrs[key] = cast(attrs[key])


def export_network(graph: Graph) -> "nx.MultiDiGraph":
    """The projection of ``graph`` with ``stances`` and ``sources``, flattened and sorted for files."""
    import networkx as nx

    from kg.analysis.nxgraph import project

    network = project(graph)
    evidence = _assertion_evidence(network)

    def gathered(assertions) -> tuple[set, set]:
        stances, sources = set(), set()
        for assertion in assertions:
            stances |= evidence[assertion][0]
            sources |= evidence[assertion][1]
        return stances, sources

    nodes = {}
    for node in sorted(network):
        attrs = dict(network.nodes[node])
        if node in evidence:
            stances, sources = evidence[node]
        else:
            linked = {n for n in (*network.predecessors(node), *network.successors(node)) if n in evidence}
            stances, sources = gathered(linked)
        attrs["stances"], attrs["sources"] = stances, sources
        nodes[node] = {key: _flat(value) for key, value in sorted(attrs.items()) if value is not None}
    edges = []
    for source, target, data in sorted(network.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("predicate", ""))):
        attrs = dict(data)
        attrs["stances"], attrs["sources"] = gathered(n for n in (source, target) if n in evidence)
        edges.append((source, target, {key: _flat(value) for key, value in sorted(attrs.items()) if value is not None}))
    _unify_types(list(nodes.values()))
    _unify_types([attrs for _, _, attrs in edges])
    out = nx.MultiDiGraph()
    for node, attrs in nodes.items():
        out.add_node(node, **attrs)
    for index, (source, target, attrs) in enumerate(edges):
        out.add_edge(source, target, key=f"e{index}", **attrs)
    return out


#: what XML 1.0 forbids: C0 controls but tab, newline and return; surrogates; U+FFFE and U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(value):
    """``value`` with what XML 1.0 forbids written as visible escapes.

    >>> _xml_text("Globex\\x01\\x1b[2J\\ufffe"), _xml_text(3)
    ('Globex\\\\x01\\\\x1b[2J\\\\ufffe', 3)
    """
    if not isinstance(value, str):
        return value
    return _NOT_XML.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", value)


def xml_safe(network: "nx.MultiDiGraph") -> "nx.MultiDiGraph":
    """``network`` with every id, key and text value fit for an XML 1.0 file."""
    import networkx as nx

    out = nx.MultiDiGraph()
    for node, attrs in network.nodes(data=True):
        out.add_node(_xml_text(node), **{_xml_text(k): _xml_text(v) for k, v in attrs.items()})
    for source, target, key, attrs in network.edges(keys=True, data=True):
        out.add_edge(_xml_text(source), _xml_text(target), key=_xml_text(key),
                     **{_xml_text(k): _xml_text(v) for k, v in attrs.items()})
    return out


def serialize(graph: Graph) -> str:
    """GraphML text.

    >>> from rdflib import Graph
    >>> from kg.ontology import ontology_graph
    >>> g = ontology_graph() + Graph().parse(format="turtle", data='''
    ...     @prefix kg: <https://w3id.org/kg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ...     <https://w3id.org/kg/id/x/acme> a kg:Organization ; rdfs:label "Acme" ;
    ...         kg:inCase <https://w3id.org/kg/id/x> ; kg:reviewStatus kg:Reviewed .''')
    >>> text = serialize(g)
    >>> '<node id="https://w3id.org/kg/id/x/acme">' in text, 'attr.name="stances"' in text
    (True, True)
    """
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml_xml(xml_safe(export_network(graph)), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8")


def write(graph: Graph, path: str | os.PathLike) -> None:
    text = serialize(graph)
    with atomic_write(path) as out:
        out.write(text)
