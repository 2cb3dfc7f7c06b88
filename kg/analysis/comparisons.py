"""The comparisons of the identity model, read from ``ontology/comparisons.yaml``.

Each comparison puts a pair of item profiles (:class:`Profile`) at one of its
levels, Splink's way: the first level that applies wins. The kinds are few
and generic; which classes a comparison covers, which property it reads and
its levels' m and u are data. :func:`model` reads and checks the file once.

A tiny graph for the examples: two spokespeople of one company, one unnamed.

>>> from kg.analysis.nxgraph import from_turtle, EXAMPLE
>>> g = from_turtle('''
... :acme a kg:Organization ; rdfs:label "Acme Corp." .
... :acme2 a kg:Organization ; rdfs:label "ACME" .
... :sp a kg:Person ; rdfs:label "Acme spokesperson (unnamed)" ; schema:jobTitle "Spokesperson" ; org:memberOf :acme .
... :jo a kg:Person ; rdfs:label "Jo Park" ; skos:altLabel "Park" ; schema:jobTitle "Spokesperson" ; org:memberOf :acme .
... :lw a kg:Person ; rdfs:label "Lee Park" ; schema:jobTitle "General counsel" ; org:memberOf :acme2 .
... ''')
>>> p = profiles(g)
>>> ctx = Context(g, p)
>>> sp, jo, lw = (p[EXAMPLE + n] for n in ("sp", "jo", "lw"))
>>> [(c.name, compare(c, sp, jo, ctx).level) for c in model().for_class(sp.kinds) if c.kind in ("name", "same-value")]
[('name', 'placeholder'), ('job title', 'same'), ('member of', 'same')]
>>> [(c.name, compare(c, jo, lw, ctx).level) for c in model().for_class(sp.kinds) if c.kind in ("name", "same-value")]
[('name', 'different'), ('job title', 'different'), ('member of', 'different')]
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

import yaml

from kg.analysis.evidence import P
from kg.analysis.nxgraph import ITEM_KINDS, from_turtle  # noqa: F401 (from_turtle: the examples)
from kg.errors import OntologyError
from kg.lookalike import skeleton
from kg.ontology import ONTOLOGY_DIR

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "Level", "Comparison", "Model", "Profile", "Outcome", "Context", "model", "profiles", "compare", "level", "compare_items",
    "normalise", "interval",
]

COMPARISONS_FILE = ONTOLOGY_DIR / "comparisons.yaml"
KINDS = ("name", "dates", "same-value", "shared-context", "co-values", "named-together", "opposite-stances", "mentioned-in")
#: Literal properties the projection carries, by case key → projection attribute.
_LITERALS = {"url": "url", "jobTitle": "job_title", "sha256": "sha256"}


@dataclass(frozen=True)
class Level:
    level: str
    m: float
    u: float
    neutral: bool = False
    similarity: float | None = None
    at_least: float | None = None
    note: str = ""


@dataclass(frozen=True)
class Comparison:
    name: str
    kind: str
    classes: frozenset[str]
    levels: tuple[Level, ...]
    estimate_u: bool = False
    property: str = ""  # a predicate IRI, or a projection attribute for literals
    literal: bool = False
    cap: float | None = None
    about: str = ""
    options: dict = field(default_factory=dict, hash=False, compare=False)

    def level(self, name: str) -> Level:
        return next(lv for lv in self.levels if lv.level == name)


@dataclass(frozen=True)
class Model:
    prior: float
    strength: float
    u_sample: int
    seed: int
    likely: float
    possible: float
    collective: float
    hub_cap: int
    placeholders: tuple[str, ...]
    stopwords: frozenset[str]
    comparisons: tuple[Comparison, ...]

    def for_class(self, kinds: Iterable[str]) -> list[Comparison]:
        kinds = set(kinds)
        return [c for c in self.comparisons if c.classes & kinds]

    def comparison(self, name: str) -> Comparison:
        return next(c for c in self.comparisons if c.name == name)

    @property
    def prior_weight(self) -> float:
        return math.log2(self.prior / (1 - self.prior))


def _fail(where: str, message: str) -> OntologyError:
    return OntologyError(f"{COMPARISONS_FILE.name}: {where}: {message}")


@lru_cache(maxsize=None)
def model(path: str | None = None) -> Model:
    """The declared model, checked against kg.ttl's classes and case keys."""
    from kg.ontology import case_schema

    source = Path(path) if path else COMPARISONS_FILE
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise OntologyError(f"{source}: cannot read the identity comparisons: {e}") from e
    schema = case_schema()
    classes = set(schema.classes) | {"Entity", "Agent", "Source"}
    comparisons = []
    for entry in data["comparisons"]:
        where = f"comparison {entry.get('name')!r}"
        if entry.get("kind") not in KINDS:
            raise _fail(where, f"unknown kind {entry.get('kind')!r}; expected one of {', '.join(KINDS)}")
        unknown = set(entry["classes"]) - classes
        if unknown:
            raise _fail(where, f"unknown class {sorted(unknown)[0]!r}")
        prop, literal = "", False
        if entry["kind"] == "same-value":
            key = entry["property"]
            if key not in schema.properties:
                raise _fail(where, f"unknown case key {key!r}")
            literal = schema.properties[key].kind != "ref"
            if literal and key not in _LITERALS:
                raise _fail(where, f"{key!r} is not carried by the projection")
            prop = _LITERALS[key] if literal else str(schema.properties[key].iri)
        levels = []
        for lv in entry["levels"]:
            neutral = bool(lv.get("neutral", False))
            m, u = (1.0, 1.0) if neutral else (float(lv["m"]), float(lv["u"]))
            if not (0 < m <= 1 and 0 < u <= 1):
                raise _fail(f"{where}, level {lv['level']!r}", "m and u must be in (0, 1]")
            levels.append(Level(lv["level"], m, u, neutral, lv.get("similarity"), lv.get("at_least"), lv.get("note", "")))
        options = {k: v for k, v in entry.items() if k not in {"name", "kind", "classes", "levels", "u", "property", "cap", "about"}}
        options["has_placeholder"] = any(lv.level == "placeholder" for lv in levels)
        comparisons.append(Comparison(
            entry["name"], entry["kind"], frozenset(entry["classes"]), tuple(levels), entry.get("u") == "estimated",
            prop, literal, entry.get("cap"), " ".join(str(entry.get("about", "")).split()), options,
        ))
    t = data["thresholds"]
    return Model(
        float(data["prior"]), float(data["strength"]), int(data["u_sample"]), int(data["seed"]),
        float(t["likely"]), float(t["possible"]), float(t["collective"]), int(data["hub_cap"]),
        tuple(data["placeholders"]), frozenset(data["stopwords"]), tuple(comparisons),
    )


