"""Identity candidates: pairs of items of one class that may be one and the same.

A Fellegi–Sunter model, as Splink builds one, over the comparisons declared
in ``ontology/comparisons.yaml`` (:mod:`kg.analysis.comparisons`). Each
comparison puts a pair at a level; each level weighs log2(m/u), for or
against. The prior and the weights add up to the pair's match weight, which
becomes a probability. Every candidate keeps its *waterfall*: each
comparison, its level, its weight and the facts behind it, then the total.
They are data: :mod:`kg.export.identity_words` writes them in words.

**Weights.** m and u start from the declared priors. m is estimated from the
pairs a case judges ``same``; u from random pairs of the class (seeded, so
deterministic) and the pairs judged ``different``, for the comparisons
marked ``u: estimated``. Both are blended with the priors. Then m is estimated once
more with the pairs of that first weighing at least ``self_trained`` likely taken as
same (one hard step of EM), and every pair is weighed again, its levels kept; each
of those pairs with the m its own levels did not teach (leave one out).

**Which pairs.** Within one case, a class of fewer than ``every_pair_below``
items has every pair weighed. Larger classes are blocked: items are paired
when they share neighbours, a name token or a value, through postings of at
most ``hub_cap`` items. A question or proposition about both always pairs
them; an item that points at the other (part of, a kind of, a reply to) is
never paired with it. Without ``across_cases`` both items come from one case.

**Raised pairs.** A question about both asking whether they are one, or a
text saying they may be (the ``raised`` comparison), keeps a pair listed
whatever its probability: the record asks it.

**Collective step** (after Bhattacharya and Getoor). Pairs at least
``collective`` likely form provisional clusters, with the pairs judged same.
Each item's dates and single-valued properties are then pooled with its
cluster's, neighbours are compared cluster for cluster, and every pair is
weighed again. Evidence that came through a cluster names it (``via``).

**Judgements** settle a pair (``same``, ``different``), or keep it listed
whatever its probability (``unsure``, ``no-judgement``).

>>> from kg.analysis.nxgraph import from_turtle
>>> g = from_turtle('''
... :acme a kg:Organization ; rdfs:label "Acme" .
... :review a kg:Meeting ; rdfs:label "Ops review" .
... :deploy a kg:SoftwareChange ; rdfs:label "Checkout deployment" .
... :mon a kg:Incident ; rdfs:label "Acme checkout outage" ; kg:affected :acme ; kg:discussedAt :review ;
...     kg:mechanism :deploy ; dcterms:date "2026-03-02"^^xsd:date .
... :tue a kg:Incident ; rdfs:label "Checkout outage at Acme" ; kg:affected :acme ; kg:discussedAt :review ;
...     kg:mechanism :deploy ; kg:notBefore "2026-03-01"^^xsd:date ; kg:notAfter "2026-03-03"^^xsd:date .
... :far a kg:Incident ; rdfs:label "Billing outage" ; kg:affected :acme ; dcterms:date "2025-01-10"^^xsd:date .
... ''')
>>> [(c.label, c.verdict, c.probability) for c in identity_candidates(g)]
[('Acme checkout outage ~ Checkout outage at Acme', 'likely', 0.9737)]
>>> [(r.comparison, r.level, round(r.weight, 2)) for r in identity_candidates(g)[0].waterfall][:3]
[('title', 'exact', 0.0), ('dates', 'overlap', 1.4), ('mechanism', 'same', 1.55)]
>>> dict(identity_candidates(g)[0].waterfall[1].facts)
{'left': ('2026-03-02', '2026-03-02'), 'right': ('2026-03-01', '2026-03-03')}
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from kg.analysis.comparisons import Context, Profile, model, profiles
from kg.analysis.evidence import AssertionRef, NodeRef, P, ShownInNotebooks, assertions_about, node_ref
from kg.analysis.collective import clusters as _clusters
from kg.analysis.collective import pooled as _pooled
from kg.analysis.collective import to_weigh_again as _to_weigh_again
from kg.analysis.collective import unchanged as _unchanged
from kg.analysis.levels import level
from kg.analysis.waterfall import WaterfallRow, levels_of_listed as _levels_of_listed, score as _score
from kg.analysis.weights import applies as _applies
from kg.analysis.weights import estimate as _estimate
from kg.analysis.weighing import level_counts as _level_counts
from kg.analysis.weighing import own_levels as _own_levels
from kg.analysis.weighing import kept_levels as _kept_levels
from kg.analysis.weighing import weigh_kept as _weigh_kept
from kg.analysis.weighing import weigh_pairs
from kg.analysis.nxgraph import local_name
from kg.keys import pair_key
from kg.collector import no_collection

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "WaterfallRow", "IdentityCandidate", "CandidateSet", "find_candidates", "identity_candidates",
    "pair_key", "verdict", "VERDICTS", "POSSIBLE", "LIKELY", "HUB_CAP",
]

#: Least probability of a listed pair ("possible"); below it a pair is "unlikely".
POSSIBLE = model().possible
#: Least probability of a pair called "likely the same".
LIKELY = model().likely
#: Neighbours and name tokens shared by more items of a class than this do not generate pairs.
HUB_CAP = model().hub_cap
#: At most this many weighings of every pair: one on its own, the rest with pooled clusters.
_ROUNDS = 2


#: The verdicts, a category of the probability, highest first; kg.export.identity_words gives their words.
VERDICTS = ("likely", "possible", "unlikely")


def verdict(probability: float) -> str:
    """The category of a probability: ``likely`` (the same), ``possible`` or ``unlikely``.

    >>> verdict(0.93), verdict(0.55), verdict(0.2)
    ('likely', 'possible', 'unlikely')
    """
    return "likely" if probability >= LIKELY else "possible" if probability >= POSSIBLE else "unlikely"


@dataclass(frozen=True)
class IdentityCandidate(ShownInNotebooks):
    """Two items of one class that may be the same, with the evidence both ways."""

    left: NodeRef
    right: NodeRef
    cls: str
    prior: float
    weight: float  # the match weight: prior plus every row
    probability: float
    waterfall: tuple[WaterfallRow, ...]
    shared_nodes: tuple[NodeRef, ...]  # neighbours both point at
    judgement: str | None  # None, or the notation of a judgement that does not settle (Judgement.UNSURE...)
    assertions: tuple[AssertionRef, ...]  # on propositions about both
    context: tuple[AssertionRef, ...]  # on propositions about one of them
    drafts: tuple[bool, bool] = (False, False)
    cases: tuple[str, str] = ("", "")
    raised: bool = False  # a question or a text of the record raises whether they are one: listed whatever its probability

    @property
    def id(self) -> str:
        return f"candidate:{pair_key(self.left.iri, self.right.iri)}"

    @property
    def judged(self) -> bool:
        from kg.ontology import Judgement

        return Judgement.of(self.judgement) is Judgement.UNSURE

    @property
    def label(self) -> str:
        return f"{self.left.label} ~ {self.right.label}"

    @property
    def verdict(self) -> str:
        return verdict(self.probability)

    @property
    def across(self) -> bool:
        return self.cases[0] != self.cases[1]

    def sort_key(self) -> tuple:
        """Most likely first (the order :func:`find_candidates` lists them in)."""
        return (-self.weight, self.left.label, self.right.label, self.id)

    def to_dict(self) -> dict:
        """The candidate as data; :func:`kg.export.identity_words.candidate_dict` adds the words (unresolved.json)."""
        left, right = self.left.to_dict(), self.right.to_dict()
        left["draft"], right["draft"] = self.drafts
        left["case"], right["case"] = (local_name(c) for c in self.cases)
        return {
            "id": self.id,
            "class": self.cls,
            "left": left,
            "right": right,
            "pair": [local_name(self.left.iri), local_name(self.right.iri)],
            "probability": self.probability,
            "verdict": self.verdict,
            "match_weight": self.weight,
            "prior_weight": self.prior,
            "waterfall": [{"comparison": r.comparison, "level": r.level, "weight": r.weight, "facts": dict(r.facts), "via": list(r.via)}
                          for r in self.waterfall],
            "across_cases": self.across,
            "judgement": self.judgement,
            "judged": self.judged,
            "raised": self.raised,
            "shared": [n.to_dict() for n in self.shared_nodes],
            "assertions": [a.to_dict() for a in self.assertions],
            "context": [a.to_dict() for a in self.context],
        }


@dataclass(frozen=True)
class CandidateSet:
    """The listed candidates, and how many scored pairs fell below the threshold."""

    candidates: tuple[IdentityCandidate, ...]
    below: int
    threshold: float


# ---------------------------------------------------------------- judgements and blocking


def _judgements(g: "nx.MultiDiGraph") -> dict[tuple[str, str], "Judgement"]:
    """(left, right) → the judgement of each judged pair; one that settles wins over one that does not."""
    from kg.ontology import Judgement

    out: dict[tuple[str, str], Judgement] = {}
    for node, attrs in g.nodes(data=True):
        if attrs.get("cls") != "IdentityJudgement":
            continue
        ends = {k: v for _, v, k in g.out_edges(node, keys=True) if k in (P.left, P.right)}
        if len(ends) != 2:
            continue
        pair = tuple(sorted(ends.values()))
        value = Judgement.of(attrs.get("judgement", ""))
        previous = out.get(pair)
        if value is not None and (previous is None or (value.settles and not previous.settles)):
            out[pair] = value
    return out


def _blocked_pairs(g, items: dict[str, Profile], hub_cap: int, across_cases: bool, every_pair_below: int = 0) -> list[tuple[str, str]]:
    """Pairs of one class worth weighing, in order.

    Within one case, a class of fewer than ``every_pair_below`` items has
    every pair weighed. Above it, pairs come through postings: one *strong*
    posting of at most ``hub_cap // 5`` items (a word of their names, a value
    of a one-valued property), or two or more *neighbour* postings of at most
    ``hub_cap`` items (two neighbours both point at). A question or a
    proposition about both always makes a pair, whatever its size. Without
    ``across_cases`` postings are kept per case.

    Each posting's pairs are numbered (``i * n + j`` of the items in order) as arrays, never as
    tuples, so the pairs come out sorted and each once.
    """
    import numpy as np

    nodes = sorted(items)
    strong: dict[tuple, list[int]] = defaultdict(list)
    weak: dict[tuple, list[int]] = defaultdict(list)
    named: dict[str, list[int]] = defaultdict(list)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, node in enumerate(nodes):
        p = items[node]
        groups[(p.case, p.cls)].append(i)
        scope = "" if across_cases else p.case
        for token in p.tokens:
            strong[(scope, p.cls, "t", token)].append(i)
        for key, values in p.values.items():
            for value in values:
                strong[(scope, p.cls, "v", key, value)].append(i)
        for about in (*p.propositions, *p.questions):
            named[about].append(i)
        for key, neighbour in p.features:
            weak[(p.cls, key, neighbour)].append(i)
    n = len(nodes)

    def codes_of(postings) -> list:
        """The numbers of every pair of each posting (its items ascending, so each pair (least, greatest)), the
        postings of one size at a time."""
        by_size: dict[int, list[list[int]]] = defaultdict(list)
        for members in postings:
            by_size[len(members)].append(members)
        out = []
        for k, rows in by_size.items():
            table = np.array(rows, dtype=np.int64)
            left, right = np.triu_indices(k, 1)
            out.append((table[:, left] * n + table[:, right]).ravel())
        return out

    small = {key for key, members in groups.items() if len(members) < every_pair_below}
    once = codes_of(groups[key] for key in small)
    once += codes_of(members for members in named.values() if len(members) >= 2)
    once += codes_of(members for key, members in strong.items()
                     if 2 <= len(members) <= max(2, hub_cap // 5) and (across_cases or (key[0], key[1]) not in small))
    twice = codes_of(members for members in weak.values() if 2 <= len(members) <= hub_cap)
    codes = np.unique(np.concatenate(once)) if once else np.empty(0, dtype=np.int64)
    if twice:
        found, counts = np.unique(np.concatenate(twice), return_counts=True)
        codes = _union_sorted(codes, found[counts >= 2])
    # one class, one case (unless across), and neither points at the other: over all the pairs at once
    index = {node: i for i, node in enumerate(nodes)}
    kinds: dict[str, int] = {}
    cls_of = np.fromiter((kinds.setdefault(items[x].cls, len(kinds)) for x in nodes), dtype=np.int64, count=n)
    cases: dict[str, int] = {}
    case_of = np.fromiter((cases.setdefault(items[x].case, len(cases)) for x in nodes), dtype=np.int64, count=n)
    ends = [(i, j) for x, i in index.items() for y in g._succ.get(x, ()) if (j := index.get(y)) is not None and j != i]
    ends = np.array(ends, dtype=np.int64).reshape(-1, 2)
    linked = np.unique(ends.min(axis=1) * n + ends.max(axis=1))
    left, right = codes // n, codes % n
    keep = (cls_of[left] == cls_of[right]) & ~_within(codes, linked)
    if not across_cases:
        keep &= case_of[left] == case_of[right]
    return list(zip(map(nodes.__getitem__, left[keep].tolist()), map(nodes.__getitem__, right[keep].tolist())))


def _union_sorted(x, y):
    """The union of two sorted arrays of distinct numbers, sorted: one merge (a stable sort finds the two runs), where
    ``np.union1d`` sorts them again.

    >>> import numpy as np
    >>> _union_sorted(np.array([1, 4, 9]), np.array([2, 4, 10])).tolist()
    [1, 2, 4, 9, 10]
    """
    import numpy as np

    both = np.sort(np.concatenate((x, y)), kind="stable")
    return both[np.concatenate(([True], both[1:] != both[:-1]))] if len(both) else both


def _within(x, ordered):
    """Which numbers of ``x`` are in ``ordered`` (sorted, distinct): a binary search each, where ``np.isin`` sorts ``x``.

    >>> import numpy as np
    >>> _within(np.array([3, 1, 7]), np.array([1, 2, 3])).tolist(), _within(np.array([3]), np.array([], dtype=int)).tolist()
    ([True, True, False], [False])
    """
    import numpy as np

    if not len(ordered):
        return np.zeros(len(x), dtype=bool)
    return ordered[np.minimum(np.searchsorted(ordered, x), len(ordered) - 1)] == x


def _holds(ordered: list, x) -> bool:
    """Is ``x`` in the sorted list ``ordered``?

    >>> _holds([("a", "b"), ("a", "c")], ("a", "c")), _holds([("a", "b")], ("b", "c"))
    (True, False)
    """
    from bisect import bisect_left

    i = bisect_left(ordered, x)
    return i < len(ordered) and ordered[i] == x


# ---------------------------------------------------------------- scoring


def _weighed_with(items: dict[str, Profile], pooled: dict[str, Profile], canonical: dict[str, str]):
    """The profiles a pair is weighed with: its own when both are in one provisional cluster, else the pooled ones."""

    def profile_of(a: str, b: str) -> tuple[Profile, Profile]:
        together = canonical.get(a) is not None and canonical.get(a) == canonical.get(b)
        return (items[a], items[b]) if together else (pooled[a], pooled[b])

    return profile_of


def _left_out(levels: dict, trained: dict, estimate) -> dict[tuple[str, str], dict]:
    """Each pair taken as same, with the weights ``estimate(counts, class)`` gives its class from the
    ``trained`` counts less its own ``levels``: a pair never teaches the m it is weighed with (leave one
    out). Pairs of one class and one set of levels share one estimate.

    >>> found = _left_out({("a", "b"): ((("Person", "name"), "exact"),), ("c", "d"): ((("Person", "name"), "exact"),)},
    ...                   {("Person", "name"): {"exact": 2}}, lambda counts, cls: counts)
    >>> found[("a", "b")], found[("a", "b")] is found[("c", "d")]
    ({('Person', 'name'): {'exact': 1}}, True)
    """
    by_levels: dict[tuple, list] = defaultdict(list)
    for pair, own in levels.items():
        by_levels[own].append(pair)
    out = {}
    for own, pairs in sorted(by_levels.items()):
        counts = {key: dict(found) for key, found in trained.items()}
        for key, lv in own:
            counts[key][lv] -= 1
        table = estimate(counts, own[0][0][0] if own else None)
        out.update((pair, table) for pair in pairs)
    return out


def _by_table(own: dict) -> list[tuple[dict, set]]:
    """The pairs of ``own`` (pair → weights) grouped by their weights, in the order of their first pair."""
    groups: dict[int, tuple[dict, set]] = {}
    for pair in sorted(own):
        groups.setdefault(id(own[pair]), (own[pair], set()))[1].add(pair)
    return list(groups.values())


def _probability(weight: float) -> float:
    return round(1 / (1 + 2 ** (-weight)), 4)


def _strengths(scored: dict[tuple[str, str], float]) -> dict[tuple[str, str], float]:
    """Each pair's probability, found once for each weight (weights are rounded to thousandths: a million pairs
    have a few thousand of them).

    >>> _strengths({("a", "b"): 0.0, ("a", "c"): 3.0, ("b", "c"): 0.0})
    {('a', 'b'): 0.5, ('a', 'c'): 0.8889, ('b', 'c'): 0.5}
    """
    found = {w: _probability(w) for w in set(scored.values())}
    return {pair: found[w] for pair, w in scored.items()}


def _least_weight(p: float) -> float:
    """A weight below which no pair is ``p`` likely (a little below the exact one, as probabilities are rounded);
    infinite when no probability reaches ``p``.

    >>> _least_weight(0.5) < 0 < _least_weight(0.9), _least_weight(2.0)
    (True, inf)
    """
    if p > 1:
        return math.inf
    if p <= 0:
        return -math.inf
    return math.log2(max(p - 0.001, 1e-12) / (1 - max(p - 0.001, 1e-12)))


@no_collection()  # profiles, pairs and levels: millions of small objects, no cycles; the collector would walk them all
def find_candidates(
    g: "nx.MultiDiGraph",
    *,
    threshold: float | None = None,
    hub_cap: int | None = None,
    across_cases: bool = False,
    classes: Iterable[str] | None = None,
    collective: bool = True,
    every_pair_below: int | None = None,
    timings: dict[str, float] | None = None,
) -> CandidateSet:
    """Pairs of same-class items that may be one, most likely first; settled pairs left out.

    Pairs below ``threshold`` (default: "possible") are counted in ``below``,
    not listed, unless a judgement keeps them open or the record raises them
    (a question asks whether they are one). ``collective=False`` weighs each
    pair on its own, without the collective step. ``every_pair_below``
    (default: the comparisons file's) is the size of a class within a case
    below which every pair is weighed. ``timings``, if given,
    receives the seconds each step took: profiles, blocking, weights,
    weighing, collective, listing.
    """
    from time import perf_counter

    from kg.ontology import Judgement

    clock = [perf_counter()]

    def lap(step: str) -> None:
        now = perf_counter()
        if timings is not None:
            timings[step] = timings.get(step, 0.0) + now - clock[0]
        clock[0] = now

    m = model()
    threshold = m.possible if threshold is None else threshold
    hub_cap = m.hub_cap if hub_cap is None else hub_cap
    wanted = set(classes) if classes is not None else None
    items = {n: p for n, p in profiles(g).items() if wanted is None or p.cls in wanted}
    lap("profiles")
    judged = _judgements(g)
    every = m.every_pair_below if every_pair_below is None else every_pair_below
    pairs = _blocked_pairs(g, items, hub_cap, across_cases, every)  # sorted
    settled = {pair for pair, value in judged.items() if value.settles}
    if settled:
        pairs = [pair for pair in pairs if pair not in settled]
    kept_open = {pair for pair, value in judged.items()
                 if not value.settles and all(x in items for x in pair) and items[pair[0]].cls == items[pair[1]].cls}
    missing = sorted(pair for pair in kept_open if not _holds(pairs, pair))  # judged, kept open, not proposed
    if missing:
        from heapq import merge

        pairs = list(merge(pairs, missing))
    lap("blocking")
    ctx = Context(g, items)
    known: dict = {}  # the levels found for u, which the weighing takes rather than finds again
    u_found: dict = {}
    weights = _estimate(g, items, ctx, judged, across_cases, known, u_found=u_found)
    lap("weights")
    plans: dict = {}
    kept: list = []
    scored = weigh_pairs(pairs, items, ctx, weights, plans, known=known, kept=kept)
    del known
    # m from the case's own most likely pairs, taken as same (one hard step of EM, as Splink estimates m)
    least = _least_weight(m.self_trained)
    likely = {pair for pair, w in scored.items() if w >= least and _probability(w) >= m.self_trained and pair not in judged}
    own: dict[tuple[str, str], dict] = {}  # a pair taken as same → the weights its own levels did not teach
    if likely:
        trained = _level_counts(kept, likely)
        weights = _estimate(g, items, ctx, judged, across_cases, also_same=trained, u_found=u_found)
        own = _left_out(_own_levels(kept, likely), trained, lambda counts, cls: _estimate(
            g, items, ctx, judged, across_cases, also_same=counts, u_found=u_found, only_class=cls))
        plans = {}
        scored = _weigh_kept(kept, ctx, weights, own)
    lap("weighing")
    strength = _strengths(scored)
    judged_same = [pair for pair, value in judged.items() if value is Judgement.SAME and all(x in items for x in pair)]
    canonical: dict[str, str] = {}
    pooled, final_ctx = items, ctx
    by_item: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for pair in pairs:
        by_item[pair[0]].append(pair)
        by_item[pair[1]].append(pair)
    candidates: frozenset = frozenset()
    for _ in range(_ROUNDS if collective else 0):  # collective rounds, until the provisional clusters stop changing
        linked = {pair: p for pair, p in strength.items() if p >= m.collective} | {pair: 1.0 for pair in judged_same}
        clusters = _clusters(linked, strength, m.possible)
        possible = frozenset(pair for pair, p in strength.items() if p >= m.possible)
        if clusters == canonical and possible == candidates:
            break
        now_pooled = _pooled(items, clusters, strength, ctx.label)
        again = _to_weigh_again(items, by_item, (canonical, candidates, pooled), (clusters, possible, now_pooled))
        canonical, candidates, pooled = clusters, possible, now_pooled
        final_ctx = ctx.with_clusters(canonical, candidates)
        again = sorted(again)  # the levels the clusters cannot change taken from the first weighing
        known_again = _kept_levels(kept, again, _unchanged)
        again_scored = weigh_pairs([pair for pair in again if pair not in own], items, final_ctx, weights, plans,
                                   _weighed_with(items, pooled, canonical), known=known_again)
        for table, pairs in _by_table({pair: own[pair] for pair in again if pair in own}):
            again_scored.update(weigh_pairs(sorted(pairs), items, final_ctx, table, {},
                                            _weighed_with(items, pooled, canonical), known=known_again))
        scored.update(again_scored)
        strength.update((pair, _probability(w)) for pair, w in again_scored.items())  # only those weighed again changed
    del kept
    lap("collective")
    raised = [c for c in m.comparisons if c.kind == "raised-together"]
    talked = {n for n, p in items.items() if p.questions or p.propositions}  # only these can be raised together
    listed, below = [], 0
    for (a, b), probability in strength.items():  # in any order: the listed ones are sorted below, the rest only counted
        if probability < threshold and not (a in talked and b in talked) and (a, b) not in judged:
            below += 1  # (most pairs)
            continue
        verdict_ = judged.get((a, b))
        ia, ib = items[a], items[b]
        spoken = a in talked and b in talked and \
            not (ia.questions.isdisjoint(ib.questions) and ia.propositions.isdisjoint(ib.propositions))
        kept = spoken and any(_applies(c, ia, ib) and level(c, ia, ib, ctx) != "none" for c in raised)
        if probability < threshold and verdict_ is None and not kept:
            below += 1
            continue
        listed.append((a, b, verdict_, kept))
    ends = [_weighed_with(items, pooled, canonical)(a, b) for a, b, _, _ in listed]
    found = []
    for (a, b, verdict_, kept), (pa, pb), known in zip(listed, ends, _levels_of_listed(ends, final_ctx)):
        weight, rows, shared = _score(pa, pb, final_ctx, own.get((a, b), weights), known)
        joint = assertions_about(g, [a, b], all_of=True)
        either = [x for x in assertions_about(g, [a, b]) if x not in joint]
        found.append(IdentityCandidate(
            node_ref(g, a), node_ref(g, b), items[a].cls, round(m.prior_weight, 3), weight, _probability(weight), rows,
            tuple(node_ref(g, n) for n in shared), verdict_.value if verdict_ else None, tuple(joint), tuple(either),
            (items[a].draft, items[b].draft), (items[a].case, items[b].case), kept,
        ))
    found.sort(key=IdentityCandidate.sort_key)
    lap("listing")
    return CandidateSet(tuple(found), below, threshold)


def identity_candidates(g: "nx.MultiDiGraph", **options) -> list[IdentityCandidate]:
    """The listed candidates of :func:`find_candidates`."""
    return list(find_candidates(g, **options).candidates)
