"""Identity candidates: pairs of items of one class that may be one and the same.

Link prediction over typed neighbours. Each entity is described by its
*features*: the relations it has, as (direction, relation, neighbour), such as
"affected → Acme", "discussed at → the ops review", or "← about, the
proposition 'A and B are the same event'". Two entities of the same class
that share features are a candidate, scored by Adamic–Adar: each shared
feature adds ``1 / log(n)``, where ``n`` is how many entities of that class
have it, so a feature only two share counts most (1.44) and a common one
little. Overlapping, bounded dates add :data:`TIME_WEIGHT`.

Candidate generation never compares every pair. Entities are blocked by class
and by feature through an inverted index (feature → members); only members
of one posting are paired, and postings with more than ``hub_cap`` members
(say every incident "affected → Amazon") are skipped when generating pairs,
though they still add their small weight to pairs found otherwise. The work
is about the sum of the squares of the posting sizes, at most ``hub_cap``
each: near-linear in the number of entities.

What speaks against a pair is listed, not subtracted: dates that do not
overlap, or a relation both have but with no value in common (different
mechanisms). Two items related to each other (one part of, a kind of, or a
reply to the other) are two by that very relation, so they are never paired.

Judgements in the case data decide what stays open: ``same`` and
``different`` settle a pair and remove it; ``unsure`` keeps it, marked as
judged; ``no-judgement`` keeps it as an unjudged candidate. Judged pairs stay
listed even below ``min_score``.

>>> from kg.analysis.nxgraph import from_turtle
>>> g = from_turtle('''
... :acme a kg:Organization ; rdfs:label "Acme" .
... :review a kg:Meeting ; rdfs:label "Ops review" .
... :other a kg:Organization ; rdfs:label "Other Corp" .
... :mon a kg:Incident ; rdfs:label "Monday outage" ; kg:affected :acme ; kg:discussedAt :review .
... :tue a kg:Incident ; rdfs:label "Tuesday failure" ; kg:affected :acme ; kg:discussedAt :review .
... :far a kg:Incident ; rdfs:label "Unrelated outage" ; kg:affected :other .
... ''')
>>> [(c.left.label, c.right.label, c.score, [s.describe() for s in c.shared]) for c in identity_candidates(g)]
[('Monday outage', 'Tuesday failure', 2.886, ['affected → Acme', 'discussed at → Ops review'])]
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import TYPE_CHECKING, Iterable

from kg.analysis.evidence import AssertionRef, NodeRef, P, assertions_about, node_ref
from kg.analysis.nxgraph import ITEM_KINDS, local_name
from kg.keys import pair_key

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["SharedNeighbour", "IdentityCandidate", "identity_candidates", "pair_key", "TIME_WEIGHT", "MIN_SCORE", "HUB_CAP"]

#: What overlapping dates (both bounded) add to a pair's score.
TIME_WEIGHT = 1.0
#: Pairs scoring less are not listed, unless judged: about two features only the pair shares.
MIN_SCORE = 2.0
#: Features held by more entities of a class than this do not generate pairs.
HUB_CAP = 50

_IGNORED = P.provenance - {P.reported_in} | {P.same_as, P.different_from}


@dataclass(frozen=True)
class SharedNeighbour:
    """A feature both members of a pair have, with its Adamic–Adar weight."""

    node: NodeRef
    relation: str
    direction: str  # "out": both point at node; "in": node points at both
    members: int  # how many entities of the class have this feature
    weight: float

    def describe(self) -> str:
        if self.direction == "out":
            return f"{self.relation} → {self.node.label}"
        return f"{self.relation} ← {self.node.label}"

    def to_dict(self) -> dict:
        return {"node": self.node.to_dict(), "relation": self.relation, "direction": self.direction, "members": self.members, "weight": self.weight}


@dataclass(frozen=True)
class IdentityCandidate:
    """Two items of one class that may be the same, with the evidence both ways."""

    left: NodeRef
    right: NodeRef
    cls: str
    score: float
    shared: tuple[SharedNeighbour, ...]
    time: str  # what the dates say, in words; "" when neither side is dated
    against: tuple[str, ...]
    judgement: str | None  # None, "unsure" or "no-judgement"
    assertions: tuple[AssertionRef, ...]  # on propositions about both
    context: tuple[AssertionRef, ...]  # on propositions about one of them

    @property
    def id(self) -> str:
        return f"candidate:{pair_key(self.left.iri, self.right.iri)}"

    @property
    def judged(self) -> bool:
        return self.judgement == "unsure"

    @property
    def label(self) -> str:
        return f"{self.left.label} ~ {self.right.label}"

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "class": self.cls,
            "left": self.left.to_dict(),
            "right": self.right.to_dict(),
            "pair": [local_name(self.left.iri), local_name(self.right.iri)],
            "score": self.score,
            "judgement": self.judgement,
            "judged": self.judged,
            "shared": [s.to_dict() for s in self.shared],
            "time": self.time,
            "against": list(self.against),
            "assertions": [a.to_dict() for a in self.assertions],
            "context": [a.to_dict() for a in self.context],
        }


def _features(g: "nx.MultiDiGraph", node: str) -> set[tuple[str, str, str]]:
    found = set()
    for _, v, key in g.out_edges(node, keys=True):
        if key not in _IGNORED and g.nodes[v].get("cls") not in ITEM_KINDS:
            found.add(("out", key, v))
    for u, _, key in g.in_edges(node, keys=True):
        cls = g.nodes[u].get("cls")
        if key not in _IGNORED and (cls == "Proposition" or cls not in ITEM_KINDS):
            found.add(("in", key, u))
    return found


def _bounds(text: str | None, end: bool) -> date | None:
    """The first (or, with ``end``, last) day a YYYY, YYYY-MM or YYYY-MM-DD date covers."""
    try:
        parts = [int(p) for p in str(text)[:10].split("-")] if text else []
        year, month, day = (parts + [0, 0])[:3]
        if end and not month:
            month = 12
        if end and not day:
            day = 31 if month == 12 else (date(year, month + 1, 1) - date(year, month, 1)).days
        return date(year, month or 1, day or 1) if parts else None
    except ValueError:  # not a date kg writes; leave it out rather than guess
        return None


def _interval(attrs: dict) -> tuple[date | None, date | None]:
    starts = [d for d in (_bounds(attrs.get("date"), False), _bounds(attrs.get("not_before"), False)) if d]
    ends = [d for d in (_bounds(attrs.get("date"), True), _bounds(attrs.get("not_after"), True)) if d]
    return (max(starts) if starts else None, min(ends) if ends else None)


def _when(attrs: dict) -> str:
    parts = [attrs[k] for k in ("date", "not_before", "not_after") if attrs.get(k)]
    if attrs.get("not_before") and not attrs.get("date"):
        parts = [f"{attrs.get('not_before')}..{attrs.get('not_after', '')}"]
    text = attrs.get("date_text")
    return " / ".join(p for p in [" ".join(map(str, parts)), f"'{text}'" if text else ""] if p) or "undated"


def _time(a: dict, b: dict) -> tuple[float, str, str | None]:
    """(weight, description, reason against) for the dates of two items."""
    (a_lo, a_hi), (b_lo, b_hi) = _interval(a), _interval(b)
    if (a_lo or a_hi) and (b_lo or b_hi):
        if (a_lo and b_hi and a_lo > b_hi) or (b_lo and a_hi and b_lo > a_hi):
            return 0.0, "", f"dates do not overlap: {_when(a)} vs {_when(b)}"
        if a_lo and a_hi and b_lo and b_hi:
            return TIME_WEIGHT, f"dates overlap: {_when(a)} and {_when(b)}", None
    if a.get("date_text") and str(a.get("date_text")).lower() == str(b.get("date_text", "")).lower():
        return TIME_WEIGHT / 2, f"same date as written: '{a['date_text']}'", None
    if a.get("date_text") or b.get("date_text") or a.get("date") or b.get("date"):
        return 0.0, f"dates: {_when(a)} vs {_when(b)}", None
    return 0.0, "", None


def _against(g: "nx.MultiDiGraph", a: str, b: str) -> list[str]:
    """Relations both have, with no value in common: different mechanisms, different authors..."""
    sides: list[dict[str, set[str]]] = []
    labels: dict[str, str] = {}
    for node in (a, b):
        by_predicate: dict[str, set[str]] = defaultdict(set)
        for _, v, key, data in g.out_edges(node, keys=True, data=True):
            if key not in P.provenance and key != P.about and g.nodes[v].get("cls") not in ITEM_KINDS:
                by_predicate[key].add(v)
                labels[key] = data["label"]
        sides.append(by_predicate)
    reasons = []
    for key in sorted(sides[0].keys() & sides[1].keys()):
        if not sides[0][key] & sides[1][key]:
            names = [", ".join(sorted(g.nodes[v]["label"] for v in side[key])) for side in sides]
            reasons.append(f"different {labels[key]}: {names[0]} vs {names[1]}")
    return reasons


def _judgements(g: "nx.MultiDiGraph") -> dict[tuple[str, str], tuple[str, bool]]:
    """(left, right) → (judgement, settles) for each judged pair."""
    out: dict[tuple[str, str], tuple[str, bool]] = {}
    for node, attrs in g.nodes(data=True):
        if attrs.get("cls") != "IdentityJudgement":
            continue
        ends = {k: v for _, v, k in g.out_edges(node, keys=True) if k in (P.left, P.right)}
        if len(ends) != 2:
            continue
        pair = tuple(sorted(ends.values()))
        value, settles = str(attrs.get("judgement", "")), bool(attrs.get("settles", False))
        previous = out.get(pair)
        if previous is None or (settles and not previous[1]):
            out[pair] = (value, settles)
    return out


def identity_candidates(
    g: "nx.MultiDiGraph",
    *,
    min_score: float = MIN_SCORE,
    hub_cap: int = HUB_CAP,
    classes: Iterable[str] | None = None,
) -> list[IdentityCandidate]:
    """Pairs of same-class items that may be one, best first; settled pairs left out."""
    wanted = set(classes) if classes is not None else None
    members: dict[tuple[str, ...], list[str]] = defaultdict(list)  # (class, direction, relation, neighbour) → items
    features: dict[str, set] = {}
    for node, attrs in g.nodes(data=True):
        cls = attrs.get("cls")
        if cls in ITEM_KINDS or (wanted is not None and cls not in wanted):
            continue
        features[node] = _features(g, node)
        for feature in features[node]:
            members[(cls, *feature)].append(node)
    pairs: set[tuple[str, str]] = set()
    for posting in members.values():
        if 2 <= len(posting) <= hub_cap:
            pairs.update(combinations(sorted(posting), 2))
    judged = _judgements(g)
    pairs.update(p for p, (_, settles) in judged.items() if not settles and all(n in features for n in p))
    found = []
    for a, b in pairs:
        verdict = judged.get((a, b))
        if verdict is not None and verdict[1]:
            continue  # settled: same or different
        if g.nodes[a]["cls"] != g.nodes[b]["cls"] or (verdict is None and (g.has_edge(a, b) or g.has_edge(b, a))):
            continue
        cls = g.nodes[a]["cls"]
        shared = []
        for direction, key, neighbour in sorted(features[a] & features[b]):
            size = len(members[(cls, direction, key, neighbour)])
            ends = (a, neighbour) if direction == "out" else (neighbour, a)
            label = g.edges[ends[0], ends[1], key]["label"]
            shared.append(SharedNeighbour(node_ref(g, neighbour), label, direction, size, round(1 / math.log(size), 3)))
        time_weight, time_text, time_against = _time(g.nodes[a], g.nodes[b])
        score = round(sum(s.weight for s in shared) + time_weight, 3)
        if score < min_score and verdict is None:
            continue
        against = _against(g, a, b) + ([time_against] if time_against else [])
        joint = assertions_about(g, [a, b], all_of=True)
        either = [x for x in assertions_about(g, [a, b]) if x not in joint]
        shared.sort(key=lambda s: (-s.weight, s.relation, s.node.label))
        found.append(IdentityCandidate(
            node_ref(g, a), node_ref(g, b), cls, score, tuple(shared), time_text, tuple(against),
            verdict[0] if verdict else None, tuple(joint), tuple(either),
        ))
    return sorted(found, key=lambda c: (-c.score, c.left.label, c.right.label, c.id))
