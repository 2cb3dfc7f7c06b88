"""What a case already knows, and finding its names in a new article.

:func:`read_case_folder` reads every YAML file of a case folder with the
one case reader, :func:`kg.case.read_case` (drafts included, so a second
article links to the candidates of the first). :class:`Gazetteer` finds the labels and aliases of
known entities in text: case-insensitively, except for short or all-capital
names ("AWS", "Q"); with possessives ("Amazon's"); and a person's surname
alone once the full name has appeared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.case import SECTIONS, Case, read_case
from kg.ingest.linking import PropositionIndex
from kg.keys import ordered_pair
from kg.vocab import CLS

__all__ = ["CaseIndex", "Known", "Mention", "Gazetteer", "read_case_folder", "case_index", "normalize", "SECTIONS"]

_POSSESSIVE = r"(?:['’]s?\b)?"


def normalize(name: str) -> str:
    """A name folded for comparison: lower case, no possessive, single spaces.

    >>> normalize("  Amazon’s ")
    'amazon'
    """
    name = re.sub(r"['’]s?$", "", name.strip()).replace("’", "'")
    return re.sub(r"\s+", " ", name).lower().strip(" .,")


@dataclass(frozen=True)
class Known:
    """A named item of the case: an entity or a source."""

    id: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    section: str = "entities"
    #: Whether its names are looked for in text: a drafted description is not (:func:`by_name`).
    by_name: bool = field(default=True, repr=False)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass
class CaseIndex:
    """The parts of a case that ingest needs, read straight from its YAML."""

    path: Path
    slug: str | None = None
    files: list[Path] = field(default_factory=list)
    items: dict[str, dict] = field(default_factory=dict)  # id → fields, with "section"
    known: list[Known] = field(default_factory=list)
    sha256: dict[str, str] = field(default_factory=dict)  # digest → source id
    judged_pairs: set[tuple[str, str]] = field(default_factory=set)
    propositions: PropositionIndex = field(default_factory=PropositionIndex)  # for linking restated claims

    def ids(self) -> set[str]:
        return set(self.items)

    def add(self, section: str, fields: dict) -> None:
        """Record an item (from the case or a draft being made) so later lookups see it."""
        item_id = fields.get("id")
        if section == "propositions" and not isinstance(item_id, str):
            self._stances(fields)  # an entry adding assertions to a proposition already held
        if section == "judgements":
            pair = fields.get("pair") or []
            if len(pair) == 2:
                self.judged_pairs.add(ordered_pair(*pair))
            return
        if not isinstance(item_id, str):
            return
        self.items[item_id] = {**fields, "section": section}
        if section == "propositions" and isinstance(fields.get("text"), str):
            about = fields.get("about") or []
            self.propositions.add(item_id, fields["text"], {str(a) for a in (about if isinstance(about, list) else [about])})
            self._stances(fields)
        if section == "sources" and isinstance(fields.get("sha256"), str):
            self.sha256.setdefault(fields["sha256"], item_id)
        label = fields.get("label")
        if section in ("entities", "sources") and isinstance(label, str) and label.strip():
            aliases = fields.get("aliases") or []
            if isinstance(aliases, str):
                aliases = [aliases]
            names = tuple(str(a) for a in aliases if isinstance(a, (str, int)) and str(a).strip())
            self.known.append(Known(item_id, str(fields.get("type") or ""), label.strip(), names, section, by_name(fields)))
            if section == "entities":
                self.propositions.name(item_id, label.strip(), *names)

    def _stances(self, fields: dict) -> None:
        """The parties' stances on a proposition (an entry with ``id``, or one adding to ``proposition``)."""
        target = fields.get("id") if isinstance(fields.get("text"), str) else fields.get("proposition")
        assertions = fields.get("assertions")
        if not isinstance(target, str) or not isinstance(assertions, list):
            return
        for assertion in assertions:
            if isinstance(assertion, dict) and isinstance(assertion.get("party"), str) and isinstance(assertion.get("stance"), str):
                self.propositions.stance(target, assertion["party"], assertion["stance"])


#: Classes whose drafted items the rules label by describing them ("Outage", "Report"), not by a name.
_DESCRIBED = {CLS.Incident, CLS.IncidentTrend, CLS.InternalDocument}


def by_name(fields: dict) -> bool:
    """Whether an item's names are looked for in a later article's text. A drafted incident or document
    labelled by its head noun alone ("Outage", "Meltdown", "Report") is not: every article has "the
    outage", and whether it is this one is for its date, systems and effects to say
    (:func:`kg.ingest.incidents.merge_incidents`), not its word.

    >>> by_name({"type": "Incident", "label": "Outage", "status": "pending"}), by_name({"type": "Incident", "label": "Payroll outage", "status": "pending"})
    (False, True)
    >>> by_name({"type": "Incident", "label": "Outage"}), by_name({"type": "Organization", "label": "Initech", "status": "pending"})
    (True, True)
    """
    label = str(fields.get("label") or "")
    return not (fields.get("type") in _DESCRIBED and fields.get("status") == "pending" and len(label.split()) == 1)


