"""The compiled checks evaluated as SPARQL by the engine that holds the graph.

Nothing is copied into Python. In Oxigraph, the checks on one path of one target class
(a property shape: its counts and its value tests) are answered by one
aggregate: for each focus node, its count of values and whether some value
fails each test; only the focus nodes that break something come back. A
conforming graph, the usual case, costs one query per property shape. A
value test that fails is then asked again on its own, for the values that
fail it (the report names them). Other engines (a remote endpoint, rdflib's)
answer one plain SELECT per check, the form every engine tested reads alike.

>>> from kg.build import load_cases
>>> graph, _, _ = load_cases(["tests/fixtures/cases/mini"])
>>> check_store(graph).conforms
True
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from kg.shape_checks.compiler import Check, Path, Unsupported, compile_shapes
from kg.shape_checks.report import ValidationReport, report

__all__ = ["check_store", "failed_checks"]

_TYPE = RDF.type.n3()
_COUNTS = ("MinCount", "MaxCount")


class _Sparql:
    """Writes the SELECTs of the checks; class sets are read from the store once.

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

    def group(self, targets: tuple, path: Path, checks: list[Check]) -> str:
        """One aggregate over the focus nodes of ``targets`` and their values at ``path``.

        A row per focus node that breaks one of ``checks`` (counts and value
        tests): ``?n``, its count of values, then ``?f0``, ``?f1`` ... for the
        value tests in order, 1 where some value fails that test.
        """
        focus = " UNION ".join(f"{{ {self.is_a('?focus', t)} }}" for t in targets)
        counted = any(check.component in _COUNTS for check in checks)
        flags, binds, failing = [], [], []
        for index, check in enumerate(checks):
            if check.component == "MinCount":
                failing.append(f"COUNT(DISTINCT ?value) < {check.param}")
            elif check.component == "MaxCount":
                failing.append(f"COUNT(DISTINCT ?value) > {check.param}")
            else:
                test = self.value_ok(check.component, check.param, check.flags, "?value")
                binds.append(f"BIND(IF(COALESCE(!({test}), false), 1, 0) AS ?b{index})")
                flags.append(f"(MAX(?b{index}) AS ?f{index})")
                failing.append(f"COALESCE(MAX(?b{index}), 0) > 0")
        values = f"{self.path('?focus', path, '?value')} {' '.join(binds)}"
        where = f"{focus} OPTIONAL {{ {values} }}" if counted else f"{focus} {values}"
        return (
            f"SELECT ?focus (COUNT(DISTINCT ?value) AS ?n) {' '.join(flags)} WHERE {{ {where} }} "
            f"GROUP BY ?focus HAVING ({' || '.join(failing)})"
        )



def check_store(target, shapes: Graph | None = None, places: dict | None = None) -> ValidationReport:
    """Check the graph in ``target`` — a pyoxigraph ``Store`` or any rdflib ``Graph`` — by SPARQL.

    A pyoxigraph ``Store`` answers the aggregates, several at a time; an rdflib
    ``Graph`` (rdflib's engine, or a remote endpoint) answers one plain SELECT
    per check. ``places`` maps nodes (IRIs as text) to the "FILE:LINE" of the
    case entry that made them (:func:`report`). Raises :class:`Unsupported` when the
    shapes do not compile.
    """
    checks = compile_shapes(shapes)
    return report([(checks[index], row) for index, row in failed_checks(target, shapes)], places)


def failed_checks(target, shapes: Graph | None = None, threads: int | None = None) -> list[tuple[int, tuple]]:
    """What breaks the shapes in ``target`` (see :func:`check_store`): each failure as (the check's index in
    ``compile_shapes(shapes)``, its row: the focus node, and the value that fails when there is one).

    Indices, not checks, so that failures found in other processes (a build's workers) cross back small and can be
    told apart from one another. ``threads``: queries answered side by side in a pyoxigraph ``Store`` (default: one
    a core).
    """
    if isinstance(target, Graph):
        # One plain SELECT per check: every engine answers those alike (Virtuoso fails on the aggregates).
        threads, grouped = 1, False

        def select(query: str) -> list[tuple]:
            return [tuple(row) for row in target.query(query)]
    else:
        threads, grouped = threads or os.cpu_count() or 1, True  # Oxigraph answers queries side by side, outside the GIL

        def select(query: str) -> list[tuple]:
            return [tuple(_from_oxigraph(term) for term in solution) for solution in target.query(query)]

    writer = _Sparql(select)
    single: list[int] = []
    groups: dict[tuple, list[int]] = {}
    checks = compile_shapes(shapes)
    for index, check in enumerate(checks):
        if not grouped or check.path is None or check.component == "HasValue":
            single.append(index)
        else:
            groups.setdefault((check.targets, check.path), []).append(index)
    queries = [writer.query(checks[i]) for i in single] + [
        writer.group(*key, [checks[i] for i in members]) for key, members in groups.items()
    ]
    if threads > 1:
        with ThreadPoolExecutor(threads) as pool:
            answers = list(pool.map(select, queries))
    else:
        answers = list(map(select, queries))
    results: list[tuple[int, tuple]] = []
    for index, rows in zip(single, answers):
        results.extend((index, row) for row in rows)
    failed: list[int] = []
    for members, rows in zip(groups.values(), answers[len(single) :]):
        group = [checks[i] for i in members]
        for focus, count, *flags in rows:
            failed.extend(members[i] for i, flag in _flagged(group, flags) if flag and members[i] not in failed)
            results.extend((i, (focus,)) for i in members if checks[i].component in _COUNTS and _breaks(checks[i], int(count)))
    for index in failed:  # the values that fail, for the report
        results.extend((index, row) for row in select(writer.query(checks[index])))
    return results


def _flagged(checks: list[Check], flags: list) -> list[tuple[int, bool]]:
    """(index of a value test, does a value fail it?) from a group's ``?f`` columns, in order."""
    tests = [i for i, check in enumerate(checks) if check.component not in _COUNTS]
    return [(i, flag is not None and int(flag) > 0) for i, flag in zip(tests, flags)]


def _breaks(check: Check, count: int) -> bool:
    """Does a focus node with ``count`` values break a count check?

    >>> _breaks(Check("s", (), (), "p", "MinCount", 1, "", None), 0)
    True
    """
    return count < check.param if check.component == "MinCount" else count > check.param


def _from_oxigraph(term):
    from oxrdflib._converter import from_ox

    return from_ox(term)
