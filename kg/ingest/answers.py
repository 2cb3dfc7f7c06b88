"""Each claim of an article as an assertion on a proposition: the one it restates or answers, else a new one.

A claim restates a proposition the case, an earlier draft or an earlier sentence holds when
:mod:`kg.ingest.linking` says so; it answers one when the text's own frame says it does
(:mod:`kg.ingest.replies`: "disputed that", "in contrast", "X pushed back", ", but Y says") or when it
takes the other side of another party's claim in other words. Each link records its confidence; a
weak match stays separate with a hint naming the candidate. A source's date for an incident the
case dates otherwise is a claim too, so both dates stay, each with its source.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.ingest.aspects import aspect_answer
from kg.ingest.attribution import Claim
from kg.ingest.entities import ORG_TYPES
from kg.ingest.extract import Extraction
from kg.ingest.figures import largest, numbers_in, smaller as smaller_figure
from kg.ingest.gazetteer import CaseIndex
from kg.ingest.incidents import date_text, dated_by_source
from kg.ingest.linking import CONTRAST_LINK, LINK, PropositionMatch
from kg.ingest.replies import NOT_SO, ReplyFrame, named_claim, reply_frame
from kg.ingest.spans import excerpt, quote, span_fields
from kg.vocab import CLS

if TYPE_CHECKING:
    from kg.ingest.draft import _Ids

__all__ = ["NEARBY", "propositions_of", "dates_by_source"]


def _about(extraction: Extraction, entity_ids: dict[str, str], start: int, end: int, propositions=None) -> list[str]:
    """The items named between ``start`` and ``end``; each name as written recorded with ``propositions``
    (:meth:`kg.ingest.linking.PropositionIndex.name`): two claims sharing only a name are not one claim."""
    found = []
    for s, e, entity in extraction.table.mentions_in(start, end):
        entity_id = entity_ids.get(entity.key)
        if entity_id and entity.section == "entities" and not entity.generic:
            if propositions is not None:
                propositions.name(entity_id, extraction.text[s:e])
            if entity_id not in found:
                found.append(entity_id)
    return found


_OPPOSITE = {1: "disputes", -1: "asserts"}
#: Stances that answer another party's claim, and how many sentences back the claim they answer may stand.
_ANSWERING = {"denies", "disputes", "narrows"}
_POLARITY = {"asserts": 1, "confirms": 1, "denies": -1, "disputes": -1, "narrows": -1}
NEARBY = 3
#: A claim that says another's is wrong takes the other stance on what that one says (:func:`kg.ingest.replies.named_claim`).
_FLIP = {"asserts": "denies", "denies": "asserts"}
#: The words of a drafted date claim (:func:`_dates_by_source`).
_DATED = re.compile(r" happened (?:on|between|on or after|on or before) \d{4}-\d{2}-\d{2}")


def _answered(extraction: Extraction, claim: Claim):
    """The reply frame before ``claim`` in its sentence, if the text says it answers another claim."""

    at = bisect.bisect_right(extraction.sentences, claim.frame[0], key=lambda s: s.start) - 1
    sentence_start = extraction.sentences[at].start if at >= 0 else 0
    before = extraction.text[sentence_start:claim.start]
    return reply_frame(before), at


def propositions_of(extraction: Extraction, index: CaseIndex, entity_ids: dict[str, str], ids: "_Ids", source_id: str) -> list[dict]:
    """Each claim as an assertion on a proposition: the one it restates or answers (the case's, an
    earlier draft's, an earlier sentence's), else a new one. See :mod:`kg.ingest.linking`."""
    text = extraction.text
    propositions: list[dict] = []
    by_claim: dict[int, dict] = {}
    by_text: dict[str, dict] = {}
    restated: dict[str, dict] = {}  # existing proposition id → this draft's entry of assertions on it
    seen_assertions: set[tuple] = set()
    recent: list[tuple[int, str]] = []  # (sentence, proposition id) of this draft's claims so far

    def on_existing(link: str, confidence: float, why: str) -> dict:
        if link in by_id:
            return by_id[link]
        if link not in restated:
            restated[link] = {"proposition": link, "confidence": confidence, "note": f"{why} '{link}' ({confidence:.2f}): “{excerpt(text, claim.start, claim.end)}”", "assertions": []}
            propositions.append(restated[link])
        return restated[link]

    def add(proposition: dict, assertion: dict) -> None:
        pid = proposition.get("id") or proposition["proposition"]
        key = (assertion["party"], pid, assertion["stance"], assertion["quote"]["exact"], assertion["quote"]["prefix"])
        if key not in seen_assertions:
            seen_assertions.add(key)
            proposition["assertions"].append(assertion)
            index.propositions.stance(pid, assertion["party"], assertion["stance"])

    by_id: dict[str, dict] = {}
    incidents = frozenset(entity_ids[e.key] for e in extraction.table.entities.values()
                          if e.type in (CLS.Incident, CLS.IncidentTrend) and entity_ids.get(e.key))
    for claim in extraction.claims:
        party = entity_ids.get(claim.party.key) if claim.party is not None else None
        if not party:
            continue
        frame = _answered(extraction, claim)
        kind = frame[0].kind if frame[0] else None
        original, named = claim, named_claim(claim.proposition) if claim.target is None and claim.stance in _FLIP else None
        if named is not None:  # "any claims of X have no basis": a denial of X, answering the claim that says it
            claim, kind = replace(claim, proposition=named[1], stance=_FLIP[claim.stance]), "reply"
        if (NOT_SO.match(text[claim.start:claim.end]) and claim.target is None
                and _contrast(claim, (_NOT_SO_ROW, frame[1]), party, (), recent, index, on_existing, add, text, entity_ids, source_id)):
            continue  # "X said that was not the case": a stance against the claim it answers, no proposition of its own
        proposition = by_claim.get(id(claim.target)) if claim.target is not None else None
        proposition = proposition or by_text.get(claim.proposition.lower())
        about = _about(extraction, entity_ids, claim.start, claim.end, index.propositions)
        if proposition is None:
            reply = claim.stance == "narrows" or kind == "reply"
            match = index.propositions.match(claim.proposition, set(about), party=party, reply=reply, figures=claim.stance != "narrows")
            polarity = _POLARITY.get(claim.stance, 0)
            own_voice = _own_voice(index, extraction, entity_ids, party, polarity)
            match = own_voice(match)
            deferred = None
            if match.link is None and polarity:
                # One side answers the other: a denial of what another party asserted (or an assertion of
                # what another denied) is read leniently, against the other side's claims only.
                answered = index.propositions.match(claim.proposition, set(about), party=party, reply=True, against=polarity,
                                                    link_at=index.propositions.answer_link, figures=claim.stance != "narrows")
                answered = own_voice(answered)
                if answered.link is None and (reply or claim.stance in _ANSWERING):
                    # Else the nearest claim of the other side before it, in this article, that it shares an
                    # item or a figure with, or is near in meaning to; with no reply frame, and other articles
                    # still to match (kg.ingest.across), only when none of theirs restates or answers it.
                    nearest = index.propositions.nearest_answered(claim.proposition, set(about), party=party, against=polarity,
                                                                  candidates=_nearby(recent, frame[1]), link_at=CONTRAST_LINK)
                    nearest = own_voice(nearest)
                    if nearest.link is not None and not reply and index.propositions.across:
                        deferred = (nearest.link, nearest.confidence)
                    else:
                        answered = nearest
                reply, match = (True, answered) if answered.link is not None else (reply, match)
            if match.link is not None:
                why = "Answers proposition" if reply else "Restates proposition"
                proposition = on_existing(match.link, match.confidence, why)
            else:
                proposition = {"id": ids.make(claim.proposition[:48]), "text": claim.proposition}
                if about:
                    proposition["about"] = about
                proposition.update(span_fields(text, claim.start, claim.end, source_id, claim.confidence, "Claim as written"))
                if match.hints:
                    proposition["note"] += "; may restate proposition " + ", ".join(f"'{i}' ({c:.2f})" for i, c in match.hints)
                if match.conflicts:
                    proposition["note"] += "; states another figure than proposition " + ", ".join(f"'{i}' ({f})" for i, f in match.conflicts)
                    proposition["_conflicts"] = match.conflicts
                if deferred:
                    proposition["_nearby"] = deferred
                proposition["assertions"] = []
                propositions.append(proposition)
                by_id[proposition["id"]] = proposition
                index.propositions.add(proposition["id"], claim.proposition, set(about))
                index.propositions.incidents[proposition["id"]] = incidents
            by_text[claim.proposition.lower()] = proposition
        by_claim[id(original)] = proposition
        add(proposition, _assertion(claim, text, entity_ids, source_id))
        took_side = "id" in proposition and proposition.get("_conflicts") and _other_figure(
            extraction, claim, party, set(about), proposition.pop("_conflicts"), index, on_existing, add, text, entity_ids, source_id)
        if not took_side and "id" in proposition and claim.target is None:
            _on_aspect(extraction, claim, party, set(about), proposition, incidents, index, on_existing, add, text, entity_ids, source_id)
        words = text[claim.start:claim.end]
        if claim.target is None and kind is None and not NOT_SO.match(words) and NOT_SO.search(words):
            # "We are serious. That would never be how we work.": the claim keeps its words and answers the one before.
            _contrast(claim, (_NOT_SO_ROW, frame[1]), party, (), recent, index, on_existing, add, text, entity_ids, source_id)
        if kind in ("contrast", "rejoinder", "answer"):
            _contrast(claim, frame, party, set(about), recent, index, on_existing, add, text, entity_ids, source_id)
        recent.append((frame[1], proposition.get("id") or proposition["proposition"]))
    return propositions


def _side(index: CaseIndex, extraction: Extraction, entity_ids: dict[str, str], party: str) -> set[str]:
    """A party and the organizations it belongs to: ``memberOf``/``affiliation`` (in the case, an earlier
    draft or this article), or an organization its job title names ("an Initech director")."""
    fields = dict(index.items.get(party) or {})
    mine = next((e for e in extraction.table.entities.values() if entity_ids.get(e.key) == party), None)
    if mine is not None:
        fields.update({k: entity_ids.get(v, v) for k, v in mine.fields.items() if k in ("memberOf", "affiliation") and isinstance(v, str)})
        fields.setdefault("jobTitle", mine.fields.get("jobTitle"))
    found = {party} | {v for key in ("memberOf", "affiliation") for v in ([fields.get(key)] if isinstance(fields.get(key), str) else fields.get(key) or [])}
    title = str(fields.get("jobTitle") or "")
    if title:
        found |= {entity_ids[e.key] for e in extraction.table.entities.values()
                  if e.type in ORG_TYPES and entity_ids.get(e.key) and any(re.search(rf"\b{re.escape(n)}\b", title) for n in {e.label, *e.aliases})}
    return found


def _other_figure(extraction, claim, party, about, conflicts, index, on_existing, add, text, entity_ids, source_id) -> bool:
    """A claim worded like another party's but with another figure ("about ten calls failed" against "600 calls
    failed") keeps its own proposition and takes the other side of that party's: it narrows it when its figure
    is smaller, else disputes it. One side's figures (a company's and its chief executive's) are no dispute.
    Says whether it took a side (if not, the claim may still oppose another on an aspect)."""
    side = _side(index, extraction, entity_ids, party)
    for other, figures in conflicts:
        if index.propositions.polarity(other, party) != 1 or index.propositions.score(claim.proposition, about, other) < LINK:
            continue  # only a figure someone else asserts, in words that would restate it but for the figure
        if any(side & _side(index, extraction, entity_ids, who) for who in index.propositions.parties(other)):
            continue
        theirs, ours = (largest(part.split(", ")) for part in figures.split(" against "))
        assertion = _assertion(claim, text, entity_ids, source_id)
        assertion["stance"] = "narrows" if theirs is not None and ours is not None and ours < theirs else "disputes"
        assertion["confidence"] = round(min(claim.confidence, 0.6), 2)
        assertion["note"] += f"; states another figure ({figures})"
        add(on_existing(other, 0.6, "Gives another figure than proposition"), assertion)
        return True
    return False


def _on_aspect(extraction, claim, party, about, proposition, incidents, index, on_existing, add, text, entity_ids, source_id) -> None:
    """A claim opposed to another party's on an aspect (:mod:`kg.ingest.aspects`: "acted in line with the
    regulation" against "failed to keep voltage steady"), or giving another figure of what it counts ("the
    liability was under $10 million" against "it cost $500 million"), keeps its own proposition and takes the
    other side of that party's (narrowing it with a smaller figure), with the match's confidence; a weaker
    match leaves a note naming the candidate."""
    side = _side(index, extraction, entity_ids, party)
    match = aspect_answer(index.propositions, claim.proposition, about, claim.stance, party, incidents=incidents, causes=True,
                          same_side=lambda other: bool(side & _side(index, extraction, entity_ids, other)))
    if match.link is None:
        if match.hints:
            proposition["note"] += "; may answer proposition " + ", ".join(f"'{i}' ({c:.2f})" for i, c in match.hints) + " on an aspect"
        return
    assertion = _assertion(claim, text, entity_ids, source_id)
    ours, theirs = numbers_in(claim.proposition), index.propositions.content(index.propositions.text(match.link)).numbers
    smaller = smaller_figure(ours, theirs)
    assertion["stance"] = "narrows" if smaller else "disputes"
    assertion["confidence"] = round(min(claim.confidence, match.confidence), 2)
    assertion["note"] += "; states a smaller figure of what the claim counts" if smaller else "; speaks to an aspect of the claim the other way"
    add(on_existing(match.link, match.confidence, "Opposes on an aspect proposition"), assertion)


def case_voice(index: CaseIndex, party: str) -> str:
    """Whose voice a party of the case or of an earlier draft is: the organization an unnamed spokesperson
    speaks for (its note names the rule that found it), else the party itself."""
    fields = index.items.get(party) or {}
    spokesperson = "rule 'unnamed spokesperson'" in str(fields.get("note") or "")
    return str(fields["memberOf"]) if spokesperson and isinstance(fields.get("memberOf"), str) else party


def _voice(index: CaseIndex, extraction: Extraction, entity_ids: dict[str, str], party: str) -> str:
    """Whose voice ``party`` is: the organization an unnamed spokesperson speaks for, else the party itself."""
    if party in index.items:  # the case's or an earlier draft's: its note names the rule that found it
        return case_voice(index, party)
    mine = next((e for e in extraction.table.entities.values() if entity_ids.get(e.key) == party), None)
    org = mine.fields.get("memberOf") if mine is not None and mine.rule == "unnamed spokesperson" else None
    return entity_ids.get(org) or party if isinstance(org, str) else party


def _own_voice(index: CaseIndex, extraction: Extraction, entity_ids: dict[str, str], party: str, polarity: int):
    """A filter of matches for a claim by ``party`` with ``polarity``: a link that would set the claim against a
    proposition only its own voice holds (:func:`_voice`: the party, or the organization and its unnamed
    spokesperson) becomes a hint. One voice on both sides is a misreading, not a dispute: a spokesperson's "any
    claims of gross negligence have no basis", asserted, against the company's denial that it was grossly
    negligent. A member of an organization against the organization stays a dispute."""
    voice = _voice(index, extraction, entity_ids, party)

    def kept(match: PropositionMatch) -> PropositionMatch:
        if match.link is None or not polarity:
            return match
        holders = {who: way for who, way in index.propositions.parties(match.link).items() if way}
        if holders and -polarity in holders.values() and all(_voice(index, extraction, entity_ids, who) == voice for who in holders):
            return PropositionMatch(hints=[(match.link, match.confidence)], conflicts=match.conflicts)
        return match

    return kept


def _nearby(recent: list[tuple[int, str]], sentence: int) -> list[str]:
    """This draft's propositions of the claims in the :data:`NEARBY` sentences up to ``sentence``, nearest first."""
    return list(dict.fromkeys(pid for at, pid in reversed(recent) if sentence - NEARBY <= at <= sentence))


