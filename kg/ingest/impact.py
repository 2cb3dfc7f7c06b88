"""Incidents told by their impact, and the date each incident happened.

News often names no incident at all and says what happened to people:
"shoppers were unable to complete purchases for almost three hours", "the
app went down minutes before kick-off", "3,100 flights were cancelled".
:func:`find_impacts` finds such clauses (a table of named patterns, each
bounded, so linear in the text); :mod:`kg.ingest.events` makes each one a
mention of the incident it belongs to, or a new incident when the article
names none.

:func:`incident_date` picks the date of an incident among the dates in the
sentences that mention it:

- an explicit date (March 5, 2026-03-05) beats a weekday or a relative one;
- a date that belongs to a letter, a meeting, a lawsuit, a filing, a hearing
  or a statement ("in a letter dated Monday", "filed a lawsuit on Monday",
  "said on Tuesday") is never the incident's; with the parser, neither is one
  its tree hangs from such a noun or from a reporting verb ("in a post on its
  leak site on Wednesday", "the regulator found on Friday"), nor a "since"
  that dates nothing happening ("has not had an outage that halted traffic
  since 2019");
- a dateline ("BRAMFORD, May 13 (Wire) -") is the article's date, not the incident's;
- a day after the article's date ("to complete the restoration by July 4") is no incident's;
- the first sentence (in reading order) with a usable date wins;
- with the parser, a date its tree binds to the incident's own words ("the blackout that hit the
  peninsula on Monday", "Friday's outage") wins over all of these, and one it binds to another
  incident's words is never this one's (:mod:`kg.ingest.date_tree`).

>>> text = "Northwind said on Tuesday that customers could not log in on March 3."
>>> [(name, text[s:e]) for s, e, name in find_impacts(text)]
[('could not', 'customers could not log in')]
>>> d = incident_date(text, [(0, len(text))], "2026-03-12")
>>> d.text, d.date
('March 3', '2026-03-03')
"""

from __future__ import annotations

import re

from kg.ingest.dates import DateMention, find_dates
from kg.ingest.phrases import denied_cause

__all__ = ["find_impacts", "incident_date", "IMPACTS"]