# ---------------------------------------------------------------- profiles


@lru_cache(maxsize=200_000)
def _normalise(name: str, stopwords: frozenset[str]) -> str:
    # look-alike letters first (a Cyrillic А is the reader's A), then accents dropped
    text = "".join(ch for ch in unicodedata.normalize("NFKD", skeleton(str(name))) if not unicodedata.combining(ch)).lower()
    text = re.sub(r"\([^)]*\)", " ", text).replace("&", " and ")
    text = re.sub(r"['’]s\b", "", text)
    return " ".join(t for t in re.split(r"[\W_]+", text) if t and t not in stopwords)


def normalise(name: str, stopwords: Iterable[str] = ()) -> str:
    """A name folded for comparison: look-alike letters, accents, case, punctuation, possessives and stop words dropped.

    >>> normalise("Hale & Ward LLP", {"llp"}), normalise("Kestrel's web store"), normalise("Crème (unnamed)")
    ('hale and ward', 'kestrel web store', 'creme')
    >>> normalise("\u0391cme \u0408et")  # a Greek Alpha and a Cyrillic Je
    'acme jet'
    """
    return _normalise(str(name), frozenset(stopwords))


def _bounds(text, end: bool) -> date | None:
    """The first (or, with ``end``, last) day a YYYY, YYYY-MM or YYYY-MM-DD date covers."""
    try:
        parts = [int(p) for p in str(text)[:10].split("-")] if text else []
        year, month, day = (parts + [0, 0])[:3]
        if end and not month:
            month = 12
        if end and not day:
            day = 31 if month == 12 else (date(year, month + 1, 1) - date(year, month, 1)).days
        return date(year, month or 1, day or 1) if parts else None
    except ValueError:  # not a date kg writes; leave it out rather than guess
        return None


def interval(attrs: dict) -> tuple[date | None, date | None]:
    """The days an item's ``date``, ``not_before`` and ``not_after`` allow.

    >>> interval({"date": "2026-03"})
    (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
    """
    starts = [d for d in (_bounds(attrs.get("date"), False), _bounds(attrs.get("not_before"), False)) if d]
    ends = [d for d in (_bounds(attrs.get("date"), True), _bounds(attrs.get("not_after"), True)) if d]
    return (max(starts) if starts else None, min(ends) if ends else None)