#: The row for a claim that only says another is wrong (:data:`kg.ingest.replies.NOT_SO`).
_NOT_SO_ROW = ReplyFrame("that was not the case", NOT_SO, "rejoinder", 0.6)


def _contrast(claim, frame, party, about, recent, index, on_existing, add, text, entity_ids, source_id) -> bool:
    """"In contrast, Y said Z": a stance, on the side opposite to its other parties, on the claim of another
    party in the :data:`NEARBY` sentences up to it that Z is closest to (its words, and a shared item or
    figure), from :data:`CONTRAST_LINK`; a rejoinder ("Y pushed back", "after his comments, Y said", "Y said
    that was not the case") on the closest whatever its score; ", but Y says Z" on the claim just before it
    in its sentence."""
    row, sentence = frame
    if row.kind == "answer":  # ", but Y says Z": the claim before it in the sentence, whatever the words
        nearby = [pid for at, pid in recent if at == sentence][-1:]
        match = index.propositions.match(claim.proposition, party=party, reply=True, among=nearby, link_at=0.0, figures=False)
    elif row is _NOT_SO_ROW:  # "that was not the case": the nearest claim of another party, whatever its words
        nearest = [pid for pid in _nearby(recent, sentence) if index.propositions.polarity(pid, party)][:1]
        match = PropositionMatch(link=nearest[0], confidence=row.confidence) if nearest else PropositionMatch()
    else:
        # A rejoinder's words say it answers someone: the closest claim nearby, whatever its score.
        match = index.propositions.nearest_answered(claim.proposition, about, party=party, candidates=_nearby(recent, sentence),
                                                    link_at=None if row.kind == "rejoinder" else CONTRAST_LINK)
    polarity = index.propositions.polarity(match.link, party) if match.link else 0
    if not polarity:
        return False
    proposition = on_existing(match.link, match.confidence, f"Contrasts ('{row.name}') with proposition")
    assertion = _assertion(claim, text, entity_ids, source_id)
    assertion["stance"] = _OPPOSITE[polarity]
    assertion["confidence"] = round(min(claim.confidence, row.confidence), 2)
    assertion["note"] += f"; a counter-account ('{row.name}') to the claim it contrasts with"
    add(proposition, assertion)
    return True


