"""What a dispute is about: the aspect two claims speak to, and which way each speaks.

Two sides of a real dispute seldom share their words: "conventional plants acted in line with the
regulation" and "some conventional plants failed to help keep voltage steady", or "the incident was
rare" and "it failed to act on a preventable problem". What they share is an *aspect* (how a party
conducted itself; whether the harm could have been foreseen; what it cost) and they speak to it in
opposite ways. Each aspect is a named row of :data:`ASPECTS`: the words that speak for it and the
words that speak against it (lemmas, or phrases). A claim's side on an aspect is its words' direction
times its stance's polarity ("denies that X acted properly" speaks against).

Two claims by parties on different sides are opposed on an aspect when one speaks for it and the other
against it, and they are about one thing: they name an item in common, or share a word beyond the
aspect's own (near in meaning, with word vectors), or belong to one incident. The score of the pair is
:func:`aspect_score`; :mod:`kg.ingest.answers` gives the later claim an opposing stance on the earlier
claim's proposition from :data:`ASPECT_LINK`, and a note naming the candidate from :data:`ASPECT_HINT`.

>>> aspect_sides("Conventional plants acted in line with the regulation.")
{'conduct': 1}
>>> aspect_sides("Some plants failed to keep voltage steady.", "asserts"), aspect_sides("The plants acted properly.", "denies")
({'conduct': -1}, {'conduct': -1})
>>> aspect_sides("The incident was rare.")
{'foreseeable': -1}
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.ingest.lemmas import simple_lemmas
from kg.ingest.systems import SYSTEM_HEADS

__all__ = ["Aspect", "ASPECTS", "CAUSE_ROWS", "cause_of", "rival_causes", "FIGURE_ASPECTS", "figure_aspects", "figure_aspect_values", "other_figures", "ASPECT_LINK", "ASPECT_HINT", "aspect_sides", "said_of_party", "THING_HEADS", "aspect_words", "opposed_aspects", "aspect_score"]

#: A later claim opposed to an earlier one on an aspect takes the other side of it from this score.
ASPECT_LINK = 0.6
#: ... and, from this score, stays apart with a note naming the candidate.
ASPECT_HINT = 0.45


@dataclass(frozen=True)
class Aspect:
    """A named row: lemmas (or phrases, with a space) that speak for the aspect, and those against it;
    ``party_against`` speak against it only when said of a person or an organisation (:func:`said_of_party`)."""

    name: str
    for_words: frozenset[str]
    against_words: frozenset[str]
    party_against: frozenset[str] = frozenset()


def _aspect(name: str, for_words: str, against_words: str, party_against: str = "") -> Aspect:
    split = lambda words: frozenset(w.replace("_", " ") for w in words.split())  # noqa: E731
    return Aspect(name, split(for_words), split(against_words), split(party_against))


#: What disputes about incidents are about, generic to any case. Phrases are written with "_" for a space.
ASPECTS: tuple[Aspect, ...] = (
    _aspect(
        "conduct",
        "properly proper correctly appropriately adequately comply complied compliance compliant fulfil fulfill diligent "
        "carefully swiftly promptly transparently constructively responsibly in_line_with in_accordance_with at_all_times "
        "met_the met_their met_its meet_the ensure ensured ensuring make_sure made_sure",
        "improper improperly inappropriate inappropriately negligent negligence grossly misconduct mishandle "
        "poor poorly lackluster sluggish ineffective hinder inadequate inadequately careless reckless shortcut corner "
        "circumvent incompetent incompetence botch",
        "fail failure",  # a party's failing is its conduct; a machine's ("the servers failed") is a breakdown
    ),
    _aspect(
        "foreseeable",
        "preventable avoidable foreseeable foreseen known_fault known_problem known_issue warned flagged never_fixed",
        "unprecedented rare unforeseeable unforeseen unavoidable freak exceptional extraordinary unpredictable",
    ),
)


#: Aspects told by a figure, as named rows (name, lemmas): two sides stating different figures of one (what
#: the outage cost against what the liability was) dispute it, and the smaller narrows the larger.
FIGURE_ASPECTS: tuple[tuple[str, frozenset[str]], ...] = (
    ("cost", frozenset("cost loss liability damage damages compensation payout bill".split())),
)
#: What stating figures of one aspect, or naming two causes of one harm, adds to the score of two claims.
FIGURE_BONUS = 0.15


#: How many words before a figure (or after it) the word saying what it is a figure of may stand: "the outage cost
#: it more than $500 million", "its liability to Delta was less than $10 million", "$500 million in damages".
FIGURE_BEFORE, FIGURE_AFTER = 6, 3


def figure_aspects(text: str) -> set[str]:
    """The aspects of :data:`FIGURE_ASPECTS` and the counted things ``text`` gives a figure of
    (:func:`figure_aspect_values`)."""
    return set(figure_aspect_values(text))


def other_figures(a: dict[str, frozenset[str]], b: dict[str, frozenset[str]]) -> bool:
    """Do two claims give another figure of one thing: an aspect or a counted thing both give a figure of, with no
    figure in common? "more than 2,800 flight cancellations and more than 10,000 delays" against "cancel more than
    1,300 flights and delay nearly 10,000 more" give other figures of flights, whatever the delays.

    >>> other_figures({"count:flight": frozenset({"2800"}), "count:delay": frozenset({"10000"})}, {"count:flight": frozenset({"1300"})})
    True
    >>> other_figures({"cost": frozenset({"5000000"})}, {"cost": frozenset({"5000000"}), "count:call": frozenset({"7"})})
    False
    """
    return any(a[k].isdisjoint(b[k]) for k in a.keys() & b.keys())


def figure_aspect_values(text: str) -> dict[str, frozenset[str]]:
    """The aspects of :data:`FIGURE_ASPECTS` that ``text`` gives a figure of, and each thing it counts
    (``count:`` and its lemma, :func:`kg.ingest.figures.counted_in`): two sides giving different figures
    of one ("about ten calls failed" against "600 calls failed") dispute it. An aspect's word must be the
    figure's own: within :data:`FIGURE_BEFORE` words before it or :data:`FIGURE_AFTER` after, in its clause,
    and the figure a sum of money or a bare number, not a count of something else or a share.

    The figures of each, as :func:`kg.ingest.figures.numbers_in` writes them.

    >>> figure_aspect_values("The outage cost it more than $500 million."), figure_aspect_values("The outage was costly.")
    ({'cost': frozenset({'500000000'})}, {})
    >>> figure_aspects("Its liability to Delta was less than $10 million.")
    {'cost'}
    >>> figure_aspect_values("About ten calls failed.")
    {'count:call': frozenset({'10'})}
    >>> figure_aspects("It expects a $380 million revenue hit, and $170 million in expenses for reimbursements and crew costs.")
    set()
    """
    from kg.ingest.figures import figure_units, numbers_in

    found: dict[str, set[str]] = {}
    for start, end, unit in figure_units(text):
        values = numbers_in(text[start:end])
        if unit.startswith("count:"):
            found.setdefault(unit, set()).update(values)
        if unit not in ("money", "figure"):
            continue
        before = re.split(r"[,;:.!?()—–]", text[:start].rstrip("$£€ "))[-1].split()[-FIGURE_BEFORE:]
        after = re.split(r"[,;:.!?()—–]", text[end:])[0].split()[:FIGURE_AFTER]
        lemmas = set(simple_lemmas(" ".join(before + after)))
        for name, words in FIGURE_ASPECTS:
            if words & lemmas:
                found.setdefault(name, set()).update(values)
    return {name: frozenset(values) for name, values in found.items()}


_ADV = r"(?:(?:most|more|very|also|only|largely|partly|mainly|mostly|solely|entirely|wholly|squarely|primarily|directly|ultimately|likely|probably)[ ])*"
_BE = r"(?:was|were|is|are|had[ ]been|has[ ]been|have[ ]been|would[ ]be|will[ ]be)[ ]"
#: How a claim names what caused the harm, as named rows (name, pattern with ``causer`` and perhaps ``harm``), in
#: the positive form claims are drafted in: "A caused B", "B was caused by A", "A was to blame for B", "X blamed
#: A for B", "X blamed B on A", "X put the blame (for B) on A", "X put B down to A", "B was due to A". Not "A led
#: to B" or "A set off B": a chain of events names each of its steps, no rivals; nor "A was responsible for
#: guaranteeing B", a duty.
CAUSE_ROWS: tuple[tuple[str, re.Pattern], ...] = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in (
    ("caused by", rf"^(?P<harm>.+?)[ ]{_BE}{_ADV}caused[ ]by[ ](?P<causer>.+)$"),
    ("blamed on", rf"\b(?:blamed|blames|blaming)[ ](?P<harm>.+?)[ ]on[ ](?P<causer>.+)$"),
    ("blamed", rf"\b(?:blamed|blames|blaming)[ ](?P<causer>(?!it\b|them\b|him\b|her\b).+?)(?:[ ]for[ ](?P<harm>.+))?$"),
    ("put the blame on", rf"\b(?:put|puts|putting|laid|lays|placed|places|pinned|pins|shifted|shifts)[ ](?:the[ ])?blame[ ](?:for[ ](?P<harm>.+?)[ ])?{_ADV}(?:on|onto)[ ](?P<causer>.+)$"),
    ("put down to", rf"\b(?:put|puts|putting)[ ](?P<harm>.+?)[ ]down[ ]to[ ](?P<causer>.+)$"),
    ("due to", rf"^(?P<harm>.+?)[ ]{_BE}{_ADV}(?:due[ ]to|down[ ]to|the[ ]result[ ]of|a[ ]result[ ]of)[ ](?P<causer>.+)$"),
    ("to blame", rf"^(?P<causer>.+?)[ ]{_BE}{_ADV}(?:to[ ]blame|responsible|at[ ]fault|the[ ]cause|a[ ]cause|the[ ]culprit)(?:[ ](?:for|of)[ ](?!\w+ing\b)(?P<harm>.+))?$"),
    ("caused", rf"^(?P<causer>.+?)[ ]{_ADV}(?:caused|causes)[ ](?P<harm>.+)$"),
))
# A cause no more than a kind of fault ("a technical problem") is what a fuller account names, not its rival.
_GENERIC_CAUSES = frozenset("technical problem issue error fault failure glitch factor reason mistake something ~failing ~cause".split())
# Where the phrase naming the causer or the harm ends: a clause of its own after it.
_PHRASE_END = re.compile(r"[ ]?(?:[,;:—–(]|[ ](?:that|which|who|while|when|because|after|before|as|and[ ]then|saying)\b).*$")


def cause_of(text: str) -> tuple[str, str] | None:
    """What a claim says caused the harm, and the harm, when its words name a cause (:data:`CAUSE_ROWS`):
    ``(causer, harm)``, each a phrase without its clauses ("" for a harm not named); else None.

    >>> cause_of("Unions put the blame on antiquated scheduling software that left the airline struggling.")
    ('antiquated scheduling software', '')
    >>> cause_of("Jordan blamed the intense winter storm that hit most of the country."), cause_of("Poor planning by REE caused the blackout.")
    (('the intense winter storm', ''), ('Poor planning by REE', 'the blackout'))
    >>> cause_of("The outage was caused by a technical problem while the carrier was expanding."), cause_of("The outage was costly.")
    (('a technical problem', 'The outage'), None)
    """
    words = text.strip().rstrip(".!?")
    for _, pattern in CAUSE_ROWS:
        m = pattern.search(words)
        if m:
            causer = _PHRASE_END.sub("", m.group("causer")).strip(" \"“”'")
            harm = _PHRASE_END.sub("", m.group("harm") or "").strip(" \"“”'")
            return (causer, harm) if causer else None
    return None


def rival_causes(mine: str, theirs: str, content) -> bool:
    """Do two claims name two causes of one harm ("the storm caused the cancellations", "the scheduling software
    caused them"): each names a cause, the two causes share no word (``content``: a phrase's lemmas, as
    :meth:`kg.ingest.linking.PropositionIndex.content` reads them), and their harms, when both are named, share one?

    >>> lemmas = lambda words: set(simple_lemmas(words)) - {"the", "a", "by"}
    >>> rival_causes("Jordan blamed the intense winter storm.", "Unions put the blame on antiquated scheduling software.", lemmas)
    True
    >>> rival_causes("The storm caused the outage.", "The winter storm caused the outage.", lemmas)
    False
    >>> rival_causes("The storm caused the outage.", "A faulty router caused the lawsuit.", lemmas)
    False
    >>> rival_causes("The outage was caused by a technical problem.", "The outage was caused by an incorrect process.", lemmas)
    False
    """
    a, b = cause_of(mine), cause_of(theirs)
    if a is None or b is None:
        return False
    causers = content(a[0]), content(b[0])
    if causers[0] & causers[1] or any(c <= _GENERIC_CAUSES for c in causers):
        return False
    return not (a[1] and b[1]) or bool(content(a[1]) & content(b[1]))


def _has(words: frozenset[str], lemmas: set[str], lower: str) -> bool:
    return any((re.search(rf"\b{re.escape(w)}\b", lower) if " " in w else w in lemmas) for w in words)


#: The head nouns of things, not parties: the system heads of :mod:`kg.ingest.systems` and the machines and
#: artefacts that break down ("the servers failed", "a network system failure", "the IT failures").
THING_HEADS = frozenset(SYSTEM_HEADS) | frozenset(
    "computer hardware equipment machine device technology update power grid router generator transformer engine "
    "sensor cable component".split())
_SUBJECT_BREAK = re.compile(r"[,;:(—–]|\b(?:that|which|who|and|but|or|because|after|before|when|while)\b", re.IGNORECASE)
_OWNER_OF = re.compile(r"[ ]of[ ](?:the[ ]|an?[ ]|its[ ]|their[ ])?(?P<owner>[^,;:.()]{1,80})")
#: Words between a subject and its verb: auxiliaries, adverbs, "began to" ("Cloudflare's systems began to fail").
_BETWEEN = re.compile(r"(?:[ ](?:has|have|had|was|were|is|are|also|then|later|again|repeatedly|reportedly|allegedly|\w+ly|"
                      r"began[ ]to|begin[ ]to|started[ ]to|seem(?:s|ed)?[ ]to|appear(?:s|ed)?[ ]to|did[ ]not|not))*[ ]?$", re.IGNORECASE)


def _head(words: str) -> str | None:
    """The last word of a noun phrase, a possessive's owner as written: "Cloudflare's systems" → "systems"."""
    found = re.findall(r"[\w-]+(?:['’]s\b)?", words)
    return re.sub(r"['’]s$", "", found[-1]) if found else None