@dataclass
class Profile:
    """What the comparisons read of one item."""

    node: str
    label: str
    cls: str
    kinds: frozenset[str]
    case: str
    draft: bool
    names: tuple[str, ...]
    placeholder: bool
    lo: date | None
    hi: date | None
    date_text: str
    values: dict[str, frozenset[str]]  # comparison name → the values it compares
    tokens: frozenset[str]  # words of names, placeholder labels and job titles, for blocking
    features: frozenset[tuple[str, str]]  # (predicate, neighbour) it points at
    holders: frozenset[tuple[str, str]]  # (predicate, item) of items that point at it
    propositions: frozenset[str]  # propositions about it
    stances: dict[str, frozenset[int]]  # proposition → polarities of its assertions as party
    sources: frozenset[str]  # where assertions about it or by it were read
    name_keys: frozenset[tuple[str, ...]] = frozenset()  # each name's words, sorted
    name_sets: tuple[frozenset[str], ...] = ()  # each name's words
    label_words: tuple[str, ...] = ()  # the label's words, in order (for given names)
    via: dict[str, tuple[str, ...]] = field(default_factory=dict)  # pooled: what → the cluster-mates it came from


def profiles(g: "nx.MultiDiGraph", nodes: Iterable[str] | None = None) -> dict[str, Profile]:
    """The profile of each item (not assertions, propositions, questions or judgements)."""
    m = model()
    refs: dict[str, list[Comparison]] = {}
    for c in m.comparisons:
        if c.kind == "same-value" and not c.literal:
            refs.setdefault(c.property, []).append(c)
    literals = [c for c in m.comparisons if c.kind == "same-value" and c.literal]
    skipped = P.provenance | {P.same_as, P.different_from}
    placeholders = tuple(p.lower() for p in m.placeholders)
    values_of = {c.name: frozenset(c.options.get("values_of") or ()) for c in m.comparisons}
    nodes_view, succ, pred = g.nodes, g.succ, g.pred
    kinds_of: dict[str, frozenset[str]] = {}

    def kinds(v: str) -> frozenset[str]:
        found = kinds_of.get(v)
        if found is None:
            attrs = nodes_view[v]
            found = kinds_of[v] = frozenset(attrs.get("kinds") or [attrs.get("cls")])
        return found

    out: dict[str, Profile] = {}
    for node in nodes if nodes is not None else g.nodes:
        attrs = nodes_view[node]
        cls = attrs.get("cls")
        if cls in ITEM_KINDS or cls is None:
            continue
        raw = [str(attrs.get("label", "")), *map(str, attrs.get("aliases", ())), *([str(attrs["title"])] if attrs.get("title") else [])]
        real = [n for n in raw if n and not any(p in n.lower() for p in placeholders)]
        names = tuple(sorted({normalise(n, m.stopwords) for n in real} - {""}))
        values: dict[str, set[str]] = {}
        features = set()
        for v, edges in succ[node].items():
            for key in edges:
                taken = [c for c in refs.get(key, ()) if not values_of[c.name] or kinds(v) & values_of[c.name]]
                for c in taken:
                    values.setdefault(c.name, set()).add(v)
                if not taken and key not in skipped and nodes_view[v].get("cls") not in ITEM_KINDS:
                    features.add((key, v))
        for c in literals:
            if attrs.get(c.property):
                value = str(attrs[c.property])
                values[c.name] = {normalise(value) if c.property != "url" else value.rstrip("/").lower()}
        label_words = normalise(str(attrs.get("label", "")), m.stopwords)
        tokens = {t for n in (*names, label_words, *(v for c in literals if c.property == "job_title" for v in values.get(c.name, ())))
                  for t in n.split() if len(t) > 1}
        holders, propositions, stances, sources = set(), set(), {}, set()
        for u, edges in pred[node].items():
            ucls = nodes_view[u].get("cls")
            for key in edges:
                if ucls == "Proposition" and key == P.about:
                    propositions.add(u)
                    for assertion, e2 in pred[u].items():
                        if P.proposition in e2:
                            sources.update(v for v, e3 in succ[assertion].items() if P.read_in in e3)
                elif ucls == "Assertion" and key == P.party:
                    for v, e2 in succ[u].items():
                        if P.proposition in e2:
                            stances.setdefault(v, set()).add(int(nodes_view[u].get("polarity", 0)))
                        if P.read_in in e2:
                            sources.add(v)
                elif ucls not in ITEM_KINDS and key not in skipped:
                    holders.add((key, u))
        lo, hi = interval(attrs)
        out[node] = Profile(
            node, str(attrs.get("label", node)), cls, frozenset(attrs.get("kinds") or [cls]), str(attrs.get("case", "")),
            attrs.get("review", "reviewed") != "reviewed", names, bool(raw) and not names, lo, hi,
            str(attrs.get("date_text", "")).strip().lower(), {k: frozenset(v) for k, v in values.items()}, frozenset(tokens),
            frozenset(features), frozenset(holders), frozenset(propositions), {k: frozenset(v) for k, v in stances.items()},
            frozenset(sources), frozenset(tuple(sorted(n.split())) for n in names), tuple(frozenset(n.split()) for n in names),
            tuple(label_words.split()),
        )
    return out


