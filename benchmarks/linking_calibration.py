"""How well claim similarity tells the two sides of one dispute from two different disputes, on real reporting.

    .venv/bin/python benchmarks/linking_calibration.py

Reads the gold disputes of the tuned real incidents (benchmarks/eval/real/tuned/*/case.gold.yaml,
never the held-out ones): each side's words. Pairs of quotes from one incident are "same" when they
belong to one contested proposition (on either side) and "other" when they belong to two. For lemmas
alone and for word vectors (kg.ingest.linking.similarity, with several near-word bands), it prints the
area under the curve (the chance that a same pair scores above an other pair), the same for the pairs
across the two sides only, and the medians. kg.ingest.content.NEAR_FROM and NEAR_AT are the band chosen
here. Not a test: it prints figures.
"""

from __future__ import annotations

import itertools
import statistics
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TUNED = ROOT / "benchmarks" / "eval" / "real" / "tuned"
BANDS = ((0.25, 0.6), (0.3, 0.7), (0.35, 0.75), (0.4, 0.8))


def gold_quotes() -> list[tuple[str, str, str, str]]:
    """(incident, dispute key, side, words) for every side of every tuned dispute."""
    found = []
    for case in sorted(TUNED.glob("*/case.gold.yaml")):
        gold = yaml.safe_load(case.read_text(encoding="utf-8")) or {}
        for row in gold.get("contested") or []:
            for side in ("affirming", "opposing"):
                found += [(case.parent.name, row["key"], side, s["quote"]) for s in row[side]]
    return found


def auc(same: list[float], other: list[float]) -> float:
    """The chance that a same pair scores above an other pair (ties count half).

    >>> auc([0.9, 0.5], [0.1, 0.5])
    0.875
    """
    wins = sum((s > o) + 0.5 * (s == o) for s in same for o in other)
    return wins / (len(same) * len(other))


def main() -> None:
    import kg.ingest.content as content
    import kg.ingest.linking as linking
    from kg.ingest.nlp import word_vectors

    quotes = gold_quotes()
    contents = [linking.content_of(q[3]) for q in quotes]
    vectors = word_vectors()
    ways = [("lemmas alone", None, None)] + ([(f"vectors {lo}-{hi}", lo, hi) for lo, hi in BANDS] if vectors else [])
    print(f"{len(quotes)} gold quotes from {len({q[0] for q in quotes})} tuned incidents")
    print(f"{'similarity':18}{'AUC':>6}{'AUC sides':>11}{'same med':>10}{'sides med':>11}{'other med':>11}{'other p90':>11}")
    for name, lo, hi in ways:
        if lo is not None:
            content.NEAR_FROM, content.NEAR_AT = lo, hi
        same, sides, other = [], [], []
        for i, j in itertools.combinations(range(len(quotes)), 2):
            if quotes[i][0] != quotes[j][0]:
                continue
            score = linking.similarity(contents[i], contents[j], vectors=vectors if lo is not None else None)
            if quotes[i][1] == quotes[j][1]:
                same.append(score)
                if quotes[i][2] != quotes[j][2]:
                    sides.append(score)
            else:
                other.append(score)
        p90 = sorted(other)[int(0.9 * len(other))]
        print(f"{name:18}{auc(same, other):6.2f}{auc(sides, other):11.2f}{statistics.median(same):10.2f}"
              f"{statistics.median(sides):11.2f}{statistics.median(other):11.2f}{p90:11.2f}")
    print(f"pairs: {len(same)} same ({len(sides)} across the sides), {len(other)} other")
    answer_threshold(quotes, contents, vectors)
    if vectors:
        with_gist(quotes, contents, vectors)


#: What a shared gist (kg.ingest.gist.gist_score, 0-1) adds to the answer score, each measured.
GIST_BONUSES = (0.1, 0.2, 0.3)
THRESHOLDS = [x / 20 for x in range(4, 13)]


def kept(sides: list[float], other: list[float], t: float) -> tuple[float, float, float]:
    """At threshold ``t``: Youden's J (the share of sides kept less the share of other pairs kept), the share
    of sides kept (recall) and the share of the pairs kept that are two sides of one dispute (precision).

    >>> kept([0.5, 0.1], [0.5, 0.1, 0.1, 0.1], 0.4)
    (0.25, 0.5, 0.5)
    """
    right, wrong = sum(s >= t for s in sides), sum(o >= t for o in other)
    recall = right / len(sides)
    return recall - wrong / len(other), recall, (right / (right + wrong) if right + wrong else 0.0)


