"""The ontology as data: ``ontology/kg.ttl`` and ``ontology/shapes.ttl``.

The case format is read off the ontology. Classes and properties that carry a
``kg:caseKey`` annotation can be written in case files under that key, and
concept schemes (stances, judgement values, statuses) are looked up by their
``skos:notation``. Adding a term to ``kg.ttl`` adds it to the case format.

>>> schema = case_schema()
>>> schema.classes["Person"]
rdflib.term.URIRef('https://w3id.org/kg/ontology#Person')
>>> schema.properties["memberOf"].kind
'ref'
>>> schema.stances["denies"].polarity
-1
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.errors import OntologyError
from kg.vocab import KG

__all__ = [
    "ONTOLOGY_DIR",
    "ontology_graph",
    "shapes_graph",
    "case_schema",
    "CaseSchema",
    "CaseProperty",
    "Concept",
    "stances",
    "judgements",
    "judgement_edge_kind",
    "Judgement",
]

ONTOLOGY_DIR = Path(os.environ.get("KG_ONTOLOGY_DIR", Path(__file__).resolve().parent.parent / "ontology"))


def _parse(name: str) -> Graph:
    path = ONTOLOGY_DIR / name
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except FileNotFoundError as e:
        raise OntologyError(f"ontology file not found: {path}") from e
    except Exception as e:  # rdflib raises many parser types
        raise OntologyError(f"{path}: cannot parse: {e}") from e
    return graph


@lru_cache(maxsize=None)
def ontology_graph() -> Graph:
    """The parsed ``kg.ttl`` (cached; do not mutate)."""
    return _parse("kg.ttl")


@lru_cache(maxsize=None)
def shapes_graph() -> Graph:
    """The parsed ``shapes.ttl`` (cached; do not mutate)."""
    return _parse("shapes.ttl")


@dataclass(frozen=True)
class CaseProperty:
    key: str
    iri: URIRef
    kind: str  # 'ref', 'iri' (an external identifier) or an XSD datatype local name: string, date, integer, ..., decimal
    #: for a reference: the classes (case-file names) it may point to, from its rdfs:range; empty: any item
    targets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Concept:
    notation: str
    iri: URIRef
    label: str
    polarity: int | None = None
    settles: bool | None = None


@dataclass(frozen=True)
class CaseSchema:
    classes: dict[str, URIRef]
    properties: dict[str, CaseProperty]
    stances: dict[str, Concept]
    judgements: dict[str, Concept]
    question_statuses: dict[str, Concept]
    review_statuses: dict[str, Concept]
    safeguard_states: dict[str, Concept]
    source_classes: frozenset[URIRef]
    #: class → the keys its entries hold besides ``properties`` (kg:caseKeys), each with the terms it records
    entry_keys: dict[URIRef, dict[str, tuple[URIRef, ...]]] = field(default_factory=dict)
    #: the keys of an entry restating a proposition defined elsewhere (kg:restatementKeys)
    restatement_keys: dict[str, tuple[URIRef, ...]] = field(default_factory=dict)

    def is_source_class(self, iri: URIRef) -> bool:
        return iri in self.source_classes


def _concepts(graph: Graph, cls: URIRef) -> dict[str, Concept]:
    out = {}
    for iri in graph.subjects(RDF.type, cls):
        notation = str(graph.value(iri, SKOS.notation))
        polarity = graph.value(iri, KG.polarity)
        settles = graph.value(iri, KG.settles)
        out[notation] = Concept(
            notation=notation,
            iri=iri,
            label=str(graph.value(iri, SKOS.prefLabel) or notation),
            polarity=int(polarity) if polarity is not None else None,
            settles=bool(settles.toPython()) if isinstance(settles, Literal) else None,
        )
    return dict(sorted(out.items()))


def _subclasses(graph: Graph, root: URIRef) -> set[URIRef]:
    found = {root}
    frontier = [root]
    while frontier:
        for sub in graph.subjects(RDFS.subClassOf, frontier.pop()):
            if isinstance(sub, URIRef) and sub not in found:
                found.add(sub)
                frontier.append(sub)
    return found


@lru_cache(maxsize=None)
def case_schema() -> CaseSchema:
    """What may be written in case files, read from ``kg.ttl``."""
    graph = ontology_graph()
    classes: dict[str, URIRef] = {}
    properties: dict[str, CaseProperty] = {}
    for term, key in graph.subject_objects(KG.caseKey):
        if not isinstance(term, URIRef):  # a row of kg:caseKeys, read below
            continue
        key = str(key)
        if (term, RDF.type, OWL.Class) in graph:
            classes[key] = term
        else:
            kind = graph.value(term, KG.valueKind)
            if kind is None:
                raise OntologyError(f"kg.ttl: {term} has kg:caseKey {key!r} but no kg:valueKind")
            properties[key] = CaseProperty(key, term, str(kind))
    names = {iri: name for name, iri in classes.items()}
    for key, prop in properties.items():
        if prop.kind == "ref":
            allowed = set()
            for cls in graph.objects(prop.iri, RDFS.range):
                allowed |= {names[c] for c in _subclasses(graph, cls) if c in names}
            properties[key] = CaseProperty(key, prop.iri, prop.kind, tuple(sorted(allowed)))
    return CaseSchema(
        classes=dict(sorted(classes.items())),
        properties=dict(sorted(properties.items())),
        stances=_concepts(graph, KG.Stance),
        judgements=_concepts(graph, KG.JudgementValue),
        question_statuses=_concepts(graph, KG.QuestionStatus),
        review_statuses=_concepts(graph, KG.ReviewStatus),
        safeguard_states=_concepts(graph, KG.SafeguardState),
        source_classes=frozenset(_subclasses(graph, KG.Source)),
        entry_keys={cls: _keys(graph, cls, KG.caseKeys) for cls in sorted(set(graph.subjects(KG.caseKeys)))},
        restatement_keys=_keys(graph, KG.Proposition, KG.restatementKeys),
    )


def _keys(graph: Graph, cls: URIRef, annotation: URIRef) -> dict[str, tuple[URIRef, ...]]:
    """The rows of ``annotation`` on ``cls``: each key an entry may hold, and the terms it records.

    >>> sorted(_keys(ontology_graph(), KG.IdentityJudgement, KG.caseKeys)["pair"])
    [rdflib.term.URIRef('https://w3id.org/kg/ontology#left'), rdflib.term.URIRef('https://w3id.org/kg/ontology#right')]
    """
    rows = {}
    for row in graph.objects(cls, annotation):
        key = graph.value(row, KG.caseKey)
        if key is None:
            raise OntologyError(f"kg.ttl: a row of {annotation.n3(graph.namespace_manager)} on {cls} has no kg:caseKey")
        rows[str(key)] = tuple(sorted(graph.objects(row, KG.records)))
    return dict(sorted(rows.items()))


# ---------------------------------------------------------------- the concept registry
# Every list of stances or judgements in kg (the page, its legend, ingest's
# report, the synthetic corpus) comes from here, so a concept added to kg.ttl
# needs no Python change; tests/export/test_html.py then names the style to add.


def stances() -> tuple[Concept, ...]:
    """Every stance: affirming first, then opposing, then neither (the order of legends).

    >>> [s.notation for s in stances()]
    ['asserts', 'confirms', 'denies', 'disputes', 'narrows', 'hedges']
    """
    found = case_schema().stances.values()
    return tuple(sorted(found, key=lambda c: (c.polarity == 0, -(c.polarity or 0), c.notation)))


def judgements() -> tuple[Concept, ...]:
    """Every identity judgement value: those that settle a pair first.

    >>> [j.notation for j in judgements()]
    ['different', 'same', 'no-judgement', 'unsure']
    """
    return tuple(sorted(case_schema().judgements.values(), key=lambda c: (not c.settles, c.notation)))


@lru_cache(maxsize=None)
def _judgement_enum():
    """The identity judgement values of kg.ttl as one ``str`` enum; each member knows ``settles``, ``iri`` and ``label``."""
    from enum import Enum

    found = judgements()
    enum = Enum("Judgement", [(c.notation.replace("-", "_").upper(), c.notation) for c in found], type=str, module=__name__)
    enum.__doc__ = "An identity judgement value, from kg.ttl's kg:JudgementScheme (``Judgement.SAME.settles``)."
    enum.__str__ = lambda self: self.value
    for member, concept in zip(enum, found):
        member.settles, member.iri, member.label = bool(concept.settles), concept.iri, concept.label
    enum.of = classmethod(lambda cls, notation: cls(str(notation)) if str(notation) in cls._value2member_map_ else None)
    return enum


def __getattr__(name: str):
    """``Judgement`` is built from kg.ttl when first asked for, so importing kg reads no file.

    >>> from kg.ontology import Judgement
    >>> [(j.value, j.settles) for j in Judgement]
    [('different', True), ('same', True), ('no-judgement', False), ('unsure', False)]
    >>> Judgement.SAME == "same", Judgement.of("unsure") is Judgement.UNSURE, Judgement.of("maybe")
    (True, True, None)
    """
    if name == "Judgement":
        return _judgement_enum()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def judgement_edge_kind(notation: str | None) -> str:
    """The page's edge kind for a judgement: ``judged-<notation>``; ``judged-none`` when there is none.

    >>> judgement_edge_kind("same"), judgement_edge_kind("no-judgement"), judgement_edge_kind(None)
    ('judged-same', 'judged-none', 'judged-none')
    """
    judgement = _judgement_enum().of(notation) if notation is not None else None
    if judgement is None or judgement is _judgement_enum().NO_JUDGEMENT:
        return "judged-none"
    return f"judged-{notation}"


def may_point_to(key: str) -> str:
    """What the case key ``key`` may refer to, in words: the key table of docs/case-format.md shows it.

    >>> may_point_to("effects")
    'Effect'
    >>> may_point_to("partOf")
    'any entity or source'
    >>> may_point_to("reportedIn")
    'Source (any kind)'
    """
    schema = case_schema()
    prop = schema.properties[key]
    if prop.kind != "ref":
        return ""
    if not prop.targets:
        return "any entity or source"
    graph = ontology_graph()
    names = {iri: name for name, iri in schema.classes.items()}
    words = []
    for cls in sorted(graph.objects(prop.iri, RDFS.range)):
        if cls in names:  # a case class stands for its subclasses too
            words.append(f"{names[cls]} (any kind)" if len(_subclasses(graph, cls) & set(names)) > 1 else names[cls])
        else:
            words.append(", ".join(sorted(names[c] for c in _subclasses(graph, cls) if c in names)))
    return " or ".join(words)


@lru_cache(maxsize=1)
def ontology_ntriples() -> tuple[bytes, int]:
    """The ontology's N-Triples, its blank nodes labelled canonically (the same in every build), and their count."""
    from rdflib.compare import to_canonical_graph

    from kg.store import ntriple_lines

    lines = sorted(set(ntriple_lines(to_canonical_graph(ontology_graph()))))
    return "".join(lines).encode("utf-8"), len(lines)