# ---------------------------------------------------------------- comparing


@dataclass(frozen=True)
class Outcome:
    """The level a comparison puts a pair at, and what it saw, in words."""

    level: str
    detail: str = ""
    via: tuple[str, ...] = ()  # items of provisional clusters the evidence came through


class Context:
    """What comparisons need beyond two profiles: labels, feature rarity, propositions, clusters."""

    def __init__(self, g: "nx.MultiDiGraph", profiles: dict[str, Profile], canonical: dict[str, str] | None = None):
        self.g = g
        self.profiles = profiles
        self.canonical = canonical or {}
        counts: dict[tuple[str, str, str], int] = {}
        for p in profiles.values():
            for f in p.features:
                key = (p.cls, f[0], f[1])
                counts[key] = counts.get(key, 0) + 1
        self.feature_counts = counts
        self.predicate_labels: dict[str, str] = {}
        self._features: dict[str, frozenset] = {}

    def canon_features(self, p: Profile) -> frozenset:
        """The (predicate, neighbour) pairs ``p`` points at."""
        return p.features  # neighbours are compared as they are; clusters pool one-valued properties and dates

    def canon(self, node: str) -> str:
        return self.canonical.get(node, node)

    def label(self, node: str) -> str:
        return str(self.g.nodes[node].get("label", node)) if node in self.g else node

    def edge_label(self, predicate: str) -> str:
        """The ontology's name for a predicate, as the projection labels its edges."""
        if not self.predicate_labels:
            self.predicate_labels = {k: d.get("label", k) for _, _, k, d in self.g.edges(keys=True, data=True)}
        from kg.analysis.nxgraph import local_name

        return self.predicate_labels.get(predicate) or re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local_name(predicate)).lower()


def _name_outcome(c: Comparison, a: Profile, b: Profile) -> Outcome:
    """Names: exact, one contained in the other (a surname), fuzzy, similar, different; placeholders neutral.

    >>> g = from_turtle('''
    ... :a a kg:Person ; rdfs:label "Dana Whitcombe" .  :b a kg:Person ; rdfs:label "Whitcombe" .
    ... :c a kg:Person ; rdfs:label "Spokesperson (unnamed)" .  :d a kg:Person ; rdfs:label "Dan Whitcomb" .
    ... :e a kg:Person ; rdfs:label "Dana  WHITCOMBE" .  :f a kg:Person ; rdfs:label "Lee Whitcombe" .
    ... ''')
    >>> [compare_items(g, "a", x, "name").level for x in ("e", "b", "d", "c", "f")]
    ['exact', 'contained', 'fuzzy', 'placeholder', 'different']
    """
    from rapidfuzz import fuzz

    names = [lv.level for lv in c.levels]
    if "placeholder" in names and (a.placeholder or b.placeholder or not a.names or not b.names):
        return Outcome("placeholder", f"{a.label if a.placeholder else b.label}: no name to compare")
    if not a.names or not b.names:
        return Outcome("different", "nothing to compare")
    shown = lambda x, y: f"“{x}” / “{y}”"  # noqa: E731
    if c.options.get("given_names_for") and set(c.options["given_names_for"]) & a.kinds & b.kinds:
        la, lb = list(a.label_words), list(b.label_words)
        initial = len(la[0]) == 1 or len(lb[0]) == 1 if la and lb else False
        if len(la) >= 2 and len(lb) >= 2 and la[-1] == lb[-1] and la[0] != lb[0] and not (initial and la[0][0] == lb[0][0]):
            return Outcome("different", f"{shown(' '.join(la), ' '.join(lb))}: given names differ")
    words_b = {tuple(sorted(y.split())): y for y in b.names}
    for x in a.names:
        if tuple(sorted(x.split())) in words_b:  # the same words, in any order
            y = words_b[tuple(sorted(x.split()))]
            return Outcome("exact", f"“{x}”" if x == y else shown(x, y))
    for x in a.names:
        for y in b.names:
            tx, ty = set(x.split()), set(y.split())
            if tx <= ty or ty <= tx:
                return Outcome("contained", shown(x, y))
    best, pair = -1.0, ("", "")
    for x in a.names:
        for y in b.names:
            s = fuzz.token_set_ratio(x, y)
            if s > best:
                best, pair = s, (x, y)
    for lv in c.levels:
        if lv.similarity is not None and best >= lv.similarity:
            return Outcome(lv.level, f"{shown(*pair)}, similarity {best:.0f}")
    return Outcome("different", f"{shown(*pair)}, similarity {best:.0f}")


