"""Measure `kg ingest` against hand-labelled articles: real reporting first, invented fixtures after.

    .venv/bin/python benchmarks/ingest_eval.py                # every set, each engine side by side
    .venv/bin/python benchmarks/ingest_eval.py --sets real    # the real reporting only
    .venv/bin/python benchmarks/ingest_eval.py --seed         # also the seed article vs the curated case
    .venv/bin/python benchmarks/ingest_eval.py -v             # the tuned sets' misses, article by article
    .venv/bin/python benchmarks/ingest_eval.py --extract-only # each article's reading only (no case is built)
    .venv/bin/python benchmarks/ingest_eval.py --no-publisher # without each real article's outlet as its publisher
    .venv/bin/python benchmarks/ingest_eval.py --sets real --by-incident   # also each real incident's own figures
    .venv/bin/python benchmarks/ingest_eval.py --sets real-heldout --incident optus-triple-zero,replit-database
    .venv/bin/python benchmarks/ingest_eval.py --sets real-tuned --why  # why each tuned identity question is listed or not
    .venv/bin/python benchmarks/ingest_eval.py --sets real --markdown  # also the real sets as the Markdown table of docs/ingest.md

Sets, in the order printed: real held-out (benchmarks/eval/real/heldout/: whole
incidents set aside before any tuning; the headline), real tuned
(benchmarks/eval/real/tuned/), then the invented articles of benchmarks/eval/
and benchmarks/eval/heldout/, kept as fixtures. For each set and each ingest
engine: strict entity precision and recall, attribution recall, party and
stance accuracy, incident dates, open questions recovered (and with what would
settle them), drafted fragments, quotes verbatim and anchored, contested pairs
within one article, and, for the real sets, contested propositions recovered
and identity questions listed per incident: all of an incident's articles
ingested into one empty case, every draft accepted (``--include-pending``),
built and analysed. Micro-averaged.
Not a test: it prints figures. The gold formats and scoring rules are in
benchmarks/eval/README.md and benchmarks/eval/real/README.md.
"""

from __future__ import annotations

import argparse
import inspect
import os
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import ingest_scoring as scoring  # noqa: E402
from ingest_scoring import Attribution, Score, Tally  # noqa: E402

EVAL = ROOT / "benchmarks" / "eval"
REAL = EVAL / "real"

# ---------------------------------------------------------------------- engines
#: The ingest engines compared side by side: the regex rules, and the parser-based reading.
ENGINES = ("rules", "spacy")
#: The setting that chooses one, as an environment variable, set around each engine's run.
ENGINE_ENV = "KG_INGEST_PARSER"


def engine_missing(engine: str) -> str | None:
    """Why ``engine`` cannot run here (None when it can): the one place that knows how kg.ingest
    is told which engine to use. ``rules`` is the regex ingest; the parser-based engine is there once
    ``kg.ingest.ingest`` takes a ``parser`` keyword (or ``kg.ingest`` lists it in ``PARSERS``) and its
    model loads (``kg.ingest.nlp.load``)."""
    if engine == "rules":
        return None
    import kg.ingest
    from kg.errors import KGError

    if engine not in (getattr(kg.ingest, "PARSERS", None) or ()) and "parser" not in inspect.signature(kg.ingest.ingest).parameters:
        return "not in kg.ingest yet"
    try:
        from kg.ingest import nlp

        nlp.load()
    except ImportError as e:
        return f"cannot load: {e}"
    except KGError as e:
        return str(e).splitlines()[0][:60]
    return None


def _engine_kwargs(function, engine: str) -> dict:
    return {"parser": engine} if "parser" in inspect.signature(function).parameters else {}


@contextmanager
def using(engine: str):
    """Run kg.ingest with ``engine`` for the calls inside the block (restores the setting after)."""
    before = os.environ.get(ENGINE_ENV)
    os.environ[ENGINE_ENV] = engine
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ENGINE_ENV, None)
        else:
            os.environ[ENGINE_ENV] = before


#: Whether each article's outlet (its ``.source.yaml``) is passed as its publisher, as a user passes
#: ``kg ingest --publisher``; ``--no-publisher`` scores the reading without it.
PUBLISHER = True


