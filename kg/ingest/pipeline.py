"""``kg ingest``: articles → draft case files in a case folder, all or nothing.

The case is read once per run (:mod:`kg.case`), every article once; every
draft is built and loaded, beside the items of the case it refers to, with
:mod:`kg.loaders.case` (the loader ``kg build`` uses), before anything is
written, so a run costs its articles plus one reading of the case. Files are written to
temporary names and renamed into place; a failure part-way removes what this
run wrote. An article whose SHA-256 is already a source of the case changes
nothing.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

from rdflib import Graph

from kg.errors import KGError, LoadError
from kg.ingest.across import link_across
from kg.ingest.draft import build_draft, draft_name, dump_draft
from kg.ingest.extract import extract
from kg.ingest.gazetteer import case_index
from kg.ingest.report import ChangeReport, compare_graphs
from kg.ingest.text import MAX_BYTES, Article, read_article
from kg.progress import Progress, counted, stage

__all__ = ["IngestResult", "Outcome", "ingest", "case_graph", "drafting_order"]

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class Outcome:
    """What happened to one article."""

    article: Path
    draft: Path | None
    status: str  # "written" | "unchanged"
    source_id: str
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class IngestResult:
    case_dir: Path
    outcomes: list[Outcome]
    report: ChangeReport
    created_case: bool = False


def _case_slug(case_dir: Path) -> str:
    slug = case_dir.resolve().name
    if not _SLUG.match(slug):
        raise LoadError(case_dir, None, f"the case folder's name must be a slug (lower-case letters, digits and '-'), not {slug!r}")
    return slug


def _case_yaml(slug: str) -> bytes:
    from kg.case_yaml import dump_case_file

    return dump_case_file({
        "case": slug,
        "title": f"{slug} (started by kg ingest)",
        "description": "Drafted from articles by kg ingest; every item is pending until reviewed.",
    }).encode("utf-8")


def case_graph(folder: Path, case=None) -> Graph:
    """The triples of the case in ``folder`` (an empty graph for a case with no items yet).

    ``case`` is the folder already read by :func:`kg.case.read_case`, lenient.
    """
    from kg.case import read_case
    from kg.loaders.case import case_triples

    graph = Graph()
    case = case if case is not None else read_case(folder, lenient=True)
    if not case.items:
        return graph
    if not case.slug:
        case = read_case(folder)  # items but no case.yaml: the strict reader says so
    triples, _ = case_triples(case)
    for triple in triples:
        graph.add(triple)
    return graph


def _references(value, ids: set[str], found: set[str]) -> None:
    """Every id of ``ids`` that ``value`` (fields, lists, nested assertions) mentions."""
    if isinstance(value, str):
        if value in ids:
            found.add(value)
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key not in ("note", "text", "asks", "label", "title", "quote", "description"):
                _references(inner, ids, found)
    elif isinstance(value, list):
        for inner in value:
            _references(inner, ids, found)


def _located(value, where: Path):
    """A drafted value as the case reader would give it back: mappings as :class:`kg.case.Located`.

    The draft is loaded from memory, not dumped and parsed again; the reader's limits on text
    still hold, so a draft that loads here also loads from the file written.
    """
    from kg.case import MAX_TEXT_CHARS, Located

    if isinstance(value, dict):
        mapping = Located((str(k), _located(v, where)) for k, v in value.items())
        mapping.line, mapping.key_lines = 0, {}
        return mapping
    if isinstance(value, list):
        return [_located(v, where) for v in value]
    if isinstance(value, str) and ("\x00" in value or len(value) > MAX_TEXT_CHARS):
        raise LoadError(where, None, "a drafted text holds a NUL character or is over the length a case file may hold")
    return value


def _staged_graphs(case_dir: Path, case, drafts: dict[str, dict], slug: str) -> tuple[Graph, Graph]:
    """The part of the case the drafts touch, before and after: (old, new) graphs.

    Only the items the drafts refer to (and what those refer to, and the open
    questions about them) are loaded beside the drafts, with the loader ``kg
    build`` uses, so one call costs the size of its drafts, not of the case.
    ``drafts`` maps each draft's file name to the draft itself, in memory.
    """
    from kg.case import Case, Item
    from kg.loaders.case import case_triples

    by_id = {str(item.fields.get("id")): item for item in case.items if isinstance(item.fields.get("id"), str)}
    ids = set(by_id)
    drafted: list = []
    for name, draft in drafts.items():
        for section, entries in _located(draft, case_dir / name).items():
            drafted += [Item(section, entry, case_dir / name) for entry in entries or []]
    wanted: set[str] = set()
    for item in drafted:
        _references(item.fields, ids, wanted)
    for item in case.items:  # open questions about what the drafts touch
        if item.section == "questions":
            about: set[str] = set()
            _references(item.fields.get("about"), ids, about)
            if about & wanted:
                wanted.add(str(item.fields.get("id")))
    queue, closure = list(wanted), set()
    while queue:
        item_id = queue.pop()
        if item_id in closure:
            continue
        closure.add(item_id)
        more: set[str] = set()
        _references(by_id[item_id].fields, ids, more)
        queue += sorted(more - closure)
    kept = [item for item in case.items if str(item.fields.get("id")) in closure]
    title = case.title or slug
    old, new = Graph(), Graph()
    try:
        if kept:
            for triple in case_triples(Case(slug=slug, title=title, path=case_dir, items=kept))[0]:
                old.add(triple)
        for triple in case_triples(Case(slug=slug, title=title, path=case_dir, items=kept + drafted))[0]:
            new.add(triple)
    except LoadError as e:
        where = Path(e.path).name if e.path else ""
        if where in drafts:
            raise KGError(f"{case_dir / where}: the draft kg ingest made does not load ({e.message}); nothing was written") from e
        raise LoadError(case_dir / where if where else case_dir, e.line, e.message) from e
    return old, new


def _write_all(case_dir: Path, files: dict[str, bytes]) -> None:
    """Write every file or none: staged beside the case, then renamed into place together."""
    from kg.atomic import StagedFiles

    staged = StagedFiles(case_dir, "drafts")
    try:
        for name, data in files.items():
            staged.write(name, data)
    except BaseException:
        staged.discard()
        raise
    staged.commit()


def read_dates(path: str | os.PathLike) -> dict[str, str]:
    """A CSV of ``file,date`` rows (a header row is allowed) → article → publication date.

    A bad row is a :class:`LoadError` naming the file and line.
    """
    import csv

    from kg.ingest.dates import parse_iso

    from kg.loaders.text import read_bytes

    path = Path(path)
    raw = read_bytes(path, 16 * 1024 * 1024, "for a dates file")  # a FIFO or a device is refused, not read
    try:
        lines = raw.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as e:
        raise LoadError(path, None, f"cannot read the dates file ({getattr(e, 'strerror', None) or e})") from e
    found: dict[str, str] = {}
    for number, row in enumerate(csv.reader(lines), start=1):
        if not row or not "".join(row).strip():
            continue
        if number == 1 and [c.strip().lower() for c in row[:2]] == ["file", "date"]:
            continue
        if len(row) != 2:
            raise LoadError(path, number, f"each row is file,date; this one has {len(row)} fields")
        name, value = row[0].strip(), row[1].strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) or parse_iso(value) is None:
            raise LoadError(path, number, f"{value[:40]!r} is not a real date as YYYY-MM-DD")
        found[name] = value
    return found


def _lemmatizer(parser: str):
    """The parser's lemmas for claim matching when ingest reads with the parser; else the simple ones."""
    from kg.ingest.linking import parser_lemmas

    return parser_lemmas if parser == "spacy" else None