def _dates_outcome(c: Comparison, a: Profile, b: Profile) -> Outcome:
    """Dates: the same day, overlapping, open-ended, disjoint by how much, undated.

    >>> g = from_turtle('''
    ... :a a kg:Incident ; dcterms:date "2026-03-02"^^xsd:date .
    ... :b a kg:Incident ; kg:notBefore "2026-03-01"^^xsd:date ; kg:notAfter "2026-03-04"^^xsd:date .
    ... :c a kg:Incident ; dcterms:date "2026-03-05"^^xsd:date .  :d a kg:Incident ; dcterms:date "2025-01"^^xsd:gYearMonth .
    ... :e a kg:Incident ; kg:notBefore "2026-01-01"^^xsd:date .  :f a kg:Incident .
    ... ''')
    >>> [compare_items(g, "a", x, "dates").level for x in ("a", "b", "c", "d", "e", "f")]
    ['same-day', 'overlap', 'near', 'far', 'compatible', 'one-undated']
    >>> compare_items(g, "c", "b", "dates").detail
    'disjoint by 1 days: 2026-03-05 vs 2026-03-01..2026-03-04'
    """
    def when(p: Profile) -> str:
        if p.lo and p.hi and p.lo == p.hi:
            return p.lo.isoformat()
        return f"{p.lo.isoformat() if p.lo else '…'}..{p.hi.isoformat() if p.hi else '…'}"

    a_dated, b_dated = bool(a.lo or a.hi), bool(b.lo or b.hi)
    via = tuple(sorted({*a.via.get("dates", ()), *b.via.get("dates", ())}))
    if a_dated and b_dated:
        if (a.lo and b.hi and a.lo > b.hi) or (b.lo and a.hi and b.lo > a.hi):
            gap = max((a.lo - b.hi).days if a.lo and b.hi else 0, (b.lo - a.hi).days if b.lo and a.hi else 0)
            level = "near" if gap <= c.options.get("near_days", 3) else "apart" if gap <= c.options.get("apart_days", 60) else "far"
            return Outcome(level, f"disjoint by {gap} days: {when(a)} vs {when(b)}", via)
        if a.lo and a.hi and b.lo and b.hi:
            if a.lo == a.hi == b.lo == b.hi:
                return Outcome("same-day", when(a), via)
            return Outcome("overlap", f"{when(a)} and {when(b)}", via)
        return Outcome("compatible", f"{when(a)} and {when(b)}", via)
    if a.date_text and a.date_text == b.date_text:
        return Outcome("same-text", f"both '{a.date_text}'")
    if a_dated or b_dated:
        dated, other = (a, b) if a_dated else (b, a)
        return Outcome("one-undated", f"{when(dated)} vs no date for {other.label}", via)
    return Outcome("undated", "neither has a date")


def _values_outcome(c: Comparison, a: Profile, b: Profile, ctx: Context) -> Outcome:
    """A property that takes one value: the same value is for, a different one against, none neutral.

    >>> g = from_turtle('''
    ... :push a kg:SoftwareChange ; rdfs:label "Config push" .  :ai a kg:SoftwareChange ; rdfs:label "AI change" .
    ... :a a kg:Incident ; kg:mechanism :push .  :b a kg:Incident ; kg:mechanism :push .
    ... :c a kg:Incident ; kg:mechanism :ai .  :d a kg:Incident .
    ... :w1 a kg:NewsArticle ; schema:url "https://x.example/a/" .  :w2 a kg:NewsArticle ; schema:url "https://x.example/a" .
    ... ''')
    >>> [(compare_items(g, "a", x, "mechanism").level) for x in ("b", "c", "d")]
    ['same', 'different', 'missing']
    >>> compare_items(g, "w1", "w2", "url").level
    'same'
    """
    va, vb = a.values.get(c.name, frozenset()), b.values.get(c.name, frozenset())
    if not va or not vb:
        return Outcome("missing")
    via = tuple(sorted({*a.via.get(c.name, ()), *b.via.get(c.name, ())}))
    if c.literal:
        show = lambda vs: ", ".join(sorted(vs))  # noqa: E731
        for x in va:
            for y in vb:
                tx, ty = set(x.split()), set(y.split())
                if x == y or (c.property != "url" and (tx <= ty or ty <= tx)):
                    return Outcome("same", x if x == y else f"{x} / {y}", via)
        return Outcome("different", f"{show(va)} vs {show(vb)}", via)
    ca, cb = {ctx.canon(x) for x in va}, {ctx.canon(x) for x in vb}
    common = ca & cb
    show = lambda vs: ", ".join(sorted(ctx.label(x) for x in vs))  # noqa: E731
    if common:
        shared = [x for x in sorted(va | vb) if ctx.canon(x) in common]
        merged = tuple(x for x in shared if ctx.canon(x) != x or x not in (va & vb))
        if len({*shared}) > 1:
            return Outcome("same", " ≈ ".join(ctx.label(x) for x in shared), tuple(sorted({*via, *merged})))
        return Outcome("same", show(set(shared)), via)
    return Outcome("different", f"{show(va)} vs {show(vb)}", via)


