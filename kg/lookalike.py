"""Names compared as a reader sees them: look-alike letters from other scripts folded to Latin.

A Greek capital Alpha, a Cyrillic Je or a full-width letter looks like its Latin twin, so
"Аcme" with a Cyrillic А is, to a reader, Acme. Compared letter by letter they are two
names, and two names make two parties: two "independent voices" and a contest that is not
there. :func:`skeleton` folds a name after Unicode NFKC, mapping each letter that Unicode's
confusables data lists as a look-alike of an ASCII character to that character (the data
of the ``confusable_homoglyphs`` package). Names are compared by their skeletons, and
:func:`lookalike_pairs` finds labels that differ only by look-alikes, to warn about them.

>>> skeleton("\\u0391cme"), skeleton("\\u0408ane"), skeleton("\\uff21cme")
('Acme', 'Jane', 'Acme')
>>> skeleton("Zoë"), skeleton("Łódź")  # accented Latin letters are letters of their own, not look-alikes
('Zoë', 'Łódź')
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Iterable

__all__ = ["skeleton", "lookalike_pairs"]


@lru_cache(maxsize=4096)
def _ascii_twin(ch: str) -> str:
    """The ASCII character ``ch`` looks like, or ``ch`` itself."""
    from confusable_homoglyphs import confusables

    if unicodedata.name(ch, "").startswith("LATIN"):
        return ch  # é, ł, ø: a letter of the name, not a disguise
    found = confusables.is_confusable(ch, preferred_aliases=["latin", "common"]) or []
    for entry in found:
        for glyph in entry.get("homoglyphs", []):
            twin = glyph.get("c", "")
            if len(twin) == 1 and twin.isascii() and twin.isalnum():
                return twin
    return ch


def skeleton(text: str) -> str:
    """``text`` after NFKC, each look-alike of an ASCII letter or digit replaced by it."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch if ch.isascii() else _ascii_twin(ch) for ch in text)


def lookalike_pairs(labels: Iterable[tuple[str, str]]) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Pairs of (item, label) whose labels differ but look the same, sorted.

    >>> lookalike_pairs([("a", "Acme"), ("b", "\\u0391cme"), ("c", "Globex"), ("d", "Acme")])
    [(('a', 'Acme'), ('b', 'Αcme')), (('b', 'Αcme'), ('d', 'Acme'))]
    """
    by_skeleton: dict[str, list[tuple[str, str]]] = {}
    for item, label in labels:
        by_skeleton.setdefault(skeleton(label).casefold(), []).append((item, label))
    pairs = []
    for group in by_skeleton.values():
        group.sort()
        pairs += [(a, b) for n, a in enumerate(group) for b in group[n + 1:] if a[1] != b[1]]
    return sorted(pairs)
