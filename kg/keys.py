"""Keys derived from content, shared by the loader, the analyses and ingest.

A pair is unordered: A~B and B~A are one pair, with one key (as
nomenklatura's ``resolver/identifier.py`` orders its pairs).
"""

from __future__ import annotations

import hashlib

__all__ = ["ordered_pair", "pair_key"]


def ordered_pair(a: str, b: str) -> tuple[str, str]:
    """The two members of a pair in their one order.

    >>> ordered_pair("y", "x")
    ('x', 'y')
    """
    left, right = sorted((str(a), str(b)))
    return left, right


def pair_key(a: str, b: str) -> str:
    """The key of an unordered pair; the case loader names judgements by it.

    >>> pair_key("x", "y") == pair_key("y", "x")
    True
    >>> pair_key("x", "y")
    '887fcea6a80333c6'
    """
    left, right = ordered_pair(a, b)
    return hashlib.sha256(f"{left} {right}".encode()).hexdigest()[:16]
