"""Claims matched across the articles of one run, all pairs at once: the second pass of ``kg ingest``.

The first pass drafts each article's claims against the case as it was and against the article itself
(a reply, a contrast, a restatement in a later sentence). This pass then scores every drafted
proposition against those of the run's other articles, once, with the scores of :mod:`kg.ingest.linking`
and :mod:`kg.ingest.aspects` over everything the run drafted, so no article's claims are matched
before another's are known, and a claim that one article's structure tied to its neighbour is not
taken away from it by an earlier article's words:

- a proposition another article's restates (:data:`kg.ingest.linking.LINK`), or answers from the
  other side (a denial of what another party asserted, or the reverse,
  :attr:`kg.ingest.linking.PropositionIndex.answer_link`), is one proposition with it: each
  proposition joins its best match, and the propositions so joined become one, held by the first of
  them in the drafting order, with every party's stance;
- a claim speaking to an aspect of an earlier article's claim the other way, or giving another figure
  of what it counts, keeps its own proposition and takes the other side of that one as well;
- a weaker match stays apart, with a note naming the candidate.

Which propositions become one never depends on the order the articles were given in; the drafting
order (:func:`kg.ingest.pipeline.drafting_order`) only says which of them keeps its id, and which of
two claims opposed on an aspect answers the other.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from kg.ingest.aspects import aspect_answer
from kg.ingest.answers import case_voice
from kg.ingest.figures import largest, numbers_in, smaller as smaller_figure
from kg.ingest.gazetteer import CaseIndex
from kg.ingest.linking import LINK, PropositionMatch

__all__ = ["link_across"]

_POLARITY = {"asserts": 1, "confirms": 1, "denies": -1, "disputes": -1, "narrows": -1}
#: The words of a drafted date claim: matched across articles in the first pass already.
_DATED = re.compile(r" happened (?:on|between|on or after|on or before) \d{4}-\d{2}-\d{2}")


@dataclass
class _Drafted:
    """A proposition the first pass drafted: where it stands, and what its claim says."""

    id: str
    article: int  # the draft's place in the drafting order
    draft: dict
    entry: dict

    @property
    def text(self) -> str:
        return self.entry["text"]

    @property
    def about(self) -> set[str]:
        about = self.entry.get("about") or []
        return {str(a) for a in (about if isinstance(about, list) else [about])}

    @property
    def claim(self) -> dict:
        """The assertion of the claim it was drafted from."""
        return self.entry["assertions"][0]

    def polarity(self) -> int:
        """The side its parties take (1 or -1), when they all take one; else 0."""
        sides = {_POLARITY.get(a.get("stance"), 0) for a in self.entry["assertions"]} - {0}
        return sides.pop() if len(sides) == 1 else 0


def _members(index: CaseIndex, party: str) -> set[str]:
    """A party and the organizations the case or a draft says it belongs to."""
    fields = index.items.get(party) or {}
    found = {party}
    for key in ("memberOf", "affiliation"):
        value = fields.get(key)
        found |= {str(v) for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)}
    return found


def _one_voice(index: CaseIndex, target: str, party: str, polarity: int) -> bool:
    """Would the claim set one voice against itself (every holder of ``target`` on the other side is ``party``'s voice)?"""
    holders = {who: way for who, way in index.propositions.parties(target).items() if way}
    voice = case_voice(index, party)
    return bool(holders) and -polarity in holders.values() and all(case_voice(index, who) == voice for who in holders)


def _contradicts(index: CaseIndex, target: str, party: str, polarity: int) -> bool:
    """Would restating ``target`` with ``polarity`` set ``party``'s voice against itself (its voice holds
    ``target`` the other way)? A party does not restate what it denies: "it would update the chatbot" is
    no restatement of its own denial that it "can be held liable for the information provided by the chatbot"."""
    voice = case_voice(index, party)
    return bool(polarity) and any(way == -polarity and case_voice(index, who) == voice
                                  for who, way in index.propositions.parties(target).items())


def _best(index: CaseIndex, mine: _Drafted, among: set[str]) -> tuple[str, float, str] | None:
    """The proposition among ``among`` that ``mine`` restates or answers, with the match's confidence and why."""
    props = index.propositions
    narrows = any(a.get("stance") == "narrows" for a in mine.entry["assertions"])
    polarity, party = mine.polarity(), mine.claim["party"]
    match = props.match(mine.text, mine.about, among=among, figures=not narrows)
    if match.link is not None and not _contradicts(index, match.link, party, polarity):
        return match.link, match.confidence, "Restates proposition"
    return _answer(index, mine, among)


def _answer(index: CaseIndex, mine: _Drafted, among: set[str]) -> tuple[str, float, str] | None:
    """The proposition among ``among`` that ``mine`` answers from the other side, with the match's confidence."""
    polarity, party = mine.polarity(), mine.claim["party"]
    if not polarity:
        return None
    narrows = any(a.get("stance") == "narrows" for a in mine.entry["assertions"])
    props = index.propositions
    answer = props.match(mine.text, mine.about, party=party, reply=True, against=polarity, link_at=props.answer_link,
                         among=among, figures=not narrows)
    if answer.link is None or _one_voice(index, answer.link, party, polarity):
        return None
    return answer.link, answer.confidence, "Answers proposition"


def _hints(index: CaseIndex, mine: _Drafted, among: set[str]) -> PropositionMatch:
    return index.propositions.match(mine.text, mine.about, among=among)


class _Joined:
    """Union-find over proposition ids; the root of a set is its member first in the drafting order."""

    def __init__(self, place: dict[str, tuple[int, int]]):
        self.place = place
        self.parent = {pid: pid for pid in place}
        self.articles = {pid: {at} for pid, (at, _) in place.items()}

    def root(self, pid: str) -> str:
        while self.parent[pid] != pid:
            self.parent[pid] = self.parent[self.parent[pid]]
            pid = self.parent[pid]
        return pid

    def join(self, a: str, b: str) -> bool:
        """Join the sets of ``a`` and ``b`` unless they hold propositions of one article (the first pass
        read those as different claims); say whether they are one set now."""
        ra, rb = self.root(a), self.root(b)
        if ra == rb:
            return True
        if self.articles[ra] & self.articles[rb]:
            return False
        first, second = sorted((ra, rb), key=self.place.__getitem__)
        self.parent[second] = first
        self.articles[first] |= self.articles.pop(second)
        return True


_PASSIVE = {"Restates proposition": "Restated by proposition", "Answers proposition": "Answered by proposition"}


def _opposing(index: CaseIndex, mine: _Drafted, earlier: set[str]) -> tuple[str, str, float, str] | None:
    """The earlier article's proposition ``mine`` opposes on an aspect or with another figure, if any:
    (its id, the stance ``mine``'s claim takes on it, the confidence, why)."""
    props = index.propositions
    claim = mine.claim
    party, stance = claim["party"], claim.get("stance", "")
    if not earlier or not _POLARITY.get(stance):
        return None
    side = _members(index, party)
    same_side = lambda other: bool(side & _members(index, other))  # noqa: E731
    for other, figures in props.match(mine.text, mine.about, among=earlier).conflicts:
        if props.polarity(other, party) != 1 or props.score(mine.text, mine.about, other) < LINK:
            continue
        if any(same_side(who) for who in props.parties(other)):
            continue
        theirs, ours = (largest(part.split(", ")) for part in figures.split(" against "))
        way = "narrows" if theirs is not None and ours is not None and ours < theirs else "disputes"
        return other, way, 0.6, f"states another figure ({figures})"
    incidents = props.incidents.get(mine.id, frozenset())
    match = aspect_answer(props, mine.text, mine.about, stance, party, same_side=same_side, incidents=incidents, among=earlier)
    if match.link is None:
        return None
    ours, theirs = numbers_in(mine.text), props.content(props.text(match.link)).numbers
    smaller = smaller_figure(ours, theirs)
    why = "states a smaller figure of what the claim counts" if smaller else "speaks to an aspect of the claim the other way"
    return match.link, "narrows" if smaller else "disputes", match.confidence, why


def _excerpt(entry: dict) -> str:
    note = str(entry.get("note") or "")
    found = re.search(r"“(.*?)”", note)
    return f": “{found.group(1)}”" if found else ""


def _add(entry: dict, assertion: dict) -> None:
    key = lambda a: (a["party"], a["stance"], a["quote"]["exact"], a["quote"]["prefix"])  # noqa: E731
    if key(assertion) not in {key(a) for a in entry["assertions"]}:
        entry["assertions"].append(assertion)


def link_across(drafts: list[dict], index: CaseIndex) -> None:
    """Match the propositions of ``drafts`` (in the drafting order; each drafted with the others hidden
    from :attr:`index.propositions`) across the drafts, and rewrite the drafts in place: a proposition
    joined to another's becomes an entry of assertions on it, with the match's confidence."""
    props = index.propositions
    props.hidden = set()
    props.across = False
    drafted: list[_Drafted] = []
    nearby: dict[str, tuple[str, float]] = {}  # a claim only its stance says answers a nearby one: that one
    for at, draft in enumerate(drafts):
        for entry in draft.get("propositions") or []:
            if "_nearby" in entry:
                nearby[entry["id"]] = entry.pop("_nearby")
            if "id" in entry and isinstance(entry.get("text"), str) and entry.get("assertions") and not _DATED.search(entry["text"]):
                drafted.append(_Drafted(entry["id"], at, draft, entry))
    if not drafted:
        return
    place = {d.id: (d.article, n) for n, d in enumerate(drafted)}
    by_id = {d.id: d for d in drafted}
    others = {at: {d.id for d in drafted if d.article != at} for at in {d.article for d in drafted}}
    joined = _Joined(place)
    links: dict[str, tuple[str, float, str]] = {}
    answers: dict[str, tuple[str, float]] = {}  # the claim each answers from the other side, whether joined or not
    for mine in drafted:  # every pair scored against what the whole run drafted, before anything is joined
        best = _best(index, mine, others[mine.article])
        if best is not None:
            links[mine.id] = best
        answer = best if best is None or best[2] == "Answers proposition" else _answer(index, mine, others[mine.article])
        if answer is not None:
            answers[mine.id] = answer[:2]
    # The surest matches join first; a match that would put two of one article's propositions together is left.
    refused: dict[str, tuple[str, float]] = {}
    for pid, (target, confidence, why) in sorted(links.items(), key=lambda kv: (-kv[1][1], place[kv[0]])):
        if not joined.join(pid, target):
            del links[pid]
            refused[pid] = (target, confidence)
    alone = lambda pid: joined.root(pid) == pid and not any(joined.root(d.id) == pid for d in drafted if d.id != pid)  # noqa: E731
    waited: set[str] = set()
    for pid, (target, confidence) in sorted(nearby.items(), key=lambda kv: place[kv[0]]):
        if pid in joined.parent and alone(pid):  # no other article's claim restates or answers it
            if target not in joined.parent:  # the case's, or a date the first pass matched
                joined.parent[target], joined.place[target], joined.articles[target] = target, (-1, -1), set()
            joined.parent[pid] = joined.root(target)
            links[pid] = (target, confidence, "Answers proposition")
            waited.add(pid)
    opposed = {}
    for mine in drafted:
        if mine.id in waited:
            continue
        root = joined.root(mine.id)
        earlier = {d.id for d in drafted if d.article < mine.article and joined.root(d.id) != root}
        found = _opposing(index, mine, earlier)
        answer = refused.get(mine.id) or answers.get(mine.id)
        if (found is None and answer is not None and answer[0] in earlier
                and mine.polarity() and index.propositions.polarity(answer[0], mine.claim["party"]) == -mine.polarity()):
            # An answer to an earlier article's claim that could not be one proposition with it (its own article
            # holds that one apart from another of its claims, or it restates a third): its side of it stands.
            target, confidence = answer
            found = target, mine.claim.get("stance", ""), confidence, "answers the claim from the other side"
        if found is not None:
            opposed[mine.id] = found
        elif alone(mine.id):
            if mine.id not in links:
                hints = [(i, c) for i, c in _hints(index, mine, others[mine.article]).hints if i in by_id]
                if hints:
                    mine.entry["note"] += "; may restate proposition " + ", ".join(f"'{i}' ({c:.2f})" for i, c in hints)
    _rewrite(drafts, drafted, joined, links, opposed)


def _rewrite(drafts, drafted, joined, links, opposed) -> None:
    """The joined propositions as entries of assertions on the first of them; each opposing claim's stance added."""
    by_id = {d.id: d for d in drafted}
    moved: dict[str, str] = {}
    for d in drafted:
        root = joined.root(d.id)
        if root == d.id:
            continue
        moved[d.id] = root
        if d.id in links:
            target, confidence, why = links[d.id]
        else:  # another article's proposition restates or answers this one
            target, confidence, why = next((other, c, _PASSIVE[w])
                                           for other, (t, c, w) in sorted(links.items(), key=lambda kv: by_id[kv[0]].article) if t == d.id)
        words, assertions = _excerpt(d.entry), d.entry["assertions"]
        d.entry.clear()
        d.entry.update({"proposition": root, "confidence": confidence,
                        "note": f"{why} '{target}' ({confidence:.2f}) of another article{words}", "assertions": assertions})
    for mine, (target, stance, confidence, why) in opposed.items():
        assertion = copy.deepcopy(by_id[mine].claim)
        assertion["stance"] = stance
        assertion["confidence"] = round(min(float(assertion.get("confidence", 1.0)), confidence), 2)
        assertion["note"] = f"{assertion.get('note', '')}; {why}"
        root = joined.root(target)
        entry = {"proposition": root, "confidence": confidence, "note": f"Takes the other side of proposition '{target}' ({confidence:.2f}) of another article",
                 "assertions": [assertion]}
        by_id[mine].draft["propositions"].append(entry)
    for draft in drafts:
        _tidy(draft, moved, joined)


def _tidy(draft: dict, moved: dict[str, str], joined: _Joined) -> None:
    """Links to a joined proposition point at the first of its set; one entry per proposition a draft adds to,
    or none when the draft holds that proposition itself."""
    own = {e["id"]: e for e in draft.get("propositions") or [] if "id" in e}
    kept: list[dict] = []
    on: dict[str, dict] = {}
    for entry in draft.get("propositions") or []:
        if "id" in entry:
            kept.append(entry)
            continue
        target = entry["proposition"]
        target = joined.root(target) if target in joined.parent else target
        entry["proposition"] = target
        if target in own:
            for assertion in entry["assertions"]:
                _add(own[target], assertion)
        elif target in on:
            for assertion in entry["assertions"]:
                _add(on[target], assertion)
        else:
            on[target] = entry
            kept.append(entry)
    draft["propositions"] = kept
