"""What the record as a whole rests on: its cases, documents, short names, and what to look for next.

* :func:`case_titles` lists the titles of the cases the graph holds (canned
  query ``case-titles``), which title the page and the report.
* :func:`documents_read` lists every document an assertion was read in, so a
  report can say when the whole record rests on one.
* :func:`short_names` gives each party and source a short name for the
  reports: its ``shortLabel`` when the case gives one, else one derived from
  its label (:func:`kg.names.short_name`), made unique.
* :func:`look_for_next` groups the open questions by the kind of document
  that would settle them (the ontology's ``kg:EvidenceKind`` concepts, matched
  by their cue words in each question's ``resolvableBy``).

>>> from kg.analysis.nxgraph import from_turtle
>>> g = from_turtle('''
... :acme a kg:Organization ; rdfs:label "Acme Corporation (unnamed spokesperson)" .
... :wire a kg:NewsArticle ; rdfs:label "The Wire's report on the outage and the review" .
... :p a kg:Proposition ; kg:text "Reviews were skipped." .
... :a1 a kg:Assertion ; kg:proposition :p ; kg:party :acme ; kg:readIn :wire ; kg:stance kg:Denies .
... ''')
>>> [s.label for s in documents_read(g)]
["The Wire's report on the outage and the review"]
>>> sorted(short_names(g).values())
['Acme Corporation', "The Wire's report"]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterable

from kg.analysis.evidence import P, SourceRef, source_ref
from kg.analysis.nxgraph import CLS
from kg.names import short_name

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Graph

    from kg.analysis.questions import OpenQuestion

__all__ = [
    "case_titles", "documents_read", "document_order", "named", "short_names", "short_names_of", "LookFor",
    "look_for_next", "evidence_kinds",
]

# Where a long title stops naming the thing and starts describing it.
_FILLER = {"a", "an", "the", "of", "on", "and", "or", "in", "at", "to", "for", "by", "with", "its", "their"}


def case_titles(graph: "Graph") -> tuple[str, ...]:
    """The title of every case in ``graph`` (an rdflib graph or a store), sorted.

    >>> from rdflib import Graph
    >>> case_titles(Graph().parse(format="turtle", data='''
    ... @prefix kg: <https://w3id.org/kg/ontology#> .
    ... <urn:b> a kg:Case ; <http://www.w3.org/2000/01/rdf-schema#label> "The second case" .
    ... <urn:a> a kg:Case ; <http://www.w3.org/2000/01/rdf-schema#label> "A first case" .
    ... '''))
    ('A first case', 'The second case')
    """
    from kg.query import run_query

    return tuple(str(row.title) for row in run_query(graph, "case-titles"))


def drafts_by_case(graph: "Graph") -> dict[str, int]:
    """Case title → how many of its items are drafts pending review (query ``pending-drafts``).

    >>> from rdflib import Graph
    >>> drafts_by_case(Graph().parse(format="turtle", data='''
    ... @prefix kg: <https://w3id.org/kg/ontology#> .
    ... <urn:c> a kg:Case ; <http://www.w3.org/2000/01/rdf-schema#label> "A case" .
    ... <urn:x> kg:inCase <urn:c> ; kg:reviewStatus kg:Pending .
    ... '''))
    {'A case': 1}
    """
    from kg.query import run_query

    return {str(row.title): int(row.drafts) for row in run_query(graph, "pending-drafts")}


def documents_read(g: "nx.MultiDiGraph") -> tuple[SourceRef, ...]:
    """Every source an assertion in the projection was read in, by label."""
    found = {v for u, v, k in g.edges(keys=True) if k == P.read_in and g.nodes[u].get("cls") == CLS.Assertion}
    return tuple(sorted((source_ref(g, s) for s in found), key=document_order))


def document_order(source: SourceRef) -> tuple[str, str]:
    """The order documents are listed in: by label."""
    return (source.label, source.iri)


def _label_words(label: str) -> list[str]:
    return re.findall(r"[\w'-]+", label)


def _told_apart(name: str, label: str, taken: Callable[[str], bool]) -> str:
    """``name`` with the first word of ``label`` that no other colliding label has (``taken``, lower case)."""
    rest = [w for w in _label_words(label) if w.lower() not in _FILLER and not taken(w.lower())
            and w.lower() not in name.lower().split()]
    return f"{name} ({rest[0]})" if rest else name


def named(g: "nx.MultiDiGraph") -> dict[str, tuple[str, str]]:
    """IRI → (label, short label or "") of every party of an assertion and every source one was read in or
    relayed by: what :func:`short_names_of` names."""
    found = set()
    for u, v, k in g.edges(keys=True):
        if g.nodes[u].get("cls") == CLS.Assertion and k in (P.party, P.read_in, P.primary_source, P.quoted_from):
            found.add(v)
    attrs = g.nodes
    return {node: (str(attrs[node].get("label", node)), str(attrs[node].get("short_label") or "")) for node in found}


def short_names(g: "nx.MultiDiGraph") -> dict[str, str]:
    """IRI → short name for every party of an assertion and every source one was read in or relayed by."""
    return short_names_of(named(g))


def short_names_of(named: dict[str, tuple[str, str]]) -> dict[str, str]:
    """IRI → short name of each of ``named`` (IRI → label and short label, as :func:`named` gives them, of one
    graph or of several cases'), made unique among all of them.

    >>> short_names_of({"urn:a": ("Acme Corporation", ""), "urn:b": ("Acme Holdings", "Acme Group")})
    {'urn:a': 'Acme Corporation', 'urn:b': 'Acme Group'}
    """
    names = {node: short or short_name(label) for node, (label, short) in sorted(named.items())}
    by_name: dict[str, list[str]] = {}
    for node, name in names.items():
        by_name.setdefault(name.lower(), []).append(node)
    for nodes in by_name.values():
        if len(nodes) < 2:
            continue
        # How many of the colliding labels hold each word: a word is taken when another label holds it.
        words = {n: {w.lower() for w in _label_words(named[n][0])} for n in nodes}
        holders = Counter(w for n in nodes for w in words[n])
        for node in nodes:
            if not named[node][1]:
                own = words[node]
                names[node] = _told_apart(names[node], named[node][0], lambda w: holders[w] - (w in own) > 0)
    return dict(sorted(names.items()))


@lru_cache(maxsize=1)
def evidence_kinds() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(notation, label, cue words) of each kind of evidence in the ontology, in notation order."""
    from rdflib.namespace import RDF, RDFS, SKOS

    from kg.ontology import ontology_graph
    from kg.vocab import KG

    graph = ontology_graph()
    kinds = []
    for kind in graph.subjects(RDF.type, KG.EvidenceKind):
        cues = {str(c).lower() for c in graph.objects(kind, SKOS.altLabel)} | {str(graph.value(kind, RDFS.label)).lower()}
        kinds.append((str(graph.value(kind, SKOS.notation)), str(graph.value(kind, SKOS.prefLabel)), tuple(sorted(cues))))
    return tuple(sorted(kinds))


@dataclass(frozen=True)
class LookFor:
    """A kind of document, and the open questions it would settle with the items each bears on."""

    kind: str  # the EvidenceKind's notation, or "other" / "unknown"
    label: str  # the EvidenceKind's label; "" for "other" and "unknown"
    questions: tuple["OpenQuestion", ...]

    def to_dict(self) -> dict:
        return {"kind": self.kind, "label": self.label,
                "questions": [{"id": q.id, "asks": q.asks, "resolvable_by": q.resolvable_by,
                               "resolves": [link.to_dict() for link in q.links if link.direct]}
                              for q in self.questions]}


def _mentions(text: str, cue: str) -> bool:
    return re.search(r"(?<![\w-])" + re.escape(cue) + r"s?(?![\w-])", text, re.IGNORECASE) is not None


def look_for_next(questions: Iterable["OpenQuestion"]) -> tuple[LookFor, ...]:
    """Open questions grouped by each kind of document their ``resolvableBy`` names.

    A question whose text names two kinds ("minutes ..., or a statement ...")
    is listed under both. One that names none goes under the kind ``other``;
    one with no ``resolvableBy`` under ``unknown``. Those two have no label in the
    ontology: kg.export.plain.look_for_label gives their words.
    """
    questions = list(questions)
    groups = []
    placed = set()
    for notation, label, cues in evidence_kinds():
        hits = tuple(q for q in questions if q.resolvable_by and any(_mentions(q.resolvable_by, c) for c in cues))
        placed |= {q.id for q in hits}
        if hits:
            groups.append(LookFor(notation.split("-", 1)[-1], label, hits))
    rest = tuple(q for q in questions if q.resolvable_by and q.id not in placed)
    if rest:
        groups.append(LookFor("other", "", rest))
    unknown = tuple(q for q in questions if not q.resolvable_by)
    if unknown:
        groups.append(LookFor("unknown", "", unknown))
    return tuple(groups)
