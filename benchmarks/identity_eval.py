"""Measure the identity model (`kg unresolved`'s candidates) against hand-labelled cases.

    .venv/bin/python benchmarks/identity_eval.py              # tuned and held-out figures
    .venv/bin/python benchmarks/identity_eval.py --details    # also each tuned case's pairs

Four splits, held-out ones first: ``real-heldout/`` and ``real/`` hold cases
written from real reporting (held out and tuned), ``heldout/`` and ``cases/``
invented ones (held out and tuned); each folder has its ``labels.yaml``
(the invented tuned cases' labels are ``benchmarks/identity/labels.yaml``). Labelling
is complete: within a case, every pair of items of one class that is not in a
``same`` cluster is different. ``traps`` are named different pairs that look
alike. For held-out cases only aggregate figures are printed, never a pair.

Figures, for the tuned and the held-out cases separately (micro-averaged):

* listed: the pairs the report lists (probability at least "possible", or, for
  the old score model, score at least its cut-off), their precision, and
  recall of the real pairs;
* precision at k, k = the number of real pairs of each case;
* the same recall for the real pairs that differ only in how their names are
  written (``kind: name-variant``);
* trap inversions: (trap, real pair) couples of one case where the trap ranks
  above the real pair (an unscored real pair ranks below every scored pair);
* a calibration table: every pair the model scored, binned by its predicted
  probability, with the observed rate of real pairs in each bin.

Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.analysis.nxgraph import ITEM_KINDS, local_name, project  # noqa: E402
from kg.build import load_cases  # noqa: E402
from kg.export.identity_words import candidate_words, waterfall_text  # noqa: E402

BENCH = ROOT / "benchmarks" / "identity"
#: Held-out splits first: their figures are the headline. Real cases are written from real reporting.
SPLITS = {
    "real held-out": (BENCH / "real-heldout", BENCH / "real-heldout" / "labels.yaml"),
    "held-out": (BENCH / "heldout", BENCH / "heldout" / "labels.yaml"),
    "real tuned": (BENCH / "real", BENCH / "real" / "labels.yaml"),
    "tuned": (BENCH / "cases", BENCH / "labels.yaml"),
}
TUNED = ("real tuned", "tuned")
BINS = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001]


@dataclass
class Scored:
    """One scored pair: its ids, the model's probability (None for a score-only model), score, listed."""

    pair: tuple[str, str]
    probability: float | None
    score: float
    listed: bool


@dataclass
class Figures:
    listed: int = 0
    listed_real: int = 0
    real: int = 0
    real_listed: int = 0
    names: int = 0
    names_listed: int = 0
    at_k: int = 0
    at_k_hits: int = 0
    inversions: int = 0
    name_inversions: int = 0
    couples: int = 0
    settled: int = 0
    labelled: int = 0
    explicit: int = 0
    calibration: list = field(default_factory=lambda: [[0, 0, 0.0] for _ in BINS[:-1]])
    #: kind -> [real pairs listed, real pairs] and trap kind -> [traps above a real pair, traps] (tuned only)
    kinds: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    trap_kinds: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    def add(self, other: "Figures") -> None:
        for key, value in vars(other).items():
            if key in ("kinds", "trap_kinds"):
                for kind, (hits, n) in value.items():
                    getattr(self, key)[kind][0] += hits
                    getattr(self, key)[kind][1] += n
            elif key == "calibration":
                for mine, theirs in zip(self.calibration, value):
                    mine[0] += theirs[0]
                    mine[1] += theirs[1]
                    mine[2] += theirs[2]
            else:
                setattr(self, key, getattr(self, key) + value)


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a (0/0)"


def model_pairs(g) -> list[Scored]:
    """Every pair the model scores, whatever its threshold, with whether the report lists it."""
    from kg.analysis import identity

    if hasattr(identity, "POSSIBLE"):  # the probability model
        found = identity.identity_candidates(g, threshold=0.0)
        return [Scored(tuple(sorted((local_name(c.left.iri), local_name(c.right.iri)))), c.probability, c.weight,
                       c.probability >= identity.POSSIBLE or getattr(c, "raised", False)) for c in found]
    found = identity.identity_candidates(g, min_score=-1e9)
    return [Scored(tuple(sorted((local_name(c.left.iri), local_name(c.right.iri)))), None, c.score,
                   c.score >= identity.MIN_SCORE) for c in found]


