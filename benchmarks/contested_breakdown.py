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
of benchmarks/ingest_scoring.py). A dispute ``not linked`` is counted again by why its sides did not meet,
the first of (:func:`cause`):

- ``folded``: every assertion over one side sits on a proposition drafted from another claim (restated
  or answered): that side's claim went to another proposition first;
- ``names the other's claim``: a side's words point at what the other said ("that offer", "X's defence",
  "claims of gross negligence"), which no frame reads as a reply;
- ``different incidents``: both sides' propositions name incidents, and none in common;
- ``threshold``: the two sides' best reply similarity (kg.ingest.linking.similarity) falls short of the
  answer threshold by less than :data:`NEAR`;
- ``content words differ``: anything else: the words of the two sides have little in common.

Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ingest_eval  # noqa: E402
import ingest_scoring as scoring  # noqa: E402

_POLARITY = {"asserts": 1, "confirms": 1, "denies": -1, "disputes": -1, "narrows": -1}
#: A dispute whose sides' best similarity is this close under the answer threshold counts as lost to the threshold.
NEAR = 0.1
#: Words that point at what another party said, as no reply frame reads them.
NAMES_A_CLAIM = re.compile(r"\b(?:that|this|those|these)[ ](?:[\w-]+[ ]){0,3}?(?:offers?|claims?|accounts?|defen[cs]es?|allegations?|suggestions?|versions?)\b"
                           r"|['’]s?[ ](?:[\w-]+[ ]){0,2}?(?:claims?|accounts?|defen[cs]es?|allegations?|version|suggestions?)\b"
                           r"|\b(?:claims?|allegations?|accusations?|suggestions?)[ ](?:of|that)\b", re.IGNORECASE)


class Drafted(NamedTuple):
    """A drafted assertion, where it stands and what it is on."""

    article: str
    quote: tuple[str, str, str]  # exact, prefix, suffix
    proposition: str
    polarity: int
    party: str
    linked: bool  # on a proposition drafted from another claim (restated or answered), not its own
    text: str  # the proposition's words
    incidents: frozenset  # the incidents the proposition names


def drafted_assertions(drafts: list[dict]) -> list[Drafted]:
    """Every drafted assertion (:class:`Drafted`)."""
    documents = {s.get("id"): Path(str(s.get("document") or "")).name for d in drafts for s in d.get("sources") or []}
    incidents = {e["id"] for d in drafts for e in d.get("entities") or [] if e.get("type") in ("Incident", "IncidentTrend")}
    texts = {p["id"]: (p.get("text", ""), frozenset(p.get("about") or []) & incidents)
             for d in drafts for p in d.get("propositions") or [] if "id" in p}
    found = []
    for draft in drafts:
        for proposition in draft.get("propositions") or []:
            pid = str(proposition.get("id") or proposition.get("proposition"))
            for a in proposition.get("assertions") or []:
                q = a.get("quote") or {}
                found.append(Drafted(documents.get(a.get("source"), ""), (q.get("exact", ""), q.get("prefix", ""), q.get("suffix", "")),
                                     pid, _POLARITY.get(a.get("stance"), 0), str(a.get("party")), "id" not in proposition,
                                     *texts.get(pid, ("", frozenset()))))
    return found


def cause(a_side: list[Drafted], o_side: list[Drafted], similarity, threshold: float) -> list[str]:
    """Why two sides drafted on different propositions did not meet: every cause that holds, in the order of
    the module's list (the first is the row). ``similarity(text, text)`` scores two propositions' words.

    >>> d = lambda quote, linked, text, incidents=(): Drafted("a.txt", (quote, "", ""), "p", 1, "x", linked, text, frozenset(incidents))
    >>> cause([d("it cut corners", True, "It cut corners.")], [d("it was careful", False, "It was careful.")], lambda a, b: 0.0, 0.35)
    ['folded', 'content words differ']
    >>> cause([d("that offer came late", False, "That offer came late.", {"i1"})], [d("we offered help", False, "We offered help.", {"i2"})],
    ...       lambda a, b: 0.3, 0.35)
    ["names the other's claim", 'different incidents', 'threshold']
    """
    found = []
    if all(a.linked for a in a_side) or all(o.linked for o in o_side):
        found.append("folded")
    if any(NAMES_A_CLAIM.search(d.quote[0]) for d in a_side + o_side):
        found.append("names the other's claim")
    if all(d.incidents for d in a_side + o_side) and not any(a.incidents & o.incidents for a in a_side for o in o_side):
        found.append("different incidents")
    best = max((similarity(a.text, o.text) for a in a_side for o in o_side if a.text and o.text), default=0.0)
    found.append("threshold" if best >= threshold - NEAR else "content words differ")
    return found


def similarity_for(engine: str):
    """Two propositions' reply similarity as ``kg ingest`` reads them with ``engine`` (the parser's lemmas and
    word vectors, or the simple lemmas alone), and the answer threshold it links at."""
    from kg.ingest import linking

    lemmatize, vectors = None, None
    if engine == "spacy":
        from kg.ingest.nlp import word_vectors

        lemmatize, vectors = linking.parser_lemmas, word_vectors()

    def score(a: str, b: str) -> float:
        lemmas = lemmatize([a, b]) if lemmatize else [None, None]
        return linking.similarity(linking.content_of(a, (), lemmas[0]), linking.content_of(b, (), lemmas[1]), reply=True, vectors=vectors)

    return score, (linking.ANSWER_LINK_VECTORS if vectors is not None else linking.ANSWER_LINK)


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
    causes: Counter = Counter()
    similarity, threshold = similarity_for(args.engine)
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
                why = cause(a_side, o_side, similarity, threshold) if row.startswith("not linked") else []
                causes.update(why[:1])
                if args.verbose:
                    print(f"{incident.name}/{key}: {row}" + (f" ({'; '.join(why)})" if why else ""))
                    for label, side in (("  +", a_side), ("  -", o_side)):
                        for a in side:
                            print(f"{label} [{a.article}] {a.party} on {a.proposition} ({a.polarity:+d}{', linked' if a.linked else ''}): {a.quote[0][:90]}")
    total = sum(rows.values())
    print(f"{which} real incidents, {args.engine}: {total} gold contested propositions")
    for row in ("recovered", "same side", "not linked, one article", "not linked, across articles", "not drafted"):
        print(f"  {row:30}{rows[row]:>4}")
    print("not linked, by the first cause that holds")
    for row in ("folded", "names the other's claim", "different incidents", "threshold", "content words differ"):
        print(f"  {row:30}{causes[row]:>4}")


if __name__ == "__main__":
    main()
