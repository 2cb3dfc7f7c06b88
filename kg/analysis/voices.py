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

from typing import TYPE_CHECKING

from kg.vocab import KG

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "voice_of",
    "is_superseded",
    "superseded_by",
    "retracted_in",
    "count_voices",
    "SPEAKS_FOR",
    "SUPERSEDED_BY",
    "RETRACTS",
]

SPEAKS_FOR = str(KG.speaksFor)
SUPERSEDED_BY = str(KG.supersededBy)
RETRACTS = str(KG.retracts)
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
            (v for _, v, k in g.out_edges(node, keys=True) if k == SPEAKS_FOR and v not in seen),
            key=lambda v: _label_key(g, v),
        )
        if not principals:
            break
        node = principals[0]
        seen.append(node)
    same = {
        node,
        *(v for _, v, k in g.out_edges(node, keys=True) if k == _SAME_AS),
        *(u for u, _, k in g.in_edges(node, keys=True) if k == _SAME_AS),
    }
    return min(same)


def superseded_by(g: "nx.MultiDiGraph", assertion: str) -> list[str]:
    """The reviewed assertions that take the place of ``assertion``."""
    return sorted(v for _, v, k in g.out_edges(assertion, keys=True) if k == SUPERSEDED_BY)


def retracted_in(g: "nx.MultiDiGraph", assertion: str) -> list[str]:
    """The reviewed sources that retract ``assertion``, or the source it was read in."""
    found = {u for u, _, k in g.in_edges(assertion, keys=True) if k == RETRACTS}
    for _, source, k in g.out_edges(assertion, keys=True):
        if k == _READ_IN:
            found |= {u for u, _, key in g.in_edges(source, keys=True) if key == RETRACTS}
    return sorted(found)


def is_superseded(g: "nx.MultiDiGraph", assertion: str) -> bool:
    """Is ``assertion`` history rather than a live stance?"""
    return bool(superseded_by(g, assertion) or retracted_in(g, assertion))


def count_voices(assertions) -> str:
    """ "1 voice (2 statements)" for a group of :class:`~kg.analysis.evidence.AssertionRef`.

    >>> count_voices([])
    '0 voices (0 statements)'
    """
    voices = len({a.voice.iri for a in assertions})
    statements = len(assertions)
    return (
        f"{voices} voice{'' if voices == 1 else 's'} ({statements} statement{'' if statements == 1 else 's'})"
    )
