"""Class names in kg/ are the checked ``CLS.<Class>`` (kg.vocab), never quoted text that a misspelling keeps quiet."""

from __future__ import annotations

import ast
from pathlib import Path

from rdflib.namespace import OWL, RDF

from kg.ontology import case_schema, ontology_graph
from kg.vocab import CLS, KG

PACKAGE = Path(__file__).resolve().parent.parent / "kg"

#: Modules still holding quoted class names, and how many at most; others' work in progress
#: (kg/ingest is the parser's, comparisons, identity, levels and profiles the identity analysis's).
#: Lower a number when a module drops literals; a module not listed may hold none.
STILL_QUOTED = {
    "analysis/comparisons.py": 3,
    "analysis/identity.py": 1,
    "analysis/levels.py": 1,
    "analysis/profiles.py": 4,
    "ingest/accounts.py": 2,
    "ingest/attribution.py": 5,
    "ingest/claims.py": 1,
    "ingest/draft.py": 8,
    "ingest/entities.py": 10,
    "ingest/events.py": 24,
    "ingest/gazetteer.py": 2,
    "ingest/incidents.py": 2,
    "ingest/speech.py": 2,
}


def _class_names() -> set[str]:
    graph = ontology_graph()
    return {str(c)[len(str(KG)) :] for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(str(KG))}


def quoted_class_names(source: str, classes: set[str]) -> list[tuple[int, str]]:
    """(line, name) of each string constant that is a class name, docstrings, ``__all__`` and annotations aside.

    >>> quoted_class_names('x = "Person"\\ny: "Person" = CLS.Person\\n', {"Person"})
    [(1, 'Person')]
    """
    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            skip.add(id(body[0].value))
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            skip |= {id(n) for n in ast.walk(node.value)}
        for annotation in (getattr(node, "annotation", None), getattr(node, "returns", None)):
            if annotation is not None:
                skip |= {id(n) for n in ast.walk(annotation)}
    found = [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in classes and id(node) not in skip
    ]
    return sorted(found)


def test_no_module_quotes_a_class_name():
    classes = _class_names()
    over = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = str(path.relative_to(PACKAGE))
        found = quoted_class_names(path.read_text(encoding="utf-8"), classes)
        if len(found) > STILL_QUOTED.get(name, 0):
            allowed = STILL_QUOTED.get(name, 0)
            over.append(f"kg/{name}: {len(found)} quoted class names, {allowed} allowed")
            over += [f"kg/{name}:{line}: {value!r}: write CLS.{value} (from kg.vocab import CLS)" for line, value in found]
    assert over == [], "\n".join(over)


def test_the_scan_finds_a_quoted_class_name():
    assert quoted_class_names('if node.get("cls") == "Asertion" or kind == "Assertion":\n    pass\n', _class_names()) == [
        (1, "Assertion")
    ]


def test_a_class_is_written_in_case_files_under_its_own_name():
    """So ``CLS.Person`` is both a projected node's ``cls`` and a case file's ``type: Person``."""
    for key, iri in case_schema().classes.items():
        assert getattr(CLS, key) == key and str(iri).endswith("#" + key), f"ontology/kg.ttl: {iri} has kg:caseKey {key!r}"
