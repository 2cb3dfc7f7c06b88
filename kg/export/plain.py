"""Plain words for the unresolved report: names, stance tags, counts and opening sentences.

The text, Markdown and HTML reports say the same things in the same words;
this module holds those words. Every function takes ``esc``, the escaping for
where the words go (``str`` for a terminal, Markdown escaping for Markdown).
Numbers that measure strength never appear here except in :func:`details`
lines; counts are written as words up to ten.

>>> from kg.analysis.evidence import AssertionRef, NodeRef, SourceRef
>>> wire = SourceRef("w", "The Wire's report on the outage")
>>> acme = NodeRef("acme", "Acme Corp. (unnamed)", "Organization")
>>> a = AssertionRef("a1", NodeRef("p", "Reviews were skipped.", "Proposition"), acme, "disputes", -1, wire,
...                  "disputed that reviews were skipped")
>>> names = Names({"acme": "Acme"}, documents=(wire,))
>>> stance_tag(a, names)
'Acme — disputes: “disputed that reviews were skipped”'
>>> counted(3, "party", "parties"), counted(12, "document")
('three parties', '12 documents')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable
from urllib.parse import quote

from kg.analysis.evidence import AssertionRef, NodeRef, SourceRef
from kg.names import short_name

__all__ = ["Names", "voice_counts", "sentence", "quoted", "stance_tag", "counted", "listed", "corroboration", "contested_opening", "contested_strength",
           "question_opening", "kind_name", "link_phrase", "graph_link", "one_document_warning", "details", "look_for_label"]

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_AGAINST = {"denies": "denies it", "disputes": "disputes it", "narrows": "narrows it"}
#: The groups of "what to look for next" that are no kind of evidence in the ontology.
_LOOK_FOR = {"other": "other documents", "unknown": "nothing in the record says what would settle these"}
_KINDS = {"candidate": ("identity candidate", "identity candidates"),
          "contested": ("contested proposition", "contested propositions")}


@dataclass(frozen=True)
class Names:
    """Short names by IRI, and the documents the whole record was read in."""

    short: dict[str, str] = field(default_factory=dict)
    documents: tuple[SourceRef, ...] = ()

    def of(self, ref: NodeRef | SourceRef) -> str:
        return self.short.get(ref.iri) or short_name(ref.label)

    @property
    def one_document(self) -> SourceRef | None:
        return self.documents[0] if len(self.documents) == 1 else None


def sentence(text: str) -> str:
    """``text`` with its first letter capitalised, for a name that opens a sentence."""
    return text[:1].upper() + text[1:]


def quoted(label: str, esc: Callable[[str], str] = str) -> str:
    """A label in quotation marks inside a sentence, without its own full stop."""
    return f"“{esc(label.rstrip('.'))}”"


def counted(count: int, one: str, many: str | None = None) -> str:
    """A count in words up to ten, then in digits, with the noun agreeing."""
    many = many or one + "s"
    return f"{_NUMBERS[count] if count <= 10 else count} {one if count == 1 else many}"


def listed(items: Iterable[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def stance_tag(a: AssertionRef, names: Names, esc: Callable[[str], str] = str) -> str:
    """``Party — stance: “quote”``, with where the words come from when it is not the party or the one document."""
    where = []
    voice = getattr(a, "voice", None)
    speaker = esc(names.of(a.party))
    if voice is not None and voice.iri != a.party.iri:
        speaker += f" (for {esc(names.of(voice))})"
    if a.via and a.via.iri not in (a.party.iri, a.source.iri):
        where.append(f"in {esc(names.of(a.via))}")
    if names.one_document is None:
        where.append(f"read in {esc(names.of(a.source))}")
    if a.confidence < 1:
        where.append("a tentative reading")
    if getattr(a, "superseded", False):
        where.append("since taken back or superseded")
    tail = f" ({'; '.join(where)})" if where else ""
    draft = "[draft] " if getattr(a, "draft", False) else ""  # pending review: not yet part of the record
    return f"{draft}{speaker} — {a.stance}: “{esc(a.quote)}”{tail}"


def _parties(refs: Iterable[NodeRef]) -> list[NodeRef]:
    return sorted(set(refs), key=lambda p: (p.label, p.iri))


def _voice(a: AssertionRef) -> NodeRef:
    """Whose voice an assertion is: the party, or whom it speaks for."""
    return getattr(a, "voice", None) or a.party


def _voices_and_statements(assertions: list[AssertionRef]) -> str:
    """ "1 voice (2 statements)": how many voices (a spokesperson counts as whom they speak for) made them.

    >>> _voices_and_statements([])
    '0 voices (0 statements)'
    """
    voices, statements = len({_voice(a).iri for a in assertions}), len(assertions)
    return f"{voices} voice{'' if voices == 1 else 's'} ({statements} statement{'' if statements == 1 else 's'})"


def voice_counts(item) -> str:
    """ "affirmed by 1 voice (1 statement); opposed by 1 voice (2 statements)" for a contested proposition,
    "affirmed by 1 voice (2 statements)" for a single-source claim, "opposed by 2 voices (2 statements)" for a
    denial nobody affirms; live stances only."""

    def live(assertions):
        return [a for a in assertions if not a.superseded]

    if hasattr(item, "affirming"):
        return f"affirmed by {_voices_and_statements(live(item.affirming))}; opposed by {_voices_and_statements(live(item.opposing))}"
    if hasattr(item, "opposing"):  # a denial nobody affirms
        return f"opposed by {_voices_and_statements(live(item.opposing))}"
    return f"affirmed by {_voices_and_statements(live(item.assertions))}"


def corroboration(item, names: Names, esc: Callable[[str], str] = str) -> str:
    """Counted two ways: by parties (independent voices: a spokesperson counts as whom they speak for)
    for and against, and by the documents the live stances were read in."""
    assertions = [a for a in _all(item) if not getattr(a, "superseded", False)]
    documents = sorted({a.source for a in assertions}, key=lambda s: (s.label, s.iri))
    in_docs = f"{counted(len(documents), 'document')} ({listed(esc(names.of(d)) for d in documents)})"
    return f"By parties: {voice_counts(item)}. By documents: {in_docs}."


def _all(item) -> list[AssertionRef]:
    if hasattr(item, "affirming"):
        return [*item.affirming, *item.opposing, *item.neither]
    return list(item.assertions)


def contested_strength(score: float) -> str:
    """How firmly the weaker side holds its ground, in words.

    >>> contested_strength(1.0), contested_strength(0.5), contested_strength(0.2)
    ('firmly contested', 'contested, one side only tentatively', 'weakly contested')
    """
    return ("firmly contested" if score >= 1 else "contested, one side only tentatively" if score >= 0.5
            else "weakly contested")


def contested_opening(c, names: Names, esc: Callable[[str], str] = str) -> str:
    """One sentence: who says so, who opposes it and how, and how firmly it is contested."""
    live = [a for a in _all(c) if not getattr(a, "superseded", False)]

    def side(assertions: list[AssertionRef], verbs: bool) -> list[str]:
        out = []
        for voice in _parties(_voice(a) for a in assertions):
            mine = [a for a in assertions if _voice(a) == voice]
            through = [p for p in _parties(a.party for a in mine) if p != voice]
            via = f" (through {listed(esc(names.of(p)) for p in through)})" if through else ""
            said = f" {listed(_AGAINST.get(s, s + ' it') for s in sorted({a.stance for a in mine}))}" if verbs else ""
            out.append(f"{esc(names.of(voice))}{via}{said}")
        return out

    for_ = side([a for a in live if a.polarity > 0], verbs=False)
    against = side([a for a in live if a.polarity < 0], verbs=True)
    says = "says so" if len(for_) == 1 else "say so"
    rests = ", and everything on both sides comes from one document" if names.one_document else ""
    return sentence(f"{listed(for_)} {says}; {listed(against)}. It is {contested_strength(c.score)}{rests}.")


def link_phrase(link, esc: Callable[[str], str] = str) -> str:
    """How a question bears on an item, as a phrase: directly, or through what both concern."""
    one, _ = _KINDS.get(link.kind, (link.kind, link.kind + "s"))
    if link.direct:
        return f"would settle the {one} {quoted(link.label, esc)}"
    through = listed(esc(s.label) for s in link.shared)
    return f"bears on the {one} {quoted(link.label, esc)}, since both concern {through}"


def look_for_label(group) -> str:
    """The words for a group of "what to look for next": the kind of evidence's label, or the group's own.

    >>> from kg.analysis.record import LookFor
    >>> look_for_label(LookFor("other", "", ())), look_for_label(LookFor("6-statement", "official statements", ()))
    ('other documents', 'official statements')
    """
    return group.label or _LOOK_FOR[group.kind]


def kind_name(kind: str) -> str:
    """'identity candidate', 'contested proposition'."""
    return _KINDS.get(kind, (kind, kind))[0]


def question_opening(q) -> str:
    """What answering the question would settle, counted by kind of item."""
    direct = [link for link in q.links if link.direct]
    parts = []
    for kind, (one, many) in _KINDS.items():
        count = sum(1 for link in direct if link.kind == kind)
        if count:
            parts.append(counted(count, one, many))
    others = len(q.links) - len(direct)
    more = f", and would bear on {counted(others, 'more item', 'more items')}" if others else ""
    if parts:
        return f"Answering it would settle {listed(parts)}{more}."
    if others:
        return f"Answering it would bear on {counted(others, 'item')} listed above."
    return "It bears on no item listed above; it is open in its own right."


def graph_link(item_id: str) -> str:
    """The page link that opens the graph focused on an item (``graph.html#item=<id>``)."""
    return "graph.html#item=" + quote(item_id, safe=":/")


def one_document_warning(names: Names, esc: Callable[[str], str] = str) -> str | None:
    """The sentence that opens the report when every assertion was read in one document."""
    document = names.one_document
    if document is None:
        return None
    title = document.title or document.label
    return (f"The whole record rests on one document: “{esc(title)}” (below, {esc(names.of(document))}). "
            "Every party here is known only through it, so no claim is corroborated by a second document, "
            "however many parties make it.")


def details(*parts: str) -> str:
    """The one place a report prints scores: a line that starts with 'Details:'."""
    return "Details: " + "; ".join(parts) + "."
