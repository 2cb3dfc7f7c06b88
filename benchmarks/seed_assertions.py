"""How many of the seed case's curated assertions the rules find in the seed article, with the right party and stance.

    .venv/bin/python benchmarks/seed_assertions.py          # the count and one line per curated assertion
    .venv/bin/python benchmarks/seed_assertions.py --quiet  # the count only

The seed article is not ours and is not in the repository: it is read from
``../shared/seeds`` beside the checkout (the repository root's parent);
without it the script says so and stops. Each curated assertion
of seeds/amazon-2026-outages is matched one to one with a drafted claim whose
words (or whose attribution frame) overlap the curated quote; it counts when
the drafted party names the curated party (or both are the article itself)
and the stance is the same. Target (issue 3/7): at least 30 of 39.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from kg.ingest.extract import extract  # noqa: E402
from kg.ingest.gazetteer import normalize, read_case_folder  # noqa: E402
from kg.ingest.text import read_article  # noqa: E402
from seed_compare import assertions_of, missing_seed_message, seed_article  # noqa: E402

SEED_CASE = ROOT / "seeds" / "amazon-2026-outages"


def _occurrences(text: str, words: str) -> list[tuple[int, int]]:
    spans, at = [], text.find(words)
    while words and at >= 0:
        spans.append((at, at + len(words)))
        at = text.find(words, at + 1)
    return spans


def _overlaps(a, b) -> bool:
    return any(s < f and e < t for s, t in a for e, f in b)


def _names(fields: dict) -> set[str]:
    aliases = fields.get("aliases") or []
    names = [str(fields.get("label", ""))] + [str(a) for a in (aliases if isinstance(aliases, list) else [aliases])]
    return {normalize(n) for n in names if n}


def _same_party(drafted, curated_id: str, curated: dict) -> bool:
    fields = curated.get(curated_id, {})
    if fields.get("section") == "sources" and fields.get("type") == "NewsArticle":
        return drafted.section == "sources" and drafted.type == "NewsArticle" or normalize(drafted.label) in {"the article", "article"}
    wanted = _names(fields)
    got = {normalize(n) for n in drafted.names}
    return bool(wanted & got) or any(w in g or g in w for w in wanted for g in got if min(len(w), len(g)) >= 4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    seed = seed_article()
    if seed is None:
        raise SystemExit(missing_seed_message())
    article = read_article(seed)
    text = article.text
    case = read_case_folder(SEED_CASE)
    x = extract(text, known=case.known)
    claims = [c for c in x.claims if c.party is not None]
    curated = assertions_of(case.items)
    used: set[int] = set()
    right = found = 0
    lines = []
    for prop_id, party, stance, exact in curated:
        spans = _occurrences(text, exact)
        candidates = [i for i, c in enumerate(claims) if i not in used and spans and _overlaps([(c.start, c.end)], spans)]
        candidates = candidates or [i for i, c in enumerate(claims) if i not in used and spans and _overlaps([c.frame], spans)]
        best = next((i for i in candidates if _same_party(claims[i].party, party, case.items) and claims[i].stance == stance), None)
        best = best if best is not None else next((i for i in candidates if _same_party(claims[i].party, party, case.items)), None)
        best = best if best is not None else (candidates[0] if candidates else None)
        if best is None:
            lines.append(f"  missed  {prop_id}: {party} {stance}")
            continue
        used.add(best)
        found += 1
        c = claims[best]
        ok = _same_party(c.party, party, case.items) and c.stance == stance
        right += ok
        lines.append(f"  {'right ' if ok else 'wrong '}  {prop_id}: {party} {stance} ← {c.party.label} {c.stance}")
    if not args.quiet:
        print("\n".join(lines))
    print(f"curated assertions found with the right party and stance: {right}/{len(curated)} "
          f"(found at all: {found}; drafted claims: {len(claims)}; target 30)")


if __name__ == "__main__":
    main()