_W = r"[\w’'-]{1,40}"
_SUBJECT = r"(?<=[ ])"
#: Clauses that tell an incident by what it did to people or systems.
IMPACTS = {
    "went down": rf"{_SUBJECT}(?:went|had[ ]gone|was|were)[ ](?:down|dark|offline)\b",
    "stopped working": rf"{_SUBJECT}(?:simply[ ])?stopped[ ](?:answering|responding|working|loading)\b",
    "could not": rf"{_SUBJECT}(?:could[ ]not|were[ ]unable[ ]to|was[ ]unable[ ]to)[ ](?:be[ ]reached|open|complete|log[ ]in|load|connect|access|see|use|start|book|check[ ]in|restart|make|pay)(?:[ ](?!(?:on|in|for|at|after|when|during|by)\b){_W}){{0,2}}",
    "crashed": rf"{_SUBJECT}(?:crashed|froze|failed[ ]to[ ]restart|went[ ]unanswered)\b",
    "halted": rf"{_SUBJECT}(?:halted|stopped|suspended|cancell?ed)[ ](?:all[ ])?(?:trading|trains|services|flights|orders|deliveries|about[ ][\d,.]+[ ]flights|[\d,.]+[ ]flights)\b",
    "lost": rf"{_SUBJECT}lost[ ](?:the[ ]picture|service|signal|power|access|their[ ]data|the[ ]data)\b",
    "were shown": rf"{_SUBJECT}were[ ](?:shown|charged|paid|told|stranded|stuck)[ ]{_W}",
    "dropped": rf"{_SUBJECT}(?:dropped|deleted|wiped)[ ](?:the[ ]live|every|all|their|its)\b",
    # "a ransomware attack", "the May 7 DarkSide ransomware attack", "two cyberattacks", "this cyber-attack"; a bare
    # "attack" only where it is an event: "an attack early on June 19", "the recent attack on the pipeline", "a second attack"
    "attack": r"\b(?:(?i:an?|the|this|that|two|three|several)[ ](?:(?!(?i:of|on|in|at|to|for|by|with|and|or|the|an?|this|that)\b)[\w’'-]{1,40}[ ]){0,3}?(?:ransomware|cyber)[ -]?attacks?"
              r"|(?i:an?|the)[ ](?:(?:recent|latest|initial|first|new)[ ])?attack(?=[ ](?:on|against|early|late|last|this)\b)"
              r"|(?:(?i:a)[ ](?:second|third|further|new)|(?i:another))[ ](?:cyber[ -]?)?attack"
              # "a massive attack that began in May", "the May mass attack on ...", "a highly automated mass attack"
              r"|(?i:an?|the)[ ](?:(?:[A-Z][a-z]{1,9}|\d{1,2}|highly|largely)[ ]){0,2}(?i:mass|massive|coordinated|automated|malicious|"
              r"criminal|sophisticated|hacking|ddos|phishing)[ ](?:[a-z]{1,20}[ ])?attacks?)\b",
    "down for": rf"(?:stopped|halted|went[ ]dark|went[ ]down|was[ ]down|were[ ]down|down|offline|unavailable)[ ]for[ ](?:(?:close[ ]to|about|almost|nearly|more[ ]than|over|up[ ]to)[ ])?{_W}[ ](?:hours?|minutes?|days?)\b",
    "failed": r"(?:failed|collapsed|broke[ ]down)(?=[ ,.;](?!to\b))",
    "left stuck": rf"left[ ](?:{_W}[ ]){{0,5}}(?:stuck|stranded|without)\b",
}
_IMPACT_RE = [(name, re.compile(pattern)) for name, pattern in IMPACTS.items()]
# Who the subject may not be: a quotation's "I"/"we", or "you" ("You cannot plant by eye").
_NOT_SUBJECT = {"i", "we", "you", "who", "which"}
# Where a subject starts: after a clause boundary word or punctuation.
_BOUNDARY = {"that", "when", "after", "and", "but", "said", "says", "because", "as", "while", "before", "until", "since", "if", "so", "then", "where"}


def _subject_start(text: str, at: int, floor: int) -> int | None:
    """Start of the (at most six-word) subject ending at ``at``, or None when there is none."""
    words = list(re.finditer(r"[^\s,;:()“”\"]+", text[max(floor, at - 120):at]))
    offset = max(floor, at - 120)
    chosen = []
    for m in reversed(words):
        gap = text[offset + m.end():at if not chosen else offset + chosen[-1].start()]
        if re.search(r"[,;:()“”\"]", gap) or m.group().lower() in _BOUNDARY or len(chosen) == 6:
            break
        chosen.append(m)
    if not chosen or chosen[-1].group().lower() in _NOT_SUBJECT or chosen[0].group().lower() in _NOT_SUBJECT:
        return None
    return offset + chosen[-1].start()

#: The nouns and verbs a date belongs to when it is not the incident's: the act of telling, filing or
#: meeting ("in a letter dated Monday", "a post on its site on Wednesday", "said on Tuesday").
OWNER_NOUNS = ("letter", "memo", "email", "e-mail", "meeting", "hearing", "lawsuit", "suit", "complaint", "filing",
               "statement", "testimony", "interview", "briefing", "post", "notice", "order", "ruling", "report",
               "conference", "call", "court", "session", "vote", "board", "council")
_OWNER_VERBS = ("filed", "said", "says", "told", "wrote", "announced", "confirmed", "added", "apologi[sz]ed", "published",
                "dated", "reporters")
_NOT_EVENT = re.compile(
    # whole words: not the "call" of "recall"
    rf"\b(?:{'|'.join(OWNER_NOUNS + _OWNER_VERBS)})(?:[ ]\w+){{0,3}}[ ,]+(?:on|dated|of)?[ ]?$",
    re.IGNORECASE,
)
_DATELINE_AFTER = re.compile(r"^,?[ ]?(?:\d{4})?[ ]*(?:\(|[-–—|][ ])")
_DATELINE_BEFORE = re.compile(r"(?:^|[|][ ]?|[A-Z]{3,},[ ])$")


