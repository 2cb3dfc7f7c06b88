"""The unresolved report as terminal text and as Markdown.

Both list the same things in the same order: contested propositions, open
questions with what would resolve them, identity candidates, single-source
claims (grouped by party), denials nobody affirms, and accounts that changed. Text from documents is escaped for Markdown.

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

from kg.export import plain
from kg.export.identity_words import row_words, verdict_words
from kg.analysis.evidence import AssertionRef
from kg.analysis.nxgraph import local_name

__all__ = ["headline", "text", "markdown", "path_words", "paths_text"]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_MD_LEADING_MARK = re.compile(r"^([-+=~])")  # would open a list item, a rule, a setext heading or a fence
_MD_LEADING_NUMBER = re.compile(r"^(\d+)([.)])")  # would open a numbered list


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def headline(report) -> str:
    """The counts in one line, as ``kg unresolved --out`` prints them.

    >>> from kg.analysis.report import UnresolvedReport
    >>> headline(UnresolvedReport((), (), (), ()))
    '0 identity candidates, 0 contested propositions, 0 single-source claims, 0 open questions'
    """
    counts = report.counts()
    notes = [f"{counts['judged_unsure']} judged unsure"] if counts["judged_unsure"] else []
    notes += [f"{counts['below_threshold']} more below the threshold"] if counts["below_threshold"] else []
    return ", ".join([
        _plural(counts["candidates"], "identity candidate") + (f" ({'; '.join(notes)})" if notes else ""),
        _plural(counts["contested"], "contested proposition"),
        _plural(counts["single_source"], "single-source claim"),
        _plural(counts["questions"], "open question"),
    ] + ([_plural(counts["changed"], "account") + " that changed"] if counts["changed"] else []))


def _md(value: str) -> str:
    """``value`` as inline Markdown, on one line: a multi-line label cannot start a block of its own.

    >>> print(_md("Real question?\\n# Forged heading\\n---\\n- forged item"))
    Real question? \\# Forged heading --- - forged item
    >>> print(_md("- starts like an item"), _md("1. like a numbered one"))
    \\- starts like an item 1\\. like a numbered one
    """
    folded = " ".join(str(value).split())  # every line break (LF, CR, U+2028...) and run of spaces: one space
    escaped = _MD_SPECIAL.sub(r"\\\1", folded)
    return _MD_LEADING_NUMBER.sub(r"\1\\\2", _MD_LEADING_MARK.sub(r"\\\1", escaped))


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


def _names(report) -> plain.Names:
    return plain.Names(dict(getattr(report, "short_names", {}) or {}), tuple(getattr(report, "documents", ()) or ()))


def _who_is_who(report, names: plain.Names) -> list[tuple[str, str]]:
    """(short name, full name) of every named party or source whose short name differs from its label."""
    refs = {a.party for c in report.contested for a in (*c.affirming, *c.opposing, *c.neither)}
    refs |= {c.party for c in report.single_source} | set(names.documents)
    refs |= {a.party for c in report.denied for a in (*c.opposing, *c.neither)}
    refs |= {a.via for c in report.contested for a in (*c.affirming, *c.opposing, *c.neither) if a.via}
    pairs = {(names.of(r), r.label) for r in refs if names.of(r) != r.label}
    return sorted(pairs, key=lambda p: (p[0].lower(), p[1]))


def _by_party(report, names: plain.Names) -> list[tuple[str, list]]:
    groups = defaultdict(list)
    for claim in report.single_source:
        groups[names.of(claim.party)].append(claim)
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0].lower()))


def _single_source_intro(names: plain.Names) -> str:
    also = " Like everything here, they also rest on one document." if names.one_document else ""
    return "Nobody else in the record corroborates or opposes these: each rests on one party's word." + also


_DENIED_INTRO = ("Someone denies, disputes or narrows each of these, and no voice in the record affirms it: "
                 "who made the claim being answered is not on the record.")


def _denied_line(claim, names: plain.Names, md: Callable[[str], str] = str) -> str:
    tags = plain.sentence("; ".join(plain.stance_tag(a, names, md) for a in (*claim.opposing, *claim.neither)))
    more = f" ({plain.voice_counts(claim)})" if len(claim.opposing) > 1 else ""
    return f"{md(claim.label)} {tags}{more}"


def _judgement_hint(c) -> str:
    left, right = local_name(c.left.iri), local_name(c.right.iri)
    return f"judgements: [{{pair: [{left}, {right}], judgement: same | different | unsure}}]"


def _candidate_words(c) -> str:
    """ "possible", "likely the same", or "unlikely" for a judged pair listed below the threshold.

    The probability itself is in the details (the waterfall's total), not here.
    """
    judged = f", judged {c.judgement}" if c.judgement else ""
    return f"{verdict_words(c.verdict)}{judged}"


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
    return (f"{count} more {pairs} scored below the threshold (`--threshold {report.threshold:g}`), not listed; "
            "`kg unresolved --threshold 0` lists them.")


# ---------------------------------------------------------------- text


def text(report, width: int = 88) -> str:
    """A readable terminal report: the disputes first, then open questions, then identity candidates."""
    out: list[str] = []

    def para(first: str, body: str, indent: int = 4) -> None:
        out.extend(textwrap.wrap(body, width, initial_indent=" " * indent + first, subsequent_indent=" " * (indent + len(first))) or [" " * indent + first])

    names = _names(report)
    out.append(f"What the record leaves unresolved: {headline(report)}.")
    warning = plain.one_document_warning(names)
    if warning:
        out.append("")
        out.extend(textwrap.wrap("NOTE: " + warning, width))
    asked = _questions_by_item(report)
    if report.contested:
        out += ["", "CONTESTED PROPOSITIONS: one voice affirms, an independent voice opposes"]
        for n, c in enumerate(report.contested, 1):
            out.append("")
            para(f"{n}. ", c.label, 1)
            para("", plain.contested_opening(c, names))
            for side, group in (("for:     ", c.affirming), ("against: ", c.opposing), ("neither: ", c.neither)):
                for a in group:
                    para(side, plain.stance_tag(a, names))
            para("", plain.corroboration(c, names))
            for question in asked.get(c.id, []):
                para("asked:   ", question)
            para("", plain.details(f"weaker side {c.score:g} (the sum over its voices of their highest confidence)"))
    if report.questions:
        out += ["", "OPEN QUESTIONS: and what would settle them"]
        for n, q in enumerate(report.questions, 1):
            out.append("")
            para(f"{n}. ", q.asks, 1)
            para("", plain.question_opening(q))
            if q.resolvable_by:
                para("what would settle it: ", q.resolvable_by)
            if q.raised_in:
                para("raised in: ", names.of(q.raised_in))
            for link in q.links:
                para("- ", f"It {plain.link_phrase(link)}.")
    if report.look_for:
        out += ["", "WHAT TO LOOK FOR NEXT: the documents that would settle the open questions"]
        for group in report.look_for:
            out += ["", f"  {plain.sentence(plain.look_for_label(group))}"]
            for q in group.questions:
                settles = [f"the {plain.kind_name(link.kind)} {plain.quoted(link.label)}" for link in q.links if link.direct]
                also = f" It would also settle {plain.listed(settles)}." if settles else ""
                para("- ", f"{q.asks}{also} Wanted: {q.resolvable_by}" if q.resolvable_by else f"{q.asks}{also}")
    if report.candidates or report.below:
        out += ["", "IDENTITY CANDIDATES: may be one and the same; no judgement settles them"]
        for n, c in enumerate(report.candidates, 1):
            out.append("")
            para(f"{n}. ", _candidate_sentence(c), 1)
            for a in c.assertions:
                para("said:    ", plain.stance_tag(a, names))
            for question in asked.get(c.id, []):
                para("asked:   ", question)
            para("", "Details: the match weights, strongest first (log2 odds):")
            for row in _rows(c):
                para(f"{row.weight:+6.2f}  ", row_words(row))
            quiet = _quiet(c)
            if quiet:
                para("  0.00  ", f"no evidence: {quiet}")
            para("total:  ", f"match weight {c.weight:+.2f} (prior {c.prior:+.2f}), probability {c.probability:.2f}")
        if report.below:
            out += ["", f"  {_below(report)}"]
    if report.single_source:
        out += ["", "CLAIMS ONLY ONE PARTY MAKES"]
        para("", _single_source_intro(names), 2)
        for party, claims in _by_party(report, names):
            out += ["", f"  {plain.sentence(party)} ({len(claims)})"]
            for claim in claims:
                more = f" ({plain.voice_counts(claim)})" if len(claim.assertions) > 1 else ""
                para("- ", f"{claim.label} " + plain.sentence("; ".join(plain.stance_tag(a, names) for a in claim.assertions)) + more)
    if report.denied:
        out += ["", "DENIALS NOBODY AFFIRMS"]
        para("", _DENIED_INTRO, 2)
        out.append("")
        for claim in report.denied:
            para("- ", _denied_line(claim, names), 2)
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
    if report.candidates:
        out += ["", "TO SETTLE AN IDENTITY CANDIDATE: add its judgement to a case file (or use kg review)"]
        for c in report.candidates:
            para("- ", f"{_pair_label(c)}: {_judgement_hint(c)}", 2)
    return "\n".join(out) + "\n"


def _candidate_sentence(c) -> str:
    """One plain sentence for an identity candidate; its weights are details."""
    return f"{_pair_label(c)} may be one {c.cls.lower()}: {_candidate_words(c)}."


# ---------------------------------------------------------------- markdown


def _details(summary: str, lines: list[str]) -> list[str]:
    """A collapsed block (``<details>``): what only a reader who asks for it needs, such as weights."""
    return ['<details markdown="1">', f"<summary>Details: {summary}</summary>", "", *lines, "", "</details>", ""]


def markdown(report) -> str:
    """The report as Markdown, for ``unresolved.md``: the disputes first, then open questions, then identity
    candidates, each in plain words; scores only inside collapsed details; how to edit a case at the end."""
    md = _md
    names = _names(report)
    out = ["# What the record leaves unresolved", ""]
    warning = plain.one_document_warning(names, md)
    if warning:
        out += [f"**{warning}**", ""]
    out += [f"{headline(report)}.", ""]
    who = _who_is_who(report, names)
    if who:
        out += ["Short names used below:", ""]
        out += [f"- *{md(short)}*: {md(full)}" for short, full in who]
        out.append("")
    asked = _questions_by_item(report)
    if report.contested:
        out += ["## Contested propositions", "", "One voice affirms, an independent voice opposes.", ""]
        for c in report.contested:
            out += [f"### {md(c.label)}", "", plain.contested_opening(c, names, md), ""]
            for side, group in (("For", c.affirming), ("Against", c.opposing), ("Neither", c.neither)):
                out += [f"- {side}: {plain.stance_tag(a, names, md)}" for a in group]
            out += [f"- Asked: {md(question)}" for question in asked.get(c.id, [])]
            out += ["", plain.corroboration(c, names, md),
                    f"[Open it in the graph]({plain.graph_link('contested:' + c.id)})", ""]
            out += _details("the weaker side", [f"Weaker side {c.score:g}: the sum over its voices of their highest confidence."])
    if report.questions:
        out += ["## Open questions", ""]
        for q in report.questions:
            out += [f"### {md(q.asks)}", "", plain.question_opening(q), ""]
            if q.resolvable_by:
                out.append(f"- What would settle it: {md(q.resolvable_by)}")
            if q.raised_in:
                out.append(f"- Raised in: {md(names.of(q.raised_in))}")
            out += [f"- It {plain.link_phrase(link, md)}." for link in q.links]
            out += ["", f"[Open it in the graph]({plain.graph_link('question:' + q.id)})", ""]
    if report.look_for:
        out += ["## What to look for next", "",
                "Each open question names what would settle it. Grouped by the kind of document, with what each would settle:", ""]
        for group in report.look_for:
            out += [f"### {md(plain.sentence(plain.look_for_label(group)))}", ""]
            for q in group.questions:
                settles = [f"the {plain.kind_name(link.kind)} {plain.quoted(link.label, md)}" for link in q.links if link.direct]
                also = f" It would also settle {plain.listed(settles)}." if settles else ""
                wanted = f" Wanted: {md(q.resolvable_by)}" if q.resolvable_by else ""
                out.append(f"- **{md(q.asks)}**{also}{wanted}")
            out.append("")
    if report.candidates or report.below:
        out += ["## Identity candidates", "", "Pairs that may be one and the same, with no judgement that settles them.", ""]
        for c in report.candidates:
            out += [f"### {md(_pair_label(c))}", "", md(_candidate_sentence(c)), ""]
            out += [f"- said about both: {plain.stance_tag(a, names, md)}" for a in c.assertions]
            out += [f"- asked: {md(question)}" for question in asked.get(c.id, [])]
            out += ["", f"[Open it in the graph]({plain.graph_link(c.id)})", ""]
            table = ["| weight | evidence |", "|---:|---|", f"| {c.prior:+.2f} | prior |"]
            table += [f"| {row.weight:+.2f} | {md(row_words(row))} |" for row in _rows(c)]
            quiet = _quiet(c)
            if quiet:
                table.append(f"| 0.00 | no evidence: {md(quiet)} |")
            table.append(f"| **{c.weight:+.2f}** | **match weight**, probability {c.probability:.2f} |")
            out += _details("the match weights, strongest first (log2 odds)", table)
        if report.below:
            out += [_below(report), ""]
    if report.single_source:
        out += ["## Claims only one party makes", "", _single_source_intro(names), ""]
        for party, claims in _by_party(report, names):
            out += [f"### {md(plain.sentence(party))} ({len(claims)})", ""]
            for claim in claims:
                tags = plain.sentence("; ".join(plain.stance_tag(a, names, md) for a in claim.assertions))
                more = f" ({plain.voice_counts(claim)})" if len(claim.assertions) > 1 else ""
                out.append(f"- {md(claim.label)} {tags}{more}")
            out.append("")
    if report.denied:
        out += ["## Denials nobody affirms", "", _DENIED_INTRO, ""]
        out += [f"- {_denied_line(claim, names, md)} [Open it in the graph]({plain.graph_link(claim.id)})" for claim in report.denied]
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
    if report.candidates:
        out += ["## Settling an identity candidate", "",
                "Add the judgement to a case file and build again, or walk the drafts with `kg review`:", ""]
        out += [f"- {md(_pair_label(c))}: `{_judgement_hint(c)}`" for c in report.candidates]
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


def hop_words(hop) -> str:
    """A hop of a path as an arrow between its ends, without the start: "—about→ Ops review"."""
    arrows = " / ".join(f"—{label}→" if forward else f"←{label}—" for label, forward in hop.relations)
    return f"{arrows} {hop.end.label}"


def path_words(path) -> str:
    """A path in one line: "Ann ←author— Ann's post —about→ Ops review"."""
    return " ".join([path.start.label, *(hop_words(hop) for hop in path.hops)])


def paths_text(paths, start: str, end: str, width: int = 88) -> str:
    """``kg path`` output: each path in one line, then each hop with its sources."""
    if not paths:
        return f"No path between {start} and {end} in the reviewed graph.\n"
    out = [f"{len(paths)} path{'s' if len(paths) > 1 else ''} from {paths[0].start.label} to {paths[0].end.label}:"]
    for n, path in enumerate(paths, 1):
        out.append("")
        out += textwrap.wrap(f"{path_words(path)} [{len(path.hops)} hops, cost {path.cost:g}]", width, initial_indent=f"{n}. ", subsequent_indent="   ")
        for hop in path.hops:
            out += textwrap.wrap(f"{hop.start.label} {hop_words(hop)}", width, initial_indent="   - ", subsequent_indent="     ")
            for line in _hop_evidence(hop):
                out += textwrap.wrap(line, width, initial_indent="       source: ", subsequent_indent="               ")
    return "\n".join(out) + "\n"