def extract(engine: str, text: str, published: str | None, publisher: str | None = None):
    from kg.ingest.extract import extract as run

    return run(text, published=published, publisher=publisher if PUBLISHER else None, **_engine_kwargs(run, engine))


def ingest(engine: str, paths: list[Path], case: Path, dates: dict[str, str], publishers: dict[str, str] | None = None):
    from kg.ingest import ingest as run

    return run(paths, case, dates=dates, publishers=publishers if PUBLISHER else None, **_engine_kwargs(run, engine))


#: With ``--why``: each tuned gold identity question's cause (listed, no item, one item, never weighed,
#: weighed below), printed per incident and counted; ``WHY_WEIGHED`` holds the last case's pairs at threshold 0.
WHY = False
WHY_WEIGHED: dict[tuple[str, str], float] = {}
WHY_CAUSES: dict[str, int] = {}
WHY_MENTIONS: dict[str, list[tuple[str, list[tuple[int, int]]]]] = {}  # article: (entity label, every span)

#: With ``--extract-only``: what one article's reading gives (entities, attributions, questions, dates),
#: without ingesting it into a case; the figures that need a built case print as "-".
EXTRACT_ONLY = False


# ---------------------------------------------------------------------- the articles
@dataclass
class Article:
    path: Path
    gold_path: Path
    gold: dict
    text: str
    date: str | None
    outlet: str | None = None  # the publisher's name, from the sidecar's ``outlet`` (its note in brackets aside)


@dataclass
class Incident:
    name: str
    articles: list[Article]
    case_gold: dict | None  # case.gold.yaml: contested propositions across the articles


def _read_yaml(path: Path) -> dict:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise SystemExit(f"{path}:{mark.line + 1 if mark else '?'}: not valid YAML: {e}") from e


def articles_in(folder: Path) -> list[Article]:
    from kg.ingest.text import read_article

    articles = []
    for gold_path in sorted(folder.glob("*.gold.yaml")):
        if gold_path.name == "case.gold.yaml":
            continue
        gold = _read_yaml(gold_path)
        path = folder / gold["article"]
        if not path.is_file():
            raise SystemExit(f"{gold_path}:1: article {gold['article']!r} is not beside its gold")
        article = read_article(path)
        date = str(gold["date"]) if gold.get("date") else article.date
        source = path.with_name(path.stem + ".source.yaml")
        outlet = str(_read_yaml(source).get("outlet") or "").split(" (")[0].strip() or None if source.is_file() else None
        articles.append(Article(path, gold_path, gold, article.text, date, outlet))
    return articles


def incidents_in(folder: Path, *, real: bool) -> list[Incident]:
    """Real sets hold one folder per incident (with ``case.gold.yaml``); an invented set is one folder."""
    if not real:
        return [Incident(folder.name, articles_in(folder), None)]
    out = []
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        case = sub / "case.gold.yaml"
        out.append(Incident(sub.name, articles_in(sub), _read_yaml(case) if case.is_file() else None))
    return out


