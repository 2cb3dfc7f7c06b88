"""The comparisons of the identity model, read from ``ontology/comparisons.yaml``.

Each comparison puts a pair of item profiles (:class:`Profile`) at one of its
levels, Splink's way: the first level that applies wins. The kinds are few
and generic; which classes a comparison covers, which property it reads and
its levels' m and u are data. :func:`model` reads and checks the file once.

Each kind is one function that gives the level, and gathers the facts behind
it only when asked: they live in :mod:`kg.analysis.levels`.
The profiles they read are built in :mod:`kg.analysis.profiles`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, NamedTuple

import yaml

from kg.analysis.profiles import Profile, interval, normalise
from kg.analysis.profiles import profiles as _profiles
from kg.errors import OntologyError
from kg.ontology import ONTOLOGY_DIR

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "Level", "Comparison", "Model", "Profile", "Outcome", "Context", "model", "profiles", "normalise", "interval",
    "fact_pairs", "span", "links",
]

COMPARISONS_FILE = ONTOLOGY_DIR / "comparisons.yaml"
KINDS = ("name", "dates", "same-value", "shared-context", "description", "co-values", "named-together", "raised-together",
         "opposite-stances", "mentioned-in", "outlet", "role", "meaning", "part-whole", "quantities", "told-beside")
#: The kinds that compare an item's values of one property (``property``), which profiles gather.
_VALUED = ("same-value", "part-whole")
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
    decisive: bool = False  # in a family, this level alone counts (its rule explains the words the others share)


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
    every_pair_below: int
    placeholders: tuple[str, ...]
    stopwords: frozenset[str]
    comparisons: tuple[Comparison, ...]
    #: pairs at least this likely in the first weighing count as same when m is estimated again (above 1: never)
    self_trained: float = 2.0

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


@lru_cache(maxsize=2)  # the graph of the case under analysis: kg unresolved analyses each case's in turn
def profiles(g, nodes=None) -> dict[str, Profile]:
    """The profile of each item under the declared model (:func:`kg.analysis.profiles.profiles`)."""
    return _profiles(g, nodes, m=model())


@lru_cache(maxsize=8)
def model(path: str | None = None) -> Model:
    """The declared model, checked against kg.ttl's classes and case keys; read once per file."""
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
        if entry["kind"] in _VALUED:
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
            levels.append(Level(lv["level"], m, u, neutral, lv.get("similarity"), lv.get("at_least"), lv.get("note", ""),
                                bool(lv.get("decisive", False))))
        options = {k: v for k, v in entry.items() if k not in {"name", "kind", "classes", "levels", "u", "property", "cap", "about"}}
        for key in options.get("apart_under", ()):
            if key not in schema.properties or schema.properties[key].kind != "ref":
                raise _fail(where, f"unknown case key {key!r}")
        unknown = set(options.get("beside", ())) - classes
        if unknown:
            raise _fail(where, f"beside: unknown class {sorted(unknown)[0]!r}")
        if "apart_under" in options:
            options["apart_under"] = frozenset(str(schema.properties[key].iri) for key in options["apart_under"])
        options["has_placeholder"] = any(lv.level == "placeholder" for lv in levels)
        comparisons.append(Comparison(
            entry["name"], entry["kind"], frozenset(entry["classes"]), tuple(levels), entry.get("u") == "estimated",
            prop, literal, entry.get("cap"), " ".join(str(entry.get("about", "")).split()), options,
        ))
    names = {c.name for c in comparisons}
    for c in comparisons:
        refs = (c.options.get("title"), *c.options.get("affiliation", ())) if c.kind == "role" else ()
        for ref in (*refs, *c.options.get("elsewhere_by", ()), *c.options.get("affiliated_by", ())):
            if ref not in names:
                raise _fail(f"comparison {c.name!r}", f"names no comparison {ref!r}")
    t = data["thresholds"]
    return Model(
        float(data["prior"]), float(data["strength"]), int(data["u_sample"]), int(data["seed"]),
        float(t["likely"]), float(t["possible"]), float(t["collective"]), int(data["hub_cap"]),
        int(data.get("every_pair_below", 0)),
        tuple(data["placeholders"]), frozenset(data["stopwords"]), tuple(comparisons),
        float(t.get("self_trained", 2.0)),
    )



# ---------------------------------------------------------------- comparing


class Outcome(NamedTuple):
    """The level a comparison puts a pair at, and the facts behind it (only when asked for).

    ``facts`` are sorted (name, value) pairs: the names compared, the dates and the gap,
    the shared values, the score. ``kg.export.identity_words`` writes the sentence from them.
    """

    level: str
    facts: tuple[tuple[str, object], ...] = ()
    via: tuple = ()  # cluster links (mate, item, probability) the evidence came through, or merged value IRIs


