"""Matching a drafted claim to the claims the case already holds: one proposition, each party's stance.

A follow-up article often restates a claim the case (or an earlier draft, or
an earlier sentence) already has: "Initech denied that a database upgrade
caused the payroll outage" takes a stance on the case's "A database upgrade
caused the payroll outage." The draft then adds an assertion on *that*
proposition, so the analysis sees two parties on one claim.

What a claim says is its :class:`Content`:

- the lemmas of its content words, each weighted by how rare it is, in
  English (``wordfreq``) and among the claims of the case;
- the items it names (its ``about`` ids);
- its numbers. Two claims with different figures ("40,000 customers" and "40
  customers") are never one claim: they stay two, with a note naming the
  other figure.

The score of a pair is a weighted overlap of lemmas, raised when the claims
name the same items and lowered when each names items the other does not. A
clear winner at or above :data:`LINK` is a link; a weaker one (down to
:data:`HINT`), or a close second, leaves the claim separate with a hint
naming the candidates. A *reply* (the text's own frame says the claim answers
another: "disputed that", "rejected the claim that", "in contrast", a
narrowing) links at :data:`REPLY_LINK`, and only to a claim another party
made.

>>> index = PropositionIndex()
>>> index.add("upgrade-caused", "A database upgrade caused the payroll outage.", {"payroll-outage"})
>>> index.add("tested", "The upgrade had been tested.", set())
>>> m = index.match("A database upgrade caused the payroll outage.", {"payroll-outage"})
>>> m.link, m.confidence
('upgrade-caused', 1.0)
>>> index.match("The weather was fine.", set()).link is None
True
>>> index.add("many-affected", "40,000 customers were affected.", set())
>>> m = index.match("40 customers were affected.", set())
>>> m.link, m.conflicts
(None, [('many-affected', '40000 against 40')])
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Iterable

from kg.ingest.content import (
    CONCEPTS,
    Content,
    _commonness,
    _coverage,
    _credit,
    _shares_more_than_concepts,
    concept_of,
    content_of,
    exact_share,
    proper_name,
    set_aside,
    similarity,
    with_items,
)
from kg.ingest.figures import numbers_in
from kg.ingest.lemmas import Lemmatizer, parser_lemmas, simple_lemmas

__all__ = [
    "Content",
    "PropositionIndex",
    "PropositionMatch",
    "content_of",
    "numbers_in",
    "simple_lemmas",
    "similarity",
    "parser_lemmas",
    "LINK",
    "HINT",
    "REPLY_LINK",
    "CONTRAST_LINK",
    "CONCEPTS",
    "ANSWER_LINK",
    "ANSWER_LINK_VECTORS",
    "RESTATE_EXACT",
    "exact_share",
]

#: Score (0–1) at or above which a drafted claim becomes an assertion on the existing proposition.
LINK = 0.7
#: Score at or above which the claim stays separate but its note names the candidate.
HINT = 0.45
#: A reply (its frame says it answers another party's claim) links at this score, read leniently.
REPLY_LINK = 0.6
#: A counter-account ("in contrast, ...") links to the claim nearby it is closest to, from this score.
CONTRAST_LINK = 0.3
#: A claim on the other side of what another party said (a denial of an assertion, or the reverse) links from this score.
ANSWER_LINK = 0.45
#: ... and from this score with word vectors (the parser's reading). One run of benchmarks/ingest_eval.py's
#: contested per incident on the tuned real incidents, with vectors, at 0.45, 0.4 and 0.35: 12, 11 and 13 of 18
#: recovered (38, 35 and 37 listed); 0.35 recovers a dispute in two incidents the others miss (a faulty flight
#: plan, plants that disconnected improperly). Without vectors 0.35 recovers fewer (5 of 18 against 6), so the
#: rules keep :data:`ANSWER_LINK`. benchmarks/linking_calibration.py shows how weakly any one score tells the
#: sides of one dispute from two disputes (Youden's J at most 0.18).
ANSWER_LINK_VECTORS = 0.35
#: ... and only when it shares this much of the claim it answers (weighted).
ANSWER_COVERAGE = 0.25
#: What sharing an item or a figure adds to a nearby claim's score as the one a reply answers.
SHARED_BONUS = 0.1
#: A second candidate this close to the best makes the match ambiguous.
MARGIN = 0.04
#: A restatement (a link with no reply frame) also shares this much of the two claims' weighted lemmas as they
#: stand, near words aside: a long claim has a word near almost any other claim's words, so a similarity
#: from near words alone joined "the fire came from a known fault" to "the network could supply enough
#: power despite the fire". Measured on the gold sides of the tuned real incidents' disputes
#: (benchmarks/linking_calibration.py): of the pairs scoring at least 0.5, it keeps 18 of 19 pairs of one
#: side of one dispute and 7 of 14 pairs of two disputes.
RESTATE_EXACT = 0.25


@dataclass
class PropositionMatch:
    """The outcome of matching one claim.

    ``link`` is the id it restates (with ``confidence``); otherwise ``hints`` name ids it may
    restate, and ``conflicts`` ids worded alike that state another figure.
    """

    link: str | None = None
    confidence: float = 0.0
    hints: list[tuple[str, float]] = field(default_factory=list)
    conflicts: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Entry:
    id: str
    text: str
    about: frozenset[str]
    content: Content | None = None  # worked out with the others still waiting, in one batch
    parties: dict[str, int] = field(default_factory=dict)  # party → polarity of its latest stance


_POLARITY = {"asserts": 1, "confirms": 1, "denies": -1, "disputes": -1, "narrows": -1, "hedges": 0}

class PropositionIndex:
    """The propositions of the case and of the drafts so far, with their content, for matching.

    ``lemmatize`` gives the lemmas of a batch of texts (:func:`parser_lemmas` when ingest reads
    with the parser); by default :func:`simple_lemmas`. The case's propositions are lemmatized
    together, at the first match. Each word's weight is its English rarity times its rarity
    among these propositions.
    """

    def __init__(self, lemmatize: Lemmatizer | None = None, vectors=None):
        self.lemmatize = lemmatize
        self.vectors = vectors
        self._entries: list[_Entry] = []
        self._position: dict[str, int] = {}
        self._df: dict[str, int] = {}
        self._waiting: list[_Entry] = []
        #: Proposition id → the incidents of the article its claim was read in (:mod:`kg.ingest.aspects`).
        self.incidents: dict[str, frozenset[str]] = {}
        #: Ids left out of :meth:`match` (unless named in ``among``) and :meth:`entries`: the other articles'
        #: propositions while one article is drafted, matched after all are (:mod:`kg.ingest.across`).
        self.hidden: set[str] = set()
        #: Whether the run drafts more than one article, so its propositions are matched across them after all
        #: are drafted: a claim that only its stance says answers a nearby one then waits for that.
        self.across = False
        #: Item id → its proper names as written, and a name → its content lemmas (:meth:`name`, :func:`with_items`).
        self._names: dict[str, set[str]] = {}
        self._name_lemmas: dict[str, frozenset[str]] = {}

    @property
    def answer_link(self) -> float:
        """The score from which a claim on the other side of another party's answers it: :data:`ANSWER_LINK`,
        or :data:`ANSWER_LINK_VECTORS` when words near in meaning count too."""
        return ANSWER_LINK if self.vectors is None else ANSWER_LINK_VECTORS

    def __len__(self) -> int:
        return len(self._entries)

    def _lemmas(self, texts: list[str]) -> list[list[str] | None]:
        return list(self.lemmatize(texts)) if self.lemmatize and texts else [None] * len(texts)

    def name(self, item_id: str, *names: str) -> None:
        """Record names ``item_id`` is written by: two claims about it that share only one of its proper names
        (:func:`proper_name`) and no other word are not one claim."""
        self._names.setdefault(item_id, set()).update(n for n in names if proper_name(n))

    def _itemized(self, content: Content) -> Content:
        """``content`` knowing which of its lemmas name the items it is about (:func:`with_items`)."""
        named = sorted({n for item in content.about for n in self._names.get(item, ()) if n not in self._name_lemmas})
        for name, lemmas in zip(named, self._lemmas(named)):
            self._name_lemmas[name] = content_of(name, (), lemmas).lemmas
        return with_items(content, {item: [self._name_lemmas[n] for n in sorted(self._names.get(item, ()))] for item in content.about})

    def content(self, text: str, about: Iterable[str] = ()) -> Content:
        """The :class:`Content` of ``text``, with this index's lemmatizer."""
        kept = set_aside(text)  # "X rather than Y" says nothing for Y
        return self._itemized(content_of(kept, about, self._lemmas([kept])[0]))

    def _ready(self) -> None:
        if not self._waiting:
            return
        waiting, self._waiting = self._waiting, []
        kept = [set_aside(e.text) for e in waiting]
        for entry, text, lemmas in zip(waiting, kept, self._lemmas(kept)):
            entry.content = self._itemized(content_of(text, entry.about, lemmas))
            for lemma in entry.content.lemmas:
                self._df[lemma] = self._df.get(lemma, 0) + 1

    def add(self, item_id: str, text: str, about: Iterable[str], assertions: Iterable[tuple[str, str]] = ()) -> None:
        """Record a proposition (more items it is about, when it is known already), and its parties' stances."""
        if item_id in self._position:
            entry = self._entries[self._position[item_id]]
            entry.about |= frozenset(about)
            if entry.content is not None:
                entry.content = Content(entry.content.lemmas, entry.about, entry.content.numbers, entry.content.named)
        else:
            entry = _Entry(item_id, text, frozenset(about))
            self._position[item_id] = len(self._entries)
            self._entries.append(entry)
            self._waiting.append(entry)
        for party, stance in assertions:
            self.stance(item_id, party, stance)

    def score(self, text: str, about: Iterable[str], item_id: str) -> float:
        """How surely ``text`` says what the proposition ``item_id`` says (:func:`similarity`), figures aside."""
        if item_id not in self._position:
            return 0.0
        self._ready()
        return similarity(self.content(text, about), self._entries[self._position[item_id]].content, self.weight, vectors=self.vectors)

    def entries(self) -> list[tuple[str, str, Content]]:
        """(id, text, content) of every proposition not :attr:`hidden`, in the order they were added."""
        self._ready()
        return [(entry.id, entry.text, entry.content) for entry in self._entries if entry.id not in self.hidden]

    def text(self, item_id: str) -> str:
        """The text of the proposition ``item_id`` ("" when it is not held)."""
        return self._entries[self._position[item_id]].text if item_id in self._position else ""

    def parties(self, item_id: str) -> dict[str, int]:
        """The parties of the proposition ``item_id``, each with the polarity of its latest stance."""
        return dict(self._entries[self._position[item_id]].parties) if item_id in self._position else {}

    def ids(self, where: Callable[[str], bool]) -> list[str]:
        """The ids of the propositions whose text ``where`` accepts, in the order they were added."""
        return [entry.id for entry in self._entries if where(entry.text)]

    def stance(self, item_id: str, party: str, stance: str) -> None:
        """Record that ``party`` takes ``stance`` on the proposition ``item_id``."""
        if item_id in self._position and stance in _POLARITY:
            self._entries[self._position[item_id]].parties[party] = _POLARITY[stance]

    def polarity(self, item_id: str, party: str | None = None) -> int:
        """The side of the proposition's parties other than ``party``: 1 affirming, -1 opposing, 0 neither or both."""
        if item_id not in self._position:
            return 0
        sides = {p for who, p in self._entries[self._position[item_id]].parties.items() if who != party and p}
        return sides.pop() if len(sides) == 1 else 0

    def nearest_answered(self, text: str, about: Iterable[str] = (), *, party: str | None, candidates: Iterable[str],
                         against: int = 0, link_at: float | None = CONTRAST_LINK) -> PropositionMatch:
        """The claim a reply answers among ``candidates`` (nearby claims, nearest first): one that another party
        holds on one side (the side opposite ``against``, when given), scoring highest on its words
        (:func:`similarity`, read as a reply) plus :data:`SHARED_BONUS` when the two share an item or a figure,
        from ``link_at`` (None: whatever the score). The nearer wins a tie. Its ``confidence`` is the score.

        >>> index = PropositionIndex()
        >>> index.add("late", "The fix for the payroll outage came late.", {"payroll"}, [("union", "asserts")])
        >>> index.add("rain", "It rained all week.", set(), [("union", "asserts")])
        >>> index.nearest_answered("The payroll fix came on time.", {"payroll"}, party="initech", candidates=["rain", "late"]).link
        'late'
        >>> index.nearest_answered("Engineers worked all night.", party="initech", candidates=["rain", "late"]).link is None
        True
        >>> index.nearest_answered("Engineers worked all night.", party="initech", candidates=["rain", "late"], link_at=None).link
        'rain'
        """
        self._ready()
        mine = self.content(text, about)
        best: tuple[float, str] | None = None
        for item_id in candidates:
            if item_id not in self._position:
                continue
            side = self.polarity(item_id, party)
            if not side or (against and side != -against):
                continue
            theirs = self._entries[self._position[item_id]].content
            score = similarity(mine, theirs, self.weight, reply=True, vectors=self.vectors)
            score += SHARED_BONUS if mine.about & theirs.about or mine.numbers & theirs.numbers else 0.0
            if (link_at is None or score >= link_at) and (best is None or score > best[0]):
                best = (score, item_id)
        return PropositionMatch(link=best[1], confidence=round(min(1.0, best[0]), 2)) if best else PropositionMatch()

    def weight(self, lemma: str) -> float:
        """A lemma's weight: its English rarity times its rarity among the case's propositions."""
        n = len(self._entries) + 1
        return _commonness(lemma) * (1.0 + math.log(n / (1 + self._df.get(lemma, 0))) / math.log(n + 1)) / 2 if n > 1 else _commonness(lemma)

    def match(self, text: str, about: Iterable[str] = (), *, party: str | None = None, reply: bool = False,
              among: Iterable[str] | None = None, figures: bool = True, link_at: float | None = None,
              against: int = 0) -> PropositionMatch:
        """The proposition ``text`` restates (or, for a ``reply``, answers), if one clearly does.

        A reply by ``party`` links only to a proposition some other party holds. ``among`` limits
        the candidates; ``figures=False`` ignores numbers (a narrowing states a smaller figure on
        purpose); ``link_at`` replaces the score a link needs; ``against`` (1 or -1, the polarity of
        ``text``'s own stance) keeps only propositions whose other parties take the opposite side.
        """
        if not self._entries:
            return PropositionMatch()
        self._ready()
        mine = self.content(text, about)
        if not mine.lemmas:
            return PropositionMatch()
        allowed = set(among) if among is not None else None
        scored: list[tuple[float, str]] = []
        conflicts: list[tuple[str, str]] = []
        for entry in self._entries:
            if entry.id not in allowed if allowed is not None else entry.id in self.hidden:
                continue
            if reply and not any(who != party for who in entry.parties):
                continue
            if against and (self.polarity(entry.id, party) != -against
                            or not _shares_more_than_concepts(mine, entry.content, self.vectors)
                            or _coverage(mine, entry.content, self.weight, self.vectors) < ANSWER_COVERAGE):
                continue  # an answer says much of what it answers, not a few words of a long passage
            score = similarity(mine, entry.content, self.weight, reply=reply, vectors=self.vectors)
            if score < HINT - 0.1 and not reply:
                continue
            if figures and mine.numbers - entry.content.numbers and entry.content.numbers - mine.numbers:
                # Each states a figure the other does not: "40,000 customers" against "40 customers".
                if score >= HINT:
                    theirs, ours = ", ".join(sorted(entry.content.numbers)), ", ".join(sorted(mine.numbers))
                    conflicts.append((entry.id, f"{theirs} against {ours}"))
                continue
            scored.append((round(score, 2), entry.id))
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        link_at = link_at if link_at is not None else REPLY_LINK if reply else LINK
        if not scored or scored[0][0] < min(link_at, HINT):
            return PropositionMatch(conflicts=conflicts)
        best_score, best = scored[0]
        rivals = [(i, s) for s, i in scored[1:] if s >= min(link_at, HINT) and best_score - s < MARGIN]
        restates = reply or against or exact_share(mine, self._entries[self._position[best]].content, self.weight) >= RESTATE_EXACT
        if best_score >= link_at and not rivals and restates:
            return PropositionMatch(link=best, confidence=best_score, conflicts=conflicts)
        return PropositionMatch(hints=[(best, best_score)] + rivals, conflicts=conflicts)
