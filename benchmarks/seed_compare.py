"""The seed article drafted by `kg ingest`, against the seed case a person curated from it.

    .venv/bin/python benchmarks/ingest_eval.py --seed     # runs this after the evaluation
    .venv/bin/python benchmarks/seed_compare.py           # this alone

The seed article is not ours and is not in the repository: it is read from
``../shared/seeds`` beside the checkout (:func:`seed_article`); without it
the comparison says so and stops.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.ingest.extract import extract  # noqa: E402
from kg.ingest.gazetteer import normalize, read_case_folder  # noqa: E402
from kg.ingest.text import read_article  # noqa: E402

SEEDS_DIR = ROOT.parent / "shared" / "seeds"
SEED_CASE = ROOT / "seeds" / "amazon-2026-outages"
FAMILY = {"OrganizationalUnit": "Organization", "AISystem": "System", "IncidentTrend": "Incident"}


def seed_article() -> Path | None:
    """The seed article in ``../shared/seeds`` beside the checkout (the repository root's parent), if there."""
    found = sorted(SEEDS_DIR.glob("*.txt")) if SEEDS_DIR.is_dir() else []
    return found[0] if found else None


def missing_seed_message() -> str:
    return (f"skipped: no seed article in {SEEDS_DIR} (the folder shared/seeds beside this checkout); "
            "put the seed article there to run this")


def assertions_of(items: dict) -> list[tuple[str, str, str, str]]:
    """A curated case's assertions as (proposition id, party, stance, quoted words)."""
    out = []
    for prop_id, fields in sorted(items.items()):
        if fields.get("section") != "propositions":
            continue
        for a in fields.get("assertions") or []:
            quote = a.get("quote")
            exact = quote.get("exact") if isinstance(quote, dict) else quote
            out.append((prop_id, str(a.get("party")), str(a.get("stance")), str(exact or "")))
    return out


def family(type_: str) -> str:
    return FAMILY.get(type_, type_)


def occurrences(text: str, words: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(words), text)] if words else []


def overlaps(spans_a, spans_b) -> bool:
    return any(a < d and c < b for a, b in spans_a for c, d in spans_b)



def _names(fields: dict) -> list[str]:
    aliases = fields.get("aliases") or []
    return [str(fields.get("label", ""))] + [str(a) for a in (aliases if isinstance(aliases, list) else [aliases])]


def _same_name(a: list[str], b: list[str]) -> bool:
    na = {normalize(n) for n in a if n}
    nb = {normalize(n) for n in b if n}
    return bool(na & nb) or any(x in y or y in x for x in na for y in nb if min(len(x), len(y)) >= 4)


def run_seed() -> bool:
    """Print the comparison; False when the seed article or the curated case is not here."""
    print("\n== seed article vs the curated case")
    seed = seed_article()
    if seed is None:
        print(missing_seed_message(), file=sys.stderr)
        return False
    if not SEED_CASE.is_dir():
        print(f"skipped: the curated case {SEED_CASE} is not here yet", file=sys.stderr)
        return False
    article = read_article(seed)
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

    curated_assertions = assertions_of(curated.items)
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
        result = ingest([seed], copy)
        outcome = result.outcomes[0]
        if outcome.status == "unchanged":
            print(f"unchanged: the case already has this document as source {outcome.source_id!r}")
            mini = Path(scratch) / "without-source"
            shutil.copytree(SEED_CASE, mini)
            for path in mini.glob("*.yaml"):
                content = path.read_text(encoding="utf-8").replace(article.sha256, "a" * 64)
                path.write_text(content, encoding="utf-8")
            result = ingest([seed], mini)
            print("(ingested again with the source's sha256 blanked, to show what merging links)")
        linked = sorted({e.label for e in extract(article.text, known=read_case_folder(SEED_CASE).known).table.entities.values() if e.known_id})
        print(f"known entities linked: {len(linked)}: {', '.join(linked)}")
        print(format_report(result.report))
    return True


def _report(case: Path):
    from kg.analysis.report import unresolved
    from kg.ingest import case_graph
    from kg.ontology import ontology_graph

    graph = case_graph(case) + ontology_graph()
    return graph, unresolved(graph, include_pending=True)


def run_alone(ingest_with=None, engines: tuple[str, ...] = ("rules",)) -> bool:
    """The seed article alone, ingested into an empty case with every draft counted, against what a
    person curated from it: which curated contested propositions come back (sides matched as in
    ``ingest_eval.py``), whether the curated case's identity candidates are listed, how many open
    questions are drafted. ``ingest_with(engine, paths, case, dates)`` runs one engine."""
    import ingest_scoring as scoring

    seed = seed_article()
    if seed is None or not SEED_CASE.is_dir():
        print(missing_seed_message() if seed is None else f"skipped: no curated case {SEED_CASE}", file=sys.stderr)
        return False
    if ingest_with is None:
        from kg.ingest import ingest

        def ingest_with(engine, paths, case, dates):
            return ingest(paths, case, dates=dates)

    text = read_article(seed).text
    curated_graph, curated = _report(SEED_CASE)
    items = read_case_folder(SEED_CASE).items
    gold = [(c.label, [(seed.name, q) for q, _, _ in side_a], [(seed.name, q) for q, _, _ in side_b])
            for c, (side_a, side_b) in zip(curated.contested, scoring.contested_sides(curated_graph, curated))]
    wanted_pairs = [(_names(items.get(c.left.iri.rsplit("/", 1)[-1], {"label": c.left.label})),
                     _names(items.get(c.right.iri.rsplit("/", 1)[-1], {"label": c.right.label})), f"{c.left.label} ~ {c.right.label}")
                    for c in curated.candidates]
    print("\n-- the seed article alone, every draft counted (kg unresolved --include-pending)")
    for engine in engines:
        with tempfile.TemporaryDirectory() as scratch:
            case = Path(scratch) / "seed-alone"
            ingest_with(engine, [seed], case, {})
            graph, report = _report(case)
            sides = scoring.contested_sides(graph, report)
        tally, missed = scoring.pairs_recovered(sides, {seed.name: text}, gold)
        listed = [(c.left.label, c.right.label) for c in report.candidates]
        found = [label for a, b, label in wanted_pairs
                 if any((_same_name([x], a) and _same_name([y], b)) or (_same_name([x], b) and _same_name([y], a)) for x, y in listed)]
        drafted_questions = [q for q in report.questions if q.question.draft]
        print(f"[{engine}] curated contested propositions recovered: {tally} "
              f"(drafted contested: {len(report.contested)}); missed: {'; '.join(missed) or 'none'}")
        not_found = [label for _, _, label in wanted_pairs if label not in found]
        print(f"[{engine}] curated identity candidates listed: {len(found)}/{len(wanted_pairs)}; "
              f"not listed: {'; '.join(not_found) or 'none'}; drafted candidates listed: {len(listed)}")
        print(f"[{engine}] open questions drafted: {len(drafted_questions)} (curated: {len(curated.questions)})")
    return True


if __name__ == "__main__":
    ok = run_seed()
    sys.exit(0 if ok and run_alone() else 1)
