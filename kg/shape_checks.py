"""The SHACL shapes compiled once and checked fast, without pyshacl.

pyshacl copies a graph into Python and walks it node by node: about 30 s for
a million triples, more than the rest of a build. Our shapes use a small part
of SHACL (class targets; IRI, sequence and inverse paths; counts, datatypes,
classes, node kinds, patterns, lists of values, ranges, lengths and ``sh:or``),
so :func:`compile_shapes` turns ``ontology/shapes.ttl`` into a list of
:class:`Check` records, which two back ends evaluate:

* :func:`check_triples` — in Python, over the triples of one case plus the
  ontology. Every reference in a case resolves inside that case or to the
  ontology, so checking case by case gives the same results as checking the
  whole graph; a build does it while it reads the cases.
* :func:`check_store` — as SPARQL SELECTs answered by the store that holds the
  graph (embedded Oxigraph, or a remote endpoint): ``kg validate`` on a
  built store.

``shapes.ttl`` stays the single source of truth: a shape that uses a part of
SHACL not listed above raises :class:`Unsupported`, and
:func:`kg.validate.validate_graph` and :func:`kg.build.build` fall back to pyshacl. The tests in
``tests/store/test_shape_checks.py`` check that all three agree.

>>> from kg.build import load_cases
>>> graph, _, _ = load_cases(["tests/fixtures/cases/mini"])
>>> check_triples(graph).conforms, check_store(graph).conforms
(True, True)
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

__all__ = [
    "ValidationReport",
    "Unsupported",
    "Check",
    "compile_shapes",
    "case_results",
    "report",
    "check_triples",
    "check_store",
    "OntologyIndex",
]

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


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of checking a graph against the shapes, with pyshacl's report layout."""

    conforms: bool
    violations: int
    text: str


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


# ---------------------------------------------------------------- compiling


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


# ---------------------------------------------------------------- Python back end


class OntologyIndex:
    """The ontology's class hierarchy and typed individuals, indexed once per process."""

    def __init__(self, ontology: Graph):
        supers: dict = defaultdict(set)
        for sub, sup in ontology.subject_objects(RDFS.subClassOf):
            supers[sub].add(sup)
        self._supers = supers
        self._closure: dict = {}
        self.out = _index(ontology)

    def superclasses(self, cls) -> frozenset:
        """``cls`` and everything it is a subclass of."""
        found = self._closure.get(cls)
        if found is None:
            found, frontier = {cls}, [cls]
            while frontier:
                for sup in self._supers.get(frontier.pop(), ()):
                    if sup not in found:
                        found.add(sup)
                        frontier.append(sup)
            found = self._closure[cls] = frozenset(found)
        return found


@lru_cache(maxsize=1)
def _ontology_index() -> OntologyIndex:
    from kg.ontology import ontology_graph

    return OntologyIndex(ontology_graph())


def _index(triples: Iterable) -> dict:
    out: dict = {}
    for s, p, o in triples:
        by_p = out.get(s)
        if by_p is None:
            by_p = out[s] = {}
        values = by_p.get(p)
        if values is None:
            by_p[p] = [o]
        elif o not in values:
            values.append(o)
    return out


class _Data:
    """Indexes of one case's triples, falling back to the ontology's."""

    def __init__(self, triples: Iterable, ontology: OntologyIndex):
        self.ontology = ontology
        self.out = _index(triples)
        self._in: dict | None = None
        self._typed: dict | None = None

    def values(self, node, predicate) -> list:
        by_p = self.out.get(node) or self.ontology.out.get(node)
        return by_p.get(predicate, []) if by_p else []

    def inverse(self, node, predicate) -> list:
        if self._in is None:
            self._in = {}
            for source in (self.ontology.out, self.out):
                for s, by_p in source.items():
                    for p, objects in by_p.items():
                        for o in objects:
                            self._in.setdefault((o, p), []).append(s)
        return self._in.get((node, predicate), [])

    def follow(self, node, path: Path) -> list:
        if len(path) == 1:
            predicate, inverse = path[0]
            return self.inverse(node, predicate) if inverse else self.values(node, predicate)
        nodes = [node]
        for predicate, inverse in path:
            step = []
            for current in nodes:
                for value in self.inverse(current, predicate) if inverse else self.values(current, predicate):
                    if value not in step:
                        step.append(value)
            nodes = step
        return nodes

    def is_a(self, node, cls) -> bool:
        return any(cls in self.ontology.superclasses(t) for t in self.values(node, RDF.type))

    def focus_nodes(self, targets: tuple) -> list:
        if self._typed is None:
            self._typed = defaultdict(list)
            for s, by_p in self.out.items():
                for cls in by_p.get(RDF.type, ()):
                    self._typed[cls].append(s)
        found: dict = {}
        for cls, subjects in self._typed.items():
            if not self.ontology.superclasses(cls).isdisjoint(targets):
                found.update(dict.fromkeys(subjects))
        return list(found)


