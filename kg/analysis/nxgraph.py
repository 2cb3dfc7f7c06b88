"""The one RDF → networkx projection; every analysis reads the graph through it.

:func:`project` runs three canned SELECTs (``projection-nodes``,
``projection-edges``, and ``projection-terms`` for the names of classes and
properties), so it works the same on Oxigraph, rdflib's engine or a remote
endpoint and never walks the triples in Python. The result is a
:class:`networkx.MultiDiGraph`:

* a node per case item, keyed by its IRI (a ``str``), with ``cls`` (the kg
  class's local name: ``Incident``, ``Assertion``, ``Proposition``,
  ``OpenQuestion``, ``IdentityJudgement``...) and ``class_label`` (the
  ontology's label for it, such as "AI system"), ``kinds`` (it and the kg
  classes above it, such as ``Source`` or ``Agent``), ``label``, ``aliases``
  (a list), ``review``, the dates ``date``, ``not_before``, ``not_after``,
  ``date_text``, and where they apply ``description``, ``title``, ``url``,
  ``text``, ``asks``, ``status``, ``resolvable_by``, ``answer``, ``note``,
  ``judgement`` and ``settles`` (for judgements), and for assertions
  ``stance``, ``polarity`` (1, -1 or 0), ``quote`` and ``confidence`` (1.0
  unless stated);
* an edge per relation between two items, keyed by the predicate IRI, with
  ``predicate`` (the IRI) and ``label`` (the ontology's name for it).

Items without a label are named by their text (propositions), question
(questions) or quote (assertions).

Only reviewed items count as facts: by default, items whose review status is
not ``reviewed`` are left out, with their edges.

>>> g = from_turtle('''
... :acme a kg:Organization ; rdfs:label "Acme" ; skos:altLabel "Acme Corp." .
... :outage a kg:Incident ; rdfs:label "Outage" ; kg:affected :acme ; dcterms:date "2026-03-02"^^xsd:date .
... :draft a kg:Incident ; rdfs:label "Draft" ; kg:reviewStatus kg:Pending .
... ''')
>>> sorted(g.nodes[n]["label"] for n in g)
['Acme', 'Outage']
>>> [(g.nodes[u]["label"], d["label"], g.nodes[v]["label"]) for u, v, d in g.edges(data=True)]
[('Outage', 'affected', 'Acme')]
>>> g.nodes[EXAMPLE + "outage"]["date"], g.nodes[EXAMPLE + "acme"]["aliases"]
('2026-03-02', ['Acme Corp.'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Collection, Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.sparql import PREFIXES, plain_rows
from kg.store import normalize_term
from kg.vocab import BASE_IRI, CLS, KG

if TYPE_CHECKING:  # networkx is imported where it is used, to keep `kg --help` fast
    import networkx as nx

__all__ = ["project", "case_projections", "case_parts", "Rows", "by_case", "from_turtle", "local_name", "EXAMPLE", "ITEM_KINDS", "CLS"]

#: Base IRI of the items in docstring examples.
EXAMPLE = BASE_IRI + "example/"

_KG = str(KG._NS)
_LISTS = {"aliases", "kinds", "passage", "links"}


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``.

    >>> local_name("https://w3id.org/kg/ontology#Incident")
    'Incident'
    """
    iri = str(iri)
    return iri[max(iri.rfind("#"), iri.rfind("/")) + 1:]


#: Classes that are not things in the world but statements about them.
ITEM_KINDS = frozenset({CLS.Assertion, CLS.Proposition, CLS.OpenQuestion, CLS.IdentityJudgement})


