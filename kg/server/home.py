"""The home page of ``kg serve``: editor, canned queries, exports. Everything is escaped."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from kg.server.editor import editor_settings
from kg.sparql import canned_queries

if TYPE_CHECKING:
    from kg.server.endpoint import Endpoint

__all__ = ["render_home", "export_files"]

_TEMPLATE = Path(__file__).resolve().parent / "static" / "home.html"
_MAX_LISTED = 200
_DEFAULT_QUERY = """PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

SELECT ?class (COUNT(?item) AS ?items)
WHERE { ?item a ?class . FILTER(STRSTARTS(STR(?class), STR(kg:))) }
GROUP BY ?class
ORDER BY DESC(?items)
"""


def export_files(root: Path | None) -> list[tuple[str, int]]:
    """Files under the exports folder as (relative path, size), sorted; hidden files skipped."""
    if root is None or not root.is_dir():
        return []
    found = []
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(name for name in subdirectories if not name.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(directory) / name
            found.append((path.relative_to(root).as_posix(), path.stat().st_size))
            if len(found) >= _MAX_LISTED:
                return sorted(found)
    return sorted(found)


def _size(size: int) -> str:
    for unit in ("bytes", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} bytes"  # pragma: no cover


def _json_for_script(value) -> str:
    """JSON that cannot end the <script> element it sits in."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_home(endpoint: "Endpoint") -> str:
    from kg.templates import fill

    queries = canned_queries()
    files = export_files(endpoint.exports)
    return fill(
        _TEMPLATE.parent, _TEMPLATE.name,
        store=str(endpoint.store),
        sparql_url=endpoint.sparql_url,
        timeout=f"{endpoint.limits.timeout:g}",
        max_rows=str(endpoint.limits.max_rows),
        default_query=_DEFAULT_QUERY,
        canned=[(name, query.description) for name, query in queries.items()],
        files=[(path, _size(size)) for path, size in files],
        has_graph=any(path == "graph.html" for path, _ in files),
        exports=str(endpoint.exports),
        canned_json=_json_for_script({name: query.text for name, query in queries.items()}),
        yasgui=endpoint.yasgui is not None,
        editor_json=_json_for_script({**editor_settings(endpoint.sparql_url), "query": _DEFAULT_QUERY}) if endpoint.yasgui else "",
    )
