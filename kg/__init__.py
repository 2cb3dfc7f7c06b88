"""kg: documents about incidents → an RDF knowledge graph of sourced assertions.

The library comes first; the ``kg`` command is a thin layer over it::

    >>> import kg
    >>> sorted(kg.__all__)
    ['KGError', 'build', 'export_graph', 'load_cases', 'open_graph', 'paths_between', 'run_query', 'unresolved', 'validate_graph']

Importing kg has no side effects: nothing is read or written until you call
a function. See ``examples/notebook.md`` for a session that uses it.
"""

from kg.analysis.paths import paths_between
from kg.analysis.report import unresolved
from kg.build import build, load_cases
from kg.errors import KGError
from kg.export.registry import export_graph
from kg.query import run_query
from kg.store import open_graph
from kg.validate import validate_graph

__all__ = [
    "KGError",
    "build",
    "export_graph",
    "load_cases",
    "open_graph",
    "paths_between",
    "run_query",
    "unresolved",
    "validate_graph",
]
__version__ = "0.1.0"
