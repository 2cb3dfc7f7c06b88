"""What changed between two graphs: the report ``kg ingest`` and ``kg diff`` print.

Pure functions over rdflib graphs, so the same report comes out for a case
before and after a draft, or for any two Turtle exports:

- new entities (anything with ``kg:inCase`` that is not an assertion,
  proposition, question or judgement) and new assertions;
- propositions that are contested now (an affirming and an opposing stance)
  and were not before;
- open questions the new material touches (a new triple mentions what they
  are about) and new questions;
- identity judgements that appeared.

>>> from rdflib import Graph
>>> old = Graph().parse(format="turtle", data=_EXAMPLE_OLD)
>>> new = Graph().parse(format="turtle", data=_EXAMPLE_NEW)
>>> print(format_report(compare_graphs(old, new)))
new entities (1):
  + Person  Jane Roe
new assertions (1):
  + Jane Roe denies: Reviews were skipped. [pending]
newly contested propositions (1):
  ! Reviews were skipped.  (affirmed by Globex; opposed by Jane Roe)
open questions touched (1):
  ? Were reviews skipped?
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from kg.vocab import KG

__all__ = ["ChangeReport", "compare_graphs", "format_report", "read_turtle"]

_NOT_ENTITIES = {KG.Assertion, KG.Proposition, KG.OpenQuestion, KG.IdentityJudgement, KG.Case}


@dataclass
class ChangeReport:
    new_entities: list[tuple[str, str, str]] = field(default_factory=list)  # class, label, review status
    new_assertions: list[tuple[str, str, str, str]] = field(default_factory=list)  # party, stance, proposition, status
    contested: list[tuple[str, list[str], list[str]]] = field(default_factory=list)  # proposition, for, against
    questions_touched: list[str] = field(default_factory=list)
    new_questions: list[str] = field(default_factory=list)
    identity_candidates: list[tuple[str, str, str]] = field(default_factory=list)  # left, right, judgement
    restatements: list[tuple[str, str]] = field(default_factory=list)  # new proposition, existing proposition id

    def is_empty(self) -> bool:
        return not any(vars(self).values())


def _label(graph: Graph, node) -> str:
    for prop in (RDFS.label, KG.text, KG.asks):
        value = graph.value(node, prop)
        if value is not None:
            return str(value)
    text = str(node)
    return text.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _notation(graph: Graph, node) -> str:
    """A concept's case-file word: "no-judgement" for kg:NoJudgement, "denies" for kg:Denies."""
    label = _label(graph, node)
    return re.sub(r"(?<=[a-z])(?=[A-Z])", "-", label).lower()


def _status(graph: Graph, node) -> str:
    value = graph.value(node, KG.reviewStatus)
    return _label(graph, value).lower() if value is not None else "reviewed"


def _polarity(graph: Graph, stance) -> int:
    from kg.ontology import stances

    known = {s.iri: s.polarity for s in stances()}  # the ontology's list; the graph may not hold it
    if stance in known:
        return known[stance] or 0
    value = graph.value(stance, KG.polarity)
    return int(value) if value is not None else 0


def _sides(graph: Graph, proposition) -> tuple[list[str], list[str]]:
    affirm, oppose = [], []
    for assertion in sorted(graph.subjects(KG.proposition, proposition)):
        if _status(graph, assertion) == "rejected":
            continue
        party = _label(graph, graph.value(assertion, KG.party))
        polarity = _polarity(graph, graph.value(assertion, KG.stance))
        if polarity > 0 and party not in affirm:
            affirm.append(party)
        elif polarity < 0 and party not in oppose:
            oppose.append(party)
    return affirm, oppose


def _is_open(graph: Graph, question) -> bool:
    return graph.value(question, KG.status) != KG.Resolved