def _is_thing(head: str | None) -> bool:
    """Is ``head`` a machine or an artefact (:data:`THING_HEADS`, singular or plural; "IT" as written)?"""
    if head is None:
        return False
    if head == "IT":
        return True
    word = head.lower()
    return word in THING_HEADS or (word.endswith("s") and word[:-1] in THING_HEADS)


def said_of_party(text: str, words: frozenset[str]) -> bool:
    """Is a word of ``words`` (lemmas) in ``text`` said of a person or an organisation: its subject (a verb's),
    or its owner or modifier (a noun's: "X's failure", "the failure of X", "a network failure"), is no thing
    (:data:`THING_HEADS`)? A word whose subject cannot be told is taken as said of a party.

    >>> fail = frozenset({"fail", "failure"})
    >>> said_of_party("The servers failed.", fail), said_of_party("Cloudflare's systems began to fail.", fail)
    (False, False)
    >>> said_of_party("CrowdStrike failed to test the update.", fail), said_of_party("The regulator accused the operator of failing to act.", fail)
    (True, True)
    >>> said_of_party("A network system failure caused it.", fail), said_of_party("The failure of the Nats IT system grounded flights.", fail)
    (False, False)
    >>> said_of_party("The bank's failure to be open with customers.", fail), said_of_party("Leadership failures stranded crews.", fail)
    (True, True)
    >>> said_of_party("The computer systems that assist air traffic controllers failed at 8am.", fail)
    False
    """
    for m in re.finditer(r"[\w-]+", text):
        lemma = simple_lemmas(m.group())
        if not lemma or lemma[0] not in words:
            continue
        before = text[: m.start()]
        if lemma[0].endswith("ure"):  # a noun: its owner, "of" its owner, or the noun modifying it
            owner = _OWNER_OF.match(text, m.end())
            if owner:  # "the failure of the Nats IT system grounded flights": a thing among its first words
                if not any(_is_thing(_head(w)) for w in _SUBJECT_BREAK.split(owner.group("owner"))[0].split()[:6]):
                    return True
                continue
            head = _head(_SUBJECT_BREAK.split(before)[-1])
        else:  # a verb: the subject before it (the object before "of"/"for" for "accused X of failing")
            before = re.sub(r"[ ](?:of|for|by)[ ]?$", "", before)
            subject = _SUBJECT_BREAK.split(before[: _BETWEEN.search(before).start()])
            # "the systems that assist controllers failed": the head of the clause the relative clause is in
            relative = re.search(r"\b(?:that|which|who)\b[^,;:]*$", before, re.IGNORECASE)
            head = _head(subject[-2] if relative and len(subject) > 1 else subject[-1])
        if not _is_thing(head):
            return True
    return False


