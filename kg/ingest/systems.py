"""System and AI-system candidates by rule: a cue word names what the thing is.

- an AI system: "AI coding assistant Q", "CareFlow, the group's AI assistant", "Orbis's AI agent";
- a system: "its booking system, SkyGate", "GridPilot, the grid software".
"""

from __future__ import annotations

import re

from kg.ingest.entities import ORG_TYPES, EntityTable
from kg.ingest.name_tables import NOT_NAMES, WORD, clean
from kg.vocab import CLS

__all__ = ["AI_DESCRIPTION", "SYSTEM_HEADS", "find_systems"]

#: How an article tells an AI system by what it is, not by a name: "the AI agent built by ...", "an AI coding
#: assistant", "its chatbot", "the airline's chatbot", "a virtual assistant" (not "the bot" alone, nor "bots").
AI_DESCRIPTION = re.compile(
    r"(?<![\w-])(?:(?i:an?|the|its|their)|[\w-]{1,40}['’]s)[ ](?P<name>(?:[a-z][\w-]{0,40}[ ]){0,2}?(?:AI|A\.I\.)(?:[ ][a-z][\w-]{0,40}){0,2}?[ ]"
    r"(?:agent|assistant|chatbot|bot|copilot|model|tool)|(?:AI[ ])?chatbot|virtual[ ]assistant|machine[ -]learning[ ]model)\b(?![-])"
)

#: The head nouns a system is called by ("its booking system, SkyGate", "the Kestrel Road substation"): the one list
#: the system cues here and the rows of :mod:`kg.ingest.kinds` share.
SYSTEM_HEADS = (
    "system", "platform", "software", "app", "application", "database", "tracker", "portal", "scheduler", "network",
    "website", "server", "wallet", "substation", "tool",
)


def find_systems(table: EntityTable, text: str) -> None:
    name = rf"(?<![\w’'-])(?P<name>[A-Z][\w-]{{0,40}}(?:[ ][A-Z][\w-]{{0,40}}){{0,2}})"
    ai = r"(?:AI|A\.I\.|artificial[- ]intelligence|generative[- ]AI|gen-?AI|LLM|machine[- ]learning)"
    ai_kinds = r"assistant|tool|agent|model|chatbot|bot|copilot|system|scheduler|platform|software"
    kinds = "|".join(SYSTEM_HEADS)
    head_end = r"(?=[,.;:)]|[ ](?:that|which|it|used|made|built|from|for|to|by|at|in|on|and|was|is|had|has)\b)"
    named = r"(?:[ ]?,[ ]|[ ])(?:(?:called|named|known as)[ ])?"
    rules = [
        (re.compile(rf"\b{ai}[ ](?:[\w-]{{1,40}}[ ]){{0,2}}(?:{ai_kinds}){named}{name}(?![\w-])"), CLS.AISystem),
        (re.compile(rf"{name},[ ](?:the|its|an?|[\w’'-]{{1,40}}['’]s)[ ](?:[\w’'-]{{1,40}}[ ]){{0,3}}{ai}[ ](?:[\w-]{{1,40}}[ ]){{0,2}}(?:{ai_kinds}){head_end}"), CLS.AISystem),
        (re.compile(rf"\b(?:chatbot|copilot|language model){named}{name}(?![\w-])"), CLS.AISystem),
        (re.compile(rf"(?<![\w’'-])(?:(?i:its|the)|[\w’'-]{{1,40}}['’]s)[ ](?:[\w-]{{1,40}}[ ]){{0,4}}(?:{kinds}){named}{name}(?![\w-])"), CLS.System),
        (re.compile(rf"{name},[ ](?:the|its|an?)[ ](?:[\w-]{{1,40}}[ ]){{0,4}}(?:{kinds}){head_end}"), CLS.System),
    ]
    # "Replit's agent", "Veltro's AI assistant": an AI product known by its maker's name.
    for m in re.finditer(rf"(?<![\w’'-])(?P<name>(?P<org>(?:{WORD})(?:[ ](?:{WORD})){{0,2}})['’]s[ ](?:AI[ ])?(?:coding[ ])?(?:agent|assistant|chatbot|copilot|bot))\b(?![ ,]+(?:called|named|known)\b)(?![ ][A-Z])", text):
        if m.group("org").split()[0].lower() in NOT_NAMES or table.is_taken(m.start("name"), m.end("name")):
            continue  # ("Air Canada's chatbot": the maker's whole name, not its last word)
        if table.at(m.start("org"), m.end("org"), ORG_TYPES | {CLS.Person}) is None and not table.is_taken(m.start("org"), m.end("org")):
            table.new(CLS.Organization, m.group("org"), m.start("org"), m.end("org"), rule="maker of an AI product", confidence=0.6)
        table.new(CLS.AISystem, m.group("name"), m.start("name"), m.end("name"), rule="AI product of a company", confidence=0.6)
    for pattern, type_ in rules:
        for m in pattern.finditer(text):
            label = clean(m.group("name"))
            start = m.start("name")
            if label.split()[0].lower() in NOT_NAMES - {"ai"}:
                continue
            if re.search(r"(?i:according[ ]to)[ ](?:the[ ])?$", text[max(0, start - 20):start]) or (
                    type_ == CLS.System and re.search(r"(?i:according[ ]to)[ ]$", text[max(0, m.start() - 20):m.start()])):
                continue  # "According to the Guardian, ...", "according to the flight tracker FlightAware": who says, not a system
            taken = table.at(start, start + len(label))
            if taken is not None:
                if taken.known_id is None and taken.rule == "proper noun that speaks":
                    taken.type = type_  # "Atlas said ..." was read as a speaker before the system cue
                continue
            table.new(type_, label, start, start + len(label), rule=f"{type_} cue", confidence=0.75)