def compare_graphs(old: Graph, new: Graph) -> ChangeReport:
    """The changes from ``old`` to ``new`` (see the module docstring)."""
    report = ChangeReport()
    old_subjects = set(old.subjects())
    for subject in sorted(set(new.subjects(KG.inCase, None)) - old_subjects):
        classes = set(new.objects(subject, RDF.type))
        if classes & _NOT_ENTITIES or not classes:
            continue
        report.new_entities.append((_label(new, sorted(classes)[0]), _label(new, subject), _status(new, subject)))
    report.new_entities.sort(key=lambda e: (e[0], e[1]))
    for assertion in sorted(set(new.subjects(RDF.type, KG.Assertion)) - set(old.subjects(RDF.type, KG.Assertion))):
        report.new_assertions.append(
            (
                _label(new, new.value(assertion, KG.party)),
                _notation(new, new.value(assertion, KG.stance)),
                _label(new, new.value(assertion, KG.proposition)),
                _status(new, assertion),
            )
        )
    report.new_assertions.sort()
    for proposition in sorted(set(new.subjects(RDF.type, KG.Proposition))):
        affirm, oppose = _sides(new, proposition)
        if not (affirm and oppose):
            continue
        before_affirm, before_oppose = _sides(old, proposition)
        if before_affirm and before_oppose:
            continue
        report.contested.append((_label(new, proposition), affirm, oppose))
    added = set(new) - set(old)
    touched_nodes = {s for s, _, _ in added} | {o for _, _, o in added if isinstance(o, URIRef)}
    # A new assertion on an existing proposition touches what that proposition is about.
    for proposition in [o for _, p, o in added if p == KG.proposition]:
        touched_nodes |= set(new.objects(proposition, KG.about))
    old_questions = set(old.subjects(RDF.type, KG.OpenQuestion))
    for question in sorted(set(new.subjects(RDF.type, KG.OpenQuestion))):
        if not _is_open(new, question):
            continue
        if question not in old_questions:
            report.new_questions.append(_label(new, question))
        elif any(target in touched_nodes for target in new.objects(question, KG.about)):
            report.questions_touched.append(_label(new, question))
    for judgement in sorted(set(new.subjects(RDF.type, KG.IdentityJudgement)) - set(old.subjects(RDF.type, KG.IdentityJudgement))):
        report.identity_candidates.append(
            (_label(new, new.value(judgement, KG.left)), _label(new, new.value(judgement, KG.right)), _notation(new, new.value(judgement, KG.judgement)))
        )
    return report


def format_report(report: ChangeReport) -> str:
    """The report as text: one heading per non-empty part, one line per change."""
    lines: list[str] = []

    def part(title: str, rows: list[str]) -> None:
        if rows:
            lines.append(f"{title} ({len(rows)}):")
            lines.extend(rows)

    part("new entities", [f"  + {cls}  {label}" + (f" [{status}]" if status != "reviewed" else "") for cls, label, status in report.new_entities])
    part("new assertions", [f"  + {party} {stance}: {text}" + (f" [{status}]" if status != "reviewed" else "") for party, stance, text, status in report.new_assertions])
    part("newly contested propositions", [f"  ! {text}  (affirmed by {', '.join(affirm)}; opposed by {', '.join(oppose)})" for text, affirm, oppose in report.contested])
    part("assertions on existing propositions (restated)", [f"  = “{text}”  → {existing}" for text, existing in report.restatements])
    part("open questions touched", [f"  ? {q}" for q in report.questions_touched])
    part("new open questions", [f"  ? {q}" for q in report.new_questions])
    part("identity candidates", [f"  ~ {left} ~ {right} ({value})" for left, right, value in report.identity_candidates])
    return "\n".join(lines) if lines else "no changes"


def read_turtle(path) -> Graph:
    """Parse a Turtle file; a bad file is a :class:`LoadError` naming it (and the line, when known)."""
    from pathlib import Path

    from kg.errors import LoadError

    path = Path(path)
    if not path.is_file():
        raise LoadError(path, None, "file not found")
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as e:  # rdflib raises several unrelated types for bad syntax
        line = re.search(r"line (\d+)", str(e))
        message = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise LoadError(path, int(line.group(1)) if line else None, f"not valid Turtle: {message}") from e
    return graph


_EXAMPLE_OLD = """
@prefix kg: <https://w3id.org/kg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix x: <https://w3id.org/kg/id/t/> .
x:globex a kg:Organization ; rdfs:label "Globex" ; kg:inCase x: .
x:skipped a kg:Proposition ; kg:text "Reviews were skipped." ; kg:inCase x: .
x:a1 a kg:Assertion ; kg:proposition x:skipped ; kg:party x:globex ; kg:stance kg:Asserts ; kg:inCase x: .
x:q a kg:OpenQuestion ; kg:asks "Were reviews skipped?" ; kg:about x:skipped ; kg:status kg:Open ; kg:inCase x: .
"""
_EXAMPLE_NEW = _EXAMPLE_OLD + """
x:roe a kg:Person ; rdfs:label "Jane Roe" ; kg:inCase x: .
x:a2 a kg:Assertion ; kg:proposition x:skipped ; kg:party x:roe ; kg:stance kg:Denies ; kg:reviewStatus kg:Pending ; kg:inCase x: .
kg:Denies rdfs:label "denies" . kg:Pending rdfs:label "pending" .
"""
