"""The unresolved report as terminal text and as Markdown.

Both list the same things in the same order: identity candidates, contested
propositions, single-source claims (grouped by party), and open questions
with what would resolve them. Text from documents is escaped for Markdown.

>>> from kg.analysis.report import UnresolvedReport
>>> print(markdown(UnresolvedReport((), (), (), ())))
# What the record leaves unresolved
<BLANKLINE>
0 identity candidates, 0 contested propositions, 0 single-source claims, 0 open questions.
<BLANKLINE>
"""

from __future__ import annotations

import re
import textwrap
from collections import defaultdict
from typing import Callable

from kg.analysis.evidence import AssertionRef
from kg.analysis.nxgraph import local_name

__all__ = ["text", "markdown", "paths_text"]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(value: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", str(value))


def _questions_by_item(report) -> dict[str, list[str]]:
    by_item = defaultdict(list)
    for q in report.questions:
        for link in q.links:
            if link.direct:
                by_item[link.id].append(q.asks)
    return by_item


def _assertion(a: AssertionRef, esc: Callable[[str], str] = str) -> str:
    via = f", from {esc(a.via.label)}" if a.via and a.via.iri != a.source.iri else ""
    confidence = f" (confidence {a.confidence:g})" if a.confidence < 1 else ""
    voice = f" (for {esc(a.voice.label)})" if a.voice and a.voice.iri != a.party.iri else ""
    superseded = " [superseded]" if a.superseded else ""
    draft = "[draft] " if a.draft else ""
    return f"{draft}{esc(a.party.label)}{voice} {a.stance} “{esc(a.quote)}”{confidence} — read in {esc(a.source.label)}{via}{superseded}"


def _step(a: AssertionRef, esc: Callable[[str], str] = str) -> str:
    return f"{a.date or 'undated'}: {_assertion(a, esc)}"


def _source_change(c, esc: Callable[[str], str] = str) -> str:
    what = esc(c.target.label)
    if c.assertion is not None:
        what = f"{esc(c.assertion.party.label)} {c.assertion.stance} “{esc(c.assertion.quote)}”, read in {what}"
    passages = "; ".join(f"“{esc(p)}”" for p in c.passages)
    return f"{c.date or 'undated'}: {esc(c.source.label)} {c.kind} {what}" + (f" (passage {passages})" if passages and c.assertion is None else "")


def _judgement_hint(c) -> str:
    left, right = local_name(c.left.iri), local_name(c.right.iri)
    return f"judgements: [{{pair: [{left}, {right}], judgement: same | different | unsure}}]"


def _candidate_words(c) -> str:
    """ "possible (0.55)", "likely the same (0.93)", or "unlikely (0.20)" for a judged pair listed below the threshold."""
    judged = f", judged {c.judgement}" if c.judgement else ""
    return f"{c.verdict} ({c.probability:.2f}){judged}"


def _pair_label(c) -> str:
    def side(ref, draft: bool, case: str) -> str:
        return ref.label + (" (draft)" if draft else "") + (f" [{local_name(case)}]" if c.across else "")

    return f"{side(c.left, c.drafts[0], c.cases[0])} ~ {side(c.right, c.drafts[1], c.cases[1])}"


def _rows(c):
    """The waterfall rows that weigh something, strongest first as the model lists them."""
    return [row for row in c.waterfall if row.weight != 0]


def _quiet(c) -> str:
    return ", ".join(f"{row.comparison} {row.level}" for row in c.waterfall if row.weight == 0)


def _below(report) -> str:
    count = report.below
    pairs = "pair" if count == 1 else "pairs"
    return f"{count} more {pairs} scored below the threshold ({report.threshold:g}), not listed; `kg unresolved --threshold 0` lists them."


# ---------------------------------------------------------------- text


def text(report, width: int = 88) -> str:
    """A readable terminal report."""
    out: list[str] = []

    def para(first: str, body: str, indent: int = 4) -> None:
        out.extend(textwrap.wrap(body, width, initial_indent=" " * indent + first, subsequent_indent=" " * (indent + len(first))) or [" " * indent + first])

    out.append(f"What the record leaves unresolved: {report.headline()}.")
    asked = _questions_by_item(report)
    if report.candidates or report.below:
        out += ["", "IDENTITY CANDIDATES: may be one and the same; no judgement settles them"]
        for n, c in enumerate(report.candidates, 1):
            out.append("")
            para(f"{n}. ", f"{_pair_label(c)} [{c.cls}, {_candidate_words(c)}]", 1)
            for row in _rows(c):
                para(f"{row.weight:+6.2f}  ", row.describe())
            quiet = _quiet(c)
            if quiet:
                para("  0.00  ", f"no evidence: {quiet}")
            para("total:  ", f"match weight {c.weight:+.2f} (prior {c.prior:+.2f}), probability {c.probability:.2f}")
            for a in c.assertions:
                para("said:    ", _assertion(a))
            for question in asked.get(c.id, []):
                para("asked:   ", question)
            para("settle:  ", _judgement_hint(c))
        if report.below:
            out += ["", f"  {_below(report)}"]
    if report.contested:
        out += ["", "CONTESTED PROPOSITIONS: one voice affirms, an independent voice opposes"]
        for n, c in enumerate(report.contested, 1):
            out.append("")
            para(f"{n}. ", f"{c.label} [score {c.score:g}]", 1)
            para("", c.counts(), 5)
            for sign, group in (("+ ", c.affirming), ("- ", c.opposing), ("~ ", c.neither)):
                for a in group:
                    para(sign, _assertion(a), 5)
            for question in asked.get(c.id, []):
                para("asked:   ", question)
    if report.single_source:
        out += ["", "SINGLE-SOURCE CLAIMS: one voice affirms, nobody corroborates or opposes"]
        by_party = defaultdict(list)
        for claim in report.single_source:
            by_party[claim.party.label].append(claim)
        for party in sorted(by_party):
            out += ["", f"  {party} ({len(by_party[party])})"]
            for claim in by_party[party]:
                quotes = "; ".join(f"“{a.quote}”" for a in claim.assertions)
                para("- ", f"{claim.label} {quotes} — {claim.counts()}")
    changed = report.changed
    if changed:
        out += ["", "ACCOUNTS THAT CHANGED: stances taken back, reports corrected, retracted or updated"]
        for n, c in enumerate(changed.stances, 1):
            out.append("")
            para(f"{n}. ", f"{c.proposition.label} — {c.voice.label}", 1)
            for a in c.steps:
                para("", _step(a), 5)
        if changed.self_contradicting:
            out += ["", "  Self-contradicting: one voice on both sides, with no dates to order them"]
            for c in changed.self_contradicting:
                out.append("")
                para("- ", f"{c.proposition.label} — {c.voice.label}", 2)
                for a in c.steps:
                    para("", _step(a), 5)
        if changed.sources:
            out += ["", "  Corrected, retracted or updated"]
            for c in changed.sources:
                para("- ", _source_change(c), 2)
    if report.questions:
        out += ["", "OPEN QUESTIONS: and what would resolve them"]
        for n, q in enumerate(report.questions, 1):
            out.append("")
            para(f"{n}. ", q.asks, 1)
            if q.resolvable_by:
                para("resolvable by: ", q.resolvable_by)
            if q.raised_in:
                para("raised in:     ", q.raised_in.label)
            for link in q.links:
                how = "" if link.direct else f" (through {', '.join(s.label for s in link.shared)})"
                para("bears on:      ", f"{link.kind}: {link.label}{how}")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- markdown


def markdown(report) -> str:
    """The report as Markdown, for ``unresolved.md``."""
    md = _md
    out = ["# What the record leaves unresolved", "", f"{report.headline()}.", ""]
    asked = _questions_by_item(report)
    if report.candidates or report.below:
        out += ["## Identity candidates", "", "Pairs that may be one and the same, with no judgement that settles them.", ""]
        for c in report.candidates:
            out += [f"### {md(_pair_label(c))}", "", f"{c.cls}: **{_candidate_words(c)}**.", ""]
            out += ["| weight | evidence |", "|---:|---|", f"| {c.prior:+.2f} | prior |"]
            out += [f"| {row.weight:+.2f} | {md(row.describe())} |" for row in _rows(c)]
            quiet = _quiet(c)
            if quiet:
                out.append(f"| 0.00 | no evidence: {md(quiet)} |")
            out += [f"| **{c.weight:+.2f}** | **match weight**, probability {c.probability:.2f} |", ""]
            out += [f"- said about both: {_assertion(a, md)}" for a in c.assertions]
            out += [f"- asked: {md(question)}" for question in asked.get(c.id, [])]
            out += ["", f"To settle it, add to a case file: `{_judgement_hint(c)}`", ""]
        if report.below:
            out += [_below(report), ""]
    if report.contested:
        out += ["## Contested propositions", "", "One voice affirms, an independent voice opposes.", ""]
        for c in report.contested:
            out += [f"### {md(c.label)}", "", f"Score {c.score:g}; {c.counts()}.", ""]
            for side, group in (("affirms", c.affirming), ("opposes", c.opposing), ("neither", c.neither)):
                out += [f"- **{side}**: {_assertion(a, md)}" for a in group]
            out += [f"- asked: {md(question)}" for question in asked.get(c.id, [])]
            out.append("")
    if report.single_source:
        out += ["## Single-source claims", "", "One voice affirms; nobody corroborates or opposes.", ""]
        out += ["| Party | Claim | Quote |", "|---|---|---|"]
        for claim in report.single_source:
            quotes = "; ".join(f"“{md(a.quote)}”" for a in claim.assertions)
            out.append(f"| {md(claim.party.label)} | {md(claim.label)} | {quotes} — {claim.counts()} |")
        out.append("")
    changed = report.changed
    if changed:
        out += ["## Accounts that changed", "", "Stances a voice took back, and reports corrected, retracted or updated.", ""]
        for c in changed.stances:
            out += [f"### {md(c.proposition.label)} — {md(c.voice.label)}", ""]
            out += [f"- {_step(a, md)}" for a in c.steps]
            out.append("")
        if changed.self_contradicting:
            out += ["### Self-contradicting", "", "One voice on both sides, with no dates to order them.", ""]
            for c in changed.self_contradicting:
                out.append(f"- {md(c.proposition.label)} — {md(c.voice.label)}:")
                out += [f"  - {_step(a, md)}" for a in c.steps]
            out.append("")
        if changed.sources:
            out += ["### Corrected, retracted or updated", ""]
            out += [f"- {_source_change(c, md)}" for c in changed.sources]
            out.append("")
    if report.questions:
        out += ["## Open questions", ""]
        for q in report.questions:
            out += [f"### {md(q.asks)}", ""]
            if q.resolvable_by:
                out.append(f"- resolvable by: {md(q.resolvable_by)}")
            if q.raised_in:
                out.append(f"- raised in: {md(q.raised_in.label)}")
            for link in q.links:
                how = "" if link.direct else f" (through {md(', '.join(s.label for s in link.shared))})"
                out.append(f"- bears on {link.kind}: {md(link.label)}{how}")
            out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------- paths

_SHOWN = 3  # assertions listed per hop before "and N more"


def _hop_evidence(hop) -> list[str]:
    evidence = hop.evidence
    said = [_assertion(a) for a in evidence.assertions[:_SHOWN]]
    more = [f"… and {len(evidence.assertions) - _SHOWN} more"] if len(evidence.assertions) > _SHOWN else []
    sources = [s.label for s in evidence.sources]
    if evidence.basis in ("assertion", "proposition", "both"):
        return said + more
    if evidence.basis == "source":
        relayed = f", reported in {', '.join(sources[1:])}" if len(sources) > 1 else ""
        return [f"stated by the source {sources[0]}{relayed}"]
    if evidence.basis == "question":
        return [f"asked in {sources[0]}" if sources else "asked in the case data"]
    if evidence.basis == "one end":
        return [f"case data; sources on one end: {'; '.join(sources)}"]
    return ["case data only: no source speaks of these two"]


def paths_text(paths, start: str, end: str, width: int = 88) -> str:
    """``kg path`` output: each path in one line, then each hop with its sources."""
    if not paths:
        return f"No path between {start} and {end} in the reviewed graph.\n"
    out = [f"{len(paths)} path{'s' if len(paths) > 1 else ''} from {paths[0].start.label} to {paths[0].end.label}:"]
    for n, path in enumerate(paths, 1):
        out.append("")
        out += textwrap.wrap(f"{path.describe()} [{len(path.hops)} hops, cost {path.cost:g}]", width, initial_indent=f"{n}. ", subsequent_indent="   ")
        for hop in path.hops:
            out += textwrap.wrap(f"{hop.start.label} {hop.describe()}", width, initial_indent="   - ", subsequent_indent="     ")
            for line in _hop_evidence(hop):
                out += textwrap.wrap(line, width, initial_indent="       source: ", subsequent_indent="               ")
    return "\n".join(out) + "\n"