def _context_outcome(c: Comparison, a: Profile, b: Profile, ctx: Context) -> Outcome:
    """Shared typed neighbours, each 1/ln(n) for the n items of the class that have it; the level caps the sum.

    >>> g = from_turtle('''
    ... :m a kg:Meeting ; rdfs:label "Ops review" .  :s a kg:System ; rdfs:label "Checkout" .
    ... :a a kg:Incident ; kg:discussedAt :m ; kg:affected :s .  :b a kg:Incident ; kg:discussedAt :m ; kg:affected :s .
    ... :c a kg:Incident ; kg:affected :s .
    ... ''')
    >>> compare_items(g, "a", "b", "shared context")
    Outcome(level='some', detail='discussed at → Ops review, affected → Checkout (2.35)', via=())
    >>> compare_items(g, "b", "c", "shared context").level
    'weak'
    """
    fa = {(k, v): v for k, v in a.features}
    fb = {(k, v): v for k, v in b.features}
    shared = sorted(fa.keys() & fb.keys())
    total, parts = 0.0, []
    for key in shared:
        n = ctx.feature_counts.get((a.cls, *key), 2)
        w = 1 / math.log(max(n, 2))
        total += w
        parts.append((-w, f"{ctx.edge_label(key[0])} → {ctx.label(fa[key])}"))
    detail = ", ".join(text for _, text in sorted(parts))
    for lv in c.levels:
        if lv.at_least is not None and total >= lv.at_least:
            return Outcome(lv.level, f"{detail} ({total:.2f})")
    return Outcome(c.levels[-1].level, "no neighbour in common")


def _co_values_outcome(c: Comparison, a: Profile, b: Profile, ctx: Context) -> Outcome:
    """Siblings: two distinct values of one property of one item (two airlines one outage affected).

    >>> g = from_turtle('''
    ... :o a kg:Incident ; kg:affected :x, :y .  :x a kg:Organization ; rdfs:label "X Air" .  :y a kg:Organization ; rdfs:label "Y Air" .
    ... ''')
    >>> compare_items(g, "x", "y", "siblings")
    Outcome(level='co-values', detail='both are affected of o', via=())
    """
    common = sorted(a.holders & b.holders)
    if not common:
        return Outcome("none")
    key, holder = common[0]
    more = f" (and {len(common) - 1} more)" if len(common) > 1 else ""
    return Outcome("co-values", f"both are {ctx.edge_label(key)} of {ctx.label(holder)}{more}")