def fact_pairs(**found) -> tuple[tuple[str, object], ...]:
    """The facts behind a level, as sorted (name, value) pairs: hashable, and the same every run."""
    return tuple(sorted(found.items()))


def span(p: Profile) -> tuple[str | None, str | None]:
    """An item's dates as facts: its earliest and latest day (ISO), either unknown (None)."""
    return (p.lo.isoformat() if p.lo else None, p.hi.isoformat() if p.hi else None)


def links(*groups) -> tuple:
    """The cluster links (and merged values) the evidence came through, each once, in a stable order."""
    return tuple(sorted({x for group in groups for x in group}, key=repr))


class Context:
    """What comparisons need beyond two profiles: labels, feature and word rarity, clusters."""

    def __init__(self, g: "nx.MultiDiGraph", profiles: dict[str, Profile], canonical: dict[str, str] | None = None,
                 candidates: frozenset[tuple[str, str]] = frozenset()):
        self.g = g
        self.profiles = profiles
        self.canonical = canonical or {}
        self.candidates = candidates  # pairs (sorted) at least "possible" in the last round: values that may be one
        counts: dict[tuple[str, str, str], int] = {}
        word_counts: dict[tuple[str, str], int] = {}
        sizes: dict[str, int] = {}
        for p in profiles.values():
            sizes[p.cls] = sizes.get(p.cls, 0) + 1
            for f in p.features:
                key = (p.cls, f[0], f[1])
                counts[key] = counts.get(key, 0) + 1
            for w in p.words:
                key = (p.cls, w)
                word_counts[key] = word_counts.get(key, 0) + 1
        self.feature_counts = counts
        self.word_counts = word_counts
        self.class_sizes = sizes
        self.predicate_labels: dict[str, str] = {}
        self._factors: dict[tuple[str, str], float] = {}
        self._vectors: dict[str, tuple[dict[str, float], float]] = {}

    def with_clusters(self, canonical: dict[str, str], candidates: frozenset[tuple[str, str]]) -> "Context":
        """This context with provisional clusters and possible pairs; the counts and word vectors are kept."""
        from copy import copy

        found = copy(self)
        found.canonical, found.candidates = canonical, candidates
        return found

    def word_weight(self, cls: str, word: str, rarity_: float) -> float:
        """A word's rarity in English, times how rare it is among the items of the class (1 when only one has it)."""
        factor = self._factors.get((cls, word))
        if factor is None:
            n, df = self.class_sizes.get(cls, 1), self.word_counts.get((cls, word), 1)
            factor = self._factors[(cls, word)] = math.log(1 + n / df) / math.log(1 + n) if n > 1 else 1.0
        return rarity_ * factor

    def vector(self, p: Profile) -> tuple[dict[str, float], float]:
        """An item's words with their weights, and the vector's length."""
        found = self._vectors.get(p.node)
        if found is None:
            found = self._vectors[p.node] = self.weigh_words(p.cls, p.words)
        return found

    def weigh_words(self, cls: str, words: dict[str, float]) -> tuple[dict[str, float], float]:
        weighted = {w: self.word_weight(cls, w, r) for w, r in words.items()}
        return weighted, math.sqrt(sum(x * x for x in weighted.values()))

    def canon_features(self, p: Profile) -> frozenset:
        """The (predicate, neighbour) pairs ``p`` points at."""
        return p.features  # neighbours are compared as they are; clusters pool one-valued properties and dates

    def canon(self, node: str) -> str:
        return self.canonical.get(node, node)

    def cls(self, node: str) -> str:
        """The class of an item of the graph ("" for a node it does not hold)."""
        attrs = self.g._node.get(node)  # networkx's own dict: no view object per lookup
        return str(attrs.get("cls", "")) if attrs is not None else ""

    def label(self, node: str) -> str:
        return str(self.g.nodes[node].get("label", node)) if node in self.g else node

    def text(self, node: str) -> str:
        attrs = self.g.nodes[node]
        return str(attrs.get("text") or attrs.get("asks") or attrs.get("label", ""))

    def edge_label(self, predicate: str) -> str:
        """The ontology's name for a predicate, as the projection labels its edges."""
        labels = self.predicate_labels
        found = labels.get(predicate)
        if found is None:  # the edges read until one has this predicate (the projection labels a predicate one way)
            edges = self.__dict__.setdefault("_unread_edges", iter(self.g.edges(keys=True, data=True)))
            for _, _, k, d in edges:
                labels.setdefault(k, d.get("label", k))
                if k == predicate:
                    found = labels[k]
                    break
        from kg.analysis.nxgraph import local_name

        return found or re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local_name(predicate)).lower()
