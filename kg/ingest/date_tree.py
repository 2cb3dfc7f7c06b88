"""Which words a date modifies, read from the parse tree of its sentence.

"The blackout that hit the peninsula on Monday" dates the blackout; "the government was in the dark
on Thursday" dates the government's state, not the blackout named later in the sentence. A date's
*governor* is the word its phrase hangs from: the head of its preposition ("on Monday" → "hit"), or
the noun it qualifies ("Friday's outage", "the July outage" → "outage"). What the date is bound to is
that word and, for a verb, its subject and object (and the noun a relative clause modifies, and the
subject a conjoined verb shares): an incident mentioned there is the event the date belongs to.

Only the parser-based engine has a tree; :class:`DateTree` parses the few sentences asked for, once.

>>> tree = DateTree("The outage began on Friday and lasted until Sunday. Acme said on Monday that it was fixed.")
>>> text = tree.text
>>> [[text[a:b] for a, b in tree.bound(*span)] for span in ((20, 26), (44, 50), (64, 70))]
[['began', 'outage'], ['lasted', 'outage'], ['said', 'Acme']]
"""

from __future__ import annotations

__all__ = ["DateTree"]

#: Dependencies by which a date's own word hangs from the word it qualifies.
_QUALIFIES = {"poss", "compound", "nmod", "npadvmod", "amod", "nummod", "appos", "tmod", "obl"}
#: A verb's arguments that say what the event is: an incident there is what the date dates.
_ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "attr", "csubj"}


class DateTree:
    """Parses sentences of ``text`` on demand and says what each date in them modifies."""

    def __init__(self, text: str):
        self.text = text
        self._docs: list[tuple[int, int, object]] = []  # (start, end, doc), in the order parsed
        self._asked: set[tuple[int, int]] = set()

    def parse(self, spans) -> None:
        """Parse the sentences ``spans`` ((start, end) offsets) not parsed yet, together."""
        from kg.ingest.nlp import load

        wanted = sorted({(a, b) for a, b in spans} - self._asked)
        if not wanted:
            return
        self._asked |= set(wanted)
        docs = load().pipe((self.text[a:b] for a, b in wanted), batch_size=16)
        self._docs += [(a, b, doc) for (a, b), doc in zip(wanted, docs)]

    def _doc(self, start: int, end: int):
        if not any(a <= start and end <= b for a, b in self._asked):
            for a, b in _sentence_spans(self.text, start, end):
                self.parse([(a, b)])
        return next(((a, doc) for a, b, doc in self._docs if a <= start and end <= b), (None, None))

    def governor(self, start: int, end: int) -> tuple[str, bool] | None:
        """The lemma (lower case) of the word the date at ``text[start:end]`` hangs from ("on Monday" →
        the verb or noun "on" hangs from), and whether that word is negated ("has not had an outage ...
        since 2019"); None when it hangs from nothing in its sentence.

        >>> tree = DateTree("In a post on its site on Wednesday, the gang took credit. It has not had an outage that halted "
        ...                 "traffic since 2019.")
        >>> tree.governor(25, 34), tree.governor(103, 113)
        (('post', False), ('halt', True))
        """
        offset, doc = self._doc(start, end)
        if doc is None:
            return None
        _, word = self._hang(offset, doc, start, end)
        if word is None:
            return None
        # Negated: the word, or the verb whose argument a relative clause on it modifies ("has not had an
        # outage that halted traffic since 2019").
        chain = [word] + ([word.head, word.head.head] if word.dep_ in ("relcl", "acl") else [])
        return word.lemma_.lower(), any(c.dep_ == "neg" for t in chain for c in t.children)

    @staticmethod
    def _hang(offset: int, doc, start: int, end: int):
        """The date's own top word and the word it hangs from (None, None when it hangs from nothing)."""
        tokens = [t for t in doc if offset + t.idx < end and start < offset + t.idx + len(t)]
        inside = {t.i for t in tokens}
        root = next((t for t in tokens if t.head.i not in inside), None)
        if root is None or root.head.i == root.i:
            return None, None
        governor = root.head
        if root.dep_ == "pobj" and governor.dep_ in ("prep", "agent") and governor.head.i != governor.i:
            governor = governor.head  # "on Monday" hangs from what happened on Monday
        return root, governor

    def bound(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans of the words the date at ``text[start:end]`` is bound to (its governor first);
        empty when it hangs from nothing in its sentence (it is the sentence's root, or no parse holds it)."""
        offset, doc = self._doc(start, end)
        if doc is None:
            return []
        root, governor = self._hang(offset, doc, start, end)
        if governor is None:
            return []
        if root.dep_ not in _QUALIFIES and root.dep_ != "pobj":
            return [_span(offset, governor)]
        found = [governor]
        if governor.pos_ in ("VERB", "AUX"):
            found += [c for c in governor.children if c.dep_ in _ARGUMENTS]
            if governor.dep_ in ("relcl", "acl"):
                found.append(governor.head)  # "the blackout that hit ... on Monday"
            if governor.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in governor.children):
                found += [c for c in governor.head.children if c.dep_.startswith("nsubj")]  # "began ... and lasted until Sunday"
        return [_span(offset, t) for t in found]


def _span(offset: int, token) -> tuple[int, int]:
    return offset + token.idx, offset + token.idx + len(token)


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence of :func:`kg.ingest.sentences.split_sentences` holding ``text[start:end]``."""
    from kg.ingest.sentences import split_sentences

    for sentence in split_sentences(text):
        if sentence.start <= start and end <= sentence.end:
            return [(sentence.start, sentence.end)]
    return [(0, len(text))]
