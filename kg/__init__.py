"""kg: documents about incidents → an RDF knowledge graph of sourced assertions.

The library comes first; the ``kg`` command is a thin layer over it::

    >>> import kg
    >>> sorted(kg.__all__)
    ['KGError', 'build', 'export_graph', 'load_cases', 'open_graph', 'paths_between', 'project', 'run_query', 'unresolved', 'validate_graph']

Importing kg has no side effects: nothing is read or written until you call
a function. See ``docs/notebook.md`` for a session that uses it.
"""

from __future__ import annotations

import importlib

#: Each public name and the module it lives in. Modules are imported on first use (PEP 562), so
#: ``import kg`` and ``kg --help`` do not parse the ontology or load rdflib, numpy and networkx.
_PUBLIC = {
    "KGError": "kg.errors",
    "export_graph": "kg.export.registry",
    "load_cases": "kg.build",
    "open_graph": "kg.store",
    "paths_between": "kg.analysis.paths",
    "project": "kg.analysis.nxgraph",
    "run_query": "kg.query",
    "unresolved": "kg.analysis.report",
    "validate_graph": "kg.validate",
}
__all__ = sorted([*_PUBLIC, "build"])

# ``build`` is both a function and the module that holds it: once anything imports the module
# kg.build, Python sets ``kg.build`` to the module, so a lazy name would be shadowed. It is
# imported here, after which the function is what ``kg.build`` names. The module imports rdflib,
# YAML and the store inside its functions, so this costs little (tests/test_import_light.py).
from kg.build import build  # noqa: E402


def _shown_as(kind: str):
    """The presentation wing's writer for ``kind``, imported when a notebook first shows a result."""

    def render(thing) -> str:
        from kg.export.notebook import html_of, markdown_of

        return (html_of if kind == "html" else markdown_of)(thing)

    return render


# Results of the analyses show themselves in Jupyter through kg.display; the words are the
# presentation wing's. Wired here, where every import of a kg module passes first, so the
# analyses never import kg.export (tests/test_imports.py) and this costs nothing until shown.
from kg import display as _display  # noqa: E402

for _kind in ("markdown", "html"):
    _display.register(_kind, _shown_as(_kind))


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(importlib.import_module(_PUBLIC[name]), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__version__ = "0.1.0"