# ---------------------------------------------------------------------- scoring one engine over one set
@dataclass
class Figures:
    entities: Score = field(default_factory=Score)
    by_class: dict = field(default_factory=dict)
    attributions: Attribution = field(default_factory=Attribution)
    questions: Score = field(default_factory=Score)
    settle: Tally = field(default_factory=Tally)
    dates: Tally = field(default_factory=Tally)
    quotes: Tally = field(default_factory=Tally)
    fragments: Tally = field(default_factory=Tally)  # right = fragments drafted, total = propositions drafted
    article_pairs: Tally = field(default_factory=Tally)
    case_pairs: Tally = field(default_factory=Tally)
    identity: Tally = field(default_factory=Tally)
    identity_spans: Tally = field(default_factory=Tally)  # the same, an item standing for a mention by its drafted span or name alone
    merged: dict = field(default_factory=dict)  # gold identity questions the reading put in one item, by the gold's same
    listed: int = 0  # contested propositions `kg unresolved` lists over the incidents (gold or not)
    per_incident: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)  # (where, what, row)
    incidents: dict = field(default_factory=dict)  # each incident's own Figures, by name (real sets)

    def __iadd__(self, other: "Figures") -> "Figures":
        """Add another's counts: one incident's into its set's."""
        for name in ("entities", "attributions", "questions", "settle", "dates", "quotes", "fragments",
                     "article_pairs", "case_pairs", "identity", "identity_spans"):
            mine = getattr(self, name)
            mine += getattr(other, name)
        for way, n in other.merged.items():
            self.merged[way] = self.merged.get(way, 0) + n
        for cls, row in other.by_class.items():
            mine = self.by_class.setdefault(cls, type(row)())
            mine += row
        self.listed += other.listed
        self.per_incident.update(other.per_incident)
        self.errors += other.errors
        return self

    def rows(self) -> list[tuple[str, str, float | None]]:
        """(figure, shown, value) in the order printed."""
        a = self.attributions
        attr, party, stance = Tally(a.found, a.gold), Tally(a.party_right, a.found), Tally(a.stance_right, a.found)
        q = Tally(self.questions.tp_gold, self.questions.gold)
        return [
            ("entity precision (strict)", f"{self.entities.precision:.2f} ({self.entities.tp_pred}/{self.entities.pred})",
             self.entities.precision),
            ("entity recall (strict)", f"{self.entities.recall:.2f} ({self.entities.tp_gold}/{self.entities.gold})",
             self.entities.recall),
            ("attribution recall", str(attr), attr.share),
            ("party accuracy", str(party), party.share),
            ("stance accuracy", str(stance), stance.share),
            ("incident date accuracy", str(self.dates), self.dates.share),
            ("open questions recovered", str(q), q.share),
            ("  ... with what settles them", str(self.settle), self.settle.share),
            ("fragments drafted", f"{self.fragments.right} of {self.fragments.total}" if self.fragments.total else "-",
             self.fragments.right if self.fragments.total else None),
            ("quotes verbatim+anchored", str(self.quotes), self.quotes.share),
            ("contested pairs, one article", str(self.article_pairs), self.article_pairs.share),
            ("contested per incident", str(self.case_pairs), self.case_pairs.share),
            ("  ... contested listed (any)", str(self.listed) if self.case_pairs.total else "-", None),
            ("identity questions listed", str(self.identity), self.identity.share),
            ("  ... by drafted spans alone", str(self.identity_spans), None),
            ("  ... merged as one item", " / ".join(f"{way} {n}" for way, n in self.merged.items()) if self.merged else "-", None),
        ]


def _drafts(case: Path) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) or {} for p in sorted(case.glob("draft-*.yaml"))]


def _unresolved(case: Path, why: bool = False):
    """The built case's `kg unresolved --include-pending`: contested sides and listed identity pairs."""
    from kg.analysis.report import unresolved
    from kg.ingest import case_graph
    from kg.ontology import ontology_graph

    graph = case_graph(case) + ontology_graph()
    report = unresolved(graph, include_pending=True)
    pairs = [(c.left.iri.rsplit("/", 1)[-1], c.right.iri.rsplit("/", 1)[-1]) for c in report.candidates]
    if why:
        every = unresolved(graph, include_pending=True, threshold=0.0).candidates
        WHY_WEIGHED.clear()
        WHY_WEIGHED.update({(c.left.iri.rsplit("/", 1)[-1], c.right.iri.rsplit("/", 1)[-1]): c.probability for c in every})
    return scoring.contested_sides(graph, report), pairs


