"""Word vectors: how near two words are in meaning, for matching claims that say one thing in other words.

"The vendor was responsible for the delays" and "the update was to blame for
the disruption" share few lemmas; their words are near in meaning. A
:class:`WordVectors` gives each known word a unit vector (spaCy's ``Vectors``
from a pipeline's ``vocab`` folder); :func:`kg.ingest.nlp.word_vectors` finds the
installed one. Only content words are compared, each with its own weight: an
average over a whole sentence is as near for unrelated claims as for related ones.

>>> import numpy as np
>>> wv = WordVectors({"outage": np.array([1.0, 0.0]), "disruption": np.array([0.8, 0.6]), "lawsuit": np.array([0.0, 1.0])})
>>> round(wv.similarity("outage", "disruption"), 2), wv.similarity("outage", "lawsuit"), wv.similarity("outage", "zzz")
(0.8, 0.0, 0.0)
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

__all__ = ["WordVectors", "vectors_folder", "load_vectors"]


class WordVectors:
    """Unit vectors of words, from a mapping ``word → vector`` or a spaCy ``Vectors`` table."""

    def __init__(self, table, *, strings=None):
        import numpy as np

        self._np = np
        self._table = table
        self._spacy = not isinstance(table, dict)
        self._hash = strings
        self.similarity = lru_cache(maxsize=65536)(self._similarity)
        self.get = lru_cache(maxsize=16384)(self._get)

    def _get(self, word: str):
        """The unit vector of ``word`` (as written, else lower-case), or None when it has none."""
        for form in dict.fromkeys((word, word.lower())):
            if self._spacy:
                row = self._table.key2row.get(self._hash(form))
                vector = None if row is None else self._table.data[row]
            else:
                vector = self._table.get(form)
            if vector is not None:
                norm = float(self._np.linalg.norm(vector))
                return vector / norm if norm else None
        return None

    def _similarity(self, a: str, b: str) -> float:
        """The cosine of ``a`` and ``b`` (0 when either has no vector, never below 0)."""
        if a == b:
            return 1.0
        va, vb = self.get(a), self.get(b)
        if va is None or vb is None:
            return 0.0
        return max(0.0, float(va @ vb))


def vectors_folder(root: Path) -> Path | None:
    """The folder under a pipeline's ``root`` that holds its vectors table (``vocab/``, or ``root`` itself)."""
    candidates = [root / "vocab", root] + sorted(p / "vocab" for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    return next((c for c in candidates if (c / "vectors.cfg").is_file() and (c / "key2row").is_file()), None)


def load_vectors(folder: Path) -> WordVectors:
    """The :class:`WordVectors` of the spaCy vectors table in ``folder`` (read from disk, nothing fetched)."""
    from spacy.strings import hash_string
    from spacy.vectors import Vectors

    return WordVectors(Vectors().from_disk(folder), strings=hash_string)