def _datatype(value) -> URIRef | None:
    if not isinstance(value, Literal):
        return None
    if value.datatype is not None:
        return value.datatype
    return RDF.langString if value.language else XSD.string


_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}


@lru_cache(maxsize=None)
def _regex(pattern: str, flags: str) -> re.Pattern:
    value = 0
    for flag in flags:
        value |= _FLAGS.get(flag, 0)
    return re.compile(pattern, value)


def _compare(value, bound, op) -> bool:
    if not (isinstance(value, Literal) and isinstance(bound, Literal)):
        return False
    left, right = value.toPython(), bound.toPython()
    if isinstance(left, Decimal) and isinstance(right, float):
        right = Decimal(str(right))
    elif isinstance(left, float) and isinstance(right, Decimal):
        left = Decimal(str(left))
    try:
        return op(left, right)
    except TypeError:
        return False


_OPS = {
    "MinInclusive": lambda a, b: a >= b,
    "MaxInclusive": lambda a, b: a <= b,
    "MinExclusive": lambda a, b: a > b,
    "MaxExclusive": lambda a, b: a < b,
}


def _value_ok(data: _Data, component: str, param, flags: str, value) -> bool:
    if component == "Datatype":
        return _datatype(value) == param
    if component == "Class":
        return data.is_a(value, param)
    if component == "NodeKind":
        kind = (
            SH.IRI if isinstance(value, URIRef) else SH.BlankNode if isinstance(value, BNode) else SH.Literal
        )
        return (
            kind == param
            or (param == SH.BlankNodeOrIRI and kind != SH.Literal)
            or (param == SH.IRIOrLiteral and kind != SH.BlankNode)
            or (param == SH.BlankNodeOrLiteral and kind != SH.IRI)
        )
    if component == "In":
        return value in param
    if component == "Pattern":
        return not isinstance(value, BNode) and _regex(param, flags).search(str(value)) is not None
    if component in _OPS:
        return _compare(value, param, _OPS[component])
    if component in ("MinLength", "MaxLength"):
        if isinstance(value, BNode):
            return False
        return len(str(value)) >= param if component == "MinLength" else len(str(value)) <= param
    if component == "Or":
        return any(_alternative_ok(data, alternative, value) for alternative in param)
    raise Unsupported(component)


def _alternative_ok(data: _Data, alternative: tuple, node) -> bool:
    path, tests = alternative
    for test in tests:
        if path is None:
            if not _value_ok(data, test.component, test.param, test.flags, node):
                return False
        elif test.component == "HasValue":
            if test.param not in data.follow(node, path):
                return False
        elif test.component == "MinCount":
            if not data.follow(node, path):
                return False
    return True


def _results(data: _Data, checks: tuple[Check, ...]) -> list[tuple[Check, tuple]]:
    results = []
    focus_cache: dict = {}
    for check in checks:
        focus_nodes = focus_cache.get(check.targets)
        if focus_nodes is None:
            focus_nodes = focus_cache[check.targets] = data.focus_nodes(check.targets)
        for focus in focus_nodes:
            values = data.follow(focus, check.path) if check.path is not None else [focus]
            if check.component == "MinCount":
                if len(values) < check.param:
                    results.append((check, (focus,)))
            elif check.component == "MaxCount":
                if len(values) > check.param:
                    results.append((check, (focus,)))
            elif check.component == "HasValue":
                if check.param not in values:
                    results.append((check, (focus,)))
            else:
                for value in values:
                    if not _value_ok(data, check.component, check.param, check.flags, value):
                        results.append((check, (focus, value) if check.path is not None else (focus,)))
    return results


def case_results(triples: Iterable, shapes: Graph | None = None) -> list[tuple[Check, tuple]]:
    """The failed checks of ``triples`` (one case): (check, (focus node[, value node])).

    Results of several cases add up to those of the graph they make; pass the
    concatenation to :func:`report`.
    """
    return _results(_Data(triples, _ontology_index()), compile_shapes(shapes))