def _vectors(parser: str):
    """Word vectors for claim matching when ingest reads with the parser (None: lemmas alone, as the rules do)."""
    from kg.ingest.nlp import word_vectors

    return word_vectors() if parser == "spacy" else None


def drafting_order(articles: list[Article], published: list[str | None]) -> list[int]:
    """The positions of ``articles`` in the order they are drafted: by publication date (``published``,
    undated last), then by content (SHA-256), never by the order they were given in. A draft links its
    claims to those of the drafts before it, so the same articles in any order give the same drafts.

    >>> from pathlib import Path
    >>> a, b = (Article(Path(n), h, "text", "text") for n, h in (("b.txt", "02"), ("a.txt", "01")))
    >>> drafting_order([a, b], ["2024-07-20", None]), drafting_order([a, b], [None, None])
    ([0, 1], [1, 0])
    """
    return sorted(range(len(articles)), key=lambda at: (published[at] is None, published[at] or "", articles[at].sha256))


def _date_for(path: Path, dates: dict[str, str] | None) -> str | None:
    if not dates:
        return None
    return dates.get(str(path)) or dates.get(path.name)


def ingest(
    articles: Iterable[str | os.PathLike],
    case_dir: str | os.PathLike,
    *,
    date: str | None = None,
    dates: dict[str, str] | None = None,
    publisher: str | None = None,
    publishers: dict[str, str] | None = None,
    max_bytes: int = MAX_BYTES,
    progress: Progress | None = None,
    parser: str | None = None,
) -> IngestResult:
    """Draft a case file for each article into ``case_dir``; return what changed.

    ``date`` (YYYY-MM-DD) is the publication date, used over any date in the
    file's metadata; relative dates in the text are resolved against it.
    ``dates`` maps an article (its path as given, or its file name) to its own
    date, used over ``date`` (see :func:`read_dates`). ``publisher`` is who published the articles
    (used over an HTML page's site name), and ``publishers`` maps an article as ``dates`` does to its
    own, used over ``publisher``. ``parser`` is the engine
    that reads the text, ``spacy`` or ``rules`` (see :mod:`kg.ingest.nlp`).
    """
    from kg.ingest.nlp import engine

    parser = engine(parser)
    case_dir = Path(case_dir)
    slug = _case_slug(case_dir)
    if case_dir.exists() and not case_dir.is_dir():
        raise LoadError(case_dir, None, "not a folder")
    from kg.case import read_case

    case = read_case(case_dir, lenient=True)  # each case is read once per run
    index = case_index(case)
    index.propositions.lemmatize = _lemmatizer(parser)
    index.propositions.vectors = _vectors(parser)
    read: list[Article] = []
    for path in counted(progress, "reading articles", list(articles)):
        read.append(read_article(path, max_bytes=max_bytes))
    files: dict[str, bytes] = {}
    created = not (case_dir / "case.yaml").is_file()
    if created:
        files["case.yaml"] = _case_yaml(slug)
    drafts: dict[str, dict] = {}  # in the drafting order
    written: dict[str, Article] = {}
    published_on = [_date_for(a.path, dates) or date or a.date for a in read]
    by_article: dict[int, Outcome] = {}
    index.propositions.across = len({a.sha256 for a in read} - set(index.sha256)) > 1
    for at in counted(progress, "drafting from articles", drafting_order(read, published_on)):
        article, published = read[at], published_on[at]
        existing = index.sha256.get(article.sha256)
        if existing is not None:
            by_article[at] = Outcome(article.path, None, "unchanged", existing)
            continue
        outlet = _date_for(article.path, publishers) or publisher
        if outlet:
            article = replace(article, publisher=outlet)
        extraction = extract(article.text, published=published, known=index.known, parser=parser, publisher=article.publisher)
        draft = build_draft(article, extraction, index, published=published)
        name = draft_name(article.sha256)
        drafts[name] = draft
        written[name] = article
        for section, items in draft.items():
            for item in items:
                index.add(section, item)
        # The next article's claims are matched to this one's after all are drafted (kg.ingest.across).
        index.propositions.hidden |= {p["id"] for p in draft.get("propositions", []) if "id" in p}
        by_article[at] = Outcome(article.path, case_dir / name, "written", draft["sources"][0]["id"])
    link_across(list(drafts.values()), index)
    restatements: list[tuple[str, str]] = []
    for name, draft in drafts.items():
        for proposition in draft.get("propositions", []):
            if "proposition" in proposition:  # linked to a proposition the case or another draft holds
                restatements += [(a["quote"]["exact"], proposition["proposition"]) for a in proposition["assertions"]]
        files[name] = dump_draft(draft, written[name])  # for the user to keep; loaded below from memory
    for outcome in by_article.values():
        if outcome.draft is not None:
            draft = drafts[outcome.draft.name]
            outcome.counts = {section: len(items) for section, items in draft.items()}
            outcome.counts["assertions"] = sum(len(p.get("assertions", [])) for p in draft.get("propositions", []))
    outcomes = [by_article[at] for at in range(len(read))]
    if not drafts:
        return IngestResult(case_dir, outcomes, ChangeReport(), created_case=False)
    stage(progress, "comparing with the case")
    old, new = _staged_graphs(case_dir, case, drafts, slug)
    report = compare_graphs(old, new)
    report.restatements = restatements
    _write_all(case_dir, files)
    return IngestResult(case_dir, outcomes, report, created_case=created)
