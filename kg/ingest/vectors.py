"""Word vectors: how near two words are in meaning, for matching claims that say one thing in other words.

"The vendor was responsible for the delays" and "the update was to blame for
the disruption" share few lemmas; their words are near in meaning. A
:class:`WordVectors` gives each known word a unit vector (a spaCy vectors table
from a pipeline's ``vocab`` folder); :func:`kg.ingest.nlp.word_vectors` finds the
installed one. Only content words are compared, each with its own weight: an
average over a whole sentence is as near for unrelated claims as for related ones.

>>> import numpy as np
>>> wv = WordVectors({"outage": np.array([1.0, 0.0]), "disruption": np.array([0.8, 0.6]), "lawsuit": np.array([0.0, 1.0])})
>>> round(wv.similarity("outage", "disruption"), 2), wv.similarity("outage", "lawsuit"), wv.similarity("outage", "zzz")
(0.8, 0.0, 0.0)

The table is read without spaCy: its ``vectors`` file is a numpy array, and
``key2row`` maps each word's 64-bit MurmurHash (spaCy's :func:`hash_string`) to
its row. The sorted keys are kept in the user's cache folder, so a process
after the first reads two small arrays rather than decoding the mapping.

>>> hash_string("outage") == hash_string("outage"), hash_string("")
(True, 14313749767032693980)
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

__all__ = ["WordVectors", "vectors_folder", "load_vectors", "hash_string", "cache_folder"]

_M = 0xC6A4A7935BD1E995
_MASK = (1 << 64) - 1


def hash_string(text: str) -> int:
    """spaCy's key of ``text``: MurmurHash64A of its UTF-8 bytes with seed 1 (what ``spacy.strings.hash_string`` gives)."""
    data = text.encode("utf8")
    n = len(data)
    h = (1 ^ (n * _M)) & _MASK
    end = n - n % 8
    for i in range(0, end, 8):
        k = (int.from_bytes(data[i : i + 8], "little") * _M) & _MASK
        k = ((k ^ (k >> 47)) * _M) & _MASK
        h = ((h ^ k) * _M) & _MASK
    if n % 8:
        h = ((h ^ int.from_bytes(data[end:], "little")) * _M) & _MASK
    h = ((h ^ (h >> 47)) * _M) & _MASK
    return h ^ (h >> 47)


class _Table:
    """A vectors table as read from disk: ``data`` (rows of vectors) and ``key2row`` (key → row, by sorted keys)."""

    def __init__(self, data, keys, rows, folder: Path):
        self.data, self._keys, self._rows, self.folder = data, keys, rows, folder
        self.key2row = self

    def get(self, key: int):
        import numpy as np

        i = int(np.searchsorted(self._keys, np.uint64(key)))
        return int(self._rows[i]) if i < len(self._keys) and int(self._keys[i]) == key else None


class WordVectors:
    """Unit vectors of words, from a mapping ``word → vector`` or a table with ``data`` and ``key2row`` by spaCy key."""

    def __init__(self, table, *, strings=hash_string):
        import numpy as np

        self._np = np
        self._table = table
        self._keyed = not isinstance(table, dict)
        self._hash = strings
        self.similarity = lru_cache(maxsize=65536)(self._similarity)
        self.get = lru_cache(maxsize=16384)(self._get)

    def _get(self, word: str):
        """The unit vector of ``word`` (as written, else lower-case), or None when it has none."""
        for form in dict.fromkeys((word, word.lower())):
            if self._keyed:
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


def cache_folder() -> Path:
    """Where kg keeps what it can rebuild: ``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"


def _sorted_keys(key2row: Path):
    """The table's keys in order and their rows, from the cache when ``key2row`` has not changed since."""
    import numpy as np

    stat = key2row.stat()
    stamp = hashlib.sha256(f"{key2row.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:20]
    cached = cache_folder() / f"key2row-{stamp}.npz"
    try:
        with np.load(cached) as saved:
            return saved["keys"], saved["rows"]
    except (OSError, KeyError, ValueError):
        pass
    import srsly

    mapping = srsly.read_msgpack(key2row)
    keys = np.fromiter(mapping.keys(), dtype=np.uint64, count=len(mapping))
    rows = np.fromiter(mapping.values(), dtype=np.int64, count=len(mapping))
    order = np.argsort(keys, kind="stable")
    keys, rows = keys[order], rows[order]
    try:  # a cache that cannot be written is only slower, never wrong
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f"{cached.stem}.{os.getpid()}.tmp.npz")
        np.savez(partial, keys=keys, rows=rows)
        os.replace(partial, cached)
    except OSError:
        pass
    return keys, rows


def load_vectors(folder: Path) -> WordVectors:
    """The :class:`WordVectors` of the spaCy vectors table in ``folder`` (read from disk, nothing fetched)."""
    import numpy as np

    keys, rows = _sorted_keys(folder / "key2row")
    return WordVectors(_Table(np.load(folder / "vectors", mmap_mode="r"), keys, rows, folder))
