"""The collective step of identity resolution (after Bhattacharya and Getoor), in three small steps.

Pairs likely enough form provisional clusters (:func:`clusters`); each
clustered item's dates and values are pooled with its cluster-mates'
(:func:`pooled`); and only the pairs whose levels that can change are
weighed again (:func:`to_weigh_again`). :func:`kg.analysis.identity.find_candidates`
runs the rounds.

>>> clusters({("a", "b"): 0.9, ("b", "c"): 0.8}, {("a", "b"): 0.9, ("b", "c"): 0.8, ("a", "c"): 0.1}, 0.5)
{'a': 'a', 'b': 'a'}
"""

from __future__ import annotations

from collections import defaultdict
from itertools import chain
from dataclasses import replace

from kg.analysis.profiles import Profile

__all__ = ["clusters", "pooled", "to_weigh_again", "unchanged"]


#: The kinds of comparison whose level reads nothing the collective step changes (pooled values and dates,
#: provisional clusters, possible pairs): an item's names, words, neighbours, and what is said of it and where.
#: A pair weighed again takes their levels from its first weighing (:func:`unchanged`). A kind not named here
#: is found again.
_UNCHANGED_KINDS = frozenset({
    "shared-context", "description", "meaning", "named-together", "raised-together", "opposite-stances",
    "mentioned-in", "outlet", "told-beside",
})


def unchanged(c) -> bool:
    """Is the level of comparison ``c`` the same whatever the provisional clusters? Names are, unless they are
    read without their owner's words (``owner``: the owner is a pooled value, compared cluster for cluster).

    >>> from kg.analysis.comparisons import model
    >>> [(c.name, unchanged(c)) for c in model().comparisons if c.kind in ("name", "dates", "meaning")]
    [('name', False), ('title', True), ('dates', False), ('meaning', True)]
    """
    if c.kind == "name":
        return not c.options.get("owner")
    return c.kind in _UNCHANGED_KINDS


def clusters(linked: dict[tuple[str, str], float], strength: dict[tuple[str, str], float], floor: float) -> dict[str, str]:
    """Provisional clusters: the most likely pairs first, two clusters joined only if no pair across them is below ``floor``."""
    members: dict[str, list[str]] = {}
    for (a, b), _ in sorted(linked.items(), key=lambda kv: (-kv[1], kv[0])):
        ca, cb = members.get(a, [a]), members.get(b, [b])
        if ca is cb or a in cb:
            continue
        across = (strength.get(tuple(sorted((x, y)))) for x in ca for y in cb)
        if any(p is not None and p < floor for p in across):
            continue  # a cannot-link: some pair across them is unlikely
        joined = sorted({*ca, *cb})
        for x in joined:
            members[x] = joined
    return {x: group[0] for x, group in members.items()}


def pooled(items: dict[str, Profile], canonical: dict[str, str], strength: dict[tuple[str, str], float], label) -> dict[str, Profile]:
    """Each clustered item's profile with its cluster-mates' dates and values pooled in."""
    groups: dict[str, list[str]] = defaultdict(list)
    for node, rep in canonical.items():
        if node in items:
            groups[rep].append(node)
    pooled = dict(items)
    for members in groups.values():
        for node in members:
            own = items[node]
            mates = [x for x in sorted(members) if x != node]
            values = {k: set(v) for k, v in own.values.items()}
            via: dict[str, list[tuple]] = defaultdict(list)  # what → (mate, item, probability) links
            lo, hi = own.lo, own.hi
            for mate in mates:
                other = items[mate]
                p = strength.get(tuple(sorted((node, mate))))
                how = (label(mate), label(node), p)  # p is None for a pair judged same
                for key, vs in other.values.items():
                    if not vs <= values.get(key, set()):
                        values.setdefault(key, set()).update(vs)
                        via[key].append(how)
                new_lo = max([d for d in (lo, other.lo) if d], default=None)
                new_hi = min([d for d in (hi, other.hi) if d], default=None)
                if (new_lo, new_hi) != (lo, hi) and not (new_lo and new_hi and new_lo > new_hi):
                    lo, hi = new_lo, new_hi
                    via["dates"].append(how)
            pooled[node] = replace(own, values={k: frozenset(v) for k, v in values.items()}, lo=lo, hi=hi,
                                   via={k: tuple(v) for k, v in via.items()})
    return pooled