_STANCE_SIGN = {"asserts": 1, "confirms": 1, "denies": -1, "disputes": -1, "narrows": -1}


#: Where a claim's main clause gives way to a clause or phrase of time: what it says happened then is taken as
#: given, so a denial's polarity stops before it ("TSB did not act properly before a botched roll-out" denies
#: its conduct, not the botch). A general fact of negation's scope.
_ADJUNCT = re.compile(r",?[ ]\b(?:before|after|when|whenever|while|since|until|following|during)\b[ ]", re.IGNORECASE)


#: Verbs that say their complement did not happen ("failed to act properly", "was unable to comply"): the words
#: after them speak the other way. A general fact of these implicative verbs.
_FAILED_TO = re.compile(r"\b(?:fail|fails|failed|failing|unable|neglect|neglects|neglected|neglecting)[ ]to\b", re.IGNORECASE)


#: A purpose told by "to ensure" or "to make sure" ("suspended processing to ensure that no incorrect data
#: reached controllers") says what something was for, not how a party conducted itself: its words are left out.
#: "failed to ensure" is :data:`_FAILED_TO`'s, read before this.
_PURPOSE = re.compile(r"\b(?:in[ ]order[ ]|so[ ]as[ ])?to[ ](?:ensure|make[ ]sure)\b", re.IGNORECASE)