def score_article(engine: str, a: Article, figures: Figures) -> None:
    where, gold = a.gold_path, a.gold
    x = extract(engine, a.text, a.date, a.outlet)
    e, e_missed, e_extra = scoring.score_entities(x, scoring.gold_entities(gold), figures.by_class, where)
    attr, a_missed, a_wrong = scoring.score_attributions(x, gold.get("attributions") or [], where)
    q, settle, q_missed, q_unsettled = scoring.score_questions(x, gold.get("questions") or [], where)
    dates, d_wrong = scoring.score_dates(x, gold.get("incidents") or [])
    if WHY:
        WHY_MENTIONS[a.path.name] = [(e.label, list(e.spans)) for e in x.table.entities.values()]
    figures.entities += e
    figures.attributions += attr
    figures.questions += q
    figures.settle += settle
    figures.dates += dates
    for what, rows in (("missed entity", e_missed), ("extra entity", e_extra), ("missed attribution", a_missed),
                       ("wrong party/stance", a_wrong), ("missed question", q_missed),
                       ("settler missed or unlike the gold's", q_unsettled), ("wrong date", d_wrong)):
        figures.errors += [(a.path.name, what, row) for row in rows]
    if EXTRACT_ONLY:
        return
    with tempfile.TemporaryDirectory() as scratch:
        case = Path(scratch) / "eval-case"
        ingest(engine, [a.path], case, {a.path.name: a.date} if a.date else {}, {a.path.name: a.outlet} if a.outlet else {})
        drafts, (sides, _) = _drafts(case), _unresolved(case)
    pairs = [(key, [(a.path.name, w) for w in aff], [(a.path.name, w) for w in opp])
             for key, (aff, opp) in scoring.gold_pairs(gold).items()]
    recovered, p_missed = scoring.pairs_recovered(sides, {a.path.name: a.text}, pairs)
    debris = scoring.fragments(drafts)
    figures.quotes += scoring.anchored_quotes(a.text, drafts)
    figures.fragments += Tally(len(debris), scoring.propositions(drafts))
    figures.article_pairs += recovered
    for what, rows in (("fragment", debris), ("contested pair not recovered", p_missed)):
        figures.errors += [(a.path.name, what, row) for row in rows]


@contextmanager
def reading_recorded(reading: dict):
    """Record, while ingest runs, each article's entities as the case read them: (item id, every span),
    the id an earlier article's when the mention was merged into its item (``kg.ingest.build_draft``'s input)."""
    import kg.ingest.pipeline as pipeline

    build = pipeline.build_draft

    def recording(article, extraction, index, *, published):
        draft = build(article, extraction, index, published=published)
        by_first = {tuple(i["span"]): i["id"] for section in ("entities", "sources") for i in draft.get(section) or []
                    if isinstance(i.get("span"), list)}
        reading[article.path.name] = [(e.known_id or by_first.get(e.first), list(e.spans))
                                      for e in extraction.table.entities.values() if e.spans]
        return draft

    pipeline.build_draft = recording
    try:
        yield reading
    finally:
        pipeline.build_draft = build


def score_incident(engine: str, incident: Incident, figures: Figures) -> None:
    """All of the incident's articles into one empty case, every draft counted: do the gold contested
    propositions come back, and are the gold identity questions listed?"""
    if not incident.case_gold or EXTRACT_ONLY:
        return
    texts = {a.path.name: a.text for a in incident.articles}
    with tempfile.TemporaryDirectory() as scratch:
        case = Path(scratch) / incident.name
        with reading_recorded({}) as reading:
            ingest(engine, [a.path for a in incident.articles], case, {a.path.name: a.date for a in incident.articles if a.date},
                   {a.path.name: a.outlet for a in incident.articles if a.outlet})
        drafts = _drafts(case)
        (sides, pairs), items = _unresolved(case, WHY), scoring.drafted_items(drafts)
    types = {str(i.get("id")): str(i.get("type") or section) for d in drafts for section in ("entities", "propositions")
             for i in d.get(section) or []}
    tally, missed = scoring.pairs_recovered(sides, texts, scoring.case_pairs(incident.case_gold))
    identity_gold = scoring.gold_identity(incident.case_gold, [(a.path.name, a.gold) for a in incident.articles])
    raised, not_raised = scoring.identity_raised(pairs, items, texts, identity_gold, reading)
    figures.identity_spans += scoring.identity_raised(pairs, items, texts, identity_gold)[0]
    same = scoring.identity_same(incident.case_gold, [(a.path.name, a.gold) for a in incident.articles])
    figures.merged = scoring.identity_merged(reading, texts, identity_gold, same)
    if WHY:
        for row, cause in scoring.identity_why(pairs, WHY_WEIGHED, items, texts, identity_gold, types, WHY_MENTIONS, reading):
            print(f"  why [{engine}] {incident.name}: {row}: {cause}")
            WHY_CAUSES[cause.split(" (")[0]] = WHY_CAUSES.get(cause.split(" (")[0], 0) + 1
    figures.case_pairs += tally
    figures.listed += len(sides)
    figures.identity += raised
    figures.per_incident[incident.name] = tally
    figures.errors += [(incident.name, "contested proposition not recovered", key) for key in missed]
    figures.errors += [(incident.name, "identity question not listed", row) for row in not_raised]


