"""How long `kg ingest` takes: by article size, and many articles into the seed case.

    .venv/bin/python benchmarks/ingest_speed.py                 # 100 KB, 1 MB, 5 MB articles
    .venv/bin/python benchmarks/ingest_speed.py --parser rules  # the same, read by the rules alone
    .venv/bin/python benchmarks/ingest_speed.py --sizes "5 MB" --ingest-only   # kg ingest of 5 MB, once
    .venv/bin/python benchmarks/ingest_speed.py --compare --sizes "1 MB"   # rules and spaCy in one run: the ratio
    .venv/bin/python benchmarks/ingest_speed.py --parse         # spaCy's parse alone by size: linear?
    .venv/bin/python benchmarks/ingest_speed.py --names         # one article's organization names: linear?
    .venv/bin/python benchmarks/ingest_speed.py --batch 100     # 100 articles into the seed case, one call each
    .venv/bin/python benchmarks/ingest_speed.py --batch 100 --cli   # ... one `kg ingest` process each

Articles are made by repeating the evaluation articles (benchmarks/eval/*.txt)
up to the size; each run ingests into a fresh scratch case. Prints seconds
and, per size, the seconds per MB and the ratio to the 100 KB run (a linear
pass keeps the ratio near 1). Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.ingest import ingest  # noqa: E402
from kg.ingest.extract import extract  # noqa: E402
from kg.ingest.text import read_article  # noqa: E402

EVAL = ROOT / "benchmarks" / "eval"
SEED_CASE = ROOT / "seeds" / "amazon-2026-outages"
SIZES = {"100 KB": 100_000, "250 KB": 250_000, "1 MB": 1_000_000, "5 MB": 5_000_000}


def _corpus() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(EVAL.glob("*.txt")))


def by_size(sizes: list[str], parser: str | None = None, ingest_only: bool = False) -> None:
    base = _corpus()
    print(f"parser: {parser or 'default'}")
    print(f"{'size':8} {'extract s':>10} {'ingest s':>10} {'s per MB':>9} {'ratio':>6}")
    first = None
    with tempfile.TemporaryDirectory() as scratch:
        for name in sizes:
            size = SIZES[name]
            article = Path(scratch) / f"article-{size}.txt"
            text = (base * (size // len(base) + 1))[:size]
            article.write_text(f"Speed test article of {name}\n\n{text}", encoding="utf-8")
            extracted = float("nan")
            if not ingest_only:
                started = time.perf_counter()
                extract(read_article(article).text, published="2026-05-13", parser=parser)
                extracted = time.perf_counter() - started
            started = time.perf_counter()
            ingest([article], Path(scratch) / f"case-{size}", date="2026-05-13", parser=parser)
            total = time.perf_counter() - started
            per_mb = total / (size / 1_000_000)
            first = first or per_mb
            print(f"{name:8} {extracted:10.2f} {total:10.2f} {per_mb:9.2f} {per_mb / first:6.2f}", flush=True)


def compare(sizes: list[str]) -> None:
    """``extract`` by the rules and by spaCy on the same article, one after the other in this process:
    seconds per MB of each and their ratio, with the process's peak memory after each (the model is
    loaded before the clock starts)."""
    import resource

    from kg.ingest.nlp import load

    load()
    base = _corpus()
    print(f"{'size':8} {'rules s':>8} {'spacy s':>8} {'rules s/MB':>10} {'spacy s/MB':>10} {'ratio':>6} {'peak MB':>8}")
    for name in sizes:
        size = SIZES[name]
        text = f"Speed test article of {name}\n\n" + (base * (size // len(base) + 1))[:size]
        took = {}
        for parser in ("rules", "spacy"):
            started = time.perf_counter()
            extract(text, published="2026-05-13", parser=parser)
            took[parser] = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        per = {k: v / (size / 1_000_000) for k, v in took.items()}
        print(f"{name:8} {took['rules']:8.1f} {took['spacy']:8.1f} {per['rules']:10.1f} {per['spacy']:10.1f} "
              f"{per['spacy'] / per['rules']:6.1f} {peak:8.0f}", flush=True)


def parse_curve(sizes: list[int]) -> None:
    """spaCy's parse alone by article size (the model loaded first): seconds per MB stays flat."""
    from kg.ingest.nlp import load, parse

    load()
    base = _corpus()
    _curve("bytes", "s per MB", sizes, 1_000_000, lambda size: parse((base * (size // len(base) + 1))[:size]))


def _curve(unit: str, per: str, amounts: list[int], scale: int, run) -> None:
    """Time ``run(amount)`` for each amount; print seconds, seconds per ``scale`` and the ratio to the first."""
    print(f"{unit:>9} {'seconds':>8} {per:>11} {'ratio':>6}")
    first = None
    for amount in amounts:
        started = time.perf_counter()
        run(amount)
        took = time.perf_counter() - started
        each = took / (amount / scale)
        first = first or each
        print(f"{amount:9} {took:8.3f} {each:11.4f} {each / first:6.2f}", flush=True)


def names(counts: list[int]) -> None:
    """Time the name rules that look at every pair of names (``_merge_prefixes``) by how many names
    an article holds: seconds per thousand names stays flat when the pass is linear."""
    from kg.ingest.entities import EntityTable
    from kg.ingest.gazetteer import Gazetteer
    from kg.ingest.names import _merge_prefixes

    def merge(count: int) -> None:
        labels = [f"Org{i // 2:05d} Holdings" if i % 2 else f"Org{i // 2:05d}" for i in range(count)]
        table = EntityTable(" ".join(labels), Gazetteer([]))
        at = 0
        for label in labels:
            table.new("Organization", label, at, at + len(label), rule="bench", confidence=0.5)
            at += len(label) + 1
        _merge_prefixes(table)

    _curve("names", "s per 1000", counts, 1000, merge)


def batch(count: int, cli: bool) -> None:
    articles = sorted(EVAL.glob("*.txt"))
    with tempfile.TemporaryDirectory() as scratch:
        case = Path(scratch) / SEED_CASE.name
        shutil.copytree(SEED_CASE, case)
        paths = []
        for i in range(count):
            source = articles[i % len(articles)]
            path = Path(scratch) / f"follow-up-{i:03}.txt"
            path.write_text(source.read_text(encoding="utf-8") + f"\n\nFollow-up {i}.\n", encoding="utf-8")
            paths.append(path)
        kg = Path(sys.executable).with_name("kg")
        started = time.perf_counter()
        laps = []
        for path in paths:
            lap = time.perf_counter()
            if cli:
                subprocess.run([str(kg), "ingest", str(path), "--case", str(case), "--date", "2026-03-20"], check=True, capture_output=True)
            else:
                ingest([path], case, date="2026-03-20")
            laps.append(time.perf_counter() - lap)
        total = time.perf_counter() - started
        how = "`kg ingest` processes" if cli else "ingest() calls"
        print(f"{count} articles into {SEED_CASE.name}, one {how[:-1]} each: {total:.1f} s in all "
              f"(first {laps[0]:.2f} s, last {laps[-1]:.2f} s, last/first {laps[-1] / laps[0]:.2f}; target < 30 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=["100 KB", "1 MB", "5 MB"], choices=list(SIZES))
    parser.add_argument("--batch", type=int, default=0, metavar="N", help="ingest N articles into a copy of the seed case, one call each")
    parser.add_argument("--cli", action="store_true", help="with --batch: one `kg ingest` process per article")
    parser.add_argument("--parser", choices=["spacy", "rules"], default=None, help="the engine (default: $KG_INGEST_PARSER, else spacy)")
    parser.add_argument("--ingest-only", action="store_true", help="time kg ingest alone, not extract before it (halves a long run)")
    parser.add_argument("--compare", action="store_true", help="extract by the rules and by spaCy in one run: s per MB, ratio, peak memory")
    parser.add_argument("--parse", action="store_true", help="time spaCy's parse alone at 25, 50, 100 and 200 KB")
    parser.add_argument("--names", action="store_true", help="time the organization-name merging by how many names an article holds")
    args = parser.parse_args()
    if args.compare:
        compare(args.sizes)
    elif args.parse:
        parse_curve([25_000, 50_000, 100_000, 200_000])
    elif args.names:
        names([1000, 2000, 4000, 8000])
    elif args.batch:
        batch(args.batch, args.cli)
    else:
        by_size(args.sizes, args.parser, args.ingest_only)


if __name__ == "__main__":
    main()
