"""Splitting text into sentences that keep their character offsets.

Rules, not a model: a sentence ends at ``.``, ``!`` or ``?`` (with any closing
quotes) followed by a capital, a digit or an opening quote, or at a line
break. Titles and initials ("Dr.", "J.") never end one; company suffixes
("Inc.") end one only before a word that usually starts a sentence. A
sentence does not end inside an open quotation, so a quote that runs over
two sentences stays with the words that attribute it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

__all__ = ["Sentence", "headline", "sentence_at", "split_sentences", "title_case_headline"]

_TITLES = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "st", "jr", "sr",
    "capt", "cmdr", "cdr", "adm", "maj", "cpl", "pvt", "fr", "lieut", "brig", "cllr",
    "rev", "hon", "pres", "supt", "det", "insp", "no", "vs", "v", "e.g", "i.e", "etc", "approx", "fig",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n",
}
_COMPANY = {"inc", "corp", "co", "ltd", "llc", "plc", "bros", "dept", "univ", "a.m", "p.m"}
_STARTERS = {
    "the", "a", "an", "it", "its", "he", "she", "they", "we", "i", "this", "that", "these", "those", "in", "on",
    "at", "but", "and", "however", "his", "her", "their", "our", "after", "before", "when", "while", "still",
    "yet", "according", "one", "another", "some", "many", "most", "there", "meanwhile",
}
_OPENING = "“‘\"'(["
_CLOSING = "”’\"')]"
_END = re.compile(r"[.!?]+")
_SPACE = re.compile(r"\s*")
#: No sentence is longer: a longer run (no full stop, or a quote never closed)
#: is cut at a space, so that the rules' work per sentence stays bounded and
#: the whole pass linear in the text (1/7 item 5).
MAX_SENTENCE = 2000
_WINDOW = 200  # how far a rule looks either side of a full stop


@dataclass(frozen=True)
class Sentence:
    """A sentence and where it sits in the text: ``text[start:end] == sentence.text``."""

    start: int
    end: int
    text: str


def sentence_at(sentences: list[Sentence], index: int) -> Sentence | None:
    """The sentence of ``sentences`` (in order) that holds the character at ``index``, if any.

    >>> s = split_sentences("It failed. Staff said so.")
    >>> sentence_at(s, 12).text, sentence_at(s, 99)
    ('Staff said so.', None)
    """
    at = bisect.bisect_right(sentences, index, key=lambda s: s.start) - 1
    if at >= 0 and sentences[at].start <= index < sentences[at].end:
        return sentences[at]
    return None


def _previous_word(text: str, index: int) -> str:
    match = re.search(r"([A-Za-z][A-Za-z.]*)$", text[max(0, index - _WINDOW):index])
    return match.group(1).lower() if match else ""


def _next_word(text: str, index: int) -> str:
    match = re.match(r"\s*[“‘\"'(]*([A-Za-z]+)", text[index:index + _WINDOW])
    return match.group(1).lower() if match else ""


def _ends_here(line: str, stop: int, end: int) -> bool:
    """Does the terminator at line[stop:end] end a sentence?"""
    if end >= len(line):
        return True
    if not line[end].isspace():
        return False
    after = _SPACE.match(line, end).end()
    if after >= len(line):
        return True
    first = line[after]
    if not (first.isupper() or first.isdigit() or first in _OPENING):
        return False
    if line[stop] != ".":
        return True
    word = _previous_word(line, stop)
    if word in _TITLES:
        return word == "no" and not re.match(r"\s*\d", line[end:end + _WINDOW])  # "No. 5" but "said no. It"
    if word in _COMPANY or re.fullmatch(r"[a-z]", word) or re.fullmatch(r"([a-z]\.)+[a-z]", word):
        # "Acme Inc. The ..." and "assistant Q. That ..." end; "J. Smith" does not,
        # unless a verb follows the next name ("... Inc. Orbis rejected ...").
        if re.match(r"\s+[A-Z][\w’'-]*\s+(?:[a-z]+ed|said|says|is|was|has|had|will|would|did|does)\b", line[end:end + _WINDOW]):
            return True
        return _next_word(line, end) in _STARTERS
    return True


def _quote_depth_change(char: str, previous: str, following: str, straight_open: bool) -> tuple[int, bool]:
    if char == "“":
        return 1, straight_open
    if char == "”":
        return -1, straight_open
    if char == '"':
        # A straight quote opens after a space or line start, closes otherwise.
        opens = not straight_open and (previous == "" or previous.isspace() or previous in "([")
        return (1 if opens else -1 if straight_open else 0), opens if opens else False
    return 0, straight_open


def _split_line(line: str, offset: int) -> list[Sentence]:
    sentences: list[Sentence] = []
    start = 0
    depth = 0
    straight_open = False
    index = 0
    while index < len(line):
        char = line[index]
        change, straight_open = _quote_depth_change(char, line[index - 1] if index else "", line[index + 1 : index + 2], straight_open)
        depth = max(0, depth + change)
        if char in ".!?":
            match = _END.match(line, index)
            end = match.end()
            # Closing quotes and brackets belong to the sentence they close,
            # also when a stray space sits before a curly closing quote.
            while True:
                closing = re.match(r"(\s?[”’]|[\"')\]])", line[end:end + 2])
                if not closing:
                    break
                for quote_char in closing.group(0).strip():
                    change, straight_open = _quote_depth_change(quote_char, line[end - 1], "", straight_open)
                    depth = max(0, depth + change)
                end += len(closing.group(0))
            if depth == 0 and _ends_here(line, index, end):
                sentences.append(_make(line, start, end, offset))
                start = end
            index = end
            continue
        index += 1
    if line[start:].strip():
        sentences.append(_make(line, start, len(line), offset))
    return [piece for sentence in sentences for piece in _cut(sentence)]


def _cut(sentence: Sentence) -> list[Sentence]:
    """``sentence`` in pieces of at most :data:`MAX_SENTENCE` characters, cut after a space where there is one."""
    if len(sentence.text) <= MAX_SENTENCE:
        return [sentence]
    pieces, text, at = [], sentence.text, 0
    while len(text) - at > MAX_SENTENCE:
        cut = text.rfind(" ", at + 1, at + MAX_SENTENCE)
        cut = cut if cut > at else at + MAX_SENTENCE
        chunk = text[at:cut].strip()
        if chunk:
            lead = len(text[at:cut]) - len(text[at:cut].lstrip())
            pieces.append(Sentence(sentence.start + at + lead, sentence.start + at + lead + len(chunk), chunk))
        at = cut
    rest = text[at:]
    lead = len(rest) - len(rest.lstrip())
    if rest.strip():
        pieces.append(Sentence(sentence.start + at + lead, sentence.start + at + lead + len(rest.strip()), rest.strip()))
    return pieces


def _make(line: str, start: int, end: int, offset: int) -> Sentence:
    chunk = line[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk.rstrip())
    return Sentence(offset + start + lead, offset + start + trail, chunk[lead:trail])


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with their offsets; line breaks always end one.

    >>> [s.text for s in split_sentences("Dr. Roe said “It failed. We know why,” and left. Acme Inc. The end.")]
    ['Dr. Roe said “It failed. We know why,” and left.', 'Acme Inc.', 'The end.']
    >>> [s.text for s in split_sentences("Capt. Jane Roe and Lt. Cmdr. John Doe said it failed.")]
    ['Capt. Jane Roe and Lt. Cmdr. John Doe said it failed.']
    >>> s = split_sentences("Title\\n\\nOne. Two.")[2]
    >>> s.start, s.end, s.text
    (12, 16, 'Two.')
    """
    sentences: list[Sentence] = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group(0)
        if line.strip().strip("\ufeff"):
            sentences.extend(s for s in _split_line(line, match.start()) if s.text.strip("\ufeff "))
    return sentences


def headline(text: str) -> int:
    r"""Where the article's headline ends (0 when it has none): a first line on its own, followed by a
    blank line, without the full stop of a sentence.

    >>> headline("Globex denies blame for outage\n\nGlobex said on Monday ..."), headline("Globex said so.\n\nMore.")
    (30, 0)
    """
    first = text.split("\n", 1)[0]
    if len(first) > 300 or not text[len(first):].startswith("\n\n") or first.rstrip().endswith((".", "!", "?", "”", '"')):
        return 0
    return len(first)


def title_case_headline(text: str) -> int:
    r"""Where a headline In Title Case ends (0 when there is none): its capitals name nothing, and a
    name in it is found from the body's mentions.

    >>> title_case_headline("Globex Boss Apologises For Outage\n\nJane Roe said so."), title_case_headline("Globex boss apologises\n\nSo.")
    (33, 0)
    """
    top = headline(text)
    words = [w for w in text[:top].split() if len(w) > 3]
    return top if words and sum(w[:1].isupper() for w in words) >= 0.75 * len(words) else 0
