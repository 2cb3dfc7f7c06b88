"""The unresolved report and its items in a notebook: short Markdown and HTML for Jupyter's rich display.

A cell that shows the report gets a table of the counts and the first few items
of each section, not the whole report (``kg unresolved --out`` writes that, and
:func:`kg.export.report_text.markdown` returns it). Each item (a contested
proposition, an open question, an identity candidate, a claim only one party
makes, a denial nobody affirms) shows itself in full: who said what, where.
The analysis classes reach these functions through their ``_repr_markdown_``
and ``_repr_html_`` (:mod:`kg.display`), where the package ``kg`` registers
them: the analyses write no text and never import this wing.

>>> from kg.analysis.report import UnresolvedReport
>>> print(markdown_of(UnresolvedReport((), (), (), ())))
**What the record leaves unresolved**
<BLANKLINE>
| | count |
|---|---:|
| contested propositions | 0 |
| open questions | 0 |
| identity candidates | 0 |
| claims only one party makes | 0 |
| denials nobody affirms | 0 |
<BLANKLINE>
"""

from __future__ import annotations

from kg.export import plain
from kg.export.report_text import _candidate_sentence, _denied_line, _md, _names

__all__ = ["markdown_of", "html_of", "FIRST"]

#: Items of each section a cell shows before "... and N more".
FIRST = 3


def _contested(c, names: plain.Names) -> list[str]:
    lines = [f"**{_md(c.label)}**", "", plain.contested_opening(c, names, _md), ""]
    for side, group in (("For", c.affirming), ("Against", c.opposing), ("Neither", c.neither)):
        lines += [f"- {side}: {plain.stance_tag(a, names, _md)}" for a in group]
    return lines


def _question(q, names: plain.Names) -> list[str]:
    lines = [f"**{_md(q.asks)}**", "", plain.question_opening(q), ""]
    if q.resolvable_by:
        lines.append(f"- What would settle it: {_md(q.resolvable_by)}")
    return lines + [f"- It {plain.link_phrase(link, _md)}." for link in q.links]


def _candidate(c, names: plain.Names) -> list[str]:
    return [_md(_candidate_sentence(c)), ""] + [f"- said about both: {plain.stance_tag(a, names, _md)}" for a in c.assertions]


def _single_source(claim, names: plain.Names) -> list[str]:
    tags = plain.sentence("; ".join(plain.stance_tag(a, names, _md) for a in claim.assertions))
    return [f"**{_md(claim.label)}** {tags} ({plain.voice_counts(claim)})"]


def _denied(claim, names: plain.Names) -> list[str]:
    return [_denied_line(claim, names, _md)]


#: (report field, heading, how one item is written); the report's order.
_SECTIONS = (
    ("contested", "contested propositions", _contested),
    ("questions", "open questions", _question),
    ("candidates", "identity candidates", _candidate),
    ("single_source", "claims only one party makes", _single_source),
    ("denied", "denials nobody affirms", _denied),
)


def _writer(item):
    from kg.analysis.contested import ContestedProposition, DeniedClaim, SingleSourceClaim
    from kg.analysis.identity import IdentityCandidate
    from kg.analysis.questions import OpenQuestion

    kinds = {ContestedProposition: _contested, OpenQuestion: _question, IdentityCandidate: _candidate,
             SingleSourceClaim: _single_source, DeniedClaim: _denied}
    return kinds[type(item)]


def _report(report, first: int) -> list[str]:
    names = _names(report)
    lines = ["**What the record leaves unresolved**", ""]
    warning = plain.one_document_warning(names, _md)
    if warning:
        lines += [warning, ""]
    lines += ["| | count |", "|---|---:|"]
    lines += [f"| {heading} | {len(getattr(report, field))} |" for field, heading, _ in _SECTIONS]
    lines.append("")
    for field, heading, write in _SECTIONS:
        items = getattr(report, field)
        if not items:
            continue
        shown = f"the first {first} of {len(items)}" if len(items) > first else str(len(items))
        lines += [f"**{plain.sentence(heading)}** ({shown}; each is `report.{field}[n]`)", ""]
        for item in items[:first]:
            lines += write(item, names) + [""]
    if any(len(getattr(report, field)) > first for field, _, _ in _SECTIONS):
        lines += ["The whole report: `kg unresolved --out DIR`, or `kg.export.report_text.markdown(report)`.", ""]
    return lines


def markdown_of(thing, first: int = FIRST) -> str:
    """Short Markdown for the report (counts and the first ``first`` items of each section) or one of its items."""
    from kg.analysis.report import UnresolvedReport

    if isinstance(thing, UnresolvedReport):
        return "\n".join(_report(thing, first))
    return "\n".join(_writer(thing)(thing, plain.Names())) + "\n"


def html_of(thing, first: int = FIRST) -> str:
    """:func:`markdown_of` as HTML, through the report page's renderer (document text escaped, markup checked)."""
    from kg.export.report_html import _body

    return _body(markdown_of(thing, first))

