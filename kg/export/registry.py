"""Every export format by name: the module that writes it, its files' suffixes and media types.

Each format maps to a module with ``write(graph, path)``. The suffix and media type
of what it writes live here once: the export command's help, the file name a
refusal suggests and the endpoint's ``/exports/`` media types are read off this table.

>>> sorted(FORMATS)
['csv', 'gexf', 'graphml', 'html', 'jsonld', 'nquads', 'stance-network', 'trig', 'turtle', 'unresolved']
>>> FORMATS["turtle"].suffix, FORMATS["turtle"].media_type
('ttl', 'text/turtle; charset=utf-8')
>>> print(formats_help())
RDF:        turtle, trig, nquads, jsonld
Network:    graphml, gexf, stance-network, csv
Page:       html
Report:     unresolved
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

__all__ = ["FileType", "ExportFormat", "FORMATS", "export_graph", "formats_help", "media_types"]


@dataclass(frozen=True)
class FileType:
    suffix: str  # without the dot
    media_type: str


@dataclass(frozen=True)
class ExportFormat:
    name: str
    module: str  # under kg.export
    family: str  # what the help groups it under
    description: str
    files: tuple[FileType, ...]  # what it writes; a folder format writes one file of each
    folder: bool = False  # True when PATH is a folder that receives several files

    @property
    def suffix(self) -> str:
        return self.files[0].suffix

    @property
    def media_type(self) -> str:
        return self.files[0].media_type

    def writer(self):
        return importlib.import_module(f"kg.export.{self.module}").write


_HTML = FileType("html", "text/html; charset=utf-8")

FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("turtle", "turtle", "RDF", "Turtle (RDF), sorted; what Protégé, GraphDB and Jena load",
                     (FileType("ttl", "text/turtle; charset=utf-8"),)),
        ExportFormat("trig", "trig", "RDF", "TriG (RDF with named graphs)",
                     (FileType("trig", "application/trig; charset=utf-8"),)),
        ExportFormat("nquads", "nquads", "RDF", "N-Quads (RDF, one statement a line, sorted)",
                     (FileType("nq", "application/n-quads"),)),
        ExportFormat("jsonld", "jsonld", "RDF", "JSON-LD with kg's context embedded",
                     (FileType("jsonld", "application/ld+json"),)),
        ExportFormat("graphml", "graphml", "Network", "GraphML network for Gephi, Cytoscape, yEd",
                     (FileType("graphml", "application/graphml+xml"),)),
        ExportFormat("gexf", "gexf", "Network", "GEXF network for Gephi, in the page's colours and sizes",
                     (FileType("gexf", "application/gexf+xml"),)),
        ExportFormat("stance-network", "stance_network", "Network",
                     "who said what for Gephi (GEXF): party → proposition, the stance a signed edge",
                     (FileType("gexf", "application/gexf+xml"),)),
        ExportFormat("csv", "csv", "Network", "nodes.csv and edges.csv in a folder",
                     (FileType("csv", "text/csv; charset=utf-8"),), folder=True),
        ExportFormat("html", "html", "Page", "the offline graph explorer, one self-contained page", (_HTML,)),
        ExportFormat("unresolved", "unresolved", "Report",
                     "unresolved.md, unresolved.json and unresolved.html in a folder, from one report",
                     (FileType("md", "text/markdown; charset=utf-8"), FileType("json", "application/json"), _HTML),
                     folder=True),
    )
}


def formats_help() -> str:
    """The format names by family, one family a line, for a command's help."""
    families: dict[str, list[str]] = {}
    for f in FORMATS.values():
        families.setdefault(f.family, []).append(f.name)
    return "\n".join(f"{family + ':':<11} {', '.join(names)}" for family, names in families.items())


def media_types() -> dict[str, str]:
    """Suffix (with its dot) → media type, for every file a format writes."""
    return {f".{t.suffix}": t.media_type for f in FORMATS.values() for t in f.files}


def export_graph(graph: "Graph", format_name: str, path: str | os.PathLike) -> list[Path]:
    """Write ``graph`` to ``path`` in ``format_name``; return the files written."""
    try:
        export_format = FORMATS[format_name]
    except KeyError:
        raise ExportError(f"unknown export format {format_name!r}; choose one of {', '.join(FORMATS)}") from None
    target = Path(path)
    if not export_format.folder and target.is_dir():
        raise ExportError(f"{target} is a folder; give a file name, such as {target / ('kg.' + export_format.suffix)}")
    written = export_format.writer()(graph, target)
    return list(written) if written else [target]
