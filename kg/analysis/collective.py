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
from dataclasses import replace

from kg.analysis.profiles import Profile

__all__ = ["clusters", "pooled", "to_weigh_again"]


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
    """
    (old, old_pairs, old_pooled), (new, new_pairs, new_pooled) = before, now
    members = set(old) | set(new)
    pairs = old_pairs | new_pairs
    linked = members | {x for pair in pairs for x in pair}
    values = {n: [v for vs in p.values.values() for v in vs if v in linked] for n, p in items.items()}

    def changed(a: str, b: str) -> bool:
        """Is the pair weighed with other profiles now? Each end's own when both are in one cluster, else its pooled one."""
        ra, rb = old.get(a), old.get(b)
        oa, ob = (items[a], items[b]) if ra is not None and ra == rb else (old_pooled[a], old_pooled[b])
        ra, rb = new.get(a), new.get(b)
        na, nb = (items[a], items[b]) if ra is not None and ra == rb else (new_pooled[a], new_pooled[b])
        return (oa is not na and (oa.values, oa.lo, oa.hi) != (na.values, na.lo, na.hi)) \
            or (ob is not nb and (ob.values, ob.lo, ob.hi) != (nb.values, nb.lo, nb.hi))

    def tied(x: str, y: str) -> bool:
        return x != y and (old.get(x, x) == old.get(y, y) or new.get(x, x) == new.get(y, y) or (min(x, y), max(x, y)) in pairs)

    def through_values(a: str, b: str) -> bool:
        # a value of one tied to a value of the other, or to the other itself (a part beside what may be its whole)
        return any(tied(x, y) for x in values[a] for y in values[b]) or any(tied(x, b) for x in values[a]) \
            or any(tied(a, y) for y in values[b])

    again = set()
    for node in members & set(items):
        again.update(pair for pair in by_item.get(node, ()) if pair not in again and changed(*pair))
    for node in (n for n, vs in values.items() if vs):
        again.update(pair for pair in by_item.get(node, ()) if pair not in again and through_values(*pair))
    return again
