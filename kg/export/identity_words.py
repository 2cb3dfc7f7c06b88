"""Identity candidates in words: what each comparison saw, the verdict, the waterfall.

The analysis (:mod:`kg.analysis.levels`) gives each comparison's level and the
facts behind it as data; the sentence for a reader is written here, from a
table of named rows (:data:`WORDS`), one per comparison kind and case. The
report (:mod:`kg.export.report_text`), the page (:mod:`kg.export.html_view`)
and ``unresolved.json`` (:func:`candidate_dict`) all take their words from here.

>>> detail("dates", "near", {"gap": 1, "left": ("2026-03-05", "2026-03-05"), "right": ("2026-03-01", "2026-03-04")})
'disjoint by 1 days: 2026-03-05 vs 2026-03-01..2026-03-04'
>>> detail("name", "different", {"names": ("transportation today", "u s department transportation"), "why": "common-words"})
'“transportation today” / “u s department transportation” share only common words'
>>> detail("role", "holds-role", {"holder": "Jo Park", "title": "chief executive", "of": (("shared", ("Acme",)),)})
'Jo Park is chief executive of Acme'
>>> detail("role", "other-title", {"named": "Jo Park", "role": "spokesperson", "of": (("shared", ("Acme",)),)})
'Jo Park of Acme is of no known title; the unnamed one is spokesperson'
>>> verdict_words("likely"), verdict_words("possible"), verdict_words("unlikely")
('likely the same', 'possible', 'unlikely')

A candidate in words:

>>> from kg.analysis.identity import identity_candidates
>>> from kg.analysis.nxgraph import from_turtle
>>> g = from_turtle('''
... :push a kg:SoftwareChange ; rdfs:label "Config push" .
... :a a kg:Incident ; rdfs:label "Login outage at Acme" ; kg:mechanism :push ; dcterms:date "2026-03-02"^^xsd:date .
... :b a kg:Incident ; rdfs:label "Acme login outage" ; kg:mechanism :push ; dcterms:date "2026-03-02"^^xsd:date .
... ''')
>>> [candidate] = identity_candidates(g)
>>> candidate_words(candidate)
'Login outage at Acme ~ Acme login outage: likely the same (0.93)'
>>> print(waterfall_text(candidate))
prior                             -0.89
title: exact (“login outage acme” / “acme login outage”; counted once, by meaning (alone +0.82)) +0.00
dates: same-day (2026-03-02)      +1.55
mechanism: same (Config push)     +1.55
affected organisation: missing    +0.00
shared context: none (no neighbour in common) +0.30
description: strong (acme, login (1.00); counted once, by meaning (alone +1.15)) +0.00
meaning: close (similarity 1.00)  +1.17
raised: none                      +0.00
sources: missing                  +0.00
part and whole: none              +0.00
siblings: none                    +0.00
named together: none              +0.00
total                             +3.68
"""

from __future__ import annotations

from typing import Callable, NamedTuple

__all__ = [
    "WordsRow", "WORDS", "VERDICT_WORDS", "detail", "verdict_words", "row_words", "candidate_words", "against",
    "supporting", "waterfall_text", "row_dict", "candidate_dict",
]


class WordsRow(NamedTuple):
    """How one comparison kind says one of its cases (a level, or the ``why`` among its facts)."""

    name: str
    kind: str  # the comparison's kind (kg.analysis.comparisons.KINDS)
    case: str  # a level, the ``why`` fact, or ``*`` for every other level of the kind
    words: Callable[[dict], str]


def _quoted(x: str, y: str) -> str:
    return f"“{x}”" if x == y else f"“{x}” / “{y}”"


def _when(span) -> str:
    lo, hi = span
    if lo and hi and lo == hi:
        return lo
    return f"{lo or '…'}..{hi or '…'}"


def _more(n: int) -> str:
    return f" (and {n} more)" if n > 0 else ""


def _values(f: dict) -> str:
    """What one-valued properties share (or how they differ): also the 'of' of a role."""
    if "values" in f:
        x, y = f["values"]
        return x if x == y else f"{x} / {y}"
    if "merged" in f:
        return " ≈ ".join(f["merged"])
    if "pair" in f:
        return f"{f['pair'][0]} ~ {f['pair'][1]}, a candidate"
    if "left" in f:
        return f"{', '.join(f['left'])} vs {', '.join(f['right'])}"
    return ", ".join(f.get("shared", ()))


def _name(f: dict) -> str:
    similarity = f", similarity {f['similarity']:.0f}" if f.get("similarity") else ""
    return _quoted(*f["names"]) + similarity