def read_case_folder(path: str | Path) -> CaseIndex:
    """What ingest needs of a case folder, read by :func:`kg.case.read_case` in its lenient mode.

    A missing folder or ``case.yaml`` is an empty case; bad YAML is a
    :class:`LoadError` naming the file and line, as in ``kg build``.
    """
    return case_index(read_case(path, lenient=True))


def case_index(case: Case) -> CaseIndex:
    """The :class:`CaseIndex` of a case already read."""
    index = CaseIndex(path=case.path, slug=case.slug or None, files=list(case.files))
    for item in case.items:
        index.add(item.section, dict(item.fields))
    return index


@dataclass(frozen=True)
class Mention:
    """A stretch of text naming an item: ``text[start:end]``, without any possessive."""

    start: int
    end: int
    text: str
    id: str
    type: str
    how: str = "exact"  # exact | surname


def _case_sensitive(name: str) -> bool:
    return len(name) <= 3 or (name.isupper() and any(c.isalpha() for c in name))


def _name_pattern(name: str) -> str:
    words = [re.sub("['’]", "['’]", re.escape(w)) for w in name.split()]
    return r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])"


class Gazetteer:
    """Finds known names in text, longest first, never overlapping.

    >>> g = Gazetteer([Known("treadwell", "Person", "Dave Treadwell"), Known("aws", "OrganizationalUnit", "Amazon Web Services", ("AWS",))])
    >>> [(m.text, m.id, m.how) for m in g.find("Treadwell spoke. Dave Treadwell's team said AWS and aws. Treadwell agreed.")]
    [('Dave Treadwell', 'treadwell', 'exact'), ('AWS', 'aws', 'exact'), ('Treadwell', 'treadwell', 'surname')]
    """

    def __init__(self, known: list[Known]):
        self.known = list(known)
        self._by_name: dict[str, list[Known]] = {}
        for item in self.known:
            for name in item.names if item.by_name else ():
                self._by_name.setdefault(name, []).append(item)
        self._surnames: dict[str, list[Known]] = {}
        for item in self.known:
            if item.type == "Person":
                words = item.label.split()
                if len(words) >= 2 and words[-1][:1].isupper():
                    self._surnames.setdefault(words[-1], []).append(item)
        names = sorted(self._by_name, key=len, reverse=True)
        self._sensitive = self._compile([n for n in names if _case_sensitive(n)], 0)
        self._insensitive = self._compile([n for n in names if not _case_sensitive(n)], re.IGNORECASE)
        self._surname_re = self._compile(sorted(self._surnames, key=len, reverse=True), 0)

    @staticmethod
    def _compile(names: list[str], flags: int) -> re.Pattern | None:
        if not names:
            return None
        return re.compile("|".join(f"(?:{_name_pattern(n)})" for n in names) + _POSSESSIVE, flags)

    def _resolve(self, surface: str) -> Known | None:
        for name, items in self._by_name.items():
            if (name == surface.replace("’", "'") or name == surface) if _case_sensitive(name) else (normalize(name) == normalize(surface)):
                return items[0]
        return None

    def find(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        for pattern in (self._insensitive, self._sensitive):
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                surface = re.sub(r"['’]s?$", "", m.group(0))
                item = self._resolve(surface)
                if item is None or any(m.start() < f.end and f.start < m.start() + len(surface) for f in found):
                    continue
                found.append(Mention(m.start(), m.start() + len(surface), surface, item.id, item.type))
        found.sort(key=lambda f: f.start)
        if self._surname_re is not None:
            found = self._add_surnames(text, found)
        return found

    def _add_surnames(self, text: str, found: list[Mention]) -> list[Mention]:
        extra: list[Mention] = []
        for m in self._surname_re.finditer(text):
            surface = re.sub(r"['’]s?$", "", m.group(0))
            if any(m.start() < f.end and f.start < m.start() + len(surface) for f in found):
                continue
            # Only after the full name, and only when one person of the case has this surname.
            seen = {f.id for f in found if f.start < m.start() and f.how == "exact"}
            candidates = [k for k in self._surnames.get(surface, []) if k.id in seen]
            if len(candidates) == 1:
                extra.append(Mention(m.start(), m.start() + len(surface), surface, candidates[0].id, "Person", "surname"))
        return sorted(found + extra, key=lambda f: f.start)
