"""SHACL validation of a graph against ``ontology/shapes.ttl``.

A graph held in rdflib's memory is checked by pyshacl. A graph in the
embedded Oxigraph store or at a remote endpoint is checked where it lies, by
the shapes compiled to SPARQL (:func:`kg.shape_checks.check_store`), which
avoids copying it into Python; pyshacl stays the fallback for shapes that do
not compile.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from kg.ontology import ontology_graph, shapes_graph

__all__ = ["ValidationReport", "validate_graph"]


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: int
    text: str


def validate_graph(graph: Graph) -> ValidationReport:
    """Check ``graph`` against the shapes; the ontology is mixed in for class hierarchy.

    >>> from rdflib import Graph
    >>> validate_graph(Graph()).conforms
    True
    """
    from rdflib.plugins.stores.memory import Memory, SimpleMemory

    if not isinstance(graph.store, (Memory, SimpleMemory)):
        from kg.shape_checks import Unsupported, check_store

        try:
            return check_store(graph)
        except Unsupported:
            pass
    import pyshacl  # heavy: imported only when validating

    conforms, results, text = pyshacl.validate(
        graph,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        advanced=True,
    )
    from rdflib.namespace import SH

    violations = len(set(results.subjects(SH.resultSeverity, SH.Violation)))
    return ValidationReport(conforms=bool(conforms), violations=violations, text=str(text))
