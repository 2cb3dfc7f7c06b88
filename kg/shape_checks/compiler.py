"""The SHACL shapes compiled once into a list of :class:`Check` records.

Our shapes use a small part of SHACL (class targets; IRI, sequence and
inverse paths; counts, datatypes, classes, node kinds, patterns, lists of
values, ranges, lengths and ``sh:or``). :func:`compile_shapes` turns
``ontology/shapes.ttl`` into checks, and a shape that uses any other part of
SHACL raises :class:`Unsupported`: the caller then falls back to pyshacl.

>>> checks = compile_shapes()
>>> sorted({check.component for check in checks})[:3]
['Class', 'Datatype', 'In']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

__all__ = ["Unsupported", "Test", "Check", "compile_shapes", "case_local"]

_IGNORED = {
    RDF.type,
    SH.message,
    SH.severity,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    RDFS.comment,
    RDFS.label,
}
#: constraint parameter → component, for the constraints that test each value
_VALUE_COMPONENTS = {
    SH.datatype: "Datatype",
    SH["class"]: "Class",
    SH.nodeKind: "NodeKind",
    SH.pattern: "Pattern",
    SH["in"]: "In",
    SH.minInclusive: "MinInclusive",
    SH.maxInclusive: "MaxInclusive",
    SH.minExclusive: "MinExclusive",
    SH.maxExclusive: "MaxExclusive",
    SH.minLength: "MinLength",
    SH.maxLength: "MaxLength",
    SH["or"]: "Or",
}
_NODE_KINDS = {SH.IRI, SH.BlankNode, SH.Literal, SH.BlankNodeOrIRI, SH.IRIOrLiteral, SH.BlankNodeOrLiteral}




class Unsupported(Exception):
    """A shape uses a part of SHACL that :func:`compile_shapes` does not handle."""


# A path is a tuple of steps; a step is (predicate, inverse?).
Path = tuple


@dataclass(frozen=True)
class Test:
    """One value-type constraint: ``component`` with its parameter."""

    __test__ = False  # not a pytest class

    component: str
    param: Any
    flags: str = ""


@dataclass(frozen=True)
class Check:
    """One constraint of one shape, on the focus nodes of ``targets``.

    ``path`` is None for a constraint on the focus node itself. ``component``
    is ``MinCount``, ``MaxCount``, ``HasValue``, or one of the value tests.
    """

    shape: str
    targets: tuple
    path: Path | None
    path_text: str | None
    component: str
    param: Any
    message: str
    severity: URIRef
    flags: str = ""




def _path(shapes: Graph, node) -> Path:
    if isinstance(node, URIRef):
        return ((node, False),)
    if (node, RDF.first, None) in shapes:
        return tuple(step for item in Collection(shapes, node) for step in _path(shapes, item))
    inverse = shapes.value(node, SH.inversePath)
    if isinstance(inverse, URIRef):
        return ((inverse, True),)
    raise Unsupported(f"property path {node!r}: only IRIs, sequences and inverse IRIs are compiled")


def _constant(node):
    if isinstance(node, BNode):
        raise Unsupported(f"blank node {node} as a constraint value")
    return node


def _test(shapes: Graph, owner, key, value) -> Test:
    component = _VALUE_COMPONENTS[key]
    if key == SH.nodeKind and value not in _NODE_KINDS:
        raise Unsupported(f"sh:nodeKind {value}")
    if key == SH["in"]:
        return Test(component, frozenset(_constant(m) for m in Collection(shapes, value)))
    if key == SH.pattern:
        flags = str(shapes.value(owner, SH.flags) or "")
        return Test(component, str(value), flags)
    if key in (SH.minLength, SH.maxLength):
        return Test(component, int(value))
    if key == SH["or"]:
        return Test(component, tuple(_alternative(shapes, alt) for alt in Collection(shapes, value)))
    return Test(component, _constant(value))


def _alternative(shapes: Graph, shape) -> tuple:
    """An ``sh:or`` member: (path or None, tests on the node, or on values at the path)."""
    path = shapes.value(shape, SH.path)
    tests = []
    for key, value in sorted(shapes.predicate_objects(shape)):
        if key in _IGNORED or key in (SH.path, SH.flags):
            continue
        if key in _VALUE_COMPONENTS:
            if path is not None:
                raise Unsupported("value constraints on a property inside sh:or")
            tests.append(_test(shapes, shape, key, value))
        elif key == SH.hasValue and path is not None:
            tests.append(Test("HasValue", _constant(value)))
        elif key == SH.minCount and path is not None and int(value) <= 1:
            if int(value) == 1:
                tests.append(Test("MinCount", 1))
        else:
            raise Unsupported(f"{key} inside sh:or")
    return (_path(shapes, path) if path is not None else None, tuple(tests))


def _shape_name(shapes: Graph, shape) -> str:
    return shape.n3(shapes.namespace_manager) if isinstance(shape, URIRef) else "a property shape"


def _path_text(shapes: Graph, node) -> str:
    if isinstance(node, URIRef):
        return node.n3(shapes.namespace_manager)
    if (node, RDF.first, None) in shapes:
        return "/".join(_path_text(shapes, item) for item in Collection(shapes, node))
    return "^" + _path_text(shapes, shapes.value(node, SH.inversePath))


def _property(shapes: Graph, name: str, targets: tuple, prop, severity) -> Iterable[Check]:
    path_node = shapes.value(prop, SH.path)
    if path_node is None:
        raise Unsupported(f"property shape {prop} without sh:path")
    path, text = _path(shapes, path_node), _path_text(shapes, path_node)
    message = str(shapes.value(prop, SH.message) or "")
    severity = shapes.value(prop, SH.severity) or severity
    for key, value in sorted(shapes.predicate_objects(prop)):
        if key in _IGNORED or key in (SH.path, SH.flags):
            continue
        if key in (SH.minCount, SH.maxCount):
            yield Check(
                name,
                targets,
                path,
                text,
                "MinCount" if key == SH.minCount else "MaxCount",
                int(value),
                message,
                severity,
            )
        elif key == SH.hasValue:
            yield Check(name, targets, path, text, "HasValue", _constant(value), message, severity)
        elif key in _VALUE_COMPONENTS:
            test = _test(shapes, prop, key, value)
            yield Check(name, targets, path, text, test.component, test.param, message, severity, test.flags)
        else:
            raise Unsupported(f"{key} in a property shape")


@lru_cache(maxsize=None)
def _compile(shapes: Graph) -> tuple[Check, ...]:
    checks: list[Check] = []
    for shape in sorted(
        set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(SH.targetClass, None))
    ):
        if shapes.value(shape, SH.deactivated) == Literal(True):
            continue
        for other in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target):
            if (shape, other, None) in shapes:
                raise Unsupported(f"{other} on {shape}")
        targets = tuple(sorted(shapes.objects(shape, SH.targetClass)))
        if not targets:
            continue
        name = _shape_name(shapes, shape)
        severity = shapes.value(shape, SH.severity) or SH.Violation
        message = str(shapes.value(shape, SH.message) or "")
        for key, value in sorted(shapes.predicate_objects(shape)):
            if key in _IGNORED or key in (SH.targetClass, SH.deactivated, SH.flags):
                continue
            if key == SH.closed:
                if value == Literal(True):
                    raise Unsupported("sh:closed")
                continue
            if key == SH.property:
                checks.extend(_property(shapes, name, targets, value, severity))
            elif key in _VALUE_COMPONENTS:
                test = _test(shapes, shape, key, value)
                checks.append(
                    Check(
                        name, targets, None, None, test.component, test.param, message, severity, test.flags
                    )
                )
            else:
                raise Unsupported(f"{key} on {shape}")
    return tuple(checks)


def compile_shapes(shapes: Graph | None = None) -> tuple[Check, ...]:
    """The checks of ``shapes`` (default ``ontology/shapes.ttl``); raises :class:`Unsupported`."""
    if shapes is None:
        from kg.ontology import shapes_graph

        shapes = shapes_graph()
    return _compile(shapes)


def case_local(checks: Iterable[Check]) -> bool:
    """Do ``checks`` find the same over each case (with the ontology) as over the whole graph?

    Every triple a case makes has one of its own items as subject, and every
    object is one of its items, an ontology term or a value (kg.loaders.case:
    references resolve inside the case). A path read forwards from a case's
    item so stays in that case and the ontology; a step backwards
    (``sh:inversePath``) counts triples of other subjects, which other cases
    may hold, so those checks need the whole graph.

    >>> case_local(compile_shapes()), case_local([Check("s", (), ((RDF.type, True),), "^rdf:type", "MinCount", 1, "", SH.Violation)])
    (True, False)
    """

    def forwards(path: Path | None) -> bool:
        return path is None or not any(inverse for _, inverse in path)

    return all(
        forwards(check.path) and (check.component != "Or" or all(forwards(path) for path, _ in check.param))
        for check in checks
    )
