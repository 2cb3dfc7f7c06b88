"""What ties the items :mod:`kg.ingest.kinds` found to the rest of the article.

After its rows run: a document's author named right after it ("the letter from Jane Roe"), a
system's short names ("the Notice to Pilots (NTP) system", "the Bot Management system" -> "Bot
Management"), and the products a company owns, listed where the text says so ("other platforms it
owns, Orbchat and Veltrogram").
"""

from __future__ import annotations

import re

from kg.ingest.entities import ORG_TYPES, EntityTable
from kg.vocab import CLS

__all__ = ["document_author", "owned_products", "system_names"]

#: Who wrote or sent a document, right after its words: "the letter [it got] from Jane Roe", "the report by Orbis".
_AUTHOR_AFTER = re.compile(r"[ ](?:(?:it|he|she|they|we)[ ](?:got|received|obtained)[ ])?(?:by|from)[ ](?:the[ ])?(?=[A-Z])")
#: Heads after which a product's own name is a name of the product: "the Bot Management system" is "Bot Management" (not
#: "the Kestrel Road substation", whose name is the road's).
_SOFTWARE_HEADS = {"system", "software", "tool", "platform", "app", "application"}
#: A short name given right after a name: "the Notice to Pilots system, or NTP,".
_SHORT_AFTER = re.compile(r",[ ]or[ ](?P<short>[A-Z][A-Za-z]{1,8})\b(?=[,.;:)])")
#: Products a company owns, listed where the text says so: "the Globex-owned Orbis and Veltro", "other platforms it
#: owns, Orbis and Veltro", "its namesake platform, Orbis and Veltro". Each listed name is a system, not an organization.
_PRODUCT = r"[A-Z][\w&-]{0,30}(?:[ ][A-Z][\w&-]{0,30})?"
_OWNED = re.compile(
    rf"(?:\b[A-Z][\w&-]{{0,30}}-owned[ ]|\b(?:platforms|apps|services|products)[ ](?:it|they|he|she)[ ]owns?,[ ]"
    rf"|\b(?i:its|their)[ ](?:namesake[ ]|own[ ])?(?:platforms?|apps?|services?),[ ](?:including[ ])?)"
    rf"(?P<names>{_PRODUCT}(?:,[ ]{_PRODUCT}){{0,4}},?[ ](?:and|&)[ ]{_PRODUCT}|{_PRODUCT})"
)
#: Rules whose organizations an ownership frame may retype: the parser's guesses, never a rule's finding.
_RETYPED = {"named entity (parser)", "listed with organizations"}


def document_author(table: EntityTable, start: int, end: int) -> None:
    """The person or organization named right after a document's words ("the report by Orbis") is its author."""
    by = _AUTHOR_AFTER.match(table.text, end)
    doc = table.at(start, end, {CLS.InternalDocument})
    if by is None or doc is None or "author" in doc.fields:
        return
    author = table.at(by.end(), by.end() + 1, ORG_TYPES | {CLS.Person})
    if author is not None:
        doc.fields["author"] = author.key


def system_names(table: EntityTable, m: re.Match, start: int) -> None:
    """A named system's short names: the capitals in brackets or after ", or" ("the Notice to Pilots (NTP)
    system", "..., or NTP,"), and before a software head its own words ("the Bot Management system")."""
    system = table.at(start, m.end("name"), {CLS.System})
    if system is None or system.known_id is not None:
        return
    short = m.group("short") or _SHORT_AFTER.match(table.text, m.end())
    if short:
        table.alias(system, short if isinstance(short, str) else short.group("short"))
    if m.group("name").split()[-1].lower().rstrip("s") in _SOFTWARE_HEADS:
        table.alias(system, m.group("proper"))


def owned_products(table: EntityTable, text: str) -> None:
    """Names listed as a company's own platforms or apps are systems, wherever else the article uses them.

    >>> from kg.ingest.gazetteer import Gazetteer
    >>> text = "Users of Globex and of other platforms it owns, Orbis and Veltro among them, could not log in."
    >>> table = EntityTable(text, Gazetteer([]))
    >>> orbis = table.new(CLS.Organization, "Orbis", 50, 55, rule="named entity (parser)")
    >>> owned_products(table, text)
    >>> sorted((e.type, e.label) for e in table.entities.values())
    [('System', 'Orbis'), ('System', 'Veltro')]
    """
    for m in _OWNED.finditer(text):
        for name in re.finditer(_PRODUCT, m.group("names")):
            start, end = m.start("names") + name.start(), m.start("names") + name.end()
            entity = table.at(start, end)
            if entity is not None and entity.known_id is None and entity.type in ORG_TYPES and entity.rule in _RETYPED:
                entity.type = CLS.System
            elif entity is None:
                table.new(CLS.System, name.group(0), start, end, rule="owned product (System)", confidence=0.55)
