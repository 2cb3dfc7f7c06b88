"""Two CSV tables for spreadsheets, R and pandas: ``nodes.csv`` and ``edges.csv``.

The rows are those of the GraphML export (:func:`kg.export.graphml.export_network`):

* ``nodes.csv``: ``id``, ``label``, ``cls``, ``stances``, ``sources``, then
  every other attribute in alphabetical order;
* ``edges.csv``: ``id``, ``source``, ``target``, ``predicate``, ``label``,
  ``stances``, ``sources``, then any other attribute.

Lists (stances, sources, aliases, kinds) are joined with ``|``. Both files
are built in memory first and placed together (kg.atomic.StagedFiles): both or neither.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a leading ``'``, as OWASP advises against CSV injection: a
spreadsheet would otherwise run it as a formula (``=HYPERLINK(...)`` from a
hostile article). Numbers are left as they are.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from rdflib import Graph

from kg.errors import ExportError
from kg.atomic import StagedFiles
from kg.export.graphml import export_network

__all__ = ["write", "tables", "NODE_COLUMNS", "EDGE_COLUMNS"]

NODE_COLUMNS = ("id", "label", "cls", "stances", "sources")
EDGE_COLUMNS = ("id", "source", "target", "predicate", "label", "stances", "sources")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    """A value a spreadsheet shows as text, never runs.

    >>> _cell('=HYPERLINK("http://evil.example")'), _cell("-2+3"), _cell(-2), _cell("Acme")
    ('\\'=HYPERLINK("http://evil.example")', "'-2+3", -2, 'Acme')
    """
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def _table(columns: tuple[str, ...], rows: list[dict]) -> str:
    extra = sorted({key for row in rows for key in row} - set(columns))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*columns, *extra], lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows({key: _cell(value) for key, value in row.items()} for row in rows)
    return buffer.getvalue()


def tables(graph: Graph) -> dict[str, str]:
    """File name → CSV text.

    >>> from rdflib import Graph
    >>> from kg.ontology import ontology_graph
    >>> g = ontology_graph() + Graph().parse(format="turtle", data=\'\'\'
    ...     @prefix kg: <https://w3id.org/kg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ...     <https://w3id.org/kg/id/x/acme> a kg:Organization ; rdfs:label "Acme" ;
    ...         kg:inCase <https://w3id.org/kg/id/x> ; kg:reviewStatus kg:Reviewed .\'\'\')
    >>> header, row = tables(g)["nodes.csv"].splitlines()
    >>> header.split(",")[:5], row.split(",")[:5]
    (['id', 'label', 'cls', 'stances', 'sources'], ['https://w3id.org/kg/id/x/acme', 'Acme', 'Organization', '', ''])
    """
    network = export_network(graph)
    nodes = [{"id": node, **attrs} for node, attrs in network.nodes(data=True)]
    edges = [{"id": key, "source": source, "target": target, **attrs} for source, target, key, attrs in network.edges(keys=True, data=True)]
    return {"nodes.csv": _table(NODE_COLUMNS, nodes), "edges.csv": _table(EDGE_COLUMNS, edges)}


def write(graph: Graph, path: str | os.PathLike) -> list[Path]:
    """Write ``nodes.csv`` and ``edges.csv`` into the folder ``path``; return their paths."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file; the csv format writes nodes.csv and edges.csv into a folder")
    contents = tables(graph)
    staged = StagedFiles(folder, "the csv tables")
    try:
        for name, text in contents.items():
            staged.write(name, text)
    except BaseException:
        staged.discard()
        raise
    return staged.commit()  # both tables placed together, or neither
