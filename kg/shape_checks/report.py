"""The outcome of checking a graph against the shapes, laid out as pyshacl lays out its report."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib.namespace import SH

from kg.shape_checks.compiler import Check

__all__ = ["ValidationReport", "report"]


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of checking a graph against the shapes, with pyshacl's report layout."""

    conforms: bool
    violations: int
    text: str


def report(results: list[tuple[Check, tuple]], places: dict | None = None):
    """A :class:`ValidationReport` of failed checks, in a stable order.

    ``places`` maps focus nodes (IRIs as text) to the "FILE:LINE" of the
    case entry that made them; the report then starts with one such line per
    result.
    """
    places = {node: places[str(node)] for _, (node, *_) in results if str(node) in places} if places else {}
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
