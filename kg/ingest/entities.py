"""The entities one article mentions: known ones linked, new ones as candidates.

An :class:`EntityTable` is filled by the rule modules in turn. Each entity
keeps every span where it is mentioned, so later rules (attribution,
pronouns, questions) can ask "who is named here?" and the draft can point
each candidate at the exact text it came from.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

from kg.ingest.gazetteer import Gazetteer, Known, normalize
from kg.ingest.words import WordIndex

__all__ = ["Entity", "EntityTable", "Span", "AGENT_TYPES", "ORG_TYPES", "ARTICLE_KEY"]

#: The key (and stand-in known id) of the article itself as a speaker.
ARTICLE_KEY = "article:self"

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
        self.words = WordIndex(text)
        self._mentions: list[tuple[int, int, str]] = []  # sorted (start, end, key)
        self._longest = 0  # the longest mention, so overlap lookups can bisect
        self._names: dict[str, dict[str, None]] = {}  # normalized name → keys, in order of creation
        self._order: dict[str, int] = {}
        self._counter = 0
        #: Speakers of the claims read so far, oldest first: "it said" is the last organization among them.
        self.speakers: list[Entity] = []
        for mention in gazetteer.find(text):
            known = next(k for k in gazetteer.known if k.id == mention.id)
            self.mention(self.known(known), mention.start, mention.end)

    # ------------------------------------------------------------------ adding
    def known(self, item: Known) -> Entity:
        key = f"known:{item.id}"
        if key not in self.entities:
            self._add(Entity(key, item.type, item.label, item.id, item.section, list(item.aliases), confidence=1.0, rule="gazetteer"))
        return self.entities[key]

    def article(self, start: int, end: int) -> Entity:
        """The article itself, as a speaker ("the article says"); the draft names it by its source id."""
        if ARTICLE_KEY not in self.entities:
            self._add(Entity(ARTICLE_KEY, "NewsArticle", "The article", ARTICLE_KEY, "sources", confidence=1.0, rule="the article itself"))
        entity = self.entities[ARTICLE_KEY]
        self.mention(entity, start, end)
        return entity

    def _add(self, entity: Entity) -> None:
        self.entities[entity.key] = entity
        self._order[entity.key] = len(self._order)
        for name in entity.names:
            self._names.setdefault(normalize(name), {})[entity.key] = None

    def new(self, type_: str, label: str, start: int, end: int, *, rule: str, confidence: float = 0.7, section: str = "entities", generic: bool = False, **fields) -> Entity:
        """A new candidate, or the existing entity of the same name and kind."""
        existing = self.by_name(label, types=_family(type_))
        if existing is not None:
            self.mention(existing, start, end)
            return existing
        self._counter += 1
        entity = Entity(f"new:{self._counter}", type_, label, section=section, confidence=confidence, rule=rule, fields=dict(fields), generic=generic)
        self._add(entity)
        self.mention(entity, start, end)
        return entity

    def mention(self, entity: Entity, start: int, end: int) -> None:
        at = bisect.bisect_left(entity.spans, (start, end))
        if at < len(entity.spans) and entity.spans[at] == (start, end):
            return
        entity.spans.insert(at, (start, end))
        bisect.insort(self._mentions, (start, end, entity.key))
        self._longest = max(self._longest, end - start)

    def unmention(self, entity: Entity, start: int, end: int) -> None:
        """Forget one mention of ``entity``: those words name another."""
        entity.spans.remove((start, end))
        self._mentions.remove((start, end, entity.key))

    def alias(self, entity: Entity, name: str) -> None:
        if normalize(name) not in {normalize(n) for n in entity.names}:
            entity.aliases.append(name)
            self._names.setdefault(normalize(name), {})[entity.key] = None

    def remove(self, entity: Entity) -> None:
        """Forget ``entity`` and its mentions."""
        for start, end in entity.spans:
            self._mentions.remove((start, end, entity.key))
        del self.entities[entity.key]

    def merge(self, gone: Entity, kept: Entity) -> None:
        """Fold ``gone`` into ``kept``: its spans, names and references move over."""
        self.merge_all([(gone, kept)])

    def merge_all(self, pairs: list[tuple[Entity, Entity]]) -> None:
        """Fold each ``gone`` into its ``kept`` (a chain A → B → C ends in C), in one pass over
        the mentions and the entities: many merges cost the table once, not once each."""
        into = {gone.key: kept.key for gone, kept in pairs if gone.key != kept.key}

        def last(key: str) -> str:
            seen = set()
            while key in into and key not in seen:
                seen.add(key)
                key = into[key]
            return key

        for gone_key in into:
            gone, kept = self.entities[gone_key], self.entities[last(gone_key)]
            for start, end in gone.spans:
                at = bisect.bisect_left(kept.spans, (start, end))
                if at == len(kept.spans) or kept.spans[at] != (start, end):
                    kept.spans.insert(at, (start, end))
            for name in gone.names:
                self.alias(kept, name)
            for key, value in gone.fields.items():
                kept.fields.setdefault(key, value)
        if not into:
            return
        self._mentions = sorted(set((start, end, last(key)) for start, end, key in self._mentions))
        for gone_key in into:
            del self.entities[gone_key]
        for entity in self.entities.values():
            for key, value in list(entity.fields.items()):
                if isinstance(value, str) and value in into:
                    entity.fields[key] = last(value)
                elif isinstance(value, list) and any(isinstance(v, str) and v in into for v in value):
                    entity.fields[key] = list(dict.fromkeys(last(v) if isinstance(v, str) else v for v in value))

    # ------------------------------------------------------------------ lookups
    def by_name(self, name: str, types: set[str] | None = None) -> Entity | None:
        """The first-made entity (of one of ``types``) with ``name`` as label or alias."""
        keys = [k for k in self._names.get(normalize(name), ()) if k in self.entities]
        for key in sorted(keys, key=self._order.__getitem__):
            entity = self.entities[key]
            if not types or entity.type in types:
                return entity
        return None

    def _from(self, start: int) -> int:
        """Index of the first mention that may overlap a span starting at ``start``."""
        return bisect.bisect_left(self._mentions, (start - self._longest, -1, ""))

    def covering(self, start: int, end: int) -> list[Entity]:
        """Entities with a mention overlapping ``[start, end)``."""
        keys = []
        for s, e, key in itertools.islice(self._mentions, self._from(start), None):
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
        for s, e, key in itertools.islice(self._mentions, self._from(start), None):
            if s >= end:
                break
            overlap = min(e, end) - max(s, start)
            entity = self.entities[key]
            if overlap > best_overlap and (types is None or entity.type in types):
                best, best_overlap = entity, overlap
        return best

    def mentions_in(self, start: int, end: int, types: set[str] | None = None) -> list[tuple[int, int, Entity]]:
        found = []
        for s, e, k in itertools.islice(self._mentions, bisect.bisect_left(self._mentions, (start, -1, "")), None):
            if s >= end:
                break
            if e <= end and (types is None or self.entities[k].type in types):
                found.append((s, e, self.entities[k]))
        return found

    def mentions_before(self, index: int, types: set[str] | None = None):
        """Mentions that end by ``index``, the nearest first."""
        for i in range(bisect.bisect_left(self._mentions, (index, -1, "")) - 1, -1, -1):
            s, e, key = self._mentions[i]
            if e <= index and (types is None or self.entities[key].type in types):
                yield s, e, self.entities[key]

    def last_before(self, index: int, types: set[str], *, named_only: bool = False) -> Entity | None:
        """The entity of one of ``types`` mentioned last before ``index``."""
        for i in range(bisect.bisect_left(self._mentions, (index, -1, "")) - 1, -1, -1):
            s, e, key = self._mentions[i]
            if e <= index and self.entities[key].type in types and not (named_only and self.entities[key].generic):
                return self.entities[key]
        return None

    def most_mentioned(self, types: set[str]) -> Entity | None:
        ranked = sorted((e for e in self.entities.values() if e.type in types and not e.generic), key=lambda e: (-len(e.spans), e.first))
        return ranked[0] if ranked else None

    def proper_evidence(self, word: str) -> bool:
        """Is ``word`` used as a proper noun here: capitalised mid-sentence and never lower-case?"""
        if self.words.find(word.lower()):
            return False
        for start, _ in self.words.find(word):
            before = self.text[max(0, start - 64):start]
            if before != before.rstrip() and before.rstrip()[-1:] in set("abcdefghijklmnopqrstuvwxyz,;:)"):
                return True
        return False


def _family(type_: str) -> set[str]:
    if type_ in ORG_TYPES:
        return set(ORG_TYPES)
    if type_ in ("System", "AISystem"):
        return {"System", "AISystem"}
    return {type_}
