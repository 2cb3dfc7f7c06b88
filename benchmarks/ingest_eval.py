"""Measure the `kg ingest` rules against hand-labelled articles.

    .venv/bin/python benchmarks/ingest_eval.py            # the evaluation set
    .venv/bin/python benchmarks/ingest_eval.py --seed     # also the seed article vs the curated case

Prints precision and recall for mentions, attributions and questions, and
stance accuracy, per article and overall (micro-averaged). Not a test: it
prints figures. See benchmarks/eval/README.md for the gold format and the
scoring rules.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.ingest.extract import Extraction, extract  # noqa: E402
from kg.ingest.gazetteer import normalize, read_case_folder  # noqa: E402
from kg.ingest.text import read_article  # noqa: E402

EVAL = ROOT / "benchmarks" / "eval"
SEED_ARTICLE = Path("/work/shared/seeds/000_80aecd0927fd6476.txt")
SEED_CASE = ROOT / "seeds" / "amazon-2026-outages"
FAMILY = {"OrganizationalUnit": "Organization", "AISystem": "System", "IncidentTrend": "Incident"}
SCORED = {"Person", "Organization", "OrganizationalUnit", "System", "AISystem", "Incident", "IncidentTrend", "Safeguard", "InternalDocument"}


@dataclass
class Score:
    tp_pred: int = 0
    pred: int = 0
    tp_gold: int = 0
    gold: int = 0

    def __iadd__(self, other: "Score") -> "Score":
        self.tp_pred += other.tp_pred
        self.pred += other.pred
        self.tp_gold += other.tp_gold
        self.gold += other.gold
        return self

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 1.0

    def __str__(self) -> str:
        return f"P {self.precision:.2f} ({self.tp_pred}/{self.pred})  R {self.recall:.2f} ({self.tp_gold}/{self.gold})"


def occurrences(text: str, words: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(words), text)]


def overlaps(spans_a, spans_b) -> bool:
    return any(a < d and c < b for a, b in spans_a for c, d in spans_b)


def family(type_: str) -> str:
    return FAMILY.get(type_, type_)


def score_mentions(x: Extraction, gold: list[dict]) -> tuple[Score, list[str], list[str]]:
    predicted = [e for e in x.table.entities.values() if e.type in SCORED]
    gold_spans = [(g, occurrences(x.text, g["text"])) for g in gold]
    score = Score(pred=len(predicted), gold=len(gold))
    missed, extra = [], []
    for g, spans in gold_spans:
        if not spans:
            raise SystemExit(f"gold mention {g['text']!r} is not in the article")
        if any(family(e.type) == family(g["type"]) and overlaps(e.spans, spans) for e in predicted):
            score.tp_gold += 1
        else:
            missed.append(f"{g['text']} ({g['type']})")
    for e in predicted:
        if any(family(e.type) == family(g["type"]) and overlaps(e.spans, spans) for g, spans in gold_spans):
            score.tp_pred += 1
        else:
            extra.append(f"{e.label} ({e.type})")
    return score, missed, extra


def _tokens(name: str) -> set[str]:
    return {t.rstrip("s") for t in re.findall(r"[a-z0-9]+", normalize(name)) if t not in {"the", "unnamed"}}


def _party_match(gold_party: str, names: list[str]) -> bool:
    """One name's words hold the other's ("Northwind spokesperson" ~ "Northwind Bank spokesperson")."""
    g = _tokens(gold_party)
    return any(g and _tokens(n) and (g <= _tokens(n) or _tokens(n) <= g) for n in names)


def score_attributions(x: Extraction, gold: list[dict]) -> tuple[Score, int, int, list[str], list[str], list[str]]:
    claims = [c for c in x.claims if c.party is not None]
    score = Score(pred=len(claims), gold=len(gold))
    used: set[int] = set()
    stance_right = stance_total = 0
    missed, wrong_stance = [], []
    for g in gold:
        spans = occurrences(x.text, g["quote"])
        if not spans:
            raise SystemExit(f"gold quote {g['quote']!r} is not in the article")
        match = None
        for i, c in enumerate(claims):
            claim_spans = [(c.start, c.end), c.frame]
            if i not in used and overlaps(claim_spans, spans) and _party_match(g["party"], c.party.names):
                match = i
                break
        if match is None:
            missed.append(f"{g['party']} {g['stance']}: {g['quote']}")
            continue
        used.add(match)
        score.tp_gold += 1
        stance_total += 1
        if claims[match].stance == g["stance"]:
            stance_right += 1
        else:
            wrong_stance.append(f"{g['party']}: {g['quote'][:50]}… gold {g['stance']}, got {claims[match].stance}")
    score.tp_pred = len(used)
    extra = [f"{c.party.label} {c.stance}: {x.text[c.start:c.end][:60]}" for i, c in enumerate(claims) if i not in used]
    return score, stance_right, stance_total, missed, extra, wrong_stance


def score_questions(x: Extraction, gold: list[str]) -> Score:
    score = Score(pred=len(x.questions), gold=len(gold))
    gold_spans = [occurrences(x.text, q) for q in gold]
    score.tp_gold = sum(1 for spans in gold_spans if any(overlaps([(q.start, q.end)], spans) for q in x.questions))
    score.tp_pred = sum(1 for q in x.questions if any(overlaps([(q.start, q.end)], spans) for spans in gold_spans))
    return score


def run_eval(folder: Path, verbose: bool) -> None:
    totals = {"mentions": Score(), "attributions": Score(), "questions": Score()}
    stance_right = stance_total = 0
    print(f"{'article':24} {'mentions':28} {'attributions':28} {'stance':12} {'questions'}")
    for gold_path in sorted(folder.glob("*.gold.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        article = read_article(folder / gold["article"])
        x = extract(article.text, published=str(gold.get("date")) if gold.get("date") else article.date)
        mentions, m_missed, m_extra = score_mentions(x, gold.get("mentions", []))
        attributions, right, total, a_missed, a_extra, wrong = score_attributions(x, gold.get("attributions", []))
        questions = score_questions(x, gold.get("questions", []))
        totals["mentions"] += mentions
        totals["attributions"] += attributions
        totals["questions"] += questions
        stance_right += right
        stance_total += total
        stance = f"{right / total:.2f} ({right}/{total})" if total else "-"
        print(f"{gold_path.name.replace('.gold.yaml', ''):24} {mentions!s:28} {attributions!s:28} {stance:12} {questions}")
        if verbose:
            for label, rows in (("missed mention", m_missed), ("extra mention", m_extra), ("missed attribution", a_missed), ("extra attribution", a_extra), ("wrong stance", wrong)):
                for row in rows:
                    print(f"    {label}: {row}")
    print(f"{'OVERALL':24} {totals['mentions']!s:28} {totals['attributions']!s:28} {stance_right / max(stance_total, 1):.2f} ({stance_right}/{stance_total})  {totals['questions']}")
    print()
    print(f"mention recall {totals['mentions'].recall:.2f} (target 0.90), attribution precision {totals['attributions'].precision:.2f} (target 0.80), "
          f"stance accuracy {stance_right / max(stance_total, 1):.2f} (target 0.75)")


# ---------------------------------------------------------------------- seed article vs curated case

def _names(fields: dict) -> list[str]:
    aliases = fields.get("aliases") or []
    return [str(fields.get("label", ""))] + [str(a) for a in (aliases if isinstance(aliases, list) else [aliases])]


def _same_name(a: list[str], b: list[str]) -> bool:
    na = {normalize(n) for n in a if n}
    nb = {normalize(n) for n in b if n}
    return bool(na & nb) or any(x in y or y in x for x in na for y in nb if min(len(x), len(y)) >= 4)


def run_seed() -> None:
    print("\n== seed article vs the curated case")
    if not SEED_ARTICLE.is_file():
        print(f"skipped: {SEED_ARTICLE} is not here")
        return
    if not SEED_CASE.is_dir():
        print(f"skipped: the curated case {SEED_CASE} is not here yet")
        return
    article = read_article(SEED_ARTICLE)
    x = extract(article.text)  # the article prints no date; relative dates stay as text
    curated = read_case_folder(SEED_CASE)
    text = article.text

    print("\n-- from an empty case (what the rules find on their own)")
    drafted = [e for e in x.table.entities.values() if e.type not in ("Effect", "Role")]
    curated_items = {i: f for i, f in curated.items.items() if f.get("section") in ("entities", "sources") and f.get("type") != "NewsArticle"}
    found, missed = [], []
    for item_id, fields in sorted(curated_items.items()):
        same_type = [e for e in drafted if family(e.type) == family(str(fields.get("type")))]
        wanted = {normalize(n) for n in _names(fields) if n}
        match = next((e for e in same_type if wanted & {normalize(n) for n in e.names}), None)
        match = match or next((e for e in same_type if _same_name(e.names, _names(fields))), None)
        (found if match else missed).append((item_id, fields, match))
    matched_keys = {m.key for _, _, m in found}
    print(f"curated entities and sources found: {len(found)}/{len(curated_items)} (recall {len(found) / max(len(curated_items), 1):.2f})")
    for item_id, fields, match in found:
        print(f"  found   {item_id:28} ← {match.label} ({match.type})")
    for item_id, fields, _ in missed:
        print(f"  missed  {item_id:28}   {fields.get('label')} ({fields.get('type')})")
    extra = [e for e in drafted if e.key not in matched_keys]
    print(f"drafted candidates with no curated counterpart: {len(extra)}")
    for e in extra:
        print(f"  extra   {e.label} ({e.type})")

    curated_assertions = []
    for prop_id, fields in sorted(curated.items.items()):
        if fields.get("section") != "propositions":
            continue
        for a in fields.get("assertions") or []:
            quote = a.get("quote")
            exact = quote.get("exact") if isinstance(quote, dict) else quote
            curated_assertions.append((prop_id, a.get("party"), a.get("stance"), str(exact or "")))
    claims = [c for c in x.claims if c.party is not None]
    print(f"\ndrafted assertions: {len(claims)}")
    if not curated_assertions:
        print("the curated case has no propositions yet; drafted assertions:")
        for c in claims:
            print(f"  {c.party.label} {c.stance}: {c.proposition}")
    else:
        used, right, hits = set(), 0, 0
        for prop_id, party_id, stance, exact in curated_assertions:
            spans = occurrences(text, exact) if exact else []
            party_names = _names(curated.items.get(party_id, {})) if party_id in curated.items else [str(party_id)]
            match = next((i for i, c in enumerate(claims) if i not in used and spans and overlaps([(c.start, c.end), c.frame], spans)), None)
            if match is None:
                print(f"  missed  {prop_id}: {party_id} {stance} “{exact[:60]}”")
                continue
            used.add(match)
            c = claims[match]
            party_ok = _same_name(c.party.names, party_names) or (c.party.section == "sources" and party_id in curated.items and curated.items[party_id].get("section") == "sources")
            hits += 1
            right += c.stance == stance
            print(f"  found   {prop_id}: {party_id} {stance} ← {c.party.label} {c.stance}{'' if party_ok else ' (party differs)'}{'' if c.stance == stance else ' (stance differs)'}")
        print(f"curated assertions found: {hits}/{len(curated_assertions)} (recall {hits / len(curated_assertions):.2f}); "
              f"drafted assertions matching one: {len(used)}/{len(claims)} (precision {len(used) / max(len(claims), 1):.2f}); "
              f"same stance: {right}/{max(hits, 1)} ({right / max(hits, 1):.2f})")
        for i, c in enumerate(claims):
            if i not in used:
                print(f"  extra   {c.party.label} {c.stance}: {c.proposition[:90]}")

    curated_questions = [f for f in curated.items.values() if f.get("section") == "questions"]
    print(f"\ndrafted questions: {len(x.questions)}; curated questions: {len(curated_questions)}")
    for q in x.questions:
        words = set(re.findall(r"[a-z]{4,}", q.asks.lower()))
        best = max(curated_questions, key=lambda f: len(words & set(re.findall(r"[a-z]{4,}", str(f.get("asks", "")).lower()))), default=None)
        shared = len(words & set(re.findall(r"[a-z]{4,}", str(best.get("asks", "")).lower()))) if best else 0
        print(f"  {q.asks}" + (f"\n      ~ {best['id']}: {best.get('asks')}" if best and shared >= 3 else "\n      (no curated counterpart)"))

    print("\n-- into a copy of the curated case (what merging links)")
    from kg.ingest import ingest, format_report
    import shutil

    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / SEED_CASE.name
        shutil.copytree(SEED_CASE, copy)
        result = ingest([SEED_ARTICLE], copy)
        outcome = result.outcomes[0]
        if outcome.status == "unchanged":
            print(f"unchanged: the case already has this document as source {outcome.source_id!r}")
            mini = Path(scratch) / "without-source"
            shutil.copytree(SEED_CASE, mini)
            for path in mini.glob("*.yaml"):
                content = path.read_text(encoding="utf-8").replace(article.sha256, "a" * 64)
                path.write_text(content, encoding="utf-8")
            result = ingest([SEED_ARTICLE], mini)
            print("(ingested again with the source's sha256 blanked, to show what merging links)")
        linked = sorted({e.label for e in extract(article.text, known=read_case_folder(SEED_CASE).known).table.entities.values() if e.known_id})
        print(f"known entities linked: {len(linked)}: {', '.join(linked)}")
        print(format_report(result.report))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", action="store_true", help="also compare the draft of the seed article with the curated seed case")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss and extra")
    args = parser.parse_args()
    print("== development set (benchmarks/eval/; the rules were written while looking at these)")
    run_eval(EVAL, args.verbose)
    print("\n== held-out set (benchmarks/eval/heldout/; labelled before its first run; see the README for that run's figures)")
    run_eval(EVAL / "heldout", args.verbose)
    if args.seed:
        run_seed()


if __name__ == "__main__":
    main()