def _named_together_outcome(c: Comparison, a: Profile, b: Profile, ctx: Context) -> Outcome:
    """A proposition about both counts for them only when it says they are the same.

    >>> g = from_turtle('''
    ... :a a kg:Incident .  :b a kg:Incident .  :c a kg:Incident .
    ... :p1 a kg:Proposition ; kg:text "A and B are the same event." ; kg:about :a, :b .
    ... :p2 a kg:Proposition ; kg:text "Reports spiked twice, at A and then at C." ; kg:about :a, :c .
    ... :p3 a kg:Proposition ; kg:text "B and C hit Acme." ; kg:about :b, :c .
    ... ''')
    >>> [compare_items(g, x, y, "named together").level for x, y in (("a", "b"), ("a", "c"), ("b", "c"))]
    ['said-same', 'named-as-two', 'named-both']
    """
    both = sorted(a.propositions & b.propositions)
    if not both:
        return Outcome("none")
    patterns = [re.compile(p, re.IGNORECASE) for p in c.options.get("same_phrases", [])]
    for prop in both:
        text = str(ctx.g.nodes[prop].get("text") or ctx.g.nodes[prop].get("label", ""))
        if any(p.search(text) for p in patterns):
            polarities = {int(ctx.g.nodes[u].get("polarity", 0)) for u, _, k in ctx.g.in_edges(prop, keys=True)
                          if k == P.proposition and ctx.g.nodes[u].get("cls") == "Assertion"}
            if polarities and polarities <= {-1}:
                return Outcome("denied-same", f"denied: “{text}”")
            return Outcome("said-same", f"“{text}”")
    twos = [re.compile(p, re.IGNORECASE) for p in c.options.get("two_phrases", [])]
    texts = [str(ctx.g.nodes[prop].get("text") or ctx.g.nodes[prop].get("label", "")) for prop in both]
    counted = [t for t in texts if any(p.search(t) for p in twos)]
    if counted:
        more = f" (and {len(counted) - 1} more)" if len(counted) > 1 else ""
        return Outcome("named-as-two", f"“{counted[0]}”{more}")
    return Outcome("named-both", f"“{texts[0]}”")


def _stances_outcome(c: Comparison, a: Profile, b: Profile, ctx: Context) -> Outcome:
    """Opposite stances: one affirms what the other opposes.

    >>> g = from_turtle('''
    ... :src a kg:NewsArticle .  :p a kg:Proposition ; kg:text "It was patched." .
    ... :x a kg:Person ; rdfs:label "X" .  :y a kg:Person ; rdfs:label "Y" .
    ... :a1 a kg:Assertion ; kg:proposition :p ; kg:party :x ; kg:readIn :src ; kg:stance kg:Asserts .
    ... :a2 a kg:Assertion ; kg:proposition :p ; kg:party :y ; kg:readIn :src ; kg:stance kg:Denies .
    ... ''')
    >>> compare_items(g, "x", "y", "opposite stances").level
    'opposed'
    """
    for prop in sorted(a.stances.keys() & b.stances.keys()):
        pa, pb = a.stances[prop], b.stances[prop]
        if (1 in pa and -1 in pb) or (-1 in pa and 1 in pb):
            text = str(ctx.g.nodes[prop].get("text") or ctx.g.nodes[prop].get("label", ""))
            return Outcome("opposed", f"on “{text}”")
    return Outcome("none")


def _sources_outcome(c: Comparison, a: Profile, b: Profile, ctx: Context) -> Outcome:
    """The sources that speak of each: one speaking of both told them apart.

    >>> g = from_turtle('''
    ... :s1 a kg:NewsArticle ; rdfs:label "Wire" .  :s2 a kg:NewsArticle ; rdfs:label "Post" .
    ... :x a kg:Person ; rdfs:label "X" .  :y a kg:Person ; rdfs:label "Y" .  :z a kg:Person ; rdfs:label "Z" .
    ... :p a kg:Proposition ; kg:text "T." .
    ... :a1 a kg:Assertion ; kg:proposition :p ; kg:party :x ; kg:readIn :s1 ; kg:stance kg:Asserts .
    ... :a2 a kg:Assertion ; kg:proposition :p ; kg:party :y ; kg:readIn :s2 ; kg:stance kg:Asserts .
    ... :a3 a kg:Assertion ; kg:proposition :p ; kg:party :z ; kg:readIn :s1 ; kg:stance kg:Asserts .
    ... ''')
    >>> [compare_items(g, "x", other, "sources").level for other in ("y", "z")]
    ['different-sources', 'same-source']
    """
    if not a.sources or not b.sources:
        return Outcome("missing")
    common = sorted(a.sources & b.sources)
    if common:
        return Outcome("same-source", f"both in {ctx.label(common[0])}" + (f" (and {len(common) - 1} more)" if len(common) > 1 else ""))
    show = lambda p: ", ".join(sorted(ctx.label(x) for x in p.sources))  # noqa: E731
    return Outcome("different-sources", f"{show(a)} vs {show(b)}")


# ---------------------------------------------------------------- levels only, fast


