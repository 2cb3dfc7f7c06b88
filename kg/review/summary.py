"""What a review changed: the case rebuilt, compared the way ``kg diff`` compares graphs.

Drafts are in the graph before they are reviewed (as pending items), so the
comparison is between the *reviewed* parts of the graph before and after:
an item accepted in the session is new there, and a proposition that became
contested shows up as it does in ``kg diff``. The ``kg unresolved`` headline
before and after follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.vocab import KG

__all__ = ["Snapshot", "snapshot", "reviewed_part", "describe_changes"]


@dataclass(frozen=True)
class Snapshot:
    graph: Graph | None
    headline: str
    error: str = ""


def snapshot(case_dir: Path, documents=None) -> Snapshot:
    """Build ``case_dir`` in memory (the ``kg build`` route, shapes checked) and gather its report."""
    from kg.analysis.report import unresolved
    from kg.export.report_text import headline
    from kg.build import build
    from kg.errors import KGError

    try:
        graph = build([case_dir], out=None, store="memory", documents=documents).graph
    except KGError as e:
        return Snapshot(None, "", str(e))
    return Snapshot(graph, headline(unresolved(graph)))


def reviewed_part(graph: Graph) -> Graph:
    """``graph`` without the items that are not reviewed (pending or rejected)."""
    unreviewed = {s for s, status in graph.subject_objects(KG.reviewStatus) if status != KG.Reviewed}
    part = Graph()
    for triple in graph:
        if triple[0] not in unreviewed:
            part.add(triple)
    return part


def describe_changes(before: Snapshot, after: Snapshot) -> str:
    """The text ``kg review`` prints after a session."""
    from kg.ingest.report import compare_graphs, format_report

    if after.graph is None:
        return f"kg build: the case does not build now: {after.error}\n"
    lines = ["kg build: the case builds."]
    if before.graph is None:
        lines.append(f"(before the session it did not build: {before.error})")
        lines.append(f"kg unresolved now: {after.headline}.")
        return "\n".join(lines) + "\n"
    lines.append("What the decisions changed in the reviewed record (as kg diff reports it):")
    lines.append(format_report(compare_graphs(reviewed_part(before.graph), reviewed_part(after.graph))))
    if before.headline == after.headline:
        lines.append(f"kg unresolved: unchanged: {after.headline}.")
    else:
        lines.append(f"kg unresolved before: {before.headline}.")
        lines.append(f"kg unresolved after:  {after.headline}.")
    return "\n".join(lines) + "\n"
