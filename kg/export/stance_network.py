"""Who said what, for Gephi: a party → proposition network, the stance a signed edge attribute.

The other network exports keep each assertion as a node of its own (party → assertion → proposition),
which is faithful but hard to read as a network of disagreement. Here each edge joins a party to a
proposition it takes a stance on, with ``stance`` (its notation), ``sign`` (+1 affirms, -1 opposes,
0 hedges: the stance's ``kg:polarity`` in the ontology) and ``assertions`` (how many). A proposition that
draws edges of both signs from independent parties is a dispute. Rows come from
``kg/queries/stance-network.rq``; colours and sizes from ``styles.json``, as on the page.

>>> from rdflib import Graph
>>> from kg.ontology import ontology_graph
>>> g = ontology_graph() + Graph().parse(format="turtle", data=\'\'\'
...     @prefix kg: <https://w3id.org/kg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
...     @prefix x: <https://w3id.org/kg/id/x/> .
...     x:acme a kg:Organization ; rdfs:label "Acme" .
...     x:lee a kg:Person ; rdfs:label "Lee" .
...     x:p a kg:Proposition ; kg:text "The update caused the outage." ; kg:reviewStatus kg:Reviewed .
...     x:a1 a kg:Assertion ; kg:party x:lee ; kg:proposition x:p ; kg:stance kg:Asserts ; kg:reviewStatus kg:Reviewed .
...     x:a2 a kg:Assertion ; kg:party x:acme ; kg:proposition x:p ; kg:stance kg:Denies ; kg:reviewStatus kg:Reviewed .
...     \'\'\')
>>> net = network(g)
>>> sorted((net.nodes[u]["label"], d["stance"], d["sign"]) for u, v, d in net.edges(data=True))
[('Acme', 'denies', -1), ('Lee', 'asserts', 1)]
"""

from __future__ import annotations

import os

from rdflib import Graph

from kg.atomic import atomic_write

__all__ = ["network", "write"]


def network(graph: Graph):
    """The who-said-what network of ``graph``: parties to propositions, one edge per party and proposition."""
    import networkx as nx

    from kg.export.html_view import view_class
    from kg.export.graphml import xml_safe
    from kg.export.styles import edge_viz, node_viz
    from kg.ontology import stances
    from kg.sparql import evaluate

    polarity = {concept.notation: concept.polarity or 0 for concept in stances()}
    out = nx.MultiDiGraph()  # one edge a pair all the same: a second stance joins the first
    rows = sorted(evaluate(graph, "stance-network"), key=lambda r: (str(r.party), str(r.proposition), str(r.stance)))
    for row in rows:
        party, proposition, stance = str(row.party), str(row.proposition), str(row.stance)
        kinds = [iri.rpartition("#")[2] for iri in str(row.partyClasses).split()]
        out.add_node(party, label=str(row.partyLabel), kind="party", cls=view_class(kinds), viz=node_viz(view_class(kinds)))
        out.add_node(proposition, label=str(row.propositionLabel), kind="proposition", viz=node_viz("proposition"))
        if out.has_edge(party, proposition):  # one party, two stances on one proposition: keep both, as text
            edge = out.edges[party, proposition, 0]
            edge["stance"] = "|".join(sorted({*edge["stance"].split("|"), stance}))
            edge["sign"] = 0 if edge["sign"] != polarity.get(stance, 0) else edge["sign"]
            edge["assertions"] += int(row.assertions)
            continue
        out.add_edge(party, proposition, stance=stance, sign=polarity.get(stance, 0), assertions=int(row.assertions),
                     weight=float(row.assertions), viz=edge_viz(f"stance:{stance}"))
    safe = xml_safe(out)
    for index, (_, _, attrs) in enumerate(safe.edges(data=True)):
        attrs["id"] = f"e{index}"  # ids in the rows' order, so the same graph gives the same bytes
    return safe


def write(graph: Graph, path: str | os.PathLike) -> None:
    from kg.export.gexf import serialize_network

    text = serialize_network(network(graph))
    with atomic_write(path) as out:
        out.write(text)