#: One row per comparison kind and case; the first whose kind and case match writes the detail.
WORDS: tuple[WordsRow, ...] = (
    WordsRow("no name", "name", "placeholder", lambda f: f"{f['label']}: no name to compare"),
    WordsRow("nothing to compare", "name", "no-names", lambda f: "nothing to compare"),
    WordsRow("given names differ", "name", "given-names", lambda f: f"{_quoted(*f['names'])}: given names differ"),
    WordsRow("only common words", "name", "common-words", lambda f: f"{_quoted(*f['names'])} share only common words"),
    WordsRow("one word shared", "name", "one-word", lambda f: f"{_quoted(*f['names'])} share one word only: two things named after one"),
    WordsRow("one sort", "name", "one-sort", lambda f: f"{_quoted(*f['names'])}: both a {f['sort'][0]} ('{f['sort'][1]}', '{f['sort'][2]}')"),
    WordsRow("contrasting words", "name", "contrast", lambda f: f"{_quoted(*f['names'])} tell them apart"),
    WordsRow("initials", "name", "acronym", lambda f: f"{_quoted(*f['names'])}: one spells the other's initials"),
    WordsRow("names compared", "name", "*", _name),
    WordsRow("dates disjoint", "dates", "near", lambda f: f"disjoint by {f['gap']} days: {_when(f['left'])} vs {_when(f['right'])}"),
    WordsRow("neighbouring months", "dates", "adjacent", lambda f: f"the next {f['unit']}: {_when(f['left'])} vs {_when(f['right'])}"),
    WordsRow("dates apart", "dates", "apart", lambda f: f"disjoint by {f['gap']} days: {_when(f['left'])} vs {_when(f['right'])}"),
    WordsRow("dates far apart", "dates", "far", lambda f: f"disjoint by {f['gap']} days: {_when(f['left'])} vs {_when(f['right'])}"),
    WordsRow("the same day", "dates", "same-day", lambda f: _when(f["left"])),
    WordsRow("the same date text", "dates", "same-text", lambda f: f"both '{f['text']}'"),
    WordsRow("one undated", "dates", "one-undated", lambda f: f"{_when(f['dated'])} vs no date for {f['undated']}"),
    WordsRow("neither dated", "dates", "undated", lambda f: "neither has a date"),
    WordsRow("dates that meet", "dates", "*", lambda f: f"{_when(f['left'])} and {_when(f['right'])}"),
    WordsRow("one title elsewhere", "same-value", "elsewhere",
             lambda f: f"{_values(f)}, at organisations that share none: the title says nothing"),
    WordsRow("affiliated", "same-value", "affiliated", lambda f: f"{f['pair'][0]} is of {f['pair'][1]}"),
    WordsRow("values", "same-value", "*", _values),
    WordsRow("neighbours shared", "shared-context", "*",
             lambda f: f"{', '.join(f'{edge} → {label}' for edge, label in f['shared'])} ({f['total']:.2f})"
             if f["shared"] else "no neighbour in common"),
    WordsRow("words shared", "description", "*",
             lambda f: f"{', '.join(f['shared'])} ({f['similarity']:.2f})" if f["shared"] else f"no word in common ({f['similarity']:.2f})"),
    WordsRow("meaning", "meaning", "*", lambda f: f"similarity {f['similarity']:.2f}"),
    WordsRow("held apart", "co-values", "held-apart", lambda f: f"{f['edge']} of {f['left']} and of {f['right']}, told apart"),
    WordsRow("one effect each", "co-values", "one-each",
             lambda f: f"the only “{f['edge']}” of {f['left']}, and of {f['right']}, which may be one"),
    WordsRow("siblings", "co-values", "co-values", lambda f: f"both are {f['edge']} of {f['holder']}{_more(f['more'])}"),
    WordsRow("denied the same", "named-together", "denied-same", lambda f: f"denied: “{f['text']}”"),
    WordsRow("named as two", "named-together", "named-as-two", lambda f: f"“{f['text']}”{_more(f['more'])}"),
    WordsRow("named together", "named-together", "*", lambda f: f"“{f['text']}”"),
    WordsRow("asked", "raised-together", "asked", lambda f: f"a question asks “{f['text']}”"),
    WordsRow("said", "raised-together", "said", lambda f: f"the record says “{f['text']}”"),
    WordsRow("opposed", "opposite-stances", "opposed", lambda f: f"on “{f['text']}”"),
    WordsRow("different sources", "mentioned-in", "different-sources", lambda f: f"{', '.join(f['left'])} vs {', '.join(f['right'])}"),
    WordsRow("raised in one source", "mentioned-in", "raised", lambda f: f"raised by “{f['text']}”"),
    WordsRow("the case's one source", "mentioned-in", "one-source", lambda f: f"{f['source']} is the case's only source"),
    WordsRow("one source", "mentioned-in", "same-source", lambda f: f"both in {f['source']}{_more(f['more'])}"),
    WordsRow("told beside one item", "told-beside", "beside-one", lambda f: f"each told beside {', '.join(f['items'])}"),
    WordsRow("figures", "quantities", "*", lambda f: f"{', '.join(f['left'])} vs {', '.join(f['right'])}"),
    WordsRow("an outlet", "outlet", "outlet-and-other", lambda f: f"{f['outlet']} publishes news; {f['other']} none"),
    WordsRow("part of the other", "part-whole", "part-of-other",
             lambda f: f"{f['part']} is a part of {f['whole']}, which may be {f['other']}"),
    WordsRow("parts of one whole", "part-whole", "parts-of-one", lambda f: f"both are parts of {f['whole']}"),
    WordsRow("holds the role", "role", "holds-role", lambda f: f"{f['holder']} is {f['title']} of {_values(dict(f['of']))}"),
    WordsRow("another title", "role", "other-title",
             lambda f: f"{f['named']} of {_values(dict(f['of']))} is {f.get('title') or 'of no known title'}; "
             f"the unnamed one {'is ' + f['role'] if f.get('role') else 'has no title'}"),
)

