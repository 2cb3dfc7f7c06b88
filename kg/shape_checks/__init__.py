"""The SHACL shapes compiled once and checked by the store's own SPARQL engine, without pyshacl.

pyshacl copies a graph into Python and walks it node by node: about 30 s for
a million triples, more than the rest of a build. Our shapes use a small part
of SHACL, so they are compiled once (:mod:`kg.shape_checks.compiler`) into
:class:`Check` records and evaluated as SPARQL by the engine that holds the
graph (:mod:`kg.shape_checks.evaluator`): a few aggregates in the embedded
Oxigraph store or an in-memory Oxigraph copy, a plain SELECT per check at a
remote endpoint. The report
(:mod:`kg.shape_checks.report`) is laid out as pyshacl lays out its own.

``shapes.ttl`` stays the single source of truth: a shape that uses a part of
SHACL the compiler does not handle raises :class:`Unsupported`, and
:func:`kg.validate.validate_graph` and :func:`kg.build.build` fall back to
pyshacl. ``tests/store/test_shape_checks.py`` holds the checks equal to
pyshacl's results.
"""

from kg.shape_checks.compiler import Check, Unsupported, case_local, compile_shapes
from kg.shape_checks.evaluator import check_store, failed_checks
from kg.shape_checks.report import ValidationReport, report

__all__ = ["ValidationReport", "Unsupported", "Check", "compile_shapes", "case_local", "report", "check_store", "failed_checks"]