def _words(name: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()


def _term_labels(graph: Graph) -> dict[str, str]:
    """Ontology term → its English label, else its case key in words."""
    labels: dict[str, str] = {}
    keys: dict[str, str] = {}
    names, rows = plain_rows(graph, "projection-terms")
    for values in rows:
        row = dict(zip(names, values))
        term, label, key = str(row["term"]), row.get("label"), row.get("key")
        if label is not None:
            labels[term] = min(str(label), labels.get(term, str(label)))
        if key is not None:
            keys[term] = _words(str(key))
    return {**keys, **labels}


def project(graph: Graph, *, reviewed_only: bool = True, cases: Collection[str] | None = None) -> "nx.MultiDiGraph":
    """Project the case items of ``graph`` and the relations between them onto networkx.

    ``cases`` (case IRIs), if given, projects the items of those cases only:
    where the build materialised the projection's rows, only theirs are read.
    Every relation stays inside a case, so this is the whole projection's
    subgraph of those cases' items.
    """
    return _project(graph, _term_labels(graph), reviewed_only=reviewed_only, cases=cases)


def _project(
    graph: Graph, names: dict[str, str], *, reviewed_only: bool, cases: Collection[str] | None
) -> "nx.MultiDiGraph":
    """:func:`project`, with the ontology's names for classes and properties (:func:`_term_labels`) at hand."""
    return _read(graph, names, reviewed_only=reviewed_only, cases=cases).projection()


def _read(graph: Graph, names: dict[str, str], *, reviewed_only: bool, cases: Collection[str] | None) -> "Rows":
    """The rows of ``cases`` (every case when None), read and not yet put together."""
    # Plain values: no rdflib term for each of many rows.
    nodes = list(plain_rows(graph, "projection-nodes", cases=cases)[1])
    edges = list(plain_rows(graph, "projection-edges", cases=cases)[1])
    return Rows(nodes, edges, names, reviewed_only, None if cases is None else frozenset(cases))


@dataclass(frozen=True)
class Rows:
    """A projection's rows as read from the store (plain values): cheap to hand to another process, which
    puts them together (:meth:`projection`)."""

    nodes: list[tuple]
    edges: list[tuple]
    names: dict[str, str]  # the ontology's names for classes and properties (:func:`_term_labels`)
    reviewed_only: bool
    cases: frozenset[str] | None  # the only cases kept, where the store reads every case's rows together

    def projection(self) -> "nx.MultiDiGraph":
        import networkx as nx

        names, cases = self.names, self.cases
        attributes: dict[str, dict] = {}
        for node, key, value in self.nodes:
            attrs = attributes.setdefault(node, {})
            if key == "class":
                if isinstance(value, str) and value.startswith(_KG):
                    attrs.setdefault("classes", set()).add(local_name(value))
            elif key in _LISTS:
                attrs.setdefault(key, set()).add(value)
            elif key not in attrs or str(value) < str(attrs[key]):
                attrs[key] = value  # several values: keep the least, so the result is stable
        out = nx.MultiDiGraph()
        for node in sorted(attributes):
            attrs = attributes[node]
            if cases is not None and attrs.get("case") not in cases:
                continue  # read where the store keeps every case's rows together
            if attrs.get("review") != "reviewed" and (self.reviewed_only or attrs.get("review") == "rejected"):
                continue  # a rejected draft stays out of every view: kept in its file only so ingest does not redraft it
            classes = sorted(attrs.pop("classes", ()))
            attrs["cls"] = classes[0] if classes else CLS.Entity
            attrs["class_label"] = names.get(_KG + attrs["cls"], _words(attrs["cls"]))
            attrs["aliases"] = sorted(attrs.get("aliases", ()))
            for key in ("passage", "links"):  # the words a change affects; the item's identifiers elsewhere
                if key in attrs:
                    attrs[key] = sorted(attrs[key])
            attrs["kinds"] = sorted(local_name(k) for k in attrs.get("kinds", ()))
            quote = f"“{attrs['quote']}”" if attrs.get("quote") else None
            attrs.setdefault("label", attrs.get("text") or attrs.get("asks") or quote or local_name(node))
            if attrs["cls"] == CLS.Assertion:
                attrs["polarity"] = int(attrs.get("polarity", 0))
                attrs["confidence"] = float(attrs.get("confidence", 1.0))
            out.add_node(node, **attrs)
        rdf_type, labels = str(RDF.type), {}
        for source, predicate, target in sorted(set(self.edges)):
            if source in out and target in out and predicate != rdf_type:
                label = labels.get(predicate)
                if label is None:
                    label = labels[predicate] = names[predicate] if predicate in names else _words(local_name(predicate))
                out.add_edge(source, target, key=predicate, predicate=predicate, label=label)
        return out


def by_case(g: "nx.MultiDiGraph") -> Iterator["nx.MultiDiGraph"]:
    """Each case's part of a projection, in the order of their items' IRIs (``g`` itself when it holds one case).

    Every relation stays inside a case, so the parts hold every edge of ``g``.

    >>> g = from_turtle(':a a kg:Organization ; rdfs:label "A" .', case="one")
    >>> g.add_nodes_from(from_turtle(':b a kg:Organization ; rdfs:label "B" .', case="two").nodes(data=True))
    >>> [sorted(part.nodes[n]["label"] for n in part) for part in by_case(g)]
    [['A'], ['B']]
    """
    members: dict[str, list[str]] = {}
    for node, case in g.nodes(data="case"):
        members.setdefault(case, []).append(node)
    if len(members) <= 1:
        yield g
        return
    for nodes in sorted(members.values(), key=min):
        yield g.subgraph(nodes).copy()


def case_projections(graph: Graph, *, reviewed_only: bool = True) -> Iterator["nx.MultiDiGraph"]:
    """Each case's projection in turn (:func:`project` of that case), without a case whose items are all left out.

    Where the build materialised the projection's rows, each case's rows are
    read in turn, so only one case's projection is held at a time; elsewhere
    the whole graph is projected once and split (:func:`by_case`). Either way
    each part is the whole projection's subgraph of one case's items.
    """
    _, parts = case_parts(graph, reviewed_only=reviewed_only)
    for part in parts:
        g = part.projection() if isinstance(part, Rows) else part
        if len(g):
            yield g


def case_parts(graph: Graph, *, reviewed_only: bool = True) -> tuple[int, Iterator["Rows | nx.MultiDiGraph"]]:
    """How many cases there are, and each case's part in turn, for :func:`case_projections` and those that share
    the cases among processes: each case's :class:`Rows` where the build materialised the projection's rows
    (read one case at a time), else each case's projection (:func:`by_case` of the whole). A part may project
    to nothing (every item of its case left out)."""
    from kg import summaries
    from kg.sparql import QUERY_DIR, _summary_store

    store = _summary_store(graph)
    if store is None or not summaries.summarised(store, "projection-nodes"):
        parts = [part for part in by_case(project(graph, reviewed_only=reviewed_only)) if len(part)]
        return len(parts), iter(parts)
    names = _term_labels(graph)
    # Straight to the store, which the summaries are read from too: no rdflib parse of the query, no terms.
    text = (QUERY_DIR / "analysis" / "cases.rq").read_text(encoding="utf-8")
    cases = [row["case"].value for row in store.query(text)]
    return len(cases), (_read(graph, names, reviewed_only=reviewed_only, cases={case}) for case in cases)


def from_turtle(text: str, case: str = "example") -> "nx.MultiDiGraph":
    """Project a small graph written in Turtle, for examples and notebooks.

    The usual prefixes are declared, ``:`` is ``https://w3id.org/kg/id/<case>/``,
    the ontology is added, and every subject typed with a kg class is put in
    the case and marked reviewed unless the text says otherwise.
    """
    from kg.ontology import ontology_graph

    header = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items())
    header += f"@prefix : <{BASE_IRI}{case}/> .\n"
    data = Graph().parse(data=header + text, format="turtle")
    case_node = URIRef(f"{BASE_IRI}{case}")
    for subject, cls in list(data.subject_objects(RDF.type)):
        if str(cls).startswith(_KG):
            data.add((subject, KG.inCase, case_node))
            if data.value(subject, KG.reviewStatus) is None:
                data.add((subject, KG.reviewStatus, KG.Reviewed))
    data += ontology_graph()
    return project(data)
