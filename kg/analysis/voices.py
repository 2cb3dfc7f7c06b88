"""Independent voices: who speaks for whom, and which assertions are no longer live.

A spokesperson, a lawyer or an outlet relaying a letter ``speaksFor`` a
principal; their statements are the principal's voice, so two assertions by a
company and by its spokesperson count as one voice, not two. Items judged the
same (``owl:sameAs``) are one voice too.

An assertion is *superseded* when a later reviewed assertion takes its place
(``supersededBy``) or a reviewed source retracts it, or retracts the source it
was read in. A superseded assertion is history: it stays in the record, but
no longer counts as a live stance.

>>> from kg.analysis.nxgraph import EXAMPLE, from_turtle
>>> g = from_turtle('''
... :acme a kg:Organization ; rdfs:label "Acme" .
... :pat a kg:Person ; rdfs:label "Pat" ; kg:speaksFor :acme .
... :wire a kg:NewsArticle ; rdfs:label "The Wire" .
... :fix a kg:NewsArticle ; rdfs:label "The Wire, corrected" ; kg:retracts :a1 .
... :p a kg:Proposition ; kg:text "Reviews were skipped." .
... :a1 a kg:Assertion ; kg:proposition :p ; kg:party :pat ; kg:readIn :wire ; kg:stance kg:Denies .
... ''')
>>> voice_of(g, EXAMPLE + "pat") == EXAMPLE + "acme", voice_of(g, EXAMPLE + "acme") == EXAMPLE + "acme"
(True, True)
>>> is_superseded(g, EXAMPLE + "a1")
True
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable, Iterator

from kg.vocab import KG

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "remembered",
    "remember",
    "linked_to",
    "linked_from",
    "voice_of",
    "is_superseded",
    "superseded_by",
    "retracted_in",
    "SPEAKS_FOR",
    "SUPERSEDED_BY",
    "RETRACTS",
]

SPEAKS_FOR = str(KG.speaksFor)
SUPERSEDED_BY = str(KG.supersededBy)
RETRACTS = str(KG.retracts)


_MEMO = "kg.analysis.memo"


@contextmanager
def remembered(g: "nx.MultiDiGraph") -> Iterator["nx.MultiDiGraph"]:
    """Within the block, what :func:`remember` makes is made once per key.

    A report asks the same questions (an assertion's record, a proposition's
    assertions, a source's retractions) from several analyses; the
    projection must not change inside the block.
    """
    owner = _MEMO not in g.graph
    if owner:
        g.graph[_MEMO] = {}
    try:
        yield g
    finally:
        if owner:
            del g.graph[_MEMO]


def remember(g: "nx.MultiDiGraph", key: tuple, make: Callable[[], Any]) -> Any:
    """``make()``, made once per ``key`` inside :func:`remembered`, every time outside it."""
    memo = g.graph.get(_MEMO)
    if memo is None:
        return make()
    if key not in memo:
        memo[key] = make()
    return memo[key]


def linked_to(g: "nx.MultiDiGraph", node: str, predicate: str) -> list[str]:
    """The nodes ``node`` points to by ``predicate``: ``v`` of each edge ``(node, v, predicate)``.

    Read off the adjacency dicts: a networkx edge view per call costs more than the walk.

    >>> from kg.analysis.nxgraph import EXAMPLE, from_turtle
    >>> g = from_turtle(":pat a kg:Person ; kg:speaksFor :acme . :acme a kg:Organization .")
    >>> linked_to(g, EXAMPLE + "pat", SPEAKS_FOR) == [EXAMPLE + "acme"], linked_from(g, EXAMPLE + "acme", SPEAKS_FOR) == [EXAMPLE + "pat"]
    (True, True)
    """
    return [v for v, keys in g._succ[node].items() if predicate in keys]  # the raw dicts: no view to build


def linked_from(g: "nx.MultiDiGraph", node: str, predicate: str) -> list[str]:
    """The nodes that point to ``node`` by ``predicate``: ``u`` of each edge ``(u, node, predicate)``."""
    return [u for u, keys in g._pred[node].items() if predicate in keys]
_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
_READ_IN = str(KG.readIn)


def _label_key(g: "nx.MultiDiGraph", node: str) -> tuple:
    return (str(g.nodes[node].get("label", node)), node)


def voice_of(g: "nx.MultiDiGraph", party: str) -> str:
    """The item whose voice ``party`` is: follow ``speaksFor`` to its end, then ``owl:sameAs``.

    Where one party speaks for several, the first by label is taken. Cycles stop where they close.
    """
    seen = [party]
    node = party
    while True:
        principals = sorted(
            (v for v in linked_to(g, node, SPEAKS_FOR) if v not in seen),
            key=lambda v: _label_key(g, v),
        )
        if not principals:
            break
        node = principals[0]
        seen.append(node)
    same = {
        node,
        *linked_to(g, node, _SAME_AS),
        *linked_from(g, node, _SAME_AS),
    }
    return min(same)


def superseded_by(g: "nx.MultiDiGraph", assertion: str) -> list[str]:
    """The reviewed assertions that take the place of ``assertion``."""
    return sorted(linked_to(g, assertion, SUPERSEDED_BY))


def retracted_in(g: "nx.MultiDiGraph", assertion: str) -> list[str]:
    """The reviewed sources that retract ``assertion``, or the source it was read in."""
    found = set(linked_from(g, assertion, RETRACTS))
    for source in linked_to(g, assertion, _READ_IN):  # a source read for many assertions: its retractions once
        found.update(remember(g, ("retracts", source), lambda: linked_from(g, source, RETRACTS)))
    return sorted(found)


def is_superseded(g: "nx.MultiDiGraph", assertion: str) -> bool:
    """Is ``assertion`` history rather than a live stance?"""
    return bool(superseded_by(g, assertion) or retracted_in(g, assertion))
