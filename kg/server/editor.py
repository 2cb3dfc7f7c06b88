"""The home page's query editor: YASGUI when npm has installed it, the plain box otherwise.

YASGUI (``@zazuko/yasgui``) is a dependency in ``package.json``, installed by
``make`` through ``npm ci`` into ``node_modules/`` beside the project; it is
never copied into the repository. ``kg serve`` serves its two built files from
there under the page's Content-Security-Policy, and gives it what it needs to
work offline: kg's prefixes, and kg's classes and properties for completion
(YASGUI's own completion asks a web service, which kg never does).
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path

__all__ = ["YASGUI_FILES", "NODE_MODULES", "yasgui_dir", "editor_settings", "style_hashes"]

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
#: What kg serve serves from YASGUI's build, under /static/yasgui/
YASGUI_FILES = {"yasgui.min.js": "text/javascript; charset=utf-8", "yasgui.min.css": "text/css; charset=utf-8"}


def yasgui_dir(node_modules: Path = NODE_MODULES) -> Path | None:
    """YASGUI's build folder when npm has installed it, else None (the home page keeps its plain box)."""
    build = node_modules / "@zazuko" / "yasgui" / "build"
    return build if all((build / name).is_file() for name in YASGUI_FILES) else None


@lru_cache(maxsize=1)
def _terms() -> tuple[list[str], list[str]]:
    """(classes, properties) that ``ontology/kg.ttl`` defines, as IRIs, sorted."""
    from rdflib import URIRef
    from rdflib.namespace import OWL, RDF

    from kg.ontology import ontology_graph

    graph = ontology_graph()

    def defined(*kinds) -> list[str]:
        return sorted({str(s) for kind in kinds for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef)})

    return defined(OWL.Class), defined(OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)


def editor_settings(sparql_url: str) -> dict:
    """What the page's editor script reads: the endpoint, kg's prefixes, and its terms for completion.

    >>> settings = editor_settings("http://127.0.0.1:7878/sparql")
    >>> settings["prefixes"]["kg"], "https://w3id.org/kg/ontology#Incident" in settings["classes"]
    ('https://w3id.org/kg/ontology#', True)
    >>> "https://w3id.org/kg/ontology#stance" in settings["properties"]
    True
    """
    from kg.vocab import PREFIXES

    classes, properties = _terms()
    return {"endpoint": sparql_url, "prefixes": dict(PREFIXES), "classes": classes, "properties": properties}


# YASGUI's table (column-resizer) adds one fixed <style> element for its column grips; the page's CSP
# allows exactly that text by its hash rather than every inline style.
_FIXED_STYLE = re.compile(r"createStyle\(\w+,`([^`$\\]*)`\)")


@lru_cache(maxsize=4)
def style_hashes(build: Path) -> tuple[str, ...]:
    """CSP sources (``'sha256-...'``) for the fixed style texts YASGUI's script inserts, read from the script itself."""
    script = (build / "yasgui.min.js").read_text(encoding="utf-8")
    digests = (hashlib.sha256(match.group(1).encode("utf-8")).digest() for match in _FIXED_STYLE.finditer(script))
    return tuple(sorted({f"'sha256-{base64.b64encode(digest).decode('ascii')}'" for digest in digests}))
