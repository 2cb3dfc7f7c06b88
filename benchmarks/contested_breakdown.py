"""Where the tuned real incidents' gold disputes are lost between the text and `kg unresolved`.

    .venv/bin/python benchmarks/contested_breakdown.py                 # the parser-based engine
    .venv/bin/python benchmarks/contested_breakdown.py --engine rules  # the regex rules
    .venv/bin/python benchmarks/contested_breakdown.py -v              # each dispute, with its drafted sides
    .venv/bin/python benchmarks/contested_breakdown.py --heldout       # the held-out incidents: the counts only

All of an incident's articles are ingested into one empty case (as benchmarks/ingest_eval.py does), and
each gold contested proposition of benchmarks/eval/real/tuned/*/case.gold.yaml falls in one row (with
``--heldout``, of the held-out incidents, counted only: never read their disputes while writing rules):

- ``recovered``: one drafted proposition has assertions over words of both sides, on opposite sides;
- ``same side``: one proposition holds both sides' words, but not on opposite sides (linked wrongly);
- ``not linked``: both sides' words are drafted as assertions, on different propositions (``one
  article`` or ``across articles``: where the two sides' words stand);
- ``not drafted``: no assertion lies over one side's words (or either's).

A drafted assertion stands for a gold side when its quote overlaps one of the side's quotes (the rule
of benchmarks/ingest_scoring.py). Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ingest_eval  # noqa: E402
import ingest_scoring as scoring  # noqa: E402

_POLARITY = {"asserts": 1, "confirms": 1, "denies": -1, "disputes": -1, "narrows": -1}


def drafted_assertions(drafts: list[dict]) -> list[tuple[str, tuple[str, str, str], str, int, str]]:
    """(article, (exact, prefix, suffix), proposition id, polarity, party) of every drafted assertion."""
    documents = {s.get("id"): Path(str(s.get("document") or "")).name for d in drafts for s in d.get("sources") or []}
    found = []
    for draft in drafts:
        for proposition in draft.get("propositions") or []:
            pid = proposition.get("id") or proposition.get("proposition")
            for a in proposition.get("assertions") or []:
                q = a.get("quote") or {}
                found.append((documents.get(a.get("source"), ""), (q.get("exact", ""), q.get("prefix", ""), q.get("suffix", "")),
                              str(pid), _POLARITY.get(a.get("stance"), 0), str(a.get("party"))))
    return found


def _over(assertion, texts: dict[str, str], side: list[tuple[str, str]]) -> bool:
    article, quote = assertion[0], assertion[1]
    return any(article == gold_article and scoring.overlaps(scoring._placed(texts[article], quote), scoring.occurrences(texts[article], words))
               for gold_article, words in side)


def classify(assertions, texts: dict[str, str], affirming, opposing) -> tuple[str, list, list]:
    """The row a gold dispute falls in (see the module's list), and the assertions over each side."""
    a_side = [a for a in assertions if _over(a, texts, affirming)]
    o_side = [a for a in assertions if _over(a, texts, opposing)]
    if not a_side or not o_side:
        return "not drafted", a_side, o_side
    shared = [(a, o) for a in a_side for o in o_side if a[2] == o[2]]
    if any(a[3] * o[3] == -1 for a, o in shared):
        return "recovered", a_side, o_side
    if shared:
        return "same side", a_side, o_side
    one = {a[0] for a in a_side} & {o[0] for o in o_side}
    return ("not linked, one article" if one else "not linked, across articles"), a_side, o_side


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=ingest_eval.ENGINES, default="spacy")
    parser.add_argument("-v", "--verbose", action="store_true", help="each dispute, with the drafted assertions over its sides")
    parser.add_argument("--heldout", action="store_true", help="the held-out incidents instead, counted only (no -v)")
    args = parser.parse_args(argv)
    if args.heldout and args.verbose:
        parser.error("the held-out disputes are counted, never listed (-v): rules are never written against them")
    which = "heldout" if args.heldout else "tuned"
    rows: Counter = Counter()
    with ingest_eval.using(args.engine):
        for incident in ingest_eval.incidents_in(ingest_eval.REAL / which, real=True):
            if not incident.case_gold:
                continue
            texts = {a.path.name: a.text for a in incident.articles}
            with tempfile.TemporaryDirectory() as scratch:
                case = Path(scratch) / incident.name
                ingest_eval.ingest(args.engine, [a.path for a in incident.articles], case,
                                   {a.path.name: a.date for a in incident.articles if a.date},
                                   {a.path.name: a.outlet for a in incident.articles if a.outlet})
                assertions = drafted_assertions(ingest_eval._drafts(case))
            for key, affirming, opposing in scoring.case_pairs(incident.case_gold):
                row, a_side, o_side = classify(assertions, texts, affirming, opposing)
                rows[row] += 1
                if args.verbose:
                    print(f"{incident.name}/{key}: {row}")
                    for label, side in (("  +", a_side), ("  -", o_side)):
                        for a in side:
                            print(f"{label} [{a[0]}] {a[4]} on {a[2]} ({a[3]:+d}): {a[1][0][:90]}")
    total = sum(rows.values())
    print(f"{which} real incidents, {args.engine}: {total} gold contested propositions")
    for row in ("recovered", "same side", "not linked, one article", "not linked, across articles", "not drafted"):
        print(f"  {row:30}{rows[row]:>4}")


if __name__ == "__main__":
    main()
