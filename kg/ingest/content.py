"""What a claim says, and how near two claims are: the scores :mod:`kg.ingest.linking` matches claims by.

A claim's :class:`Content` is the lemmas of its content words (each weighted by how rare it is, in
English, ``wordfreq``, and among the claims of the case), the items it names (its ``about`` ids) and its
figures. :func:`similarity` is a weighted overlap of lemmas, raised when the claims name the same items and
lowered when each names items the other does not; with word vectors a word near in meaning to one of the
other claim's counts in part.

>>> a, b = content_of("A database upgrade caused the payroll outage."), content_of("The upgrade caused the outage.")
>>> round(similarity(a, b), 2), round(exact_share(a, b), 2)
(0.7, 0.7)
"""

from __future__ import annotations

import re
from math import fsum
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Mapping

from kg.ingest.figures import NUMBER_WORDS, numbers_in
from kg.ingest.lemmas import simple_lemmas

__all__ = ["Content", "content_of", "set_aside", "concept_of", "similarity", "exact_share", "CONCEPTS", "SYNONYMS", "NEAR_FROM", "NEAR_AT"]

# Function words, and words every claim in a case about incidents shares; neither tells two claims apart.
_STOP = frozenset(
    """a an the of to in on at by for from with as and or but nor if then than that this these those there
    it its it's they them their he him his she her we us our you your i me my be is are was were been being
    am have has had having do does did done will would shall should can could may might must not no none
    never also only just even still yet so such very more most less least some any all each every both either
    neither other another one which who whom whose what when where why how whether while because although
    though since until after before during into onto over under about against between among through per via
    said say says told tell stated state according -pron- least much many several few own same""".split()
)
#: Words that say one thing in a dispute, as named rows (concept, lemmas): "was responsible for the delays" and
#: "caused the outage" both say who caused the harm. A lemma of a row counts as its concept when claims are compared.
CONCEPTS: tuple[tuple[str, str], ...] = (
    ("cause", "cause blame responsible responsibility fault culprit trigger"),
    ("harm", "harm damage loss outage disruption delay meltdown catastrophe chaos disaster crash blackout"),
    ("failing", "fail failure neglect negligence negligent mishandle lackluster"),
    ("help", "help assistance assist offer support aid"),
    ("refusal", "refuse decline ignore"),
    ("compliance", "comply compliance obligation requirement regulation"),
    ("sufficiency", "enough sufficient adequate capacity redundancy"),
    ("avoidable", "prevent preventable avoid avoidable"),
)
#: Words for one thing, as named rows (the word they count as, lemmas): unlike :data:`CONCEPTS` they are what a
#: claim is about, so two claims sharing one share more than a dispute's words ("the outage has the hallmarks of
#: a hack" and "the outage was not caused by a cyberattack"). Not "attack" alone: "the MP attacked him".
SYNONYMS: tuple[tuple[str, str], ...] = (
    ("cyberattack", "cyberattack cyber-attack cyber hack hacker hacking tamper tampering intrusion"),
)
_CONCEPT_OF = {lemma: f"~{name}" for name, lemmas in CONCEPTS for lemma in lemmas.split()} | {
    lemma: name for name, lemmas in SYNONYMS for lemma in lemmas.split()}


def concept_of(lemma: str) -> str:
    """The concept of :data:`CONCEPTS` a lemma says, else the lemma.

    >>> concept_of("blame"), concept_of("responsible"), concept_of("router")
    ('~cause', '~cause', 'router')
    """
    return _CONCEPT_OF.get(lemma, lemma)


@lru_cache(maxsize=4096)
def _commonness(lemma: str) -> float:
    """How little a word tells, from its frequency in English: 0.15 (very common) to 1.0 (rare)."""
    if lemma.startswith("~"):
        return 0.6  # a concept of :data:`CONCEPTS`: common words, but they carry the dispute
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # the ingest extra brings it; without it, every word counts the same
        return 1.0
    return min(1.0, max(0.15, (7.5 - zipf_frequency(lemma, "en")) / 4))