def _words_way(text: str) -> dict[str, int]:
    """Each aspect ``text``'s words speak to, and which way.

    >>> _words_way("Staff made sure the plants complied."), _words_way("It paused processing to ensure that no data was lost.")
    ({'conduct': 1}, {})
    """
    text = _PURPOSE.sub(" ", text)
    lemmas, lower = set(simple_lemmas(text)), text.lower()
    found = {}
    for aspect in ASPECTS:
        against = _has(aspect.against_words, lemmas, lower) or (bool(aspect.party_against & lemmas) and said_of_party(text, aspect.party_against))
        way = _has(aspect.for_words, lemmas, lower) - against
        if way:
            found[aspect.name] = way
    return found


def _directions(text: str) -> dict[str, int]:
    """Each aspect ``text``'s words speak to and which way, the words after "failed to" the other way;
    an aspect spoken to both ways is 0.

    >>> _directions("It failed to act properly."), _directions("It was unable to comply.")
    ({'conduct': -1}, {'conduct': -1})
    """
    split = _FAILED_TO.search(text)
    if split is None:
        return _words_way(text)
    found = _words_way(text[: split.end()])
    for name, way in _words_way(text[split.end():]).items():
        found[name] = -way if found.get(name, -way) == -way else 0
    return found


def aspect_sides(text: str, stance: str = "asserts") -> dict[str, int]:
    """Each aspect ``text`` speaks to, and which way (1 for, -1 against), its stance's polarity applied to its
    main clause; a clause or phrase of time after it (:data:`_ADJUNCT`) is taken as given, whatever the stance.
    An aspect it speaks to both ways, or a stance with no polarity (a hedge), says nothing.

    >>> aspect_sides("TSB did act properly before a botched roll-out.", "denies")
    {'conduct': -1}
    >>> aspect_sides("Staff acted properly during the botched roll-out.")
    {}
    """
    sign = _STANCE_SIGN.get(stance, 0)
    if not sign:
        return {}
    split = _ADJUNCT.search(text)
    main, given = (text[: split.start()], text[split.start():]) if split else (text, "")
    sides: dict[str, int] = {name: way * sign for name, way in _directions(main).items()}
    for name, way in _directions(given).items():
        sides[name] = way if sides.get(name, way) == way else 0
    return {name: way for name, way in sorted(sides.items()) if way}


