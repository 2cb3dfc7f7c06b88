"""SHACL validation of a graph against ``ontology/shapes.ttl``.

The shapes are compiled once and checked by :mod:`kg.shape_checks`: in the
store's own SPARQL engine for a graph in the embedded Oxigraph store or at a
remote endpoint (nothing is copied into Python), in Python while a build
reads each case. pyshacl checks graphs held in rdflib's memory, is the
fallback for any shape that does not compile, and is the reference the tests
hold the compiled checks to.
"""

from __future__ import annotations

from rdflib import Graph

from kg.ontology import ontology_graph, shapes_graph
from kg.shape_checks import ValidationReport

__all__ = ["ValidationReport", "validate_graph", "pyshacl_report"]


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
    # In rdflib's memory pyshacl: the compiled checks in rdflib's own engine take 100x longer (41 s at 10k triples).
    return pyshacl_report(graph)


def pyshacl_report(graph: Graph) -> ValidationReport:
    """pyshacl's report on ``graph``: the reference, and the fallback for shapes that do not compile."""
    import pyshacl  # heavy: imported only when validating
    from rdflib.namespace import SH

    conforms, results, text = pyshacl.validate(
        graph,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        advanced=True,
    )
    violations = len(set(results.subjects(SH.resultSeverity, SH.Violation)))
    return ValidationReport(conforms=bool(conforms), violations=violations, text=str(text))
