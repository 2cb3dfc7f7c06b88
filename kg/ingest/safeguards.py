"""Safeguards by rule: the controls an article names, near-paraphrases of one being one item.

A safeguard is a noun phrase headed by sign-off, approval, authorization, review, guardrail, safeguard,
checks, controls, validation, contingency plan, with a modifier ("two-person approval") or an object
("sign-off on AI-assisted changes").
"""

from __future__ import annotations

import re

from kg.ingest.entities import Entity, EntityTable
from kg.ingest.phrases import FINDS, LONGEST_WORD, STOP, VERBAL, modifiers, phrase_label
from kg.vocab import CLS

__all__ = ["find_safeguards", "same_safeguard"]

_W = LONGEST_WORD

_SAFEGUARD_HEAD = (
    r"sign-?offs?|approvals?|authori[sz]ations?|reviews?|guardrails?|safeguards?|checks|controls|validation|"
    r"contingency[ ]plans?|rollback[ ]plans?|oversight|audits?|(?:load|stress|regression|safety|canary|integration)[ ]tests?|"
    r"two-person[ ]rule|four-eyes[ ]rule"
)
_SAFEGUARD_RE = re.compile(
    rf"(?<![\w’'-])(?P<mods>(?:[\w’'-]{{1,{_W}}}[ ]){{0,3}})(?P<head>[\w-]{{0,{_W}}}?(?:{_SAFEGUARD_HEAD}))(?P<tail>[ ](?:board|process|processes|rule|rules|requirement|requirements|step|steps|policy|gate|committee|procedure|procedures|review|reviews))?"
    rf"(?P<object>[ ](?:on|for|of)[ ](?:[a-zA-Z][\w-]{{0,{_W}}}[ ]?){{1,3}}?(?:changes|code|deployments|updates|releases|engineers|use))?\b(?!-)",
    re.IGNORECASE,
)
_INHERENT = {"guardrail", "guardrails", "safeguard", "safeguards"}
#: Verbs in -s whose object is a control granted or sought ("needs approval", "requires sign-off"): the
#: modifiers stop at a verb in -ed or -ing, not at one of these right before the head.
_TAKES_A_CONTROL = frozenset("needs requires seeks gets gives grants receives wins awaits lacks passes fails".split())


# Words that qualify a safeguard without telling two apart ("tighter", "additional", "internal"), and heads that
# only say it is a rule of some kind ("approval requirements" is "approvals").
_QUALIFIERS = frozenset(
    """additional extra further more new tighter tightened tight stronger strengthened stricter strict internal suitable
    basic existing specific bypassed missing proposed planned current such added enhanced improved better formal key
    its their our""".split()
)
_RULE_HEADS = frozenset("process processes requirement requirements step steps procedure procedures policy rule rules measure measures".split())


#: Where a trailing object starts ("sign-off on changes", "requirement for juniors"), and the same words as a
#: name's particle between two capitalised words ("Notice to Airmen", "Department of Transportation").
_OBJECT_CUT = re.compile(r"\s+(?:on|for|of|to)\s+", re.IGNORECASE)
_TITLE_CASE = re.compile(r"[A-Z][a-z]")


def _name_particle(label: str, cut: re.Match) -> bool:
    """Is the preposition at ``cut`` between two capitalised words of ``label``?"""
    return bool(_TITLE_CASE.match(label[:cut.start()].rsplit(" ", 1)[-1]) and _TITLE_CASE.match(label, cut.end()))


def _safeguard_key(label: str) -> tuple[str, frozenset[str]]:
    """(head, content words) of a safeguard's name: qualifiers, a rule-like head and a trailing "for ..." off.

    A preposition between two capitalised words is a name's own ("Notice to Airmen (NOTAM) system"), never the
    start of a trailing object: the name is not cut there.

    >>> [(head, sorted(words)) for head, words in map(_safeguard_key, ["Specific sign-off requirement for juniors", "Tightened approval processes"])]
    [('off', ['off', 'sign']), ('approval', ['approval'])]
    >>> _safeguard_key("Notice to Airmen (NOTAM) system")[0], _safeguard_key("Sign-off on AI-assisted changes")[0]
    ('system', 'off')
    """
    cut = next((m.start() for m in _OBJECT_CUT.finditer(label) if not _name_particle(label, m)), len(label))
    words = re.split(r"[\s-]+", label[:cut].lower())
    words = [w for w in words if w and w not in STOP and w not in _QUALIFIERS]
    content = [w for w in words if w not in _RULE_HEADS] or words
    stems = [w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in content]
    return (stems[-1] if stems else ""), frozenset(stems)


def same_safeguard(a: str, b: str) -> bool:
    """Are two safeguard names near-paraphrases: one head, and one's content words within the other's?

    >>> same_safeguard("Tighter controls", "Engineering controls"), same_safeguard("Additional approvals", "Approval requirements")
    (True, True)
    >>> same_safeguard("Internal guardrails", "Suitable safeguards"), same_safeguard("Code-change review process", "Approval steps")
    (False, False)
    """
    (head_a, words_a), (head_b, words_b) = _safeguard_key(a), _safeguard_key(b)
    return bool(head_a) and head_a == head_b and (words_a <= words_b or words_b <= words_a)


def find_safeguards(table: EntityTable, text: str) -> None:
    """Add the article's safeguards to ``table``: one item for near-paraphrases, the case's own safeguard when it names one."""
    made: list[Entity] = []
    for m in _SAFEGUARD_RE.finditer(text):
        head = m.group("head")
        words = m.group("mods").split()
        if words and (words[-1].lower() in VERBAL or words[-1].lower() in _TAKES_A_CONTROL):
            continue  # "to review", "would sign off": a verb; "still needs approval": a control's granting, not a control
        after = text[m.end("head"):m.end("head") + 64]
        if head.lower() in {"review", "reviews"} and re.match(rf"\s+(?:(?:of|whether)\b|{FINDS})", after):
            continue  # "a review of the availability": an activity; "a preliminary review had determined": a document (kinds.py)
        if re.match(r"[ ](?:tool|tools|bot|assistant|software|system|systems|platform)\b", after):
            continue  # "an AI code review tool" is a tool
        start, mods = modifiers(text, m.start("mods"), m.end("mods"), limit=2)
        if not mods:
            start = m.start("head")
        tail = (m.group("tail") or "") + (m.group("object") or "")
        label = " ".join([*mods, head]) + tail
        end = m.end()
        if table.is_taken(start, end):
            continue
        same = next((s for s in reversed(made) if same_safeguard(s.label, label)), None)
        if same is not None:  # a near-paraphrase ("tighter controls", "tightened controls"): one item, an alias more
            table.mention(same, start, end)
            if mods or tail:  # a bare "controls" is a mention, never a name
                table.alias(same, phrase_label(label))
            continue
        known = next((k for k in table.gazetteer.known if k.type == CLS.Safeguard and any(same_safeguard(n, label) for n in k.names)), None)
        if known is not None:  # the case's own safeguard, worded otherwise
            table.mention(table.known(known), start, end)
            continue
        if not mods and not tail and head.lower() not in _INHERENT:
            continue  # a bare "approval" or "review" names no particular control
        made.append(table.new(CLS.Safeguard, phrase_label(label), start, end, rule="safeguard phrase", confidence=0.6))