def run_set(incidents: list[Incident], engines: list[str]) -> dict[str, Figures]:
    """Each engine's figures over the set; each incident's own are kept in ``Figures.incidents``."""
    out = {}
    for engine in engines:
        figures = Figures()
        with using(engine):
            for incident in incidents:
                own = Figures()
                for article in incident.articles:
                    score_article(engine, article, own)
                score_incident(engine, incident, own)
                figures += own
                figures.incidents[incident.name] = own
        out[engine] = figures
    return out


# ---------------------------------------------------------------------- printing
def print_set(title: str, incidents: list[Incident], results: dict[str, Figures], missing: dict[str, str],
              show_errors: bool) -> None:
    articles = sum(len(i.articles) for i in incidents)
    print(f"\n== {title}: {articles} articles" + (f", {len(incidents)} incidents" if len(incidents) > 1 else ""))
    rows = {name: figures.rows() for name, figures in results.items()}
    labels = [label for label, _, _ in next(iter(rows.values()))] if rows else []
    table = [[rows[name][i][1] for name in results] + [f"({missing[name]})" for name in missing] for i in range(len(labels))]
    width = max([len(c) for row in table for c in row] + [len(n) for n in (*results, *missing)]) + 2
    print(f"{'figure':32}" + "".join(f"{name:>{width}}" for name in (*results, *missing)))
    for label, cells in zip(labels, table):
        print(f"{label:32}" + "".join(f"{cell:>{width}}" for cell in cells))
    if any(f.per_incident for f in results.values()):
        for incident in incidents:
            cells = [str(results[name].per_incident.get(incident.name, Tally())) for name in results]
            print(f"  {incident.name:30}" + "".join(f"{cell:>{width}}" for cell in cells))
    for name, figures in results.items():
        print(f"  {name}: strict entities by class: "
              + "; ".join(f"{cls} {row}" for cls, row in sorted(figures.by_class.items())))
        if show_errors:
            for where, what, row in figures.errors:
                print(f"    [{name}] {where}: {what}: {row}")


def markdown_table(columns: list[tuple[str, list[Incident], Figures]]) -> str:
    """The figures of several sets as one Markdown table, a column per (set title, its incidents, an engine's
    figures): docs/ingest.md quotes it as printed (``--markdown``), and tests/test_docs.py checks its incident
    and article counts against the folders.

    >>> print(markdown_table([("tuned: rules", [Incident("a", [], None)], Figures())]).splitlines()[0])
    | figure | tuned: rules (1 incident, 0 articles) |
    """
    def head(title: str, incidents: list[Incident]) -> str:
        n, articles = len(incidents), sum(len(i.articles) for i in incidents)
        return f"{title} ({n} incident{'s' if n != 1 else ''}, {articles} article{'s' if articles != 1 else ''})"

    rows = [figures.rows() for _, _, figures in columns]
    lines = ["| figure | " + " | ".join(head(title, incidents) for title, incidents, _ in columns) + " |",
             "|---" * (len(columns) + 1) + "|"]
    for i, (label, _, _) in enumerate(rows[0] if rows else []):
        lines.append(f"| {label.strip()} | " + " | ".join(r[i][1] for r in rows) + " |")
    return "\n".join(lines)


#: Issue 1/6's bar on the real held-out articles: (figure, target, higher is better).
TARGETS = (
    ("contested per incident", 0.70, True), ("attribution recall", 0.75, True), ("stance accuracy", 0.85, True),
    ("entity recall (strict)", 0.90, True), ("entity precision (strict)", 0.90, True),
    ("fragments drafted", 0, False), ("quotes verbatim+anchored", 1.0, True),
)


def print_targets(results: dict[str, Figures]) -> None:
    print("\n== real held-out against the targets")
    print(f"{'figure':32}{'target':>10}" + "".join(f"{name:>12}" for name in results))
    values = {name: {label: value for label, _, value in figures.rows()} for name, figures in results.items()}
    for label, target, higher in TARGETS:
        cells = []
        for name in results:
            v = values[name][label]
            met = v is not None and (v >= target if higher else v <= target)
            cells.append("-" if v is None else f"{v:.2f} {'met' if met else 'NOT'}" if higher else f"{v} {'met' if met else 'NOT'}")
        print(f"{label:32}{('≥ ' if higher else '≤ ') + str(target):>10}" + "".join(f"{c:>12}" for c in cells))