def check_triples(triples: Iterable, shapes: Graph | None = None):
    """Check ``triples`` (one case, or a whole graph) in Python; the ontology is added.

    Returns a :class:`ValidationReport`.
    """
    return report(case_results(triples, shapes))


# ---------------------------------------------------------------- SPARQL back end

_TYPE = RDF.type.n3()


class _Sparql:
    """Writes the SELECT of each check; class sets are read from the store once.

    Paths become plain triple patterns, and ``sh:class`` a ``VALUES`` list of
    the class and its subclasses: Oxigraph evaluates both far faster than the
    equivalent property paths inside ``FILTER NOT EXISTS``.
    """

    def __init__(self, select):
        self.select = select
        self._classes: dict = {}
        self._fresh = 0

    def classes(self, cls: URIRef) -> str:
        if cls not in self._classes:
            rows = self.select(f"SELECT DISTINCT ?sub WHERE {{ ?sub {RDFS.subClassOf.n3()}* {cls.n3()} }}")
            found = sorted({row[0] for row in rows} | {cls})
            self._classes[cls] = " ".join(c.n3() for c in found)
        return self._classes[cls]

    def is_a(self, var: str, cls: URIRef) -> str:
        # VALUES first: Oxigraph joins in the order written.
        t = self.var()
        return f"VALUES {t} {{ {self.classes(cls)} }} {var} {_TYPE} {t} ."

    def var(self) -> str:
        self._fresh += 1
        return f"?v{self._fresh}"

    def path(self, start: str, path: Path, end: str) -> str:
        nodes = [start] + [self.var() for _ in path[:-1]] + [end]
        return " . ".join(
            f"{nodes[i + 1]} {p.n3()} {nodes[i]}" if inverse else f"{nodes[i]} {p.n3()} {nodes[i + 1]}"
            for i, (p, inverse) in enumerate(path)
        )

    def value_ok(self, component: str, param, flags: str, var: str) -> str:
        if component == "Datatype":
            return f"(isLiteral({var}) && sameTerm(DATATYPE({var}), {param.n3()}))"
        if component == "Class":
            return f"EXISTS {{ {self.is_a(var, param)} }}"
        if component == "NodeKind":
            return {
                SH.IRI: f"isIRI({var})",
                SH.BlankNode: f"isBlank({var})",
                SH.Literal: f"isLiteral({var})",
                SH.BlankNodeOrIRI: f"!isLiteral({var})",
                SH.IRIOrLiteral: f"!isBlank({var})",
                SH.BlankNodeOrLiteral: f"!isIRI({var})",
            }[param]
        if component == "In":
            if param and all(isinstance(m, URIRef) for m in param):
                # IN, not an OR of sameTerm: Virtuoso 7.2 negates !(sameTerm(..) || sameTerm(..)) wrongly.
                return f"({var} IN ({', '.join(m.n3() for m in sorted(param))}))"
            return (
                "(" + " || ".join(f"sameTerm({var}, {m.n3()})" for m in sorted(param)) + ")"
                if param
                else "false"
            )
        if component == "Pattern":
            extra = f", {Literal(flags).n3()}" if flags else ""
            return f"(!isBlank({var}) && REGEX(STR({var}), {Literal(param).n3()}{extra}))"
        ops = {"MinInclusive": ">=", "MaxInclusive": "<=", "MinExclusive": ">", "MaxExclusive": "<"}
        if component in ops:
            return f"COALESCE({var} {ops[component]} {param.n3()}, false)"
        if component in ("MinLength", "MaxLength"):
            return f"(!isBlank({var}) && STRLEN(STR({var})) {'>=' if component == 'MinLength' else '<='} {param})"
        if component == "Or":
            parts = []
            for path, tests in param:
                clauses = []
                for test in tests:
                    if path is None:
                        clauses.append(self.value_ok(test.component, test.param, test.flags, var))
                    elif test.component == "HasValue":
                        clauses.append(f"EXISTS {{ {self.path(var, path, test.param.n3())} }}")
                    else:
                        clauses.append(f"EXISTS {{ {self.path(var, path, self.var())} }}")
                parts.append("(" + (" && ".join(clauses) or "true") + ")")
            return "(" + " || ".join(parts) + ")" if parts else "false"
        raise Unsupported(component)

    def query(self, check: Check) -> str:
        focus = " UNION ".join(f"{{ {self.is_a('?focus', t)} }}" for t in check.targets)
        # MINUS rather than FILTER NOT EXISTS: the same here (only ?focus or
        # ?value is shared), and Oxigraph answers it several times faster.
        if check.path is None:
            test = self.value_ok(check.component, check.param, check.flags, "?focus")
            return f"SELECT DISTINCT ?focus WHERE {{ {focus} FILTER(!({test})) }}"
        if check.component == "MinCount":
            if check.param == 1:
                return f"SELECT DISTINCT ?focus WHERE {{ {focus} MINUS {{ {self.path('?focus', check.path, '?value')} }} }}"
            return (
                f"SELECT ?focus WHERE {{ {focus} OPTIONAL {{ {self.path('?focus', check.path, '?value')} }} }} "
                f"GROUP BY ?focus HAVING (COUNT(DISTINCT ?value) < {check.param})"
            )
        if check.component == "MaxCount":
            return (
                f"SELECT ?focus WHERE {{ {focus} {self.path('?focus', check.path, '?value')} }} "
                f"GROUP BY ?focus HAVING (COUNT(DISTINCT ?value) > {check.param})"
            )
        if check.component == "HasValue":
            return f"SELECT DISTINCT ?focus WHERE {{ {focus} MINUS {{ {self.path('?focus', check.path, check.param.n3())} }} }}"
        if check.component == "Class":
            return (
                f"SELECT DISTINCT ?focus ?value WHERE {{ {focus} {self.path('?focus', check.path, '?value')} . "
                f"MINUS {{ {self.is_a('?value', check.param)} }} }}"
            )
        test = self.value_ok(check.component, check.param, check.flags, "?value")
        return f"SELECT DISTINCT ?focus ?value WHERE {{ {focus} {self.path('?focus', check.path, '?value')} . FILTER(!({test})) }}"


