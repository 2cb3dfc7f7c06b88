"""GEXF 1.2 for Gephi, from the same network as the GraphML export, in the page's colours and sizes.

networkx stamps GEXF files with today's date; kg leaves the date out (and
names itself as creator), so the same graph always gives the same bytes.
Each node carries ``viz`` colour and size, and each edge ``viz`` colour and
thickness, from ``styles.json`` (:mod:`kg.export.styles`), as on the page.
"""

from __future__ import annotations

import os

from rdflib import Graph

from kg.atomic import atomic_write
from kg.export.graphml import export_network, xml_safe

__all__ = ["write", "serialize", "serialize_network"]


def serialize(graph: Graph) -> str:
    """GEXF text, without a modification date.

    >>> from rdflib import Graph
    >>> from kg.ontology import ontology_graph
    >>> g = ontology_graph() + Graph().parse(format="turtle", data=\'\'\'
    ...     @prefix kg: <https://w3id.org/kg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ...     <https://w3id.org/kg/id/x/acme> a kg:Organization ; rdfs:label "Acme" ;
    ...         kg:inCase <https://w3id.org/kg/id/x> ; kg:reviewStatus kg:Reviewed .\'\'\')
    >>> text = serialize(g)
    >>> '<node id="https://w3id.org/kg/id/x/acme" label="Acme">' in text, "lastmodifieddate" in text
    (True, False)
    """
    from kg.export.html_view import view_class
    from kg.export.graphml import LIST_SEPARATOR
    from kg.export.styles import edge_viz, node_viz

    network = xml_safe(export_network(graph))
    for _, attrs in network.nodes(data=True):
        kinds = [attrs.get("cls", ""), *str(attrs.get("kinds", "")).split(LIST_SEPARATOR)]
        attrs["viz"] = node_viz(view_class(kinds))
    for _, _, key, attrs in network.edges(keys=True, data=True):
        attrs["id"] = key  # GEXF edge ids e0, e1, ... as in the GraphML and CSV exports
        stances = str(attrs.get("stances") or "")  # an edge at one assertion takes its stance's colour
        attrs["viz"] = edge_viz(f"stance:{stances}" if stances and LIST_SEPARATOR not in stances else "relation")
    return serialize_network(network)


def serialize_network(network) -> str:
    """GEXF text of a networkx graph, without a modification date; ``viz`` attributes become GEXF viz."""
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:
            creator.text = "kg"
    writer.add_graph(network)
    return "<?xml version='1.0' encoding='utf-8'?>\n" + str(writer)


def write(graph: Graph, path: str | os.PathLike) -> None:
    text = serialize(graph)
    with atomic_write(path) as out:
        out.write(text)