SETS = (  # (title, folder, real, held out, which --sets names select it)
    ("real reporting, held out (the headline)", REAL / "heldout", True, True, ("real", "real-heldout")),
    ("real reporting, tuned", REAL / "tuned", True, False, ("real", "real-tuned")),
    ("invented fixtures, held out", EVAL / "heldout", False, True, ("fixtures",)),
    ("invented fixtures, tuned", EVAL, False, False, ("fixtures",)),
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", choices=("all", "real", "fixtures", "real-tuned", "real-heldout"), default="all",
                        help="which articles to score (real-tuned, real-heldout: one half of the real reporting)")
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated engines to compare")
    parser.add_argument("--seed", action="store_true", help="also compare the seed article's draft with the curated case")
    parser.add_argument("--extract-only", action="store_true",
                        help="score each article's reading only, not the drafts of a built case (quicker; case figures print -)")
    parser.add_argument("--no-publisher", action="store_true",
                        help="do not pass each article's outlet (its .source.yaml) as its publisher, as `kg ingest --publisher` does")
    parser.add_argument("--incident", default="",
                        help="comma-separated incident folders: score only these of the real sets (the invented sets are left out)")
    parser.add_argument("--by-incident", action="store_true",
                        help="after each real set, each of its incidents' own figures (counts only, no misses)")
    parser.add_argument("--why", action="store_true",
                        help="the tuned sets only: why each gold identity question is listed or not, with the causes counted")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss of the tuned sets")
    parser.add_argument("--markdown", action="store_true",
                        help="after the sets, the real ones as one Markdown table (the table docs/ingest.md quotes)")
    parser.add_argument("--heldout-errors", action="store_true",
                        help="also list the held-out sets' misses (never while writing rules: that would tune on them)")
    args = parser.parse_args(argv)
    global EXTRACT_ONLY, PUBLISHER, WHY
    EXTRACT_ONLY = args.extract_only
    PUBLISHER = not args.no_publisher
    wanted = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = [e for e in wanted if e not in ENGINES]
    if unknown:
        raise SystemExit(f"unknown engine {unknown[0]!r}: choose from {', '.join(ENGINES)}")
    missing = {e: why for e in wanted if (why := engine_missing(e))}
    engines = [e for e in wanted if e not in missing]
    chosen = {name.strip() for name in args.incident.split(",") if name.strip()}
    known = {sub.name for _, folder, real, _, _ in SETS if real for sub in folder.iterdir() if sub.is_dir()}
    if chosen - known:
        raise SystemExit(f"unknown incident {sorted(chosen - known)[0]!r}: choose from {', '.join(sorted(known))}")
    headline = None
    columns = []
    for title, folder, real, held_out, group in SETS:
        if args.sets != "all" and args.sets not in group or chosen and not real:
            continue
        incidents = [i for i in incidents_in(folder, real=real) if not chosen or i.name in chosen]
        WHY = args.why and not held_out  # never the held-out sets' causes: that would tune on them
        if not incidents:
            continue
        results = run_set(incidents, engines)
        print_set(title + (" (only " + ", ".join(i.name for i in incidents) + ")" if chosen else ""), incidents, results,
                  missing, args.heldout_errors if held_out else args.verbose)
        if real and args.by_incident:
            for incident in incidents:
                print_set(f"{title}: {incident.name}", [incident], {name: r.incidents[incident.name] for name, r in results.items()},
                          missing, False)
        if real and held_out:
            headline = results
        if real:
            columns += [(f"{'held out' if held_out else 'tuned'}: {name}", incidents, figures) for name, figures in results.items()]
    if WHY_CAUSES:
        print("\n== why tuned identity questions are listed or not: " + "; ".join(f"{k} {v}" for k, v in sorted(WHY_CAUSES.items())))
    if headline:
        print_targets(headline)
    if args.markdown and columns:
        print("\n" + markdown_table(columns))
    if args.seed:
        import seed_compare

        if not (seed_compare.run_seed() and seed_compare.run_alone(ingest, tuple(engines))):
            raise SystemExit(1)


if __name__ == "__main__":
    main()