def find_impacts(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Impact clauses in ``text[start:end]``: (start, end, pattern name), in order, not overlapping."""
    end = len(text) if end is None else end
    found: list[tuple[int, int, str]] = []
    for name, pattern in _IMPACT_RE:
        for m in pattern.finditer(text, start, end):
            s = m.start()
            if name == "attack" and denied_cause(text, s):
                continue  # "had ruled out a cyberattack": a cause denied, no incident
            if name not in ("attack", "down for"):
                s = _subject_start(text, m.start() - 1, start)
                if s is None:
                    continue
            if any(s < b and a < m.end() for a, b, _ in found):
                continue
            found.append((s, m.end(), name))
    return sorted(found)


def _usable(text: str, mention: DateMention, sentence_start: int) -> bool:
    before = text[max(sentence_start, mention.start - 60):mention.start]
    owner = _NOT_EVENT.search(before)
    if owner and not re.search(r"\b(?:were|was)[ ]told[ ]\w*[ ]?$", before):  # "were told on Friday" is the event
        return False
    return _resolved(text, mention, sentence_start)


def _resolved(text: str, mention: DateMention, sentence_start: int) -> bool:
    """A date that resolves to a day or bounds and is no dateline."""
    after = text[mention.end:mention.end + 12]
    if _DATELINE_AFTER.match(after) and _DATELINE_BEFORE.search(text[max(sentence_start, mention.start - 30):mention.start]):
        return False
    return bool(mention.date or mention.not_before or mention.not_after)


def _explicit(mention: DateMention) -> bool:
    return bool(re.search(r"\d", mention.text))


def incident_date(text: str, sentences: list[tuple[int, int]], published: str | None, date_spans=(), *, tree=None,
                  mentions=(), others=()) -> DateMention | None:
    """The date of an incident mentioned in ``sentences`` (spans, in reading order); see the module docstring.
    ``date_spans`` are a parser's DATE entities (see :func:`kg.ingest.dates.find_dates`).

    With a parse ``tree`` (:class:`kg.ingest.date_tree.DateTree`), a date bound to one of the incident's
    ``mentions`` (spans) wins over any other, and a date bound to another incident's (``others``) is never
    this one's."""
    if tree is not None:
        tree.parse(sentences)
    fallback, explicit, bound = None, None, []
    for start, end in sentences:
        found = find_dates(text, published, start=start, end=end, spans=date_spans)
        usable = []
        for d in found:
            if published and (d.date or d.not_before or "") > published:
                continue  # "expects to complete the restoration by July 4": nothing has happened after publication
            if tree is not None and _resolved(text, d, start):
                if _owned(tree, d):
                    continue  # even one its tree binds to the incident: "the outage, which the regulator reported on Friday"
                to = tree.bound(d.start, d.end)
                if _overlap(to, mentions):
                    bound.append(d)
                    continue
                if _overlap(to, others):
                    continue
            if _usable(text, d, start):
                usable.append(d)
        explicit = explicit or next((d for d in usable if _explicit(d)), None)
        fallback = fallback or (usable[0] if usable else None)
    if bound:
        return next((d for d in bound if _explicit(d)), bound[0])
    return explicit or fallback


def _owned(tree, mention: DateMention) -> bool:
    """Does a date its ``tree`` hangs from a word of telling, filing or meeting ("said on Tuesday", "a post
    on its site on Wednesday") date that act, or does "not ... since" date that nothing happened ("has not
    had an outage that halted traffic since 2019"), rather than the incident?"""
    from kg.ingest.speech_tree import LEMMAS

    governor = tree.governor(mention.start, mention.end)
    if governor is None:
        return False
    lemma, negated = governor
    return (negated and mention.text.lower().startswith("since")) or lemma in OWNER_NOUNS or lemma in LEMMAS


def _overlap(spans, others) -> bool:
    return any(a < d and c < b for a, b in spans for c, d in others)