_BY_CASE = {(row.kind, row.case): row for row in reversed(WORDS)}

#: The words of each verdict (kg.analysis.identity.VERDICTS).
VERDICT_WORDS = {"likely": "likely the same", "possible": "possible", "unlikely": "unlikely"}


def detail(kind: str, level: str, facts) -> str:
    """What a comparison of ``kind`` saw at ``level``, in words ('' when it saw nothing: a missing value, no evidence)."""
    f = dict(facts)
    row = _BY_CASE.get((kind, f.get("why", level))) or _BY_CASE.get((kind, level))
    if row is None and f:  # a level without a row of its own; one with no facts saw nothing to say
        row = _BY_CASE.get((kind, "*"))
    return row.words(f) if row else ""


def verdict_words(verdict: str) -> str:
    return VERDICT_WORDS[verdict]


def _link(link) -> str:
    """A cluster link the evidence came through ('A ≈ B (0.93)'), or a merged value as it is."""
    if isinstance(link, str):
        return link
    mate, item, p = link
    return f"{mate} ≈ {item}" + (f" ({p:.2f})" if p is not None else " (judged same)")


def _row_detail(row) -> str:
    said = detail(row.kind, row.level, row.facts)
    f = dict(row.facts)
    if "counted_as" not in f:
        return said
    # one of a family of rows that read one thing (an item's words): each way, only the strongest counts
    once = f"counted once, by {f['counted_as']} (alone {f['alone']:+.2f})"
    return f"{said}; {once}" if said else once


def row_words(row) -> str:
    """One waterfall row: "dates: far (disjoint by 265 days: ...; via A ≈ B (1.00))"."""
    via = "; ".join(sorted(_link(x) for x in row.via))
    said = _row_detail(row)
    inside = f"{said}; via {via}" if via else said
    return f"{row.comparison}: {row.level}" + (f" ({inside})" if inside else "")


def candidate_words(c) -> str:
    """The pair and its verdict: "A ~ B: possible (0.55)"."""
    shown = verdict_words(c.verdict)
    return f"{c.label}: {shown} ({c.probability:.2f})" if c.verdict != "unlikely" else f"{c.label}: {shown}"


def against(c) -> tuple[str, ...]:
    """The waterfall's rows that count against the pair, in words."""
    return tuple(row_words(r) for r in c.waterfall if r.weight < 0)


def supporting(c) -> tuple[str, ...]:
    """The waterfall's rows that count for the pair, in words."""
    return tuple(row_words(r) for r in c.waterfall if r.weight > 0)


def waterfall_text(c) -> str:
    """The prior, every row and the total, one a line."""
    rows = [("prior", c.prior), *((row_words(r), r.weight) for r in c.waterfall), ("total", c.weight)]
    return "\n".join(f"{text:<33} {weight:+.2f}" for text, weight in rows)


def row_dict(row) -> dict:
    """A waterfall row as ``unresolved.json`` and the page give it: its detail and cluster links in words."""
    return {"comparison": row.comparison, "level": row.level, "weight": row.weight, "detail": _row_detail(row),
            "via": sorted(_link(x) for x in row.via)}


def candidate_dict(c) -> dict:
    """The candidate as ``unresolved.json`` gives it: its data, the verdict, details and rows against in words."""
    found = c.to_dict()
    out = {}
    for key, value in found.items():
        if key == "verdict":
            value = verdict_words(value)
        elif key == "waterfall":
            value = [row_dict(r) for r in c.waterfall]
        out[key] = value
        if key == "shared":
            out["against"] = list(against(c))
    return out
