"""Linking a drafted claim to a proposition the record already holds.

A follow-up article often restates a claim the case (or an earlier draft)
already has: "Initech denied that a database upgrade caused the payroll
outage" takes a stance on the case's "A database upgrade caused the payroll
outage." The draft should then add an assertion on *that* proposition, not a
new sentence that nobody else takes a stance on.

The match is rapidfuzz's ``token_set_ratio`` over the two texts (case and
punctuation aside), raised a little when they concern the same entities and
lowered when they share none. A clear winner above :data:`LINK` is a link;
a close second (or a score between :data:`HINT` and :data:`LINK`) leaves the
claim separate, with a hint naming the candidates.

>>> index = PropositionIndex()
>>> index.add("upgrade-caused", "A database upgrade caused the payroll outage.", {"payroll-outage"})
>>> index.add("tested", "The upgrade had been tested.", set())
>>> m = index.match("A database upgrade caused the payroll outage.", {"payroll-outage"})
>>> m.link, m.confidence
('upgrade-caused', 1.0)
>>> index.match("The weather was fine.", set()).link is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["PropositionIndex", "PropositionMatch", "LINK", "HINT"]

#: Score (0–100) at or above which a drafted claim is written as an assertion on the existing proposition.
LINK = 88.0
#: Score at or above which the claim stays separate but its note names the candidate.
HINT = 70.0
#: A second candidate this close to the best makes the match ambiguous.
MARGIN = 4.0
_STOP = {"the", "a", "an", "that", "it", "its", "was", "were", "had", "has", "have", "been", "be", "is", "are"}


def _fold(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
    return " ".join(w for w in words if w not in _STOP)


@dataclass
class PropositionMatch:
    """The outcome of matching one claim: ``link`` (an id) or ``hints`` (ids it may restate)."""

    link: str | None = None
    confidence: float = 0.0
    hints: list[tuple[str, float]] = field(default_factory=list)


class PropositionIndex:
    """Propositions of the case and the drafts so far, folded once for matching."""

    def __init__(self):
        self._ids: list[str] = []
        self._texts: list[str] = []
        self._about: list[set[str]] = []
        self._position: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, item_id: str, text: str, about: set[str]) -> None:
        if item_id in self._position:
            self._about[self._position[item_id]] |= set(about)
            return
        self._position[item_id] = len(self._ids)
        self._ids.append(item_id)
        self._texts.append(_fold(text))
        self._about.append(set(about))

    def match(self, text: str, about: set[str]) -> PropositionMatch:
        """The proposition ``text`` restates, if one clearly does."""
        if not self._ids:
            return PropositionMatch()
        from rapidfuzz import fuzz, process

        query = _fold(text)
        if not query:
            return PropositionMatch()
        scored = []
        for _, score, i in process.extract(query, self._texts, scorer=fuzz.token_set_ratio, limit=8, score_cutoff=HINT - 10):
            # The shorter side wholly inside the longer scores 100 on token sets; weigh by length too.
            score = 0.7 * score + 0.3 * fuzz.ratio(query, self._texts[i])
            if about and self._about[i]:
                score += 6.0 if about & self._about[i] else -6.0
            scored.append((min(score, 100.0), self._ids[i]))
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        if not scored or scored[0][0] < HINT:
            return PropositionMatch()
        best_score, best = scored[0]
        rivals = [(i, s) for s, i in scored[1:] if s >= HINT and best_score - s < MARGIN]
        if best_score >= LINK and not rivals:
            return PropositionMatch(link=best, confidence=round(best_score / 100, 2))
        return PropositionMatch(hints=[(best, round(best_score / 100, 2))] + [(i, round(s / 100, 2)) for i, s in rivals])