def to_weigh_again(items: dict[str, Profile], by_item: dict, before: tuple, now: tuple) -> set[tuple[str, str]]:
    """The pairs whose levels new provisional clusters can change.

    ``before`` and ``now`` are each (clusters, possible pairs, pooled profiles).
    A pair changes when the profile it is weighed with changes (a member's
    pooled dates or values, or the pair coming into or out of one cluster), or
    when a value of one and a value of the other are, or were, in one cluster
    or a possible pair (values are compared cluster for cluster).

    What each item contributes is read once an item, not once a pair: whether its
    profile changes, for each way its pairs can be weighed before and now, and
    the values its own values are tied to.

    >>> from kg.analysis.profiles import Profile
    >>> def item(node, **values):
    ...     return Profile(node, node, "Incident", frozenset({"Incident"}), "c", False, (node,), False, None, None, "",
    ...                    {k: frozenset(v) for k, v in values.items()}, frozenset(), frozenset(), frozenset(), frozenset(),
    ...                    {}, frozenset())
    >>> items = {"a": item("a", by={"x"}), "b": item("b", by={"y"}), "c": item("c"), "x": item("x"), "y": item("y")}
    >>> by_item = {"a": [("a", "b"), ("a", "c")], "b": [("a", "b")], "c": [("a", "c")]}
    >>> sorted(to_weigh_again(items, by_item, ({}, frozenset(), items), ({"x": "x", "y": "x"}, frozenset(), items)))
    [('a', 'b')]
    """
    (old, old_pairs, old_pooled), (new, new_pairs, new_pooled) = before, now
    members = set(old) | set(new)
    pairs = old_pairs | new_pairs
    linked = members | {x for pair in pairs for x in pair}
    # each linked item's ties: the other members of its clusters, before and now, and its possible pairs
    ties: dict[str, set[str]] = defaultdict(set)
    for clusters in (old, new):
        groups: dict[str, list[str]] = defaultdict(list)
        for x, rep in clusters.items():
            groups[rep].append(x)
        for group in groups.values():
            for x in group:
                ties[x].update(group)
    for x, y in pairs:
        ties[x].add(y)
        ties[y].add(x)
    for x, tied in ties.items():
        tied.discard(x)

    def differ(p: Profile, q: Profile) -> bool:
        return p is not q and (p.values, p.lo, p.hi) != (q.values, q.lo, q.hi)

    sides: dict[str, tuple[bool, bool, bool]] = {}

    def side(x: str) -> tuple[bool, bool, bool]:
        """Does x's profile change when its pair is weighed with pooled profiles before and now, together before
        only, or together now only? (Together both times: its own profile, unchanged.)"""
        found = sides.get(x)
        if found is None:
            own, was, now_ = items[x], old_pooled[x], new_pooled[x]
            found = sides[x] = (differ(was, now_), differ(own, now_), differ(was, own))
        return found

    def changed(a: str, b: str) -> bool:
        """Is the pair weighed with other profiles now? Each end's own when both are in one cluster, else its pooled one."""
        ra, rb = old.get(a), old.get(b)
        was = ra is not None and ra == rb
        ra, rb = new.get(a), new.get(b)
        is_ = ra is not None and ra == rb
        if was and is_:
            return False
        k = 1 if was else 2 if is_ else 0
        return side(a)[k] or side(b)[k]

    tied_to = linked.intersection
    values = {n: vs for n, p in items.items() if p.values and (vs := tied_to(chain.from_iterable(p.values.values())))}
    reach: dict[str, frozenset[str]] = {}

    def reached(x: str) -> frozenset[str]:
        """What x's own values are tied to."""
        found = reach.get(x)
        if found is None:
            found = reach[x] = frozenset().union(*(ties.get(v, ()) for v in values.get(x, ())))
        return found

    def through_values(a: str, b: str) -> bool:
        # a value of one tied to a value of the other, or to the other itself (a part beside what may be its whole)
        ta, tb = reached(a), reached(b)
        return (bool(ta) and (b in ta or not ta.isdisjoint(values.get(b, ())))) or a in tb

    again = set()
    for node in members & set(items):
        # a pair changes only through an end whose profile changes (an item in no cluster has none): that end's turn finds it
        if any(side(node)):
            again.update(pair for pair in by_item.get(node, ()) if pair not in again and changed(*pair))
    for node in values:
        again.update(pair for pair in by_item.get(node, ()) if pair not in again and through_values(*pair))
    return again
