"""kg: documents about incidents → an RDF knowledge graph of sourced assertions.

The library comes first; the ``kg`` command is a thin layer over it::

    >>> import kg
    >>> sorted(kg.__all__)[:3]
    ['KGError', 'build', 'open_graph']

Importing kg has no side effects: nothing is read or written until you call
a function.
"""

from kg.build import build, load_cases
from kg.errors import KGError
from kg.sparql import run_query
from kg.store import open_graph
from kg.validate import validate_graph

__all__ = ["KGError", "build", "load_cases", "open_graph", "run_query", "validate_graph"]
__version__ = "0.1.0"
