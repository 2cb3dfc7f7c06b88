"""Known items a new name may be without being the same name.

An acronym, a name inside a longer one, a company's name without its legal suffix, two people
who share a surname.
"""

from __future__ import annotations

import re

from kg.ingest.entities import Entity
from kg.ingest.gazetteer import Known, normalize
from kg.vocab import CLS

__all__ = ["near_matches"]


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def near_matches(candidate: Entity, known: list[Known]) -> list[Known]:
    """Known items a new candidate may be, without being the same name.

    One is the other's acronym ("Amazon Web Services" and "AWS"), one name
    holds the other ("Globex" in "Globex Payments Corp."), or two people share
    a surname with different first names.

    >>> near_matches(Entity("new:1", CLS.Organization, "Amazon Web Services"), [Known("aws", CLS.OrganizationalUnit, "AWS"), Known("q", CLS.AISystem, "Q")])
    [Known(id='aws', type='OrganizationalUnit', label='AWS', aliases=(), section='entities')]
    """
    found: list[Known] = []
    candidate_names = {normalize(n) for n in candidate.names}
    for item in known:
        if item.section != "entities" or (item.type == CLS.Person) != (candidate.type == CLS.Person):
            continue
        for name in item.names:
            n = normalize(name)
            if n in candidate_names:
                break
            if any(_related(c, n, candidate.type) for c in candidate_names):
                found.append(item)
                break
    return found


def _related(a: str, b: str, type_: str) -> bool:
    if type_ == CLS.Person:
        wa, wb = a.split(), b.split()
        return len(wa) >= 2 and len(wb) >= 2 and wa[-1] == wb[-1] and wa[0] != wb[0]
    short, long = sorted((a, b), key=len)
    if len(short) >= 2 and short.isalpha() and " " not in short and short == _initials(long.title()).lower():
        return True
    if _without_suffix(a) == _without_suffix(b):
        return True  # "Globex" and "Globex Corp."
    return " " in short and re.search(rf"(?<![\w-]){re.escape(short)}(?![\w-])", long) is not None


_LEGAL = re.compile(r"[ ,]+(?:inc|corp|corporation|co|ltd|llc|plc|group|holdings|company|gmbh|ag|sa)\.?$")


def _without_suffix(name: str) -> str:
    return _LEGAL.sub("", name)
