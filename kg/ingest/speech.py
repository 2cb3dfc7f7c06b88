"""Reported speech read from spaCy's dependency tree: who said what, with which verb.

Each rule of :data:`SPEECH_RULES` is a named row: the tree it matches, the
handler that reads it, and the confidence of what it finds. A handler gets a
token of the parse and returns a :class:`Speech` (character spans of the
speaker and the content, the verb, and whether the content's main verb has a
``neg`` child), or None. :mod:`kg.ingest.attribution` turns a speech into a
claim: it resolves the speaker to an entity ("she" is the last person named)
and words the proposition.

>>> text = "Globex said the outage was not caused by AI. According to Jane Roe, the fix is safe."
>>> [(s.rule, text[slice(*s.speaker)], text[slice(*s.content)], s.negated) for s in find_speech(text)]
[('says that', 'Globex', 'the outage was not caused by AI', True), ('according to', 'Jane Roe', 'the fix is safe', False)]
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.ingest.speech_rules import (
    BLAME, CERTAIN, CERTAIN_THAT, CLAUSES, FRAMED, LEMMAS, REJECTS_ACCOUNT, REPORTING, REQUEST_ONLY, SPEECH_RULES, SUBJECTS, Speech, SpeechRule,
    URGES, CLAUSE_BREAK_BEFORE, open_quote_mark,
)
from kg.ingest.speech_tree import negation_of
from kg.vocab import CLS

__all__ = ["Speech", "SpeechRule", "SPEECH_RULES", "REPORTING", "find_speech", "quoted_paragraphs", "rule_table"]

#: What a quotation left open at the end of a speech holds: the speaker's words up to its close.
CONTINUED = SpeechRule("quote continued", "a quotation open where a speech's content ends, closed later on the line: its words after the content", None, 0.7)


def _withheld(verb) -> bool:
    """Is the verb negated or refused ("did not say", "declined to confirm")?"""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("decline", "refuse", "fail", "unable")


def _open_quote(text: str, line_start: int, content: tuple[int, int], verb_at: int) -> tuple[int, int]:
    """A quotation opened before the content and still open there is all the speaker's, up to its
    closing mark when it comes before ``verb_at``: "“We moved too fast. We know why,” Roe said" is both
    sentences, and "“It serves us well; but clearly we must change,” Roe said" is not cut at "but" (a
    quotation the tree reads as two claims passes its content's end, and keeps it).

    >>> text = '“It serves us well; but clearly we must change,” Roe said.'
    >>> text[slice(*_open_quote(text, 0, (1, 18), text.index("said")))]
    'It serves us well; but clearly we must change,'
    """
    head = text[line_start:content[0]]
    mark = open_quote_mark(head)
    if mark is None:
        return content
    opened = head.rfind("“" if mark == "”" else '"')
    close = text.find(mark, content[1], verb_at)
    return line_start + opened + 1, close if close >= 0 else content[1]


def _within(span: tuple[int, int], line: tuple[int, int]) -> tuple[int, int]:
    return max(span[0], line[0]), min(span[1], line[1])


def cue() -> "re.Pattern":
    """Words that may start reported speech: a paragraph without one is never parsed for it.

    >>> bool(cue().search("Globex denied it.")), bool(cue().search("The app went down."))
    (True, False)
    """
    import re

    stems = sorted({lemma.rstrip("ey")[:5] for lemma in (*LEMMAS, *BLAME, *FRAMED, *CERTAIN)} | {"said", "told", "according", "wrote", "written"})
    return re.compile(rf"\b(?:{'|'.join(stems)})", re.IGNORECASE)


def find_speech(text: str, docs: list | None = None) -> list[Speech]:
    """Every act of reported speech the tree rules read in ``text`` (or in its parsed pieces ``docs``)."""
    if docs is None:
        from kg.ingest.nlp import parse

        docs = parse(text, lines=cue(), disable=("ner",))
    found: list[Speech] = []
    for offset, doc in docs:
        for token in doc:
            lemma = token.lemma_.lower()
            # A verb by its place in the tree even when tagged otherwise ('“C,” Boies' letter read': read/NOUN).
            verbal = token.pos_ in ("VERB", "AUX") or (
                any(c.dep_ in SUBJECTS for c in token.children) and any(c.dep_ in CLAUSES for c in token.children))
            stance = (LEMMAS.get(lemma) or ("asserts" if lemma in BLAME | FRAMED else None)) if verbal else None
            if token.pos_ == "ADJ" and token.lower_ in CERTAIN:
                stance = "asserts"  # "X was adamant that C": read by its own row only
            if stance is None and token.lower_ != "according":
                continue
            if _withheld(token):
                continue  # "did not say whether", "declined to confirm": a hedge, read by the hedge rules
            for rule in SPEECH_RULES:
                if (lemma in REQUEST_ONLY and rule.name != URGES) or ((token.pos_ == "ADJ") != (rule.name == CERTAIN_THAT)):
                    continue
                read = rule.handler(token, offset)
                if read is None:
                    continue
                if len(read) == 5:  # one claim: (speaker, content, negated, neg, verb)
                    speaker, content, negated, neg, verb = read
                    parts, said = [(content, negated, neg, None)], stance
                else:  # several, each worded: (speaker, parts, verb[, stance])
                    speaker, parts, verb, *said = read
                    said = said[0] if said else stance
                # Speech never runs across a line break: a headline above is not the content.
                at = offset + verb.idx
                line = (text.rfind("\n", 0, at) + 1, (text.find("\n", at) + 1 or len(text) + 1) - 1)
                speaker = _within(speaker, line)
                read_any = False
                pieces = []
                for n, (content, negated, neg, wording) in enumerate(parts):
                    content = _closed(text, _within(content, line))
                    if n == 0 and wording is None:
                        opened = _open_quote(text, line[0], content, at if len(parts) == 1 else content[1])
                        quoted = opened != content or text[content[0] - 1:content[0]] in ("“", '"')
                        if quoted and _SENTENCE_END.search(text, opened[0], opened[1]):
                            # “A. B,” X said: a claim per sentence, each with its own negation
                            pieces += _quoted_sentences(text, doc, offset, opened, neg)
                            continue
                        content = opened
                    pieces.append((content, negated, neg, wording))
                for n, (content, negated, neg, wording) in enumerate(pieces):
                    if content[1] - content[0] < 3 or speaker[1] <= speaker[0]:
                        continue
                    frame = (min(speaker[0], content[0], offset + verb.idx), max(speaker[1], content[1], offset + verb.idx + len(verb)))
                    found.append(Speech(rule.name, verb.text, said or "asserts", speaker, content, frame, negated, neg, rule.confidence, wording))
                    if n == len(pieces) - 1:  # a quotation's later sentences are pieces already
                        found += _continued(text, line, found[-1])
                    read_any = True
                if read_any:
                    break
    return _cut_nested(text, found)


def _cut_nested(text: str, speeches: list[Speech]) -> list[Speech]:
    """A speech's content ends where another party's speech starts inside it: "X said A, according to
    Y, which said B" is X's A, then Y's; "X said A, and sellers say B" is X's A, then the sellers' B.
    A quotation stays whole (its words are the speaker's, whoever it names), and so does a content whose
    own subject speaks ("said that 16 firms had reported that ...").

    >>> text = "Globex said the load was normal, and customers say the site was down."
    >>> outer = Speech("says that", "said", "asserts", (0, 6), (12, 68), (0, 68), False, None, 0.85)
    >>> inner = Speech("says that", "say", "asserts", (37, 46), (51, 68), (37, 68), False, None, 0.85)
    >>> [text[slice(*s.content)] for s in _cut_nested(text, [outer, inner])]
    ['the load was normal', 'the site was down']
    """
    out = []
    for speech in speeches:
        a, b = speech.content
        cuts = []
        for other in speeches:
            if other is speech or other.speaker == speech.speaker:
                continue
            verb = text.rfind(other.verb, a, other.speaker[0]) if other.verb.lower() == "according" else -1
            cut = verb if verb >= 0 else other.speaker[0]
            if a + 10 < cut < b and a <= other.speaker[0] < b and CLAUSE_BREAK_BEFORE.search(text, a, cut):
                cuts.append(cut)
        head = text[text.rfind("\n", 0, a) + 1:a]
        if cuts and speech.wording is None and not re.search(r"[“\"]", text[a:min(cuts)]) and head.count("“") <= head.count("”") and head.count('"') % 2 == 0:
            end = min(cuts)
            while end > a and (text[end - 1] in " ,;:—–" or text[max(a, end - 4):end] in (" and", " but")):
                end -= 4 if text[max(a, end - 4):end] in (" and", " but") else 1
            speech = replace(speech, content=(a, end))
        out.append(speech)
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?])[ ]+(?=[“\"‘]?[A-Z0-9])")


def _quoted_sentences(text: str, doc, offset: int, span: tuple[int, int], neg: tuple[int, int] | None) -> list:
    """A quotation of several sentences, as one part per sentence, each negated when its own main verb
    has a ``neg`` child in the tree (the content's negation, when found, belongs to the sentence holding it)."""
    cuts = [span[0]] + [m.end() for m in _SENTENCE_END.finditer(text, span[0], span[1])]
    parts = []
    for a, b in zip(cuts, cuts[1:] + [span[1]]):
        end = b
        while end > a and text[end - 1] in " .,;:!?":
            end -= 1
        tokens = [t for t in doc if a <= offset + t.idx < end]
        root = next((t for t in tokens if not (a <= offset + t.head.idx < end) or t.head.i == t.i), None)
        no = negation_of(root) if root is not None else None
        where = (offset + no.idx, offset + no.idx + len(no)) if no is not None else neg if neg and a <= neg[0] < end else None
        parts.append(((a, end), where is not None, where, None))
    return parts


def _closed(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` with the closing quotation mark right after it, when it opens one it does not close."""
    words = text[span[0]:span[1]]
    after = text[span[1]:span[1] + 1]
    if (after == "”" and words.count("“") > words.count("”")) or (after == '"' and words.count('"') % 2):
        return span[0], span[1] + 1
    return span


def _continued(text: str, line: tuple[int, int], speech: Speech) -> list[Speech]:
    """The rest of a quotation the speech's content leaves open (:data:`CONTINUED`):
    'Roe said: “A. B.”' is A, then B by the same speaker."""
    mark = open_quote_mark(text[line[0]:speech.content[1]])
    if mark is None:
        return []
    close = text.find(mark, speech.content[1], line[1])
    start = speech.content[1]
    while start < close and (text[start] in " .,;:!?“”\"" or text[start].isspace()):
        start += 1
    end = close
    while end > start and text[end - 1] in " .,;:":
        end -= 1
    if close < 0 or end - start < 12 or not re.search(r"[.!?][ ]", text[speech.content[1]:start + 1]):
        return []
    frame = (min(speech.frame[0], start), max(speech.frame[1], end))
    return [Speech(CONTINUED.name, speech.verb, speech.stance, speech.speaker, (start, end), frame, False, None, CONTINUED.confidence)]


#: A paragraph that is one quotation, with no reporting verb, after a paragraph whose speaker was quoted.
QUOTED_PARAGRAPH = SpeechRule("quoted paragraph", "a paragraph that opens with a quotation and names no speaker, after a paragraph whose last speech was a quotation: the same speaker's words", None, 0.6)
_QUOTE_OPEN = re.compile(r"[ \t]*(?P<mark>[“\"])")


def quoted_paragraphs(text: str, speeches: list[Speech]) -> list[Speech]:
    r"""Speeches for paragraphs that continue a quotation (:data:`QUOTED_PARAGRAPH`), in news style:
    'Roe said: “We moved too fast.” / “We are sorry.”' is Roe's second paragraph too.

    >>> text = 'Roe said: “We moved too fast.”\n\n“We are sorry for the harm done.”\n\nThe sky was grey.'
    >>> first = Speech("colon frame", "said", "asserts", (0, 3), (11, 29), (0, 30), False, None, 0.8)
    >>> [text[slice(*s.content)] for s in quoted_paragraphs(text, [first])]
    ['We are sorry for the harm done']
    """
    by_line: dict[int, list[Speech]] = {}
    for speech in speeches:
        by_line.setdefault(text.rfind("\n", 0, speech.frame[0]) + 1, []).append(speech)
    found: list[Speech] = []
    last: Speech | None = None
    start = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\n")
        here = by_line.get(start)
        if here:
            last = max(here, key=lambda s: s.frame[1])
            quoted = open_quote_mark(text[start:last.content[0]]) is not None or text[last.content[1]:last.content[1] + 1] in "”\""
            last = last if quoted and last.content[1] >= len(body.rstrip(" .”\"")) + start - 3 else None
        elif body.strip():
            m = _QUOTE_OPEN.match(body)
            close = body.find("”" if m and m.group("mark") == "“" else '"', m.end() if m else 0)
            if m is None or last is None or (0 <= close < len(body.rstrip()) - 2):
                last = None  # words after the quotation: a new sentence of the story, not the speaker's
            else:
                a, b = start + m.end(), start + (close if close >= 0 else len(body))
                while b > a and text[b - 1] in " .,;:":
                    b -= 1
                if b - a >= 12:
                    found.append(Speech(QUOTED_PARAGRAPH.name, last.verb, last.stance, last.speaker, (a, b), (a, b), False, None, QUOTED_PARAGRAPH.confidence))
                last = last if close < 0 else found[-1] if found and found[-1].content[0] == a else None
        start += len(line)
    return found


def rule_table() -> str:
    """The tree rules as a Markdown table, for docs/ingest.md.

    >>> rule_table().splitlines()[0]
    '| rule | tree match | confidence |'
    """
    rows = ["| rule | tree match | confidence |", "|---|---|---|"]
    rows += [f"| {rule.name} | {rule.match} | {rule.confidence:.2f} |" for rule in [*SPEECH_RULES, CONTINUED, QUOTED_PARAGRAPH]]
    return "\n".join(rows)


def _told_in(parties: dict, speech: Speech) -> bool:
    """Is ``speech`` an unnamed group's or role's, told inside a document's words? The document speaks then
    (the innermost named speaker): "the report said nurses had told supervisors that C" is the report's."""
    return parties[speech].generic and any(
        o is not speech and o.content[0] <= speech.frame[0] and speech.frame[1] <= o.content[1]
        and (p.type == CLS.InternalDocument or p.section == "sources") for o, p in parties.items())


def parsed_claims(table, text: str, speeches: list[Speech]) -> list:
    """Each speech as a :class:`~kg.ingest.attribution.Claim`: the speaker resolved to an entity
    (a pronoun to the last one named), the stance from the verb and the tree's negation."""
    from kg.ingest.attribution import Claim, _make_claim
    from kg.ingest.parties import resolve_party

    claims = []
    parties = {}
    table.speakers.clear()
    for speech in speeches:
        party = resolve_party(table, text, *speech.speaker)
        if party is not None:
            parties[speech] = party
            table.speakers.append(party)  # in order: "it" is the last organization that spoke
    table.speakers.clear()
    for speech, party in parties.items():
        if speech.rule == REJECTS_ACCOUNT:
            # "X rejected the claim": X disputes the claim another party made just before.
            target = next((c for c in reversed(claims) if c.party is not party and c.target is None), None)
            if target is not None:
                claims.append(Claim(party, speech.stance, *speech.content, speech.frame, target.proposition, speech.confidence, [], target, speech.verb.lower()))
                table.speakers.append(party)
            continue
        # Speech inside a document's words ("according to the memo, Roe told staff that C") is the
        # inner speaker's, read through the document; the document's own claim is that one.
        outer = [parties[o] for o in parties if o is not speech and o.content[0] <= speech.frame[0] and speech.frame[1] <= o.content[1]]
        via = [o for o in outer if o.type == CLS.InternalDocument or o.section == "sources"]
        if _told_in(parties, speech):
            continue
        if party.type == CLS.InternalDocument and any(s.frame[0] >= speech.content[0] and s.frame[1] <= speech.content[1]
                                                    and not _told_in(parties, s) for s in parties if s is not speech):
            continue
        claim = _make_claim(table, text, party, speech.verb, *speech.content, speech.frame, via, speech.confidence,
                            verb_class=speech.stance, negated=True if speech.negated else None, wording=speech.wording)
        if claim is not None:
            table.speakers.append(party)
            claims.append(claim)
    return claims