@dataclass(frozen=True)
class Content:
    """What a claim says: content lemmas, the items it names, its figures."""

    lemmas: frozenset[str]
    about: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()
    #: The lemmas of the proper names of items it is about (:func:`with_items`).
    named: frozenset[str] = frozenset()


#: "X rather than Y", "X instead of Y", "X, not Y": the alternative a claim sets aside, up to the clause's end
#: or a clause that follows it ("... instead of working after a fire hit": the fire stays).
_SET_ASIDE = re.compile(r"(?:,?[ ](?:rather[ ]than|instead[ ]of)|,[ ]not(?![ ](?:only|just|merely|simply|least|yet|all)\b))"
                        r"(?:[ ](?!(?:after|before|when|while|because|since|until|although|though|which|who|and|but)\b)[^ .;:!?,]+)+", re.IGNORECASE)


def set_aside(claim: str) -> str:
    """``claim`` without the alternative it sets aside: what it asserts, neither denied nor claimed.

    >>> set_aside("the outage was caused by a configuration error rather than a cyberattack.")
    'the outage was caused by a configuration error.'
    >>> set_aside("it was a configuration error, not a cyberattack"), set_aside("slow all day, not only at night")
    ('it was a configuration error', 'slow all day, not only at night')
    >>> set_aside("the boss went to bed instead of working through the night after a fire hit a substation")
    'the boss went to bed after a fire hit a substation'
    """
    return _SET_ASIDE.sub("", claim)


def content_of(text: str, about: Iterable[str] = (), lemmas: Iterable[str] | None = None) -> Content:
    """The :class:`Content` of a claim's ``text``; ``lemmas`` from a parser, when there is one.

    >>> c = content_of("Only one incident was related to AI.", {"amazon"})
    >>> sorted(c.lemmas), sorted(c.about), sorted(c.numbers)
    (['ai', 'incident', 'relate'], ['amazon'], ['1'])
    >>> sorted(content_of("The vendor was responsible for the delays.").lemmas)
    ['vendor', '~cause', '~harm']
    """
    words = simple_lemmas(text) if lemmas is None else [str(w).lower() for w in lemmas]
    kept = frozenset(_CONCEPT_OF.get(w, w) for w in words if w not in _STOP and len(w) > 1 and not w.isdigit() and w not in NUMBER_WORDS)
    return Content(kept, frozenset(about), numbers_in(text))


def proper_name(name: str) -> bool:
    """Whether ``name`` is written as a proper name, every word but function words capitalised: an item
    drafted by describing it ("trend of incidents", "checkout outage") has no name to count as the item.

    >>> proper_name("Northwind Airlines"), proper_name("Notice to Airmen"), proper_name("Globex checkout outage")
    (True, True, False)
    """
    words = re.findall(r"[^\W_]+", name)
    return bool(words) and all(w[0].isupper() or w[0].isdigit() or w.lower() in _STOP for w in words)


def with_items(content: Content, names: Mapping[str, Iterable[frozenset[str]]]) -> Content:
    """``content`` knowing the lemmas of the names of the items it is about (``names``: item → its names'
    lemmas), found in it: two claims sharing only a name are not one claim (:func:`similarity`).

    >>> c = content_of("Northwind Airlines grounded its fleet.", {"northwind"})
    >>> sorted(with_items(c, {"northwind": [frozenset({"northwind", "airline"})]}).named)
    ['airline', 'northwind']
    """
    named = set()
    for item in sorted(content.about):
        for words in names.get(item, ()):
            if words and words <= content.lemmas:
                named |= words
    return Content(content.lemmas, content.about, content.numbers, frozenset(named))


#: Word vectors' cosine below which two different words count as unrelated, and at or above which as one word;
#: between them a word earns part of a match. Measured on the gold sides of the tuned real incidents'
#: disputes (benchmarks/linking_calibration.py): with these, the area under the curve of same-dispute
#: against other-dispute pairs is 0.72, against 0.67 for lemmas alone.
NEAR_FROM, NEAR_AT = 0.3, 0.7


