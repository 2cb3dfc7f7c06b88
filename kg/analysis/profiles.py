"""What the identity comparisons read of each item: its :class:`Profile`.

Names folded for comparison, the days its dates allow, the values and
neighbours it points at, the propositions and questions about it, where it
was spoken of, and the words that describe it: lemmas of its labels, aliases,
title and description, and of the propositions about it and their quotes,
each weighted by its rarity in English (``wordfreq``), so that a common word
("department", "update") weighs almost nothing.

>>> text_words("The databases were deleted; a deletion of the database")
{'databas': 1.62, 'delet': 2.35}
>>> lemma("outages"), lemma("outage"), lemma("deleted"), lemma("deletion"), lemma("separate"), lemma("separation")
('outag', 'outag', 'delet', 'delet', 'separ', 'separ')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from rdflib.namespace import DCTERMS

from kg.analysis.evidence import P
from kg.analysis.nxgraph import ITEM_KINDS
from kg.lookalike import skeleton

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Profile", "profiles", "class_words", "normalise", "interval", "lemma", "rarity", "text_words", "head", "abbreviated", "may_abbreviate", "merged_words"]

_PUBLISHER = str(DCTERMS.publisher)
#: Suffixes folded off a word (longest first) when spaCy's lemmas are not at hand; then a final "e".
_SUFFIXES = ("ational", "ations", "ation", "ments", "ment", "ings", "ing", "ions", "ion", "edly", "ed", "ies", "es", "s")
#: A word: letters and digits, joined by a full stop, an apostrophe, a hyphen or an ampersand ("M&S", "AT&T").
_WORD = re.compile(r"[^\W_]+(?:[.'’&-][^\W_]+)*")
#: Words at least this frequent in English (Zipf scale) weigh nothing; rarer ones weigh (ceiling - zipf) ** 1.5.
_COMMON_ZIPF = 5.0
#: The weight of a word wordfreq has never seen, or of any word when wordfreq is missing.
_UNSEEN = 1.0
_NUMBER = re.compile(r"^\d[\d.,]*$")


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """A word folded to a crude lemma: lower case, one common suffix and a final "e" dropped."""
    w = word.lower().replace("’", "'").split("'")[0]
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    w = w[:-1] if w.endswith("e") and len(w) > 4 else w
    return w[:-2] if w.endswith("at") and len(w) >= 7 else w  # "separate", "separated", "separation"


@lru_cache(maxsize=1)
def _zipf():
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # a bare install: every word weighs the same
        return None
    return zipf_frequency


@lru_cache(maxsize=500_000)
def rarity(word: str) -> float:
    """How much a shared word says: 0 for common English words, more the rarer it is.

    >>> rarity("department"), rarity("transportation"), rarity("firewall"), rarity("dynamodb")
    (0.0, 0.28, 2.33, 6.89)

    wordfreq splits a word at an ampersand and gives the frequency of its letters ("m", "s"), so such a
    word is looked up as its letters written together:

    >>> rarity("m&s") == rarity("ms") > 0
    True
    """
    zipf = _zipf()
    if zipf is None:
        return _UNSEEN
    if _NUMBER.match(word):
        return _UNSEEN
    z = zipf(word.replace("&", ""), "en")
    return round(max(0.0, _COMMON_ZIPF - z) ** 1.5, 2) if z > 0 else round(_COMMON_ZIPF**1.5, 2)


@lru_cache(maxsize=None)
def class_words(cls: str) -> frozenset[str]:
    """The lemmas of the words kg.ttl defines a class by (its label, and its comment before any "such as"):
    the words that say what kind of thing an item is ("outage" of an incident), not which one.

    >>> sorted(class_words("Incident"))
    ['disrupt', 'event', 'failur', 'harmful', 'incident', 'outag']
    """
    from rdflib import Literal, RDFS

    from kg.ontology import ontology_graph
    from kg.vocab import KG

    g = ontology_graph()
    texts = [str(o) for p in (RDFS.label, RDFS.comment) for o in g.objects(KG[cls], p) if isinstance(o, Literal)]
    text = " ".join(re.split(r"\bsuch as\b", t)[0] for t in texts)
    return frozenset(lemma(w) for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in _CLASS_FILLER)


#: Words of a class's definition that define nothing ("or other harmful event": "other").
_CLASS_FILLER = frozenset("the and for with that other anything someone something kind part larger can".split())


@lru_cache(maxsize=200_000)
def _text_words(text: str, stopwords: frozenset[str]) -> tuple[tuple[str, float], ...]:
    out: dict[str, float] = {}
    known = _WORD_WEIGHTS
    if len(known) > _WORDS_KEPT:
        known.clear()
    for word in _WORD.findall(text.lower()):
        if len(word) < 2 or word in stopwords:
            continue
        found = known.get(word)
        if found is None:
            found = known[word] = (lemma(word), rarity(word))
        lem, weight = found
        if weight > 0 and weight > out.get(lem, 0.0):
            out[lem] = weight
    return tuple(sorted(out.items()))


#: word → (its lemma, its rarity), read once a word; cleared past _WORDS_KEPT words (a bound on memory).
_WORD_WEIGHTS: dict[str, tuple[str, float]] = {}
_WORDS_KEPT = 500_000


#: A word shorter than another is read as its abbreviation ("dev", "development") only if at least this rare.
_ABBREVIATION_RARITY = 1.0


def _folded(shorts: Iterable[str], words: list[str]) -> list[str]:
    out = list(words)
    for t in shorts:
        if t in out or len(t) < 2 or rarity(t) < _ABBREVIATION_RARITY:
            continue
        k = len(t)
        run = next((i for i in range(len(out) - k + 1) if k >= 2 and "".join(w[0] for w in out[i : i + k]) == t), None)
        if run is not None:
            out[run : run + k] = [t]
            continue
        at = next((i for i, w in enumerate(out) if k >= 3 and len(w) >= k + 2 and w.startswith(t)), None)
        if at is not None:
            out[at] = t
    return out


#: Abbreviations up to this long are looked up in precomputed sets; a name with a longer candidate is folded word by word.
_SHORTEST_SLOW = 16


@lru_cache(maxsize=200_000)
def _forms(words: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str], bool]:
    """A name's words that may abbreviate another's, the abbreviations its own words allow, and whether
    a word may abbreviate beyond what the sets hold.

    The second set holds the initials of each run of two to ``_SHORTEST_SLOW`` words and the starts of its
    long words up to that length: a word of the other name folds only if it is among them. Bounded, so a
    label of a million characters or words costs linear time, not quadratic (or cubic) memory.
    """
    shorts = frozenset(t for t in words if len(t) >= 2 and rarity(t) >= _ABBREVIATION_RARITY)
    n = len(words)
    initials = "".join(w[0] for w in words)
    longs = {initials[i : i + k] for k in range(2, min(n, _SHORTEST_SLOW) + 1) for i in range(n - k + 1)}
    longs.update(w[:k] for w in words for k in range(3, min(len(w) - 1, _SHORTEST_SLOW + 1)))
    return shorts, frozenset(longs), any(len(t) > _SHORTEST_SLOW for t in shorts)


@lru_cache(maxsize=200_000)
def name_forms(name: str) -> tuple[frozenset[str], frozenset[str], bool]:
    """:func:`_forms` of a name as one string (its words split on spaces), kept by the string."""
    return _forms(tuple(name.split()))


def may_abbreviate(x: str, y: str) -> bool:
    """May a word of one name abbreviate words of the other? When not (most pairs), :func:`abbreviated` folds nothing.

    >>> may_abbreviate("nlb checks", "network load balancer checks"), may_abbreviate("login outage", "billing outage")
    (True, False)
    """
    (x_shorts, x_longs, x_slow), (y_shorts, y_longs, y_slow) = name_forms(x), name_forms(y)
    return x_slow or y_slow or not (x_shorts.isdisjoint(y_longs) and y_shorts.isdisjoint(x_longs))


def abbreviated(x: Iterable[str], y: Iterable[str]) -> tuple[list[str], list[str]]:
    """Two names' words, each with the runs and words the other abbreviates folded to the abbreviation.

    An abbreviation is the initials of a run of words ("nlb", "network load balancer") or the start of
    a longer word ("dev", "development"), and is not a common English word.

    >>> abbreviated("nlb health check subsystem".split(), "network load balancer health checks".split())
    (['nlb', 'health', 'check', 'subsystem'], ['nlb', 'health', 'checks'])
    >>> abbreviated(["dev", "prod"], ["development", "production", "com"])
    (['dev', 'prod'], ['dev', 'prod', 'com'])
    """
    found = _abbreviated(tuple(x), tuple(y))
    return list(found[0]), list(found[1])


@lru_cache(maxsize=200_000)
def _abbreviated(x: tuple[str, ...], y: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    (x_shorts, x_longs, x_slow), (y_shorts, y_longs, y_slow) = _forms(x), _forms(y)
    if not (x_slow or y_slow) and x_shorts.isdisjoint(y_longs) and y_shorts.isdisjoint(x_longs):
        return x, y  # no word of one abbreviates words of the other: most pairs
    return tuple(_folded(list(y), list(x))), tuple(_folded(list(x), list(y)))


def merged_words(own: dict[str, float], said: dict[str, tuple[tuple[str, float], ...]], left_out=frozenset()) -> dict[str, float]:
    """An item's own words with those of the propositions about it (but ``left_out``), each at its highest weight.

    >>> merged_words({"firewal": 2.3}, {"p": (("firewal", 2.0), ("upgrad", 1.0))})
    {'firewal': 2.3, 'upgrad': 1.0}
    """
    out = dict(own)
    for prop, words in said.items():
        if prop not in left_out:
            for w, r in words:
                if r > out.get(w, 0.0):
                    out[w] = r
    return out


def text_words(text: str, stopwords: Iterable[str] = ()) -> dict[str, float]:
    """The lemmas of a text that weigh something, each with the rarity of its rarest form."""
    return dict(_text_words(str(text), frozenset(stopwords)))


@lru_cache(maxsize=200_000)
def _normalise(name: str, stopwords: frozenset[str]) -> str:
    if name.isascii():  # nothing to fold but case (most names)
        text = name.lower()
    else:  # look-alike letters first (a Cyrillic А is the reader's A), then accents dropped
        text = "".join(ch for ch in unicodedata.normalize("NFKD", skeleton(str(name))) if not unicodedata.combining(ch)).lower()
    text = _AND.sub(" and ", _BRACKETED.sub(" ", text))
    text = _POSSESSIVE.sub("", text)
    return " ".join(t for t in _NAME_WORD.findall(text) if t not in stopwords)


_BRACKETED = re.compile(r"\([^)]*\)")
#: An ampersand between two letters or digits is part of one word ("M&S", "AT&T"); any other is "and".
_AND = re.compile(r"(?<![^\W_])&|&(?![^\W_])")
_POSSESSIVE = re.compile(r"['’]s\b")
_NAME_WORD = re.compile(r"[^\W_]+(?:&[^\W_]+)*")


def normalise(name: str, stopwords: Iterable[str] = ()) -> str:
    """A name folded for comparison: look-alike letters, accents, case, punctuation, possessives and stop words dropped.

    >>> normalise("Hale & Ward LLP", {"llp"}), normalise("Kestrel's web store"), normalise("Crème (unnamed)")
    ('hale and ward', 'kestrel web store', 'creme')
    >>> normalise("M&S website & apps"), normalise("AT&T")  # an ampersand inside a word is part of it
    ('m&s website and apps', 'at&t')
    >>> normalise("\u0391cme \u0408et")  # a Greek Alpha and a Cyrillic Je
    'acme jet'
    """
    return _normalise(str(name), frozenset(stopwords))


@lru_cache(maxsize=100_000)
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
    return _interval(attrs.get("date"), attrs.get("not_before"), attrs.get("not_after"))


@lru_cache(maxsize=100_000)
def _interval(when, not_before, not_after) -> tuple[date | None, date | None]:
    starts = [d for d in (_bounds(when, False), _bounds(not_before, False)) if d]
    ends = [d for d in (_bounds(when, True), _bounds(not_after, True)) if d]
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
    via: dict[str, tuple] = field(default_factory=dict)  # pooled: what → the (mate, item, probability) links it came through
    questions: frozenset[str] = frozenset()  # open questions about it
    own_words: dict[str, float] = field(default_factory=dict)  # lemma → rarity, of its labels, aliases, title, description
    said_words: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)  # proposition about it → its words
    words: dict[str, float] = field(default_factory=dict)  # own and said lemmas → rarity
    outlet: bool = False  # the publisher of a news article in the graph
    heads: dict[str, str] = field(default_factory=dict)  # name → the lemma of its head word


#: Words after which a name goes on to say something of its head: "database *of* executive contacts".
_POST_MODIFIERS = frozenset("of for that which who in at on to from with by about after during".split())


def head(name: str) -> str:
    """The lemma of a name's head word: its last word before a post-modifier.

    >>> head("Network load balancer health checks"), head("Live database of executive contacts"), head("Amazon's own site")
    ('check', 'databas', 'site')
    """
    found = ""
    for word in _WORD.findall(str(name).lower()):
        if word in _POST_MODIFIERS and found:
            break
        found = word
    return lemma(found) if found else ""


@lru_cache(maxsize=200_000)
def _names_of(real: tuple[str, ...], stopwords: frozenset[str]) -> tuple:
    """An item's names as profiles read them, from its real names as told (many items share theirs): the folded
    names in order, each one's head (:func:`head`), each one's words sorted and as a set. The head table is
    shared by the items of these names: it is read, never changed.

    >>> names, heads, keys, sets = _names_of(("Acme's web store", "Acme web store", "Store"), frozenset())
    >>> names, heads, sorted(keys), [len(words) for words in sets]
    (('acme web store', 'store'), {'acme web store': 'stor', 'store': 'stor'}, [('acme', 'store', 'web'), ('store',)], [3, 1])
    """
    heads = {_normalise(n, stopwords): head(n) for n in real}
    names = tuple(sorted(set(heads) - {""}))
    return (names, {n: h for n, h in heads.items() if n}, frozenset(tuple(sorted(n.split())) for n in names),
            tuple(frozenset(n.split()) for n in names))


def profiles(g: "nx.MultiDiGraph", nodes: Iterable[str] | None = None, *, m=None) -> dict[str, Profile]:
    """The profile of each item (not assertions, propositions, questions or judgements).

    ``m`` is the comparison model (:func:`kg.analysis.comparisons.model`), which says what a profile reads;
    :func:`kg.analysis.comparisons.profiles` passes it, so this module needs nothing from that one.
    """
    refs: dict[str, list[tuple[str, frozenset[str], bool]]] = {}  # predicate → (comparison, kinds it reads, same-value)
    for c in m.comparisons:
        if c.kind in ("same-value", "part-whole") and not c.literal:
            refs.setdefault(c.property, []).append((c.name, frozenset(c.options.get("values_of") or ()), c.kind == "same-value"))
    literals = [c for c in m.comparisons if c.kind == "same-value" and c.literal]
    skipped = P.provenance | {P.same_as, P.different_from}
    placeholder = re.compile("|".join(re.escape(p.lower()) for p in m.placeholders)) if m.placeholders else None
    stopwords = m.stopwords
    own_only = frozenset(w for c in m.comparisons if c.kind == "description" for w in c.options.get("own_words_for") or ())
    # one name for the titles the comparisons file calls one ("CEO", "chief executive officer" → "chief executive")
    titles = {c.name: {normalise(v): (normalise(group[0]),) for group in c.options.get("titles") or () for v in group[1:]}
              for c in literals}
    # networkx's own dicts, not its views: the same data, without a view object per lookup
    nodes_view, succ, pred = g._node, g._succ, g._pred
    kinds_of: dict[str, frozenset[str]] = {}

    def kinds(v: str) -> frozenset[str]:
        found = kinds_of.get(v)
        if found is None:
            attrs = nodes_view[v]
            found = kinds_of[v] = frozenset(attrs.get("kinds") or [attrs.get("cls")])
        return found

    said_cache: dict[str, tuple[tuple[str, float], ...]] = {}

    def said_of(prop: str) -> tuple[tuple[str, float], ...]:
        """The lemmas of a proposition's text and of the quotes of its assertions."""
        found = said_cache.get(prop)
        if found is None:
            texts = [str(nodes_view[prop].get("text") or nodes_view[prop].get("label", ""))]
            texts += [str(nodes_view[a].get("quote", "")) for a, e in pred[prop].items() if P.proposition in e]
            found = said_cache[prop] = _text_words(" ".join(texts), m.stopwords)
        return found

    about, party, proposition, read_in = P.about, P.party, P.proposition, P.read_in
    read_cache: dict[str, set[str]] = {}

    def read_where(prop: str) -> set[str]:
        """Where the assertions of a proposition were read (each proposition read once)."""
        found = read_cache.get(prop)
        if found is None:
            found = read_cache[prop] = {v for a, e2 in pred[prop].items() if proposition in e2
                                        for v, e3 in succ[a].items() if read_in in e3}
        return found

    out: dict[str, Profile] = {}
    for node in nodes if nodes is not None else nodes_view:
        attrs = nodes_view[node]
        cls = attrs.get("cls")
        if cls in ITEM_KINDS or cls is None:
            continue
        raw = [str(attrs.get("label", "")), *map(str, attrs.get("aliases", ())), *([str(attrs["title"])] if attrs.get("title") else [])]
        real = [n for n in raw if n and not (placeholder and placeholder.search(n.lower()))]
        names, heads, name_keys, name_sets = _names_of(tuple(real), stopwords)
        values: dict[str, set[str]] = {}
        features = set()
        for v, edges in succ[node].items():
            for key in edges:
                compared = refs.get(key)
                if compared:
                    one_valued = False
                    for name, of, same in compared:
                        if not of or kinds(v) & of:
                            values.setdefault(name, set()).add(v)
                            one_valued = one_valued or same
                    if one_valued:
                        continue
                # a whole (part-whole) is also a neighbour both parts share: context, as well as a contrast
                if key not in skipped and nodes_view[v].get("cls") not in ITEM_KINDS:
                    features.add((key, v))
        for c in literals:
            if attrs.get(c.property):
                value = str(attrs[c.property])
                folded = normalise(value) if c.property != "url" else value.rstrip("/").lower()
                values[c.name] = {folded, *titles.get(c.name, {}).get(folded, ())}
        label_words = _normalise(str(attrs.get("label", "")), stopwords)
        tokens = {t for n in (*names, label_words, *(v for c in literals if c.property == "job_title" for v in values.get(c.name, ())))
                  for t in n.split() if len(t) > 1}
        holders, propositions, stances, sources, questions = set(), set(), {}, set(), set()
        outlet = False
        for u, edges in pred[node].items():
            ucls = nodes_view[u].get("cls")
            for key in edges:
                if ucls == "OpenQuestion" and key == about:
                    questions.add(u)
                elif ucls == "Proposition" and key == about:
                    propositions.add(u)
                    sources.update(read_where(u))
                elif ucls == "Assertion" and key == party:
                    for v, e2 in succ[u].items():
                        if proposition in e2:
                            stances.setdefault(v, set()).add(int(nodes_view[u].get("polarity", 0)))
                        if read_in in e2:
                            sources.add(v)
                elif ucls not in ITEM_KINDS and key not in skipped:
                    holders.add((key, u))
                    outlet = outlet or (key == _PUBLISHER and ucls == "NewsArticle")
        lo, hi = interval(attrs)
        own = dict(_text_words(" ".join([*raw, str(attrs.get("description") or "")]), stopwords))
        # a named thing (a system) is told by its own names and description; what is said of it (its failures,
        # their effects) the other systems of one chain share
        said = {prop: said_of(prop) for prop in propositions} if own_only.isdisjoint(kinds(node)) else {}
        words = merged_words(own, said)
        common = class_words(cls)
        if common:  # the words that say what kind of thing an item is say nothing of which one it is
            own = {w: r for w, r in own.items() if w not in common}
            words = {w: r for w, r in words.items() if w not in common}
        out[node] = Profile(
            node, str(attrs.get("label", node)), cls, frozenset(attrs.get("kinds") or [cls]), str(attrs.get("case", "")),
            attrs.get("review", "reviewed") != "reviewed", names, bool(raw) and not names, lo, hi,
            str(attrs.get("date_text", "")).strip().lower(), {k: frozenset(v) for k, v in values.items()}, frozenset(tokens),
            frozenset(features), frozenset(holders), frozenset(propositions), {k: frozenset(v) for k, v in stances.items()},
            frozenset(sources), name_keys, name_sets,
            tuple(label_words.split()), {}, frozenset(questions), own, said, words,
            outlet,
            heads,
        )
    return out