def aspect_words() -> frozenset[str]:
    """Every single-word lemma of :data:`ASPECTS` (they tell the aspect, never what a claim is about)."""
    return frozenset(w for a in ASPECTS for w in a.for_words | a.against_words | a.party_against if " " not in w)


def opposed_aspects(a: dict[str, int], b: dict[str, int]) -> list[str]:
    """The aspects two claims speak to in opposite ways.

    >>> opposed_aspects({"conduct": 1}, {"conduct": -1, "foreseeable": 1})
    ['conduct']
    """
    return sorted(name for name, way in a.items() if b.get(name) == -way)


def aspect_score(shared_words: float, shared_item: bool, shared_incident: bool) -> float:
    """How surely two claims opposed on an aspect are about one thing, 0-1: the weighted share of their
    words beyond the aspect's (``shared_words``, 0-1), an item both name, an incident both belong to.

    >>> aspect_score(0.0, True, False), aspect_score(0.3, False, False), aspect_score(0.0, False, True)
    (0.6, 0.56, 0.5)
    """
    return round(min(1.0, 0.35 + 0.25 * shared_item + 0.15 * shared_incident + 0.7 * shared_words), 2)


def aspect_answer(index, text: str, about: set[str], stance: str, party: str, *, same_side, incidents: frozenset[str] = frozenset(),
                  among: set[str] | None = None, causes: bool = False):
    """The proposition of ``index`` (:class:`kg.ingest.linking.PropositionIndex`) that the claim ``text`` (by
    ``party``, with ``stance``) opposes on an aspect: one held by a party not on ``party``'s side
    (``same_side(other)`` is False) and by no party of its side, whose words speak to an aspect the other way, scoring highest by
    :func:`aspect_score` (``incidents``: the claim's incidents, beside each proposition's
    ``index.incidents``). A :class:`kg.ingest.linking.PropositionMatch`: a link from :data:`ASPECT_LINK`,
    else hints from :data:`ASPECT_HINT`; ``among`` leaves out every other proposition. With ``causes``, a claim
    naming another cause of one harm than the proposition does (:func:`rival_causes`) opposes it too: kg ingest
    asks so within one article, where the reporting sets the two against each other; across articles one cause
    is often told twice in other words ("a misconfigured network element", "an incorrect process").

    >>> from kg.ingest.linking import PropositionIndex
    >>> index = PropositionIndex()
    >>> index.add("met", "Conventional plants acted in line with the regulation.", set(), [("utilities", "asserts")])
    >>> index.add("rain", "It rained all week.", set(), [("utilities", "asserts")])
    >>> m = aspect_answer(index, "Some conventional plants failed to keep voltage steady.", set(), "asserts", "operator",
    ...                   same_side=lambda other: other == "operator")
    >>> m.link, m.confidence
    ('met', 0.65)
    """
    from kg.ingest.linking import Content, PropositionMatch, similarity

    mine = aspect_sides(text, stance)
    mine_figures = figure_aspect_values(text) if stance in ("asserts", "narrows") else {}
    names_cause = causes and stance in ("asserts", "confirms") and cause_of(text) is not None
    if not mine and not mine_figures and not names_cause:
        return PropositionMatch()
    phrase = lambda words: index.content(words).lemmas  # noqa: E731
    leave_out = aspect_words()
    mine_content = index.content(text, about)
    bare = lambda c: Content(frozenset(w for w in c.lemmas if w not in leave_out and not w.startswith("~")), frozenset(), c.numbers)  # noqa: E731
    scored = []
    for item_id, theirs_text, theirs in index.entries():
        if item_id == "" or (among is not None and item_id not in among):
            continue
        # Another side asserts the proposition, none of this party's side holds it either way, and its words
        # speak to an aspect the other way: the claim disputes it.
        holders = index.parties(item_id)
        if any(same_side(who) for who in holders) or not any(way == 1 for way in holders.values()):
            continue
        figures = other_figures(mine_figures, figure_aspect_values(theirs_text))
        rivals = names_cause and rival_causes(text, theirs_text, phrase)
        if not figures and not rivals and not opposed_aspects(mine, aspect_sides(theirs_text)):
            continue
        shared = similarity(bare(mine_content), bare(theirs), index.weight, vectors=index.vectors)
        score = aspect_score(shared, bool(mine_content.about & theirs.about), bool(incidents & index.incidents.get(item_id, frozenset())))
        score = round(min(1.0, score + FIGURE_BONUS * (figures or rivals)), 2)
        if score >= ASPECT_HINT:
            scored.append((score, item_id))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    if scored and scored[0][0] >= ASPECT_LINK:
        return PropositionMatch(link=scored[0][1], confidence=scored[0][0])
    return PropositionMatch(hints=[(i, s) for s, i in scored[:2]])
