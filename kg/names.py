"""Names of items: what a user types (a label, an alias, a case id or an IRI) turned into one item's IRI, and short names.

A name is matched, ignoring case, first against labels, then aliases, then
case ids (the last part of an item's IRI). The first of these that matches
decides; if it matches more than one item the name is ambiguous and the error
lists them. Lookups go through the canned query ``find-entity``. :func:`short_name` is what
the reports call a party or a source.

>>> graph = Graph().parse(format="turtle", data='''
... @prefix kg: <https://w3id.org/kg/ontology#> .
... @prefix : <https://w3id.org/kg/id/demo/> .
... :globex a kg:Organization ; kg:inCase :case ; kg:reviewStatus kg:Reviewed ;
...     <http://www.w3.org/2000/01/rdf-schema#label> "Globex" ;
...     <http://www.w3.org/2004/02/skos/core#altLabel> "Globex Corp." .
... ''')
>>> resolve(graph, "globex corp.")
rdflib.term.URIRef('https://w3id.org/kg/id/demo/globex')
>>> resolve(graph, "Initech")
Traceback (most recent call last):
...
kg.errors.QueryError: no item is called 'Initech' (by label, alias or id)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from kg.errors import QueryError
from kg.sparql import evaluate
from kg.store import normalize_term

__all__ = ["Match", "find", "resolve", "resolve_or_none", "short_name"]

_TIERS = ("label", "alias", "id")
_SUGGESTIONS = 5


@dataclass(frozen=True, order=True)
class Match:
    label: str
    cls: str
    iri: str
    how: str  # label | alias | id | partial

    def describe(self) -> str:
        return f"{self.label} ({self.cls}, {self.iri})"


def find(graph: Graph, name: str) -> list[Match]:
    """Every item ``name`` matches, with how it matches."""
    rows = evaluate(graph, "find-entity", {"name": Literal(name)})
    found = {Match(str(normalize_term(r.label)), re.split(r"[#/]", str(r["class"]))[-1], str(r.item), str(r.match)) for r in rows}
    return sorted(found)


def resolve_or_none(graph: Graph, name: str) -> URIRef | None:
    """The IRI ``name`` names, None if it names nothing; :class:`QueryError` if it is ambiguous."""
    text = name.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    if re.match(r"^https?://\S+$", text):
        if not bool(evaluate(graph, "ASK { ?item kg:inCase ?case }", {"item": URIRef(text)}).askAnswer):
            return None
        return URIRef(text)
    matches = find(graph, text)
    for tier in _TIERS:
        hits = sorted({(m.label, m.cls, m.iri) for m in matches if m.how == tier})
        if len(hits) == 1:
            return URIRef(hits[0][2])
        if hits:
            listed = "; ".join(f"{label} ({cls}, {iri})" for label, cls, iri in hits)
            raise QueryError(f"{name!r} is ambiguous: it is the {tier} of {len(hits)} items: {listed}. Give an id or IRI instead")
    return None


def resolve(graph: Graph, name: str) -> URIRef:
    """The IRI ``name`` names; :class:`QueryError` if it names nothing or several items."""
    iri = resolve_or_none(graph, name)
    if iri is not None:
        return iri
    near = sorted({m.label for m in find(graph, name.strip()) if m.how == "partial"}) if len(name.strip()) >= 3 else []
    hint = f"; did you mean {', '.join(repr(n) for n in near[:_SUGGESTIONS])}?" if near else ""
    raise QueryError(f"no item is called {name!r} (by label, alias or id){hint}")


# ---------------------------------------------------------------- short names
# What reports call a party or a source: the words are presentation, the rule is shared
# by the report's data (kg.analysis.record.short_names) and the words of kg.export.plain.

_WORDS = 4
_CHARS = 32
_CUT = re.compile(r"\s(?:on|of|about|at|for|during|blaming|linked|from|that|which|with|to|in|by|after)\s|[,:;(\u2013\u2014]")


def short_name(label: str) -> str:
    """A short name derived from a label: a trailing aside dropped, a long title cut where it starts describing.

    >>> short_name("Amazon spokesperson (unnamed)")
    'Amazon spokesperson'
    >>> short_name("Dave Treadwell's internal message on strengthening guardrails")
    "Dave Treadwell's internal message"
    >>> short_name("Internal account of incidents since Q3 2025 and failed basic safeguards")
    'Internal account'
    """
    base = re.sub(r"\s*\([^)]*\)\s*$", "", label).strip() or label.strip()
    if len(base.split()) <= _WORDS and len(base) <= _CHARS:
        return base
    cut = _CUT.search(base)
    head = base[:cut.start()].strip() if cut and cut.start() > 0 else base
    return " ".join(head.split()[:_WORDS])
