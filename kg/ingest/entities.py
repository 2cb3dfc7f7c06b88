"""The entities one article mentions: known ones linked, new ones as candidates.

An :class:`EntityTable` is filled by the rule modules in turn. Each entity
keeps every span where it is mentioned, so later rules (attribution,
pronouns, questions) can ask "who is named here?" and the draft can point
each candidate at the exact text it came from.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from kg.ingest.gazetteer import Gazetteer, Known, normalize

__all__ = ["Entity", "EntityTable", "Span", "AGENT_TYPES", "ORG_TYPES"]

Span = tuple[int, int]
ORG_TYPES = {"Organization", "OrganizationalUnit"}
AGENT_TYPES = ORG_TYPES | {"Person", "Role", "AISystem"}


@dataclass
class Entity:
    """A known item (``known_id`` set) or a new candidate found by ``rule``."""

    key: str
    type: str
    label: str
    known_id: str | None = None
    section: str = "entities"
    aliases: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    confidence: float = 0.7
    rule: str = ""
    fields: dict = field(default_factory=dict)  # other case keys; references hold entity keys
    generic: bool = False  # an unnamed group or role ("a spokesperson", "customers")

    @property
    def first(self) -> Span:
        return min(self.spans)

    @property
    def names(self) -> list[str]:
        return [self.label, *self.aliases]


class EntityTable:
    """All entities of one article and where each is mentioned."""

    def __init__(self, text: str, gazetteer: Gazetteer):
        self.text = text
        self.gazetteer = gazetteer
        self.entities: dict[str, Entity] = {}
        self._mentions: list[tuple[int, int, str]] = []  # sorted (start, end, key)
        self._counter = 0
        for mention in gazetteer.find(text):
            known = next(k for k in gazetteer.known if k.id == mention.id)
            self.mention(self.known(known), mention.start, mention.end)

    # ------------------------------------------------------------------ adding
    def known(self, item: Known) -> Entity:
        key = f"known:{item.id}"
        if key not in self.entities:
            self.entities[key] = Entity(key, item.type, item.label, item.id, item.section, list(item.aliases), confidence=1.0, rule="gazetteer")
        return self.entities[key]

    def new(self, type_: str, label: str, start: int, end: int, *, rule: str, confidence: float = 0.7, section: str = "entities", generic: bool = False, **fields) -> Entity:
        """A new candidate, or the existing entity of the same name and kind."""
        existing = self.by_name(label, types=_family(type_))
        if existing is not None:
            self.mention(existing, start, end)
            return existing
        self._counter += 1
        entity = Entity(f"new:{self._counter}", type_, label, section=section, confidence=confidence, rule=rule, fields=dict(fields), generic=generic)
        self.entities[entity.key] = entity
        self.mention(entity, start, end)
        return entity

    def mention(self, entity: Entity, start: int, end: int) -> None:
        if (start, end) in entity.spans:
            return
        entity.spans.append((start, end))
        entity.spans.sort()
        bisect.insort(self._mentions, (start, end, entity.key))

    def alias(self, entity: Entity, name: str) -> None:
        if normalize(name) not in {normalize(n) for n in entity.names}:
            entity.aliases.append(name)

    def remove(self, entity: Entity) -> None:
        """Forget ``entity`` and its mentions."""
        for start, end in entity.spans:
            self._mentions.remove((start, end, entity.key))
        del self.entities[entity.key]

    def merge(self, gone: Entity, kept: Entity) -> None:
        """Fold ``gone`` into ``kept``: its spans, names and references move over."""
        for start, end in gone.spans:
            self._mentions.remove((start, end, gone.key))
            self.mention(kept, start, end)
        for name in gone.names:
            self.alias(kept, name)
        for key, value in gone.fields.items():
            kept.fields.setdefault(key, value)
        del self.entities[gone.key]
        for entity in self.entities.values():
            for key, value in list(entity.fields.items()):
                if value == gone.key:
                    entity.fields[key] = kept.key
                elif isinstance(value, list) and gone.key in value:
                    entity.fields[key] = list(dict.fromkeys(kept.key if v == gone.key else v for v in value))

    # ------------------------------------------------------------------ lookups
    def by_name(self, name: str, types: set[str] | None = None) -> Entity | None:
        wanted = normalize(name)
        for entity in self.entities.values():
            if types and entity.type not in types:
                continue
            if wanted in {normalize(n) for n in entity.names}:
                return entity
        return None

    def covering(self, start: int, end: int) -> list[Entity]:
        """Entities with a mention overlapping ``[start, end)``."""
        keys = []
        for s, e, key in self._mentions:
            if s >= end:
                break
            if e > start and key not in keys:
                keys.append(key)
        return [self.entities[k] for k in keys]

    def is_taken(self, start: int, end: int) -> bool:
        return bool(self.covering(start, end))

    def at(self, start: int, end: int, types: set[str] | None = None) -> Entity | None:
        """The entity whose mention best fits ``[start, end)`` (most overlap)."""
        best, best_overlap = None, 0
        for s, e, key in self._mentions:
            if s >= end:
                break
            overlap = min(e, end) - max(s, start)
            entity = self.entities[key]
            if overlap > best_overlap and (types is None or entity.type in types):
                best, best_overlap = entity, overlap
        return best

    def mentions_in(self, start: int, end: int, types: set[str] | None = None) -> list[tuple[int, int, Entity]]:
        return [(s, e, self.entities[k]) for s, e, k in self._mentions if s >= start and e <= end and (types is None or self.entities[k].type in types)]

    def last_before(self, index: int, types: set[str], *, named_only: bool = False) -> Entity | None:
        """The entity of one of ``types`` mentioned last before ``index``."""
        for s, e, key in reversed(self._mentions):
            if e <= index and self.entities[key].type in types and not (named_only and self.entities[key].generic):
                return self.entities[key]
        return None

    def most_mentioned(self, types: set[str]) -> Entity | None:
        ranked = sorted((e for e in self.entities.values() if e.type in types and not e.generic), key=lambda e: (-len(e.spans), e.first))
        return ranked[0] if ranked else None

    def proper_evidence(self, word: str) -> bool:
        """Is ``word`` used as a proper noun here: capitalised mid-sentence and never lower-case?"""
        if re.search(r"(?<![\w-])" + re.escape(word.lower()) + r"(?![\w-])", self.text):
            return False
        return bool(re.search(r"[a-z,;:)]\s+" + re.escape(word) + r"(?![\w-])", self.text))


def _family(type_: str) -> set[str]:
    if type_ in ORG_TYPES:
        return set(ORG_TYPES)
    if type_ in ("System", "AISystem"):
        return {"System", "AISystem"}
    return {type_}
