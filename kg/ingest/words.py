"""Where each word of an article stands, found in one pass over the text.

Rules ask "where else is this name written?" many times over one article.
Scanning the whole text for each name makes an article of many names
quadratic; :class:`WordIndex` answers from the positions of the name's first
word instead, so a lookup costs the name's occurrences, not the text.

>>> index = WordIndex("Acme said. Acme Corp said; the acme-corp team, Acme Corp.")
>>> index.find("Acme Corp")
[(11, 20), (47, 56)]
>>> index.find("acme corp", ignore_case=True)
[(11, 20), (47, 56)]
>>> index.count("Acme"), index.count("acme")
(3, 0)
"""

from __future__ import annotations

import re
from collections import defaultdict

__all__ = ["WordIndex"]

_WORD = re.compile(r"[\w-]+")
_WORD_CHAR = re.compile(r"[\w-]")


class WordIndex:
    """Every maximal run of word characters and hyphens in ``text``, by its start."""

    def __init__(self, text: str):
        self.text = text
        self._starts: dict[str, list[int]] = defaultdict(list)
        self._lower: dict[str, list[int]] = defaultdict(list)
        for m in _WORD.finditer(text):
            self._starts[m.group()].append(m.start())
            self._lower[m.group().lower()].append(m.start())
        self._cache: dict[tuple[str, bool], list[tuple[int, int]]] = {}

    def find(self, name: str, *, ignore_case: bool = False) -> list[tuple[int, int]]:
        """Spans where ``name`` is written with no word character or hyphen on either side."""
        key = (name, ignore_case)
        if key not in self._cache:
            self._cache[key] = self._find(name, ignore_case)
        return self._cache[key]

    def count(self, name: str, *, ignore_case: bool = False) -> int:
        return len(self.find(name, ignore_case=ignore_case))

    def _find(self, name: str, ignore_case: bool) -> list[tuple[int, int]]:
        text = self.text
        if not name:
            return []
        if not (_WORD_CHAR.match(name[0]) and _WORD_CHAR.match(name[-1])):
            flags = re.IGNORECASE if ignore_case else 0
            return [(m.start(), m.end()) for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, flags)]
        first = _WORD.match(name).group()
        wanted = name.lower() if ignore_case else name
        starts = self._lower.get(first.lower(), []) if ignore_case else self._starts.get(first, [])
        found = []
        for start in starts:
            end = start + len(name)
            written = text[start:end]
            if (written.lower() if ignore_case else written) != wanted:
                continue
            if end < len(text) and _WORD_CHAR.match(text[end]):
                continue
            found.append((start, end))
        return found
