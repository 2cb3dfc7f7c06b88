"""SHACL validation of a graph against ``ontology/shapes.ttl``.

The shapes are compiled once and checked by :mod:`kg.shape_checks`, as SPARQL
aggregates in an Oxigraph engine: the store's own for a graph in the embedded
store or at a remote endpoint (nothing is copied into Python), an in-memory
Oxigraph copy for a graph in rdflib's memory. A build checks its new graph
the same way before it is swapped in. pyshacl is the fallback for any shape
that does not compile, and the reference the tests hold the compiled checks to.
"""

from __future__ import annotations

from rdflib import Graph

from kg.ontology import ontology_graph, shapes_graph
from kg.shape_checks import ValidationReport

__all__ = ["ValidationReport", "validate_graph", "check_graph", "pyshacl_report"]


def validate_graph(graph: Graph) -> ValidationReport:
    """Check ``graph`` against the shapes; the ontology is mixed in for class hierarchy.

    >>> from rdflib import Graph
    >>> validate_graph(Graph()).conforms
    True
    """
    from kg.shape_checks import Unsupported

    try:
        return check_graph(graph)
    except Unsupported:
        return pyshacl_report(graph)


def check_graph(graph: Graph, places: dict | None = None) -> ValidationReport:
    """The compiled shapes checked by SPARQL where ``graph`` is held; raises ``Unsupported``.

    ``places`` maps nodes (IRIs as text) to the "FILE:LINE" of the case entry
    that made them, for the report. A graph in rdflib's memory is first
    copied, with the ontology, into an in-memory Oxigraph store: rdflib's own
    engine takes a hundred times longer.
    """
    from kg.backends import MemoryBackend, backend_of, oxigraph_of
    from kg.shape_checks import check_store

    target = oxigraph_of(graph)
    if target is None and isinstance(backend_of(graph), MemoryBackend):
        import pyoxigraph as ox

        from kg.ontology import ontology_ntriples

        target = ox.Store()
        data = MemoryBackend().ntriples(graph)
        target.bulk_load(ontology_ntriples()[0] + data, format=ox.RdfFormat.N_TRIPLES)
    return check_store(target if target is not None else graph, places=places)


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