def _clusters(same: list[dict]) -> dict[str, str]:
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for entry in same:
        a, b = entry["pair"]
        parent[root(a)] = root(b)
    return {x: root(x) for x in list(parent)}


def evaluate_case(slug: str, path: Path, labels: dict, details: bool) -> Figures:
    graph, _, _ = load_cases([path])
    g = project(graph)
    items = {local_name(n): a["cls"] for n, a in g.nodes(data=True) if a.get("cls") not in ITEM_KINDS}
    same, traps = labels.get("same", []), labels.get("traps", [])
    for entry in [*same, *traps]:
        a, b = entry["pair"]
        for x in (a, b):
            if x not in items:
                raise SystemExit(f"{slug}: labelled id {x!r} is not a reviewed item of the case")
        if items[a] != items[b]:
            raise SystemExit(f"{slug}: labelled pair {a}, {b} has two classes ({items[a]}, {items[b]})")
    cluster = _clusters(same)
    by_class = defaultdict(int)
    for cls in items.values():
        by_class[cls] += 1

    def real(pair) -> bool:
        a, b = pair
        return a in cluster and b in cluster and cluster[a] == cluster[b]

    judged = set()
    for node, attrs in g.nodes(data=True):
        if attrs.get("cls") == "IdentityJudgement" and attrs.get("settles"):
            ends = sorted(local_name(v) for _, v, k in g.out_edges(node, keys=True) if k.endswith(("#left", "#right")))
            judged.add(tuple(ends))
    scored = sorted(model_pairs(g), key=lambda s: (-s.score, s.pair))
    rank = {s.pair: i for i, s in enumerate(scored)}
    f = Figures()
    real_pairs = [tuple(sorted(e["pair"])) for e in same]
    # every same-class pair inside a cluster is real, not only the listed ones
    members = defaultdict(list)
    for x, r in cluster.items():
        members[r].append(x)
    real_pairs = sorted({tuple(sorted((a, b))) for group in members.values() for a in group for b in group if a < b} | set(real_pairs))
    real_pairs = [p for p in real_pairs if p not in judged]
    f.settled = len(judged)
    f.labelled = sum(n * (n - 1) // 2 for n in by_class.values())
    f.explicit = len(same) + len(traps)
    name_pairs = {tuple(sorted(e["pair"])) for e in same if e.get("kind") == "name-variant"}
    listed = [s for s in scored if s.listed]
    f.listed, f.listed_real = len(listed), sum(real(s.pair) for s in listed)
    f.real, f.real_listed = len(real_pairs), sum(1 for p in real_pairs if p in rank and scored[rank[p]].listed)
    f.names, f.names_listed = len(name_pairs), sum(1 for p in name_pairs if p in rank and scored[rank[p]].listed)
    f.at_k, f.at_k_hits = len(real_pairs), sum(real(s.pair) for s in listed[: len(real_pairs)])
    trap_pairs = [tuple(sorted(e["pair"])) for e in traps]
    for t, entry in zip(trap_pairs, traps):
        above = 0
        for p in real_pairs:
            f.couples += 1
            if t in rank and (p not in rank or rank[t] < rank[p]):
                f.inversions += 1
                f.name_inversions += p in name_pairs
                above = 1
        f.trap_kinds[entry.get("kind", "?")][0] += above
        f.trap_kinds[entry.get("kind", "?")][1] += 1
    for entry in same:
        p = tuple(sorted(entry["pair"]))
        f.kinds[entry.get("kind", "?")][0] += p in rank and scored[rank[p]].listed
        f.kinds[entry.get("kind", "?")][1] += 1
    for s in scored:
        if s.probability is None:
            continue
        b = next(i for i in range(len(BINS) - 1) if BINS[i] <= s.probability < BINS[i + 1])
        f.calibration[b][0] += 1
        f.calibration[b][1] += real(s.pair)
        f.calibration[b][2] += s.probability
    if details:
        print(f"\n  {slug}: {len(scored)} scored, {len(listed)} listed")
        for s in scored[:30]:
            mark = "REAL" if real(s.pair) else ("trap" if s.pair in trap_pairs else "    ")
            p = f"{s.probability:.3f}" if s.probability is not None else "  -  "
            print(f"    {mark} {'L' if s.listed else ' '} {p} {s.score:8.3f}  {s.pair[0]} ~ {s.pair[1]}")
        missing = [p for p in real_pairs if p not in rank]
        for p in missing:
            print(f"    REAL   unscored          {p[0]} ~ {p[1]}")
    return f


def report(name: str, f: Figures, cases: int, kinds: bool = False) -> None:
    print(f"\n{name} ({cases} cases; {f.labelled} labelled same-class pairs, {f.explicit} named in the labels;"
          f" {f.real} real pairs, {f.names} of them name variants; {f.settled} settled by judgements)")
    print(f"  listed pairs:                {f.listed}")
    print(f"  precision of listed pairs:   {_ratio(f.listed_real, f.listed)}")
    print(f"  precision at k (k = reals):  {_ratio(f.at_k_hits, f.at_k)}")
    print(f"  recall at 'possible':        {_ratio(f.real_listed, f.real)}")
    print(f"  recall, name variants:       {_ratio(f.names_listed, f.names)}")
    print(f"  trap above a real pair:      {'yes' if f.inversions else 'no'} ({f.inversions} of {f.couples} trap/real couples;"
          f" {f.name_inversions} against name variants)")
    if kinds:
        print("  real pairs listed, by kind:  " + "; ".join(f"{k} {h}/{n}" for k, (h, n) in sorted(f.kinds.items())))
        print("  traps above a real pair, by kind:  "
              + "; ".join(f"{k} {h}/{n}" for k, (h, n) in sorted(f.trap_kinds.items()) if h))
    if not any(row[0] for row in f.calibration):
        print("  calibration:                 n/a (the model gives no probability)")
        return
    print("  calibration:   predicted    pairs   mean p   observed")
    for i, (n, hits, total) in enumerate(f.calibration):
        if n:
            print(f"                 {BINS[i]:.1f}-{min(BINS[i + 1], 1.0):.1f}   {n:6d}   {total / n:6.3f}   {hits / n:6.3f}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="Print the ranked pairs of each tuned case (never held-out ones).")
    parser.add_argument("--tuned-only", action="store_true", help="Leave the held-out cases out (while tuning).")
    parser.add_argument("--explain", metavar="CASE:A,B", help="Print the waterfall of one pair of a tuned case.")
    args = parser.parse_args(argv)
    from kg.analysis import identity

    print(f"identity model: {'probability (Fellegi-Sunter)' if hasattr(identity, 'POSSIBLE') else 'score (Adamic-Adar)'}")
    if args.explain:
        slug, pair = args.explain.split(":")
        folder = next((SPLITS[t][0] / slug for t in TUNED if (SPLITS[t][0] / slug).is_dir()), None)
        if folder is None:
            raise SystemExit(f"{slug} is not a tuned case")
        g = project(load_cases([folder])[0])
        a, b = sorted(pair.split(","))
        for c in identity.identity_candidates(g, threshold=0.0):
            if sorted((local_name(c.left.iri), local_name(c.right.iri))) == [a, b]:
                print(candidate_words(c))
                print(waterfall_text(c))
                return 0
        raise SystemExit("not scored (not blocked)")
    for split, (folder, label_file) in SPLITS.items():
        if (args.tuned_only and split not in TUNED) or not label_file.is_file():
            continue
        labels = yaml.safe_load(label_file.read_text(encoding="utf-8"))["cases"]
        total = Figures()
        for slug in sorted(labels):
            total.add(evaluate_case(slug, folder / slug, labels[slug], args.details and split in TUNED))
        report(split.upper(), total, len(labels), kinds=args.details and split in TUNED)
    return 0


if __name__ == "__main__":
    sys.exit(main())