def _credit(word: str, other: frozenset[str], vectors) -> float:
    """How much of ``word`` the lemmas ``other`` hold: 1 for the lemma itself, else (with ``vectors``)
    its nearest word's share of the way from :data:`NEAR_FROM` to :data:`NEAR_AT`."""
    if word in other:
        return 1.0
    if vectors is None or word.startswith("~"):
        return 0.0
    near = max((vectors.similarity(word, w) for w in other if not w.startswith("~")), default=0.0)
    return min(1.0, max(0.0, (near - NEAR_FROM) / (NEAR_AT - NEAR_FROM)))


def _shared(a: Content, b: Content, weight: Callable[[str], float], vectors) -> float:
    """The weight of ``a``'s lemmas found in ``b`` (in part, for words near in meaning)."""
    return fsum(weight(w) * _credit(w, b.lemmas, vectors) for w in a.lemmas)


def similarity(a: Content, b: Content, weight: Callable[[str], float] = _commonness, *, reply: bool = False,
               vectors=None) -> float:
    """How surely ``a`` and ``b`` say the same thing, 0–1: weighted lemma overlap, the items they name.

    A reply is read more leniently (what it answers may be stated more broadly), so the share
    of the shorter claim found in the longer counts for more. With ``vectors``
    (:class:`kg.ingest.vectors.WordVectors`), a word near in meaning to one of the other claim's
    counts in part.

    >>> x = content_of("AI-written code was involved.")
    >>> round(similarity(x, content_of("At least one involved AI-written code.")), 2)
    1.0
    >>> round(similarity(x, content_of("The meeting reviewed the website's availability.")), 2)
    0.0
    >>> a, b = content_of("Northwind Airlines hired a chief.", {"nw"}), content_of("Northwind Airlines stranded people.", {"nw"})
    >>> round(similarity(a, b), 2), similarity(with_items(a, {"nw": [frozenset({"northwind", "airline"})]}), b)
    (0.65, 0.0)
    """
    if not a.lemmas or not b.lemmas:
        return 0.0
    named = a.named | b.named
    if named and not any(w not in named and _credit(w, b.lemmas, vectors) >= 0.5 for w in a.lemmas):
        return 0.0  # they share a name and nothing else: two things said of one company
    total_a, total_b = fsum(weight(w) for w in a.lemmas), fsum(weight(w) for w in b.lemmas)
    shared_a, shared_b = _shared(a, b, weight, vectors), _shared(b, a, weight, vectors)
    dice = (shared_a + shared_b) / (total_a + total_b)
    # How much of the shorter claim the longer holds counts exact lemmas only: a long claim has a word
    # near almost any short claim's words.
    exact = fsum(weight(w) for w in a.lemmas & b.lemmas)
    contained = exact / min(total_a, total_b)
    score = 0.4 * dice + 0.6 * contained if reply else dice
    if a.about and b.about:
        score += 0.08 if a.about & b.about else -0.08
    return max(0.0, min(1.0, score))




def exact_share(a: Content, b: Content, weight: Callable[[str], float] = _commonness) -> float:
    """The weighted share of two claims' lemmas they both have as they stand (no near words), 0-1.

    >>> round(exact_share(content_of("The upgrade caused the outage."), content_of("An upgrade caused it.")), 2)
    0.83
    """
    total = fsum(weight(w) for w in a.lemmas) + fsum(weight(w) for w in b.lemmas)
    return 2 * fsum(weight(w) for w in a.lemmas & b.lemmas) / total if total else 0.0


def _coverage(a: Content, b: Content, weight: Callable[[str], float], vectors=None) -> float:
    """The share of ``b``'s weighted lemmas that ``a`` has too."""
    total = fsum(weight(w) for w in b.lemmas)
    return _shared(b, a, weight, vectors) / total if total else 0.0


def _shares_more_than_concepts(a: Content, b: Content, vectors=None) -> bool:
    """Do two claims share an item or a word beyond :data:`CONCEPTS` (or, with ``vectors``, a word and
    one at least halfway near it)? "The weather caused the outage" and "a faulty router caused the
    outage" share only what every dispute about a cause says.

    >>> _shares_more_than_concepts(content_of("The weather caused the outage."), content_of("A router caused the outage."))
    False
    """
    if a.about & b.about:
        return True
    return any(not w.startswith("~") and _credit(w, b.lemmas, vectors) >= 0.5 for w in a.lemmas)
