"""Kinds of event: a fire is its own incident, and an outage's mechanism where a sentence says so.

A fire is never a mention of the outage it caused; it is the outage's ``mechanism`` where a sentence tells
that it brought the outage about.

>>> event_kind("explosion"), event_kind("glitch")
('fire', 'outage')
"""

from __future__ import annotations

import re

from kg.ingest.entities import Entity
from kg.vocab import CLS

__all__ = ["EVENT_KINDS", "PREDICATE", "event_kind", "event_kind_of", "link_causes"]

#: The kinds of event an incident's head tells apart, as named rows (kind, heads): a mention of one kind is never
#: folded into an incident of another ("a fire at a substation" is no mention of the outage it caused); an event of
#: another kind that a sentence tells caused the outage is the outage's ``mechanism``. A head of no row is of the
#: kind ``outage``. General facts of what these words name. An attack (cyberattack, hack, breach) is no row yet: on
#: the tuned incidents a breach drafted apart from the outage lost two identity questions the fold had listed.
EVENT_KINDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("fire", frozenset({"fire", "explosion"})),
)
_KIND_OF = {head: kind for kind, heads in EVENT_KINDS for head in heads}
#: Words between two events of one sentence by which it tells that the later-named one brought about the earlier
#: ("the outage came after a fire", "was caused by a cyberattack"), or the earlier-named one the later ("a fire
#: knocked out the substation and caused the outage"). Nothing else between them ends a clause.
_CAUSED_BY = re.compile(r"\b(?:caused[ ]by|because[ ]of|due[ ]to|after|following|triggered[ ]by|sparked[ ]by|blamed[ ]on|"
                        r"brought[ ]on[ ]by|the[ ]result[ ]of|resulted[ ]from|came[ ]from)\b", re.IGNORECASE)
_CAUSING = re.compile(r"\b(?:caused|causing|triggered|sparked|set[ ]off|led[ ]to|resulted[ ]in|brought[ ]down|knocked[ ]out|forced)\b",
                      re.IGNORECASE)


#: "A week after", "days following": a time between two events, not a cause.
_LATER = re.compile(r"\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)[ ](?:after|following)\b", re.IGNORECASE)


#: Words before an event's head that make it a predicate, not an event of its own: "the outage was not a fire",
#: "signs of a fire", "a power cut rather than a fire".
PREDICATE = re.compile(r"\b(?:(?:was|is|were|are|been|be)(?:[ ]not)?|(?:evidence|signs?|hallmarks|indications?)[ ]of|rather[ ]than|instead[ ]of)"
                       r"[ ](?:an?[ ]|the[ ])?$", re.IGNORECASE)


def event_kind_of(incident: Entity) -> str:
    """The kind of an incident found here (by its head word) or named before (by its label's last word)."""
    return event_kind(incident.fields.get("_head") or incident.label.split()[-1])


def event_kind(head: str) -> str:
    """The kind of event an incident's head word names (:data:`EVENT_KINDS`).

    >>> event_kind("Fire"), event_kind("outage")
    ('fire', 'outage')
    """
    return _KIND_OF.get(head.lower(), "outage")


def link_causes(text: str, incidents: list[Entity]) -> None:
    """An event of another kind than the outage (:data:`EVENT_KINDS`) that a sentence tells brought the outage
    about is the outage's ``mechanism``: "the outage came after a fire" (:data:`_CAUSED_BY` between them), "a fire
    caused the outage" (:data:`_CAUSING`), with no other sentence or clause between the two."""
    events = [i for i in incidents if i.type == CLS.Incident]
    for outage in (e for e in events if event_kind_of(e) == "outage"):
        for cause in (e for e in events if event_kind_of(e) != "outage"):
            if any(_brought_about(text, o, c) for o in outage.spans for c in cause.spans):
                outage.fields.setdefault("mechanism", []).append(cause.key)


def _brought_about(text: str, outage: tuple[int, int], cause: tuple[int, int]) -> bool:
    """Do the words between the two spans tell that ``cause`` brought ``outage`` about?

    >>> text = "The outage came after a fire. A fire at the plant caused the outage. The fault came from the fire."
    >>> _brought_about(text, (4, 10), (24, 28)), _brought_about(text, (62, 68), (32, 36)), _brought_about(text, (4, 10), (32, 36))
    (True, True, False)
    >>> _brought_about("The outage came a week after a fire.", (4, 10), (31, 35))
    False
    """
    between = text[outage[1]:cause[0]] if outage[1] <= cause[0] else text[cause[1]:outage[0]]
    if len(between) > 120 or re.search(r"[.;!?]|,[ ](?:but|while|and)\b", between) or _LATER.search(between):
        return False
    return bool((_CAUSED_BY if outage[1] <= cause[0] else _CAUSING).search(between))