def check_store(target, shapes: Graph | None = None):
    """Check the graph in ``target`` — a pyoxigraph ``Store`` or any rdflib ``Graph`` — by SPARQL.

    Each check is one SELECT answered by the store's own engine, so nothing is
    copied into Python. Returns a :class:`ValidationReport`.
    """
    if isinstance(target, Graph):

        def select(query: str) -> list[tuple]:
            return [tuple(row) for row in target.query(query)]
    else:

        def select(query: str) -> list[tuple]:
            return [tuple(_from_oxigraph(term) for term in solution) for solution in target.query(query)]

    checks = compile_shapes(shapes)
    writer = _Sparql(select)
    results: list[tuple[Check, tuple]] = []
    for check in checks:
        results.extend((check, row) for row in select(writer.query(check)))
    return report(results)


def _from_oxigraph(term):
    from oxrdflib._converter import from_ox

    return from_ox(term)


# ---------------------------------------------------------------- the report


def report(results: list[tuple[Check, tuple]], places: dict | None = None):
    """A :class:`ValidationReport` of failed checks, in a stable order.

    ``places`` maps focus nodes to the "FILE:LINE" of the case entry that
    made them; the report then starts with one such line per result.
    """
    places = places or {}
    results = sorted(
        results, key=lambda r: (r[0].shape, r[0].path_text or "", r[0].component, tuple(str(t) for t in r[1]))
    )
    violations = sum(1 for check, _ in results if check.severity == SH.Violation)
    conforms = violations == 0
    lines = [
        f"{places[row[0]]}: {check.message or check.component} ({row[0].n3()})"
        for check, row in results
        if row[0] in places
    ]
    lines += ["Validation Report", f"Conforms: {conforms}", f"Results ({len(results)}):"]
    for check, row in results:
        level = str(check.severity).rsplit("#", 1)[-1]
        lines.append(
            f"Constraint {level} in {check.component}ConstraintComponent (http://www.w3.org/ns/shacl#{check.component}ConstraintComponent):"
        )
        lines.append(f"\tSeverity: sh:{level}")
        lines.append(f"\tSource Shape: {check.shape}")
        lines.append(f"\tFocus Node: {row[0].n3()}")
        if row[0] in places:
            lines.append(f"\tCase File: {places[row[0]]}")
        if len(row) > 1:
            lines.append(f"\tValue Node: {row[1].n3()}")
        if check.path_text:
            lines.append(f"\tResult Path: {check.path_text}")
        if check.message:
            lines.append(f"\tMessage: {check.message}")
    return ValidationReport(conforms=conforms, violations=violations, text="\n".join(lines) + "\n")
