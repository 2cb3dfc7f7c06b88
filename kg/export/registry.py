"""Every export format by name; each maps to a module with ``write(graph, path)``.

>>> sorted(FORMATS)
['csv', 'gexf', 'graphml', 'jsonld', 'nquads', 'trig', 'turtle']
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import ExportError

if TYPE_CHECKING:  # rdflib is imported by the exporters, so `kg --help` stays fast
    from rdflib import Graph

__all__ = ["ExportFormat", "FORMATS", "export_graph"]


@dataclass(frozen=True)
class ExportFormat:
    name: str
    module: str  # under kg.export
    description: str
    folder: bool = False  # True when PATH is a folder that receives several files

    def writer(self):
        return importlib.import_module(f"kg.export.{self.module}").write


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("turtle", "turtle", "Turtle (RDF), sorted; what Protégé, GraphDB and Jena load"),
        ExportFormat("trig", "trig", "TriG (RDF with named graphs)"),
        ExportFormat("nquads", "nquads", "N-Quads (RDF, one statement a line, sorted)"),
        ExportFormat("jsonld", "jsonld", "JSON-LD with kg's context embedded"),
        ExportFormat("graphml", "graphml", "GraphML network for Gephi, Cytoscape, yEd"),
        ExportFormat("gexf", "gexf", "GEXF network for Gephi"),
        ExportFormat("csv", "csv", "nodes.csv and edges.csv in a folder", folder=True),
    )
}


def export_graph(graph: "Graph", format_name: str, path: str | os.PathLike) -> list[Path]:
    """Write ``graph`` to ``path`` in ``format_name``; return the files written."""
    try:
        export_format = FORMATS[format_name]
    except KeyError:
        raise ExportError(f"unknown export format {format_name!r}; choose one of {', '.join(FORMATS)}") from None
    target = Path(path)
    if not export_format.folder and target.is_dir():
        raise ExportError(f"{target} is a folder; give a file name, such as {target / ('kg.' + _SUFFIX[format_name])}")
    written = export_format.writer()(graph, target)
    return list(written) if written else [target]


_SUFFIX = {"turtle": "ttl", "trig": "trig", "nquads": "nq", "jsonld": "jsonld", "graphml": "graphml", "gexf": "gexf"}
