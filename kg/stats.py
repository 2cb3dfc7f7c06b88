"""The build summary: counts by class, assertions by stance, open questions."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph
from rdflib.namespace import RDF

from kg.query import run_query
from kg.vocab import KG

__all__ = ["Summary", "summarize"]


@dataclass(frozen=True)
class Summary:
    by_class: list[tuple[str, int]]
    by_stance: list[tuple[str, int]]
    open_questions: list[str]
    triples: int


def summarize(graph: Graph) -> Summary:
    by_class = [(str(row.label), int(row["count"])) for row in run_query(graph, "count-by-class")]
    by_stance = [(str(row.stance), int(row["count"])) for row in run_query(graph, "assertions-by-stance")]
    questions = sorted(
        str(graph.value(q, KG.asks))
        for q in graph.subjects(RDF.type, KG.OpenQuestion)
        if (q, KG.status, KG.Open) in graph
    )
    return Summary(by_class=by_class, by_stance=by_stance, open_questions=questions, triples=len(graph))
