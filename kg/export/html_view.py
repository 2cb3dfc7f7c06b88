"""The graph view for the HTML page: a JSON-able dict, schema in :mod:`kg.export.html`.

Every reviewed item is a node except identity judgements, which are drawn as
``judged-same`` / ``judged-different`` / ``judged-unsure`` / ``judged-none``
edges between the pair they judge. An assertion is a node joined to its
party and to its proposition by two ``stance`` edges coloured by its stance.
Unjudged identity candidates are ``candidate`` edges. Relations between items
are ``relation`` edges; where an assertion, a proposition or a source backs
one, its parties and sources are listed for the page's filters. Where an
assertion was read, quoted from and relayed is in the nodes' ``assertions``
rather than drawn, since every assertion read in one article would
otherwise hang off it. Everything is sorted, so one graph gives one view.

>>> from kg.analysis.nxgraph import from_turtle
>>> from kg.analysis.report import unresolved_from_projection
>>> g = from_turtle('''
... :acme a kg:Organization ; rdfs:label "Acme" .
... :wire a kg:NewsArticle ; rdfs:label "The Wire" .
... :p a kg:Proposition ; kg:text "Reviews were skipped." ; kg:about :acme .
... :a1 a kg:Assertion ; kg:proposition :p ; kg:party :acme ; kg:readIn :wire ; kg:stance kg:Denies ;
...     oa:hasTarget [ oa:hasSelector [ oa:exact "none were skipped" ] ] .
... ''')
>>> view = view_of_projection(g, unresolved_from_projection(g))
>>> [(n["label"], n["cls"]) for n in view["nodes"]]
[('“none were skipped”', 'assertion'), ('Acme', 'organization'), ('Reviews were skipped.', 'proposition'), ('The Wire', 'source')]
>>> sorted((e["kind"], e["label"], e.get("stance", "")) for e in view["edges"])
[('relation', 'about', ''), ('stance', 'denies', 'denies'), ('stance', 'on', 'denies')]
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from rdflib import Graph
from rdflib.namespace import DCTERMS

from kg.analysis.nxgraph import CLS
from kg.analysis.evidence import P, AssertionRef, assertion_ref, assertions_about, assertions_on, edge_evidence
from kg.analysis.voices import linked_to, voice_of
from kg.ontology import judgement_edge_kind
from kg.export.identity_words import row_dict, row_words, verdict_words

if TYPE_CHECKING:
    import networkx as nx

    from kg.analysis.report import UnresolvedReport

__all__ = ["graph_view", "view_of_projection", "view_class"]

_HIDDEN_EDGES = {P.read_in, P.quoted_from, P.primary_source, P.left, P.right, P.same_as, P.different_from}
_STRONG = {"assertion", "proposition", "question", "source", "both"}
# Checked in this order: an AI system is a system before it is an agent.
_VIEW_CLASSES = (
    (CLS.Assertion, "assertion"), (CLS.Proposition, "proposition"), (CLS.OpenQuestion, "question"),
    (CLS.Source, "source"), (CLS.Incident, "incident"), (CLS.IncidentTrend, "incident"), (CLS.Safeguard, "safeguard"),
    (CLS.System, "system"), (CLS.Meeting, "meeting"), (CLS.MeetingSeries, "meeting"),
    (CLS.Person, "person"), (CLS.Role, "person"), (CLS.Organization, "organization"),
)


def view_class(kinds) -> str:
    """The page's class for an item of the given kg classes.

    >>> view_class(["AISystem", "Agent", "Entity", "System"])
    'system'
    """
    kinds = set(kinds)
    return next((view for kind, view in _VIEW_CLASSES if kind in kinds), "other")


def _edge_id(*parts: str) -> str:
    return "e:" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


#: A document's voice is its author's, else its publisher's: the stance board puts them under one head.
_WRITTEN_BY = (str(DCTERMS.creator), str(DCTERMS.publisher))


def voice_head(g: "nx.MultiDiGraph", party: str) -> str:
    """Whose column a party's stances go under on the stance board: its voice (whom it speaks for),
    where a document's voice is that of its author (else its publisher).

    >>> from kg.analysis.nxgraph import EXAMPLE, from_turtle
    >>> g = from_turtle('''
    ... :acme a kg:Organization ; rdfs:label "Acme" .  :pat a kg:Person ; kg:speaksFor :acme .
    ... :memo a kg:InternalDocument ; dcterms:creator :pat .  :ann a kg:Person .''')
    >>> [voice_head(g, EXAMPLE + n).removeprefix(EXAMPLE) for n in ("memo", "pat", "acme", "ann")]
    ['acme', 'acme', 'acme', 'ann']
    """
    for predicate in _WRITTEN_BY:
        writers = sorted(linked_to(g, party, predicate), key=lambda n: (str(g.nodes[n].get("label", n)), n))
        if writers:
            return voice_of(g, writers[0])
    return voice_of(g, party)


def _assertion_entry(g: "nx.MultiDiGraph", a: AssertionRef) -> dict:
    head = voice_head(g, a.party.iri)
    return {"party": a.party.label, "stance": a.stance, "quote": a.quote, "source_title": a.source.title or a.source.label, "source_date": a.source.date, "source_url": a.source.url,
            "date": a.date, "voice": (a.voice or a.party).label, "superseded": a.superseded,
            "group": str(g.nodes[head].get("label", head)) if head in g else a.party.label}


def _node_assertions(g: "nx.MultiDiGraph", node: str, cls: str) -> list[AssertionRef]:
    if cls == CLS.Assertion:
        record = assertion_ref(g, node)
        return [record] if record else []
    if cls == CLS.Proposition:
        return assertions_on(g, node)
    made = [assertion_ref(g, u) for u, _, k in g.in_edges(node, keys=True) if k in (P.party, P.read_in)]
    found = {a.iri: a for a in [*assertions_about(g, node), *(m for m in made if m)]}
    return sorted(found.values(), key=AssertionRef.sort_key)


def _nodes(g: "nx.MultiDiGraph") -> list[dict]:
    nodes = []
    for node in sorted(g):
        attrs = g.nodes[node]
        if attrs.get("cls") == CLS.IdentityJudgement:
            continue
        entry = {
            "id": node,
            "label": attrs.get("label", node),
            "cls": view_class(attrs.get("kinds") or [attrs.get("cls", "")]),
            "class_label": attrs.get("class_label", attrs.get("cls", "")),
            "description": attrs.get("description") or attrs.get("resolvable_by") or "",
            "assertions": [_assertion_entry(g, a) for a in _node_assertions(g, node, attrs.get("cls", ""))],
            "draft": attrs.get("review", "reviewed") != "reviewed",
            **{key: str(attrs[key]) for key in ("date", "not_before", "not_after", "date_text") if attrs.get(key)},
            **({"links": list(attrs["links"])} if attrs.get("links") else {}),  # identifiers elsewhere, e.g. Wikidata
        }
        if attrs.get("cls") == CLS.Assertion and entry["assertions"]:
            entry["stance"] = attrs.get("stance", "")
            entry["parties"] = [entry["assertions"][0]["party"]]
            entry["sources"] = [entry["assertions"][0]["source_title"]]
            entry["superseded"] = entry["assertions"][0]["superseded"]  # history, not a live stance (7/7)
        nodes.append(entry)
    return nodes


def _edges(g: "nx.MultiDiGraph", report: "UnresolvedReport") -> tuple[list[dict], dict, list[str]]:
    """The page's edges, their ids by pair of ends, and the labels of the projection's edges left out."""
    from kg.ontology import Judgement

    edges, left_out = [], []
    by_pair: dict[tuple[str, str], list[str]] = {}
    for u, v, key, data in sorted(g.edges(keys=True, data=True)):
        ends = {g.nodes[u].get("cls"), g.nodes[v].get("cls")}
        if key in _HIDDEN_EDGES or CLS.IdentityJudgement in ends:
            left_out.append(str(data["label"]))
            continue
        edge = {"id": _edge_id(u, key, v), "source": u, "target": v, "label": data["label"], "kind": "relation", "parties": [], "sources": []}
        if key in (P.party, P.proposition) and g.nodes[u].get("cls") == CLS.Assertion:
            record = assertion_ref(g, u)
            if record is None:
                left_out.append(str(data["label"]))
                continue
            edge.update(kind="stance", stance=record.stance, parties=[record.party.label], sources=[record.source.title or record.source.label])
            if key == P.party:  # drawn from the party to its assertion
                edge.update(source=v, target=u, label=record.stance)
            else:
                edge["label"] = "on"
        else:
            evidence = edge_evidence(g, u, v)
            if evidence.basis in _STRONG:
                edge["parties"] = sorted({a.party.label for a in evidence.assertions})
                edge["sources"] = sorted({s.title or s.label for s in evidence.sources})
        edges.append(edge)
        by_pair.setdefault(tuple(sorted((u, v))), []).append(edge["id"])
    for node, attrs in sorted(g.nodes(data=True)):
        if attrs.get("cls") != CLS.IdentityJudgement:
            continue
        ends = sorted(v for _, v, k in g.out_edges(node, keys=True) if k in (P.left, P.right))
        if len(ends) != 2:
            continue
        raised = sorted(g.nodes[v]["label"] for _, v, k in g.out_edges(node, keys=True) if k == P.raised_in)
        judges = sorted(g.nodes[v]["label"] for _, v, k in g.out_edges(node, keys=True) if k == P.judged_by)
        judgement = str(attrs.get("judgement", Judgement.NO_JUDGEMENT.value))
        edge = {"id": _edge_id(node), "source": ends[0], "target": ends[1], "label": judgement, "kind": judgement_edge_kind(judgement), "parties": judges, "sources": raised}
        edges.append(edge)
        by_pair.setdefault(tuple(ends), []).append(edge["id"])
    for c in report.candidates:
        pair = tuple(sorted((c.left.iri, c.right.iri)))
        if c.judgement is None:
            edge = {"id": c.id, "source": pair[0], "target": pair[1], "label": f"{verdict_words(c.verdict)} ({c.probability:.2f})", "kind": "candidate", "parties": [], "sources": []}
            edges.append(edge)
            by_pair.setdefault(pair, []).append(edge["id"])
    return sorted(edges, key=lambda e: e["id"]), by_pair, left_out


def _unresolved(g: "nx.MultiDiGraph", report: "UnresolvedReport", by_pair: dict) -> list[dict]:
    def edges_between(a: str, b: str) -> list[str]:
        return by_pair.get(tuple(sorted((a, b))), [])

    from kg.export import plain

    names = plain.Names(dict(report.short_names), tuple(report.documents))
    items = []
    for c in report.candidates:
        shared = [n.iri for n in c.shared_nodes]
        judged = f"; judged {c.judgement}" if c.judgement else ""
        rows = [f"{r.weight:+.2f} {row_words(r)}" for r in c.waterfall if r.weight]
        detail = "; ".join([f"{c.cls}, {verdict_words(c.verdict)} ({c.probability:.2f}){judged}", f"{c.prior:+.2f} prior", *rows, f"= {c.weight:+.2f} match weight"])
        edge_ids = edges_between(c.left.iri, c.right.iri) + [e for n in shared for m in (c.left.iri, c.right.iri) for e in edges_between(m, n)]
        items.append({
            "id": c.id, "kind": "candidate", "label": c.label, "detail": detail, "nodes": sorted({c.left.iri, c.right.iri, *shared}),
            "edges": sorted(set(edge_ids)), "probability": c.probability, "verdict": verdict_words(c.verdict), "match_weight": c.weight,
            "waterfall": [{"comparison": "prior", "level": "", "weight": c.prior, "detail": "", "via": []}, *(row_dict(r) for r in c.waterfall)],
        })
    for c in report.contested:
        assertions = [*c.affirming, *c.opposing, *c.neither]
        nodes = {c.proposition.iri, *(a.iri for a in assertions), *(a.party.iri for a in assertions)}
        edge_ids = [e for a in assertions for e in edges_between(a.iri, a.party.iri) + edges_between(a.iri, c.proposition.iri)]
        detail = plain.contested_opening(c, names)  # the stance tags are one click away, in the info panel
        items.append({"id": f"contested:{c.id}", "kind": "contested", "label": c.label, "detail": detail, "nodes": sorted(nodes), "edges": sorted(set(edge_ids))})
    for q in report.questions:
        about = [n.iri for n in q.about if n.iri in g]
        edge_ids = [e for n in about for e in edges_between(q.id, n)]
        detail = f"Resolvable by: {q.resolvable_by}" if q.resolvable_by else ""
        items.append({"id": f"question:{q.id}", "kind": "question", "label": q.asks, "detail": detail, "nodes": sorted({q.id, *about}), "edges": sorted(set(edge_ids))})
    return items


def view_of_projection(g: "nx.MultiDiGraph", report: "UnresolvedReport") -> dict:
    """The view of an already projected graph and its report."""
    edges, by_pair, left_out = _edges(g, report)
    # The reports' short names, keyed by the labels the page's assertions carry, for the stance board.
    short = {str(g.nodes[iri].get("label", iri)): name for iri, name in sorted(report.short_names.items())}
    nodes = _nodes(g)
    return {"nodes": nodes, "edges": edges, "unresolved": _unresolved(g, report, by_pair), "short_names": short,
            "record": record_gap(g, nodes, edges, left_out)}


def _tally(names) -> list[list]:
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return [[name, counts[name]] for name in sorted(counts, key=lambda n: (-counts[n], n))]


def record_gap(g: "nx.MultiDiGraph", nodes: list[dict], edges: list[dict], left_out: list[str]) -> dict:
    """What the exports hold (the projection ``g``) that the page does not draw, and what the page adds.

    The exports keep an identity judgement as a node and every provenance link (read in, quoted
    from...) as an edge; the page draws a judgement as one edge between its pair, puts provenance in
    each item's panel, and adds an edge for each unjudged identity candidate. So
    ``exports - left out + added`` is what the page draws, which a test checks.

    >>> from kg.analysis.nxgraph import from_turtle
    >>> from kg.analysis.report import unresolved_from_projection
    >>> g = from_turtle('''
    ... :acme a kg:Organization ; rdfs:label "Acme" .  :wire a kg:NewsArticle ; rdfs:label "The Wire" .
    ... :p a kg:Proposition ; kg:text "Reviews were skipped." .
    ... :a1 a kg:Assertion ; kg:proposition :p ; kg:party :acme ; kg:readIn :wire ; kg:stance kg:Denies .''')
    >>> gap = view_of_projection(g, unresolved_from_projection(g))["record"]
    >>> gap["nodes"], gap["edges"], gap["left_out_edges"], gap["added_edges"]
    (4, 3, [['read in', 1]], [])
    """
    drawn = {node["id"] for node in nodes}
    left_nodes = [str(attrs.get("class_label", attrs.get("cls", ""))) for n, attrs in g.nodes(data=True) if n not in drawn]
    added = [e["kind"] for e in edges if e["kind"] not in ("relation", "stance")]
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "left_out_nodes": _tally(left_nodes),
            "left_out_edges": _tally(left_out), "added_edges": _tally(added)}


def graph_view(graph: Graph, report: "UnresolvedReport | None" = None, *, include_pending: bool = False) -> dict:
    """The view dict of ``graph`` for :func:`kg.export.html.render_html`; the report is computed if not given.

    With ``include_pending``, drafts pending review are in the view beside the record.
    """
    from kg.analysis.nxgraph import project
    from kg.analysis.report import unresolved_from_projection

    g = project(graph, reviewed_only=not include_pending)
    return view_of_projection(g, report if report is not None else unresolved_from_projection(g))