def with_gist(quotes, contents, vectors) -> None:
    """The answer score (reply similarity, vectors 0.3-0.7) with what two claims assert beside their words
    (kg.ingest.gist: the parser's predicate and arguments; each bonus of :data:`GIST_BONUSES` times their
    gist_score, or the words' score only where the two share a gist, as kg ingest's second pass checks),
    against the words alone: J, recall and precision of the two sides of one dispute against
    pairs of two disputes of one incident, at each threshold."""
    import kg.ingest.content as content
    import kg.ingest.linking as linking
    from kg.ingest.gist import gist_score, parser_gists

    content.NEAR_FROM, content.NEAR_AT = 0.3, 0.7
    gists = parser_gists([q[3] for q in quotes])
    ways = {"words alone": 0.0, "words, gist shared": None} | {f"words + {b} gist": b for b in GIST_BONUSES}
    scores = {name: ([], []) for name in ways}
    for i, j in itertools.combinations(range(len(quotes)), 2):
        if quotes[i][0] != quotes[j][0] or (quotes[i][1] == quotes[j][1] and quotes[i][2] == quotes[j][2]):
            continue
        words = linking.similarity(contents[i], contents[j], reply=True, vectors=vectors)
        gist = gist_score(gists[i], gists[j], vectors, linking.concept_of)
        for name, bonus in ways.items():  # None: the words' score where the two share a gist (the check ingest makes), else 0
            score = (words if gist > 0 else 0.0) if bonus is None else words + bonus * gist
            scores[name][0 if quotes[i][1] == quotes[j][1] else 1].append(score)
    print("\nanswer score with the gist: J / recall / precision at each threshold (sides of one dispute against two disputes)")
    print(f"{'score':18}" + "".join(f"{t:>16.2f}" for t in THRESHOLDS))
    for name, (sides, other) in scores.items():
        print(f"{name:18}" + "".join(f"{'%.2f/%.2f/%.2f' % kept(sides, other, t):>16}" for t in THRESHOLDS))
    print(f"pairs: {len(scores['words alone'][0])} sides, {len(scores['words alone'][1])} other")


def answer_threshold(quotes, contents, vectors) -> None:
    """The score at which a claim on the other side of another's is read as answering it
    (kg.ingest.linking.ANSWER_LINK, and ANSWER_LINK_LEMMAS without word vectors): two sides of one dispute
    against two disputes, each claim read as a reply (``similarity(..., reply=True)``); the threshold
    with the largest Youden's J (the share of sides kept less the share of other pairs kept)."""
    import kg.ingest.content as content
    import kg.ingest.linking as linking

    content.NEAR_FROM, content.NEAR_AT = 0.3, 0.7
    print("\nanswer threshold (reply similarity; sides of one dispute against pairs of two disputes)")
    print(f"{'similarity':18}{'threshold':>10}{'sides kept':>12}{'other kept':>12}{'J':>6}")
    for name, with_vectors in (("lemmas alone", None), ("vectors 0.3-0.7", vectors)):
        if name != "lemmas alone" and not vectors:
            continue
        sides, other = [], []
        for i, j in itertools.combinations(range(len(quotes)), 2):
            if quotes[i][0] != quotes[j][0]:
                continue
            score = linking.similarity(contents[i], contents[j], reply=True, vectors=with_vectors)
            if quotes[i][1] == quotes[j][1] and quotes[i][2] != quotes[j][2]:
                sides.append(score)
            elif quotes[i][1] != quotes[j][1]:
                other.append(score)
        rows = []
        for t in [x / 20 for x in range(4, 13)]:
            kept, wrong = sum(s >= t for s in sides) / len(sides), sum(o >= t for o in other) / len(other)
            rows.append((kept - wrong, t, kept, wrong))
        best = max(rows)
        for j, t, kept, wrong in rows:
            print(f"{name:18}{t:10.2f}{kept:12.2f}{wrong:12.2f}{j:6.2f}" + ("  <- best" if (j, t) == best[:2] else ""))


if __name__ == "__main__":
    main()
