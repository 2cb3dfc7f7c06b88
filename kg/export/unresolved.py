"""The unresolved report as files: ``unresolved.md``, ``unresolved.json`` and ``unresolved.html``.

The three are written from one report: the Markdown is rendered once and is both
``unresolved.md`` and the body of the page; the JSON is :func:`report_dict` (schema in
``docs/unresolved.md``): the report's data, with the identity candidates' words.
They are placed together, so a reader never finds this run's Markdown beside the last
run's JSON. The page is titled by the cases the graph holds.

>>> import tempfile, pathlib
>>> from kg.ontology import ontology_graph
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> report, written = write_unresolved(ontology_graph(), folder)
>>> [p.name for p in written], report.counts()["questions"]
(['unresolved.md', 'unresolved.json', 'unresolved.html'], 0)
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.analysis.report import UnresolvedReport

__all__ = ["write", "write_unresolved", "write_report", "report_title", "report_json", "report_dict"]


def report_title(titles: Iterable[str]) -> str:
    """The report's title for the given case titles.

    >>> report_title(["Acme outage"]), report_title([])
    ('What the record leaves unresolved: Acme outage', 'What the record leaves unresolved')
    """
    from kg.export.report_html import TITLE

    titles = list(titles)
    return TITLE + (": " + "; ".join(titles) if titles else "")


def report_dict(report: "UnresolvedReport") -> dict:
    """The report as ``unresolved.json`` gives it: :meth:`~kg.analysis.report.UnresolvedReport.to_dict`, each
    identity candidate with its verdict, its waterfall's details and the rows against it in words, and each
    group of what to look for next with its label."""
    from kg.export.identity_words import candidate_dict
    from kg.export.plain import look_for_label

    found = report.to_dict()
    found["candidates"] = [candidate_dict(c) for c in report.candidates]
    for group, shown in zip(report.look_for, found["look_for_next"]):
        shown["label"] = look_for_label(group)
    return found


def report_json(report: "UnresolvedReport") -> str:
    """The report as the JSON ``unresolved.json`` holds."""
    return "".join(report_json_pieces(report))


def report_json_pieces(report: "UnresolvedReport") -> Iterator[str]:
    """:func:`report_json` in pieces, so a large report is written without its whole text in memory
    (at 10M triples the text is some 740 MB)."""
    return json_pieces(report_dict(report))


def json_pieces(value, size: int = 1 << 20) -> Iterator[str]:
    r"""``value`` as indented JSON and a final newline, in pieces of about ``size`` characters.

    >>> list(json_pieces({"a": [1, "é"]}, size=8))
    ['{\n  "a": ', '[\n    1,\n    "é"', '\n  ]\n}\n']
    >>> "".join(json_pieces({"a": [1, "é"]}, size=8)) == json.dumps({"a": [1, "é"]}, ensure_ascii=False, indent=2) + "\n"
    True
    """
    piece: list[str] = []
    length = 0
    for chunk in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(value):
        piece.append(chunk)
        length += len(chunk)
        if length >= size:
            yield "".join(piece)
            piece, length = [], 0
    piece.append("\n")
    yield "".join(piece)


def write_report(report: "UnresolvedReport", folder: str | os.PathLike, *, title: str) -> list[Path]:
    """Write the three files of ``report`` into ``folder``, placed together; return them."""
    from kg.atomic import StagedFiles
    from kg.export.report_html import report_page
    from kg.export.report_text import markdown

    text = markdown(report)
    staged = StagedFiles(folder, "the unresolved report")
    try:
        staged.write("unresolved.md", text)
        staged.write("unresolved.json", report_json_pieces(report))
        staged.write("unresolved.html", report_page(text, title=title))
    except BaseException:
        staged.discard()
        raise
    return staged.commit()


def write_unresolved(
    graph: "Graph", folder: str | os.PathLike, *, threshold: float | None = None, across_cases: bool = False,
    include_pending: bool = False, progress: "Progress | None" = None, workers: int | None = None,
) -> tuple["UnresolvedReport", list[Path]]:
    """Gather what ``graph`` leaves unresolved and write its three files into ``folder``.

    Returns the report and the files written. The options are
    :func:`kg.analysis.report.unresolved`'s.
    """
    from kg.analysis.record import case_titles
    from kg.analysis.report import unresolved

    from kg.progress import stage

    report = unresolved(graph, threshold=threshold, across_cases=across_cases, include_pending=include_pending,
                        progress=progress, workers=workers)
    stage(progress, "writing the report")
    return report, write_report(report, folder, title=report_title(case_titles(graph)))


def write(graph: "Graph", path: str | os.PathLike) -> list[Path]:
    """The exporter interface: the report of ``graph`` as three files in the folder ``path``."""
    return write_unresolved(graph, path)[1]
