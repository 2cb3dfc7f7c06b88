"""Measure the `kg ingest` rules against hand-labelled articles.

    .venv/bin/python benchmarks/ingest_eval.py            # the evaluation set
    .venv/bin/python benchmarks/ingest_eval.py --seed     # also the seed article vs the curated case

Prints, for the held-out set (the headline) and the tuned set beside it:
strict entity precision and recall by class, attribution recall, party and
stance accuracy, incident date accuracy, gold contested pairs that `kg
unresolved --include-pending` lists after ingesting the article, and the share
of drafted quotes that are verbatim and anchored (prefix + exact + suffix in
the text). Micro-averaged. Not a test: it prints figures. See
benchmarks/eval/README.md for the gold format and the scoring rules.
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


_PHRASE_TYPES = {"Incident", "IncidentTrend", "Safeguard", "InternalDocument"}
_UNNAMED_START = {"a", "an", "the", "one", "two", "three", "four", "five", "several", "some", "its", "his", "her"}
_OPPOSING = {"denies", "disputes", "narrows"}
_AFFIRMING = {"asserts", "confirms"}


def _strict_name(name: str) -> str:
    """A name as the strict score compares it: case, a leading "the" and a trailing possessive aside."""
    name = normalize(name)
    name = re.sub(r"^the\s+", "", name)
    return re.sub(r"['’]s?$", "", name).strip()


def _is_phrase(g: dict) -> bool:
    """Incidents, safeguards, documents and unnamed people are phrases, scored by span overlap."""
    first = g["text"].split()[0].lower()
    return g["type"] in _PHRASE_TYPES or (g["type"] == "Person" and first in _UNNAMED_START)


def _entity_matches(e, g: dict, spans) -> bool:
    if family(e.type) != family(g["type"]):
        return False
    if _is_phrase(g):
        return overlaps(e.spans, spans)
    return _strict_name(g["text"]) in {_strict_name(n) for n in e.names}


def gold_entities(gold: dict) -> list[dict]:
    """Mentions, plus the incidents listed with dates (scored as Incident entities)."""
    return list(gold.get("mentions", [])) + [{"text": i["text"], "type": i.get("type", "Incident")} for i in gold.get("incidents", [])]


def score_entities(x: Extraction, gold: list[dict], by_class: dict) -> tuple[Score, list[str], list[str]]:
    """Strict: a named entity counts only when a drafted entity of its class has it as label or alias."""
    predicted = [e for e in x.table.entities.values() if e.type in SCORED]
    gold_spans = []
    for g in gold:
        spans = occurrences(x.text, g["text"])
        if not spans:
            raise SystemExit(f"gold mention {g['text']!r} is not in the article")
        gold_spans.append((g, spans))
    score = Score(pred=len(predicted), gold=len(gold))
    missed, extra = [], []
    for g, spans in gold_spans:
        row = by_class.setdefault(family(g["type"]), Score())
        row.gold += 1
        if any(_entity_matches(e, g, spans) for e in predicted):
            score.tp_gold += 1
            row.tp_gold += 1
        else:
            missed.append(f"{g['text']} ({g['type']})")
    for e in predicted:
        row = by_class.setdefault(family(e.type), Score())
        row.pred += 1
        if any(_entity_matches(e, g, spans) for g, spans in gold_spans):
            score.tp_pred += 1
            row.tp_pred += 1
        else:
            extra.append(f"{e.label} ({e.type})")
    return score, missed, extra


def _tokens(name: str) -> set[str]:
    return {t.rstrip("s") for t in re.findall(r"[a-z0-9]+", normalize(name)) if t not in {"the", "unnamed", "a", "an"}}


def _party_match(gold_party: str, names: list[str]) -> bool:
    """One name's words hold the other's ("Northwind spokesperson" ~ "Northwind Bank spokesperson")."""
    g = _tokens(gold_party)
    return any(g and _tokens(n) and (g <= _tokens(n) or _tokens(n) <= g) for n in names)


@dataclass
class Attribution:
    found: int = 0
    gold: int = 0
    party_right: int = 0
    stance_right: int = 0
    drafted: int = 0

    def __iadd__(self, other: "Attribution") -> "Attribution":
        for key in ("found", "gold", "party_right", "stance_right", "drafted"):
            setattr(self, key, getattr(self, key) + getattr(other, key))
        return self


def score_attributions(x: Extraction, gold: list[dict]) -> tuple[Attribution, list[str], list[str]]:
    """A gold attribution is found when a drafted claim's words overlap its quote (one to one);
    party and stance accuracy are over the found ones."""
    claims = [c for c in x.claims if c.party is not None]
    result = Attribution(gold=len(gold), drafted=len(claims))
    used: set[int] = set()
    missed, wrong = [], []
    for g in gold:
        spans = occurrences(x.text, g["quote"])
        if not spans:
            raise SystemExit(f"gold quote {g['quote']!r} is not in the article")
        candidates = [i for i, c in enumerate(claims) if i not in used and overlaps([(c.start, c.end)], spans)]
        candidates = candidates or [i for i, c in enumerate(claims) if i not in used and overlaps([c.frame], spans)]
        if not candidates:
            missed.append(f"{g['party']} {g['stance']}: {g['quote']}")
            continue
        match = next((i for i in candidates if _party_match(g["party"], claims[i].party.names)), candidates[0])
        used.add(match)
        c = claims[match]
        result.found += 1
        party_ok = _party_match(g["party"], c.party.names)
        result.party_right += party_ok
        result.stance_right += c.stance == g["stance"]
        if not party_ok or c.stance != g["stance"]:
            wrong.append(f"{g['quote'][:50]}…: gold {g['party']} {g['stance']}, got {c.party.label} {c.stance}")
    return result, missed, wrong


def score_questions(x: Extraction, gold: list[str]) -> Score:
    score = Score(pred=len(x.questions), gold=len(gold))
    gold_spans = [occurrences(x.text, q) for q in gold]
    score.tp_gold = sum(1 for spans in gold_spans if any(overlaps([(q.start, q.end)], spans) for q in x.questions))
    score.tp_pred = sum(1 for q in x.questions if any(overlaps([(q.start, q.end)], spans) for spans in gold_spans))
    return score


def score_dates(x: Extraction, gold: list[dict]) -> tuple[int, int, list[str]]:
    """Gold incidents with a date (or bounds): right when a drafted incident over their words has it."""
    right = total = 0
    wrong = []
    incidents = [e for e in x.table.entities.values() if family(e.type) == "Incident"]
    for g in gold:
        want = {k: str(g[k]) for k in ("date", "notBefore", "notAfter") if g.get(k)}
        if not want:
            continue
        total += 1
        spans = occurrences(x.text, g["text"])
        matched = [e for e in incidents if overlaps(e.spans, spans)]
        ok = any(all(str(e.fields.get(k) or "") == v for k, v in want.items()) for e in matched)
        right += ok
        if not ok:
            got = "; ".join(f"{e.label}: {e.fields.get('date') or ''} {e.fields.get('notBefore') or ''}–{e.fields.get('notAfter') or ''}" for e in matched) or "no incident"
            wrong.append(f"{g['text'][:50]}: gold {want}, got {got}")
    return right, total, wrong


def _assertion_span(text: str, quote: dict) -> tuple[int, int] | None:
    """Where a drafted quote sits in the text, if its prefix, exact words and suffix are there verbatim."""
    exact = quote.get("exact") or ""
    whole = f"{quote.get('prefix', '')}{exact}{quote.get('suffix', '')}"
    at = text.find(whole) if exact else -1
    if at < 0:
        return None
    start = at + len(quote.get("prefix", ""))
    return start, start + len(exact)


def _gold_pairs(gold: dict) -> dict[str, tuple[list[str], list[str]]]:
    pairs = {}
    for prop in gold.get("contested", []):
        rows = [a for a in gold.get("attributions", []) if a.get("prop") == prop]
        pairs[prop] = ([a["quote"] for a in rows if a["stance"] in _AFFIRMING], [a["quote"] for a in rows if a["stance"] in _OPPOSING])
    return pairs


def ingest_and_check(path: Path, gold: dict, text: str) -> tuple[int, int, int, int, list[str]]:
    """Ingest the article into a scratch case; count quotes verbatim and anchored, and gold
    contested pairs that `kg unresolved --include-pending` lists on one proposition."""
    from kg.ingest import ingest

    with tempfile.TemporaryDirectory() as scratch:
        case = Path(scratch) / "eval-case"
        ingest([path], case, date=str(gold["date"]) if gold.get("date") else None)
        drafts = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(case.glob("draft-*.yaml"))]
        contested = _contested_with_pending(case)
    quotes = anchored = 0
    for draft in drafts:
        for proposition in draft.get("propositions", []):
            for assertion in proposition.get("assertions", []):
                quotes += 1
                anchored += _assertion_span(text, assertion.get("quote") or {}) is not None
    pairs = _gold_pairs(gold)
    recovered, missed = 0, []
    for prop, (affirming, opposing) in pairs.items():
        aff = [s for q in affirming for s in occurrences(text, q)]
        opp = [s for q in opposing for s in occurrences(text, q)]
        if any(overlaps(a_spans, aff) and overlaps(o_spans, opp) for a_spans, o_spans in contested(text)):
            recovered += 1
        else:
            missed.append(prop)
    return anchored, quotes, recovered, len(pairs), missed


def _contested_with_pending(case: Path):
    """The contested propositions of the case with drafts included, as (affirming spans, opposing spans)."""
    from kg.ingest import case_graph
    from kg.ontology import ontology_graph

    graph = case_graph(case) + ontology_graph()
    rows = _unresolved_contested(graph)

    def spans(text: str):
        out = []
        for affirming, opposing in rows:
            a = [s for q in affirming for s in occurrences(text, q)]
            o = [s for q in opposing for s in occurrences(text, q)]
            out.append((a, o))
        return out

    return spans


def _unresolved_contested(graph) -> list[tuple[list[str], list[str]]]:
    """What `kg unresolved --include-pending` lists as contested: quotes on each side.
    Before --include-pending existed, nothing pending was ever listed (baseline: none)."""
    from kg.analysis import report as report_module
    import inspect

    if "include_pending" not in inspect.signature(report_module.unresolved).parameters:
        return []
    report = report_module.unresolved(graph, include_pending=True)
    return [([a.quote for a in c.affirming if a.quote], [a.quote for a in c.opposing if a.quote]) for c in report.contested]


def _ratio(right: int, total: int) -> str:
    return f"{right / total:.2f} ({right}/{total})" if total else "-"


def run_eval(folder: Path, verbose: bool, *, recursive: bool = False) -> dict:
    by_class: dict[str, Score] = {}
    entities, attributions, questions = Score(), Attribution(), Score()
    dates_right = dates_total = anchored = quotes = pairs_right = pairs_total = 0
    print(f"{'article':22} {'entities (strict)':28} {'attr R':14} {'party':14} {'stance':14} {'dates':10} {'contested':10} {'quotes'}")
    for gold_path in sorted(folder.glob("*.gold.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        path = folder / gold["article"]
        article = read_article(path)
        x = extract(article.text, published=str(gold.get("date")) if gold.get("date") else article.date)
        e_score, e_missed, e_extra = score_entities(x, gold_entities(gold), by_class)
        a_score, a_missed, a_wrong = score_attributions(x, gold.get("attributions", []))
        q_score = score_questions(x, gold.get("questions", []))
        d_right, d_total, d_wrong = score_dates(x, gold.get("incidents", []))
        q_ok, q_total, p_right, p_total, p_missed = ingest_and_check(path, gold, article.text)
        entities += e_score
        attributions += a_score
        questions += q_score
        dates_right += d_right
        dates_total += d_total
        anchored += q_ok
        quotes += q_total
        pairs_right += p_right
        pairs_total += p_total
        print(f"{gold_path.name.replace('.gold.yaml', ''):22} {e_score!s:28} {_ratio(a_score.found, a_score.gold):14} "
              f"{_ratio(a_score.party_right, a_score.found):14} {_ratio(a_score.stance_right, a_score.found):14} "
              f"{_ratio(d_right, d_total):10} {_ratio(p_right, p_total):10} {_ratio(q_ok, q_total)}")
        if verbose:
            for label, rows in (("missed entity", e_missed), ("extra entity", e_extra), ("missed attribution", a_missed),
                                ("wrong party/stance", a_wrong), ("wrong date", d_wrong), ("contested pair not recovered", p_missed)):
                for row in rows:
                    print(f"    {label}: {row}")
    figures = {
        "entity_precision": entities.precision, "entity_recall": entities.recall,
        "attribution_recall": attributions.found / max(attributions.gold, 1),
        "party_accuracy": attributions.party_right / max(attributions.found, 1),
        "stance_accuracy": attributions.stance_right / max(attributions.found, 1),
        "date_accuracy": dates_right / max(dates_total, 1),
        "contested_recovered": pairs_right / max(pairs_total, 1),
        "quotes_anchored": anchored / max(quotes, 1),
    }
    print(f"{'OVERALL':22} {entities!s:28} {_ratio(attributions.found, attributions.gold):14} "
          f"{_ratio(attributions.party_right, attributions.found):14} {_ratio(attributions.stance_right, attributions.found):14} "
          f"{_ratio(dates_right, dates_total):10} {_ratio(pairs_right, pairs_total):10} {_ratio(anchored, quotes)}")
    print("  entities by class (strict): " + "; ".join(f"{cls} {row}" for cls, row in sorted(by_class.items())))
    print(f"  questions {questions}")
    return figures


TARGETS = {"entity_precision": 0.9, "entity_recall": 0.9, "attribution_recall": 0.75, "party_accuracy": 0.9,
           "stance_accuracy": 0.85, "date_accuracy": 0.8, "contested_recovered": 0.7, "quotes_anchored": 1.0}


def summary(heldout: dict, tuned: dict) -> None:
    print("\n== summary: held-out (headline) beside tuned; targets from issue 3/7")
    print(f"{'figure':22} {'held-out':>9} {'tuned':>9} {'target':>8}")
    for key, target in TARGETS.items():
        mark = "met" if heldout[key] >= target else "NOT met"
        print(f"{key:22} {heldout[key]:9.2f} {tuned[key]:9.2f} {target:8.2f}  {mark}")


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
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss and extra of the tuned set")
    parser.add_argument("--heldout-errors", action="store_true",
                        help="also list the held-out set's misses (never while writing rules: that would tune on it)")
    args = parser.parse_args()
    print("== held-out set (benchmarks/eval/heldout/; written and labelled before any rule change; the headline)")
    heldout = run_eval(EVAL / "heldout", args.heldout_errors)
    print("\n== tuned set (benchmarks/eval/; the rules were written while looking at these)")
    tuned = run_eval(EVAL, args.verbose)
    summary(heldout, tuned)
    if args.seed:
        run_seed()


if __name__ == "__main__":
    main()