def _name_level(c: Comparison, a: Profile, b: Profile) -> str:
    from rapidfuzz import fuzz

    if (a.placeholder or b.placeholder or not a.names or not b.names) and c.options.get("has_placeholder"):
        return "placeholder"
    if not a.names or not b.names:
        return "different"
    given = c.options.get("given_names_for")
    if given and not a.kinds.isdisjoint(given) and not b.kinds.isdisjoint(given):
        la, lb = a.label_words, b.label_words
        initial = (len(la[0]) == 1 or len(lb[0]) == 1) if la and lb else False
        if len(la) >= 2 and len(lb) >= 2 and la[-1] == lb[-1] and la[0] != lb[0] and not (initial and la[0][0] == lb[0][0]):
            return "different"
    if not a.name_keys.isdisjoint(b.name_keys):
        return "exact"
    for x in a.name_sets:
        for y in b.name_sets:
            if x <= y or y <= x:
                return "contained"
    best = max(fuzz.token_set_ratio(x, y) for x in a.names for y in b.names)
    for lv in c.levels:
        if lv.similarity is not None and best >= lv.similarity:
            return lv.level
    return "different"


def level(c: Comparison, a: Profile, b: Profile, ctx: Context) -> str:
    """The level :func:`compare` gives, without the words: what every blocked pair needs (a test holds them equal)."""
    kind = c.kind
    if kind == "name":
        return _name_level(c, a, b)
    if kind == "same-value":
        va, vb = a.values.get(c.name), b.values.get(c.name)
        if not va or not vb:
            return "missing"
        if c.literal:
            if va & vb:
                return "same"
            if c.property == "url":
                return "different"
            return "same" if any(set(x.split()) <= set(y.split()) or set(y.split()) <= set(x.split()) for x in va for y in vb) else "different"
        canon = ctx.canonical
        if canon:
            va, vb = {canon.get(x, x) for x in va}, {canon.get(x, x) for x in vb}
        return "same" if not va.isdisjoint(vb) else "different"
    if kind == "dates":
        a_dated, b_dated = a.lo is not None or a.hi is not None, b.lo is not None or b.hi is not None
        if a_dated and b_dated:
            gap = 0
            if a.lo and b.hi and a.lo > b.hi:
                gap = (a.lo - b.hi).days
            elif b.lo and a.hi and b.lo > a.hi:
                gap = (b.lo - a.hi).days
            if gap:
                return "near" if gap <= c.options.get("near_days", 3) else "apart" if gap <= c.options.get("apart_days", 60) else "far"
            if a.lo and a.hi and b.lo and b.hi:
                return "same-day" if a.lo == a.hi == b.lo == b.hi else "overlap"
            return "compatible"
        if a.date_text and a.date_text == b.date_text:
            return "same-text"
        return "one-undated" if a_dated or b_dated else "undated"
    if kind == "shared-context":
        fa, fb = ctx.canon_features(a), ctx.canon_features(b)
        if len(fa) > len(fb):
            fa, fb = fb, fa
        counts = ctx.feature_counts
        total = sum(1 / math.log(max(counts.get((a.cls, *key), 2), 2)) for key in fa if key in fb)
        for lv in c.levels:
            if lv.at_least is not None and total >= lv.at_least:
                return lv.level
        return c.levels[-1].level
    if kind == "co-values":
        return "co-values" if not a.holders.isdisjoint(b.holders) else "none"
    if kind == "named-together":
        return "none" if a.propositions.isdisjoint(b.propositions) else _named_together_outcome(c, a, b, ctx).level
    if kind == "opposite-stances":
        if a.stances.keys().isdisjoint(b.stances.keys()):
            return "none"
        return _stances_outcome(c, a, b, ctx).level
    if kind == "mentioned-in":
        if not a.sources or not b.sources:
            return "missing"
        return "same-source" if not a.sources.isdisjoint(b.sources) else "different-sources"
    return compare(c, a, b, ctx).level


def compare_items(g: "nx.MultiDiGraph", a: str, b: str, comparison: str) -> Outcome:
    """The level the named comparison puts two items at; ``a`` and ``b`` are IRIs or ids of the examples' case."""
    from kg.analysis.nxgraph import EXAMPLE

    iris = [x if x in g else EXAMPLE + x for x in (a, b)]
    found = profiles(g, iris)
    return compare(model().comparison(comparison), found[iris[0]], found[iris[1]], Context(g, profiles(g)))


def compare(c: Comparison, a: Profile, b: Profile, ctx: Context) -> Outcome:
    """The level of ``c`` for the pair (a, b)."""
    if c.kind == "name":
        return _name_outcome(c, a, b)
    if c.kind == "dates":
        return _dates_outcome(c, a, b)
    return {
        "same-value": _values_outcome, "shared-context": _context_outcome, "co-values": _co_values_outcome,
        "named-together": _named_together_outcome, "opposite-stances": _stances_outcome, "mentioned-in": _sources_outcome,
    }[c.kind](c, a, b, ctx)