def dates_by_source(extraction: Extraction, index: CaseIndex, ids: "_Ids", source_id: str, merged: dict[str, str]) -> list[dict]:
    """The article's date for each of the case's incidents it dates otherwise: a claim the article
    makes, so both dates stay, each with its source."""
    text = extraction.text
    notes = {extraction.table.entities[key].known_id: note for key, note in merged.items()}
    found = []
    for dated in dated_by_source(extraction.table, index, merged):
        start, end = dated.span
        words = f"{dated.label} happened {date_text(dated.fields)}."
        theirs = f"the case has {date_text({'date': dated.theirs[0]} if dated.theirs[0] == dated.theirs[1] else {'notBefore': dated.theirs[0], 'notAfter': dated.theirs[1]})}" if dated.theirs else "the case gives no date"
        note = f"This source's date for '{dated.item_id}' ({theirs})" + (f"; {notes[dated.item_id]}" if dated.item_id in notes else "")
        assertion = {"party": source_id, "source": source_id, "stance": "asserts", "quote": quote(text, start, end),
                     "confidence": 0.6, "status": "pending", "span": [start, end], "note": "The date the source gives the incident"}
        # Only another source's date of an incident is the same claim: not a claim that names the incident.
        match = index.propositions.match(words, {dated.item_id}, among=index.propositions.ids(_DATED.search))
        if match.link is not None:  # another source gave the same date: one claim, two sources
            proposition = {"proposition": match.link, "confidence": match.confidence, "note": f"{note}; the same date as proposition '{match.link}'"}
        else:
            proposition = {"id": ids.make(f"{dated.item_id} date"), "text": words, "about": [dated.item_id]}
            proposition.update(span_fields(text, start, end, source_id, 0.6, note))
            if match.conflicts:
                proposition["note"] += "; another source dates it otherwise: " + ", ".join(f"'{i}'" for i, _ in match.conflicts)
            index.propositions.add(proposition["id"], words, {dated.item_id})
        proposition["assertions"] = [assertion]
        index.propositions.stance(proposition.get("id") or match.link, source_id, "asserts")
        found.append(proposition)
    return found


def _assertion(claim: Claim, text: str, entity_ids: dict[str, str], source_id: str) -> dict:
    start, end = (claim.start, claim.end) if claim.target is None else claim.frame
    assertion: dict = {"party": entity_ids[claim.party.key], "source": source_id}
    via = [entity_ids[v.key] for v in claim.via if entity_ids.get(v.key)]
    if via:
        assertion["via"] = via if len(via) > 1 else via[0]
    assertion["stance"] = claim.stance
    assertion["quote"] = quote(text, start, end)
    frame_start, frame_end = claim.frame
    assertion.update(
        {
            "confidence": claim.confidence,
            "status": "pending",
            "span": [min(frame_start, start), max(frame_end, end)],
            "note": f"Reporting verb '{claim.verb}'" + (" on the claim before it" if claim.target is not None else ""),
        }
    )
    return assertion
