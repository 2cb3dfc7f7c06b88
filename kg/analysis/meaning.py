"""Items compared by meaning: the words of their names and descriptions as one vector, by word vectors.

"Data loss" and "database deletion", "the shop" and "the retail site": the
words differ, their meanings are near. Each item's labels, aliases, title and
description become one vector: the sum of its content words' unit vectors
(:func:`kg.ingest.nlp.word_vectors`), each weighted by its rarity in English,
so "outage" weighs more than "said". Two items are as near as the cosine of
their vectors. Without installed vectors every pair is ``missing``, which
weighs nothing: identity works as before.

>>> import numpy as np
>>> from kg.ingest.vectors import WordVectors
>>> wv = WordVectors({"outage": np.array([1.0, 0.0]), "disruption": np.array([0.9, 0.1]), "lawsuit": np.array([0.0, 1.0])})
>>> a, b, c = (meaning_vector(t, wv) for t in ("The outage", "A disruption", "The lawsuit"))
>>> round(cosine(a, b), 2), round(cosine(a, c), 2), meaning_vector("the of", wv)
(0.99, 0.0, None)
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["meaning_vector", "cosine", "installed_vectors", "item_text", "vector_of", "meaning_level", "meaning_levels"]

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
#: A word's weight is how much rarer than this it is in English (Zipf scale); one wordfreq has never seen weighs _UNSEEN.
_CEILING = 7.0
_UNSEEN = 4.0
#: Words that say nothing of what an item is, whatever their frequency.
_EMPTY = frozenset("the a an of for and or on in at to by with from as is was were be been its it this that their".split())


@lru_cache(maxsize=1)
def installed_vectors():
    """The installed word vectors, or None (quietly: identity then compares by words alone)."""
    import warnings

    try:
        from kg.ingest.nlp import word_vectors
    except ImportError:  # pragma: no cover - a bare install without the ingest extras
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return word_vectors()
        except ImportError:  # spaCy missing: no way to read the table
            return None


@lru_cache(maxsize=500_000)
def _weight(word: str) -> float:
    from kg.analysis.profiles import _zipf

    zipf = _zipf()
    if zipf is None:
        return 1.0
    z = zipf(word, "en")
    return max(0.0, _CEILING - z) if z > 0 else _UNSEEN


def meaning_vector(text: str, vectors, weight=None, names=frozenset()):
    """The unit vector of a text's content words, each weighted by its rarity; None when no word has a vector.

    ``weight(word)``, if given, scales each word's rarity (how rare it is among the items of the class);
    ``names`` are words left out (those that name the item's neighbours).
    """
    import numpy as np

    total = None
    for word in _WORD.findall(str(text).lower()):
        if len(word) < 2 or word in _EMPTY or word in names or any(ch.isdigit() for ch in word):
            continue  # numbers and dates say how many and when, not what
        w = _weight(word) * (weight(word) if weight else 1.0)
        v = vectors.get(word) if w else None
        if v is None:
            continue
        total = w * v if total is None else total + w * v
    if total is None:
        return None
    norm = float(np.linalg.norm(total))
    return (total / norm).astype(np.float32) if norm else None


def cosine(a, b) -> float:
    """The cosine of two unit vectors, summed as the batch of :mod:`kg.analysis.weighing` sums each pair's."""
    import numpy as np

    return float(np.einsum("ij,ij->i", a[None, :], b[None, :])[0])


def item_text(attrs: dict) -> str:
    """What an item says of itself: its labels, aliases, title and description."""
    parts = [attrs.get("label"), *attrs.get("aliases", ()), attrs.get("title"), attrs.get("description")]
    return " ".join(str(p) for p in parts if p)


def vector_of(ctx, p):
    """The meaning vector of a profile's item, kept on the context (None without vectors or known words).

    A word weighs its rarity in English, and nothing when it says what kind of thing the item is
    (:func:`kg.analysis.profiles.class_words`: "outage" of an incident); the words that name the item's
    neighbours (the company an outage hit) are left out: the other comparisons weigh those.

    >>> from kg.analysis.comparisons import Context, profiles
    >>> from kg.analysis.nxgraph import EXAMPLE, from_turtle
    >>> g = from_turtle('''
    ... :n a kg:Organization ; rdfs:label "North Ltd" .  :s a kg:Organization ; rdfs:label "South plc" .
    ... :a a kg:Incident ; rdfs:label "North Ltd outage" ; kg:affected :n .
    ... :b a kg:Incident ; rdfs:label "South plc outage" ; kg:affected :s .
    ... ''')
    >>> found = profiles(g)
    >>> vector_of(Context(g, found), found[EXAMPLE + "a"]) is None  # "outage" says it is an incident
    True
    """
    cache = ctx.__dict__.setdefault("_meanings", {})
    found = cache.get(p.node, False)
    if found is False:
        found = None
        if installed_vectors() is not None:
            label_words = ctx.__dict__.setdefault("_label_words", {})  # a neighbour's words, read once
            names: set[str] = set()
            for n in _neighbours(p):
                words = label_words.get(n)
                if words is None:
                    words = label_words[n] = frozenset(_WORD.findall(ctx.label(n).lower()))
                names |= words
            found = _words_vector(_content_words(item_text(ctx.g._node[p.node]), frozenset(names)), p.cls)
        cache[p.node] = found
    return found


def _content_words(text: str, names: frozenset[str]) -> tuple[str, ...]:
    """The words of a text :func:`meaning_vector` may weigh, in order (the words of ``names`` left out)."""
    return tuple(w for w in _WORD.findall(str(text).lower())
                 if len(w) >= 2 and w not in _EMPTY and w not in names and not any(ch.isdigit() for ch in w))


@lru_cache(maxsize=200_000)
def _words_vector(words: tuple[str, ...], cls: str):
    """The meaning vector of an item of ``cls`` with these content words: a word that says what kind of thing
    the item is weighs nothing. Many items share their words (the dates and the names differ)."""
    from kg.analysis.profiles import class_words, lemma

    common = class_words(cls)
    return meaning_vector(" ".join(words), installed_vectors(), lambda w: 0.0 if lemma(w) in common else 1.0)


def _neighbours(p) -> set[str]:
    """The items a profile's item points at: its values and its typed neighbours."""
    return {v for vs in p.values.values() for v in vs} | {n for _, n in p.features}


def meaning_level(c, a, b, ctx, facts: bool, level: str | None = None):
    """The level of a ``meaning`` comparison for one pair (:func:`meaning_levels`), and the cosine when asked."""
    from kg.analysis.comparisons import Outcome, fact_pairs

    level = level or meaning_levels(c, [a], [b], ctx)[0]
    if not facts or level == "missing":
        return Outcome(level)
    return Outcome(level, fact_pairs(similarity=round(cosine(vector_of(ctx, a), vector_of(ctx, b)), 2)))


def meaning_levels(c, left: list, right: list, ctx) -> list[str]:
    """The level of each pair: the first whose ``at_least`` the cosine of the two items' meaning vectors
    reaches, else ``far`` (``missing`` without a vector), for all pairs at once."""
    import numpy as np

    from kg.analysis.level_arrays import BLOCK, at_levels

    rows: dict[str, int] = {}
    vectors = []
    for p in (*left, *right):
        if p.node not in rows:
            rows[p.node] = len(vectors)
            vectors.append(vector_of(ctx, p))
    known = np.fromiter((v is not None for v in vectors), dtype=bool, count=len(vectors))
    if not known.any():
        return ["missing"] * len(left)
    width = next(v for v in vectors if v is not None).shape[0]
    table = np.zeros((len(vectors), width), dtype=np.float32)
    for i, v in enumerate(vectors):
        if v is not None:
            table[i] = v
    a = np.fromiter((rows[p.node] for p in left), dtype=np.int64, count=len(left))
    b = np.fromiter((rows[p.node] for p in right), dtype=np.int64, count=len(right))
    similarity = np.empty(len(a), dtype=table.dtype)
    for start in range(0, len(a), BLOCK):  # a block at a time: the pairs' rows of the table would be gigabytes at 100k
        end = start + BLOCK
        similarity[start:end] = np.einsum("ij,ij->i", table[a[start:end]], table[b[start:end]])
    found = at_levels(c, similarity, "far")
    found[~(known[a] & known[b])] = "missing"
    return found.tolist()
