"""Pending items of a case, in review order, and the decisions applied to them.

An item is addressed by its ``id``; an assertion, which usually has none, by
``PROPOSITION-ID/N`` (its place in the proposition's list, from 1), and a
judgement by ``judgement:LEFT~RIGHT``. Decisions:

* **accept** sets ``status: reviewed`` (``review:`` on questions, whose
  ``status`` is open/resolved);
* **reject** sets ``status: rejected``: the item stays in the file, so a
  later ingest does not propose it again;
* **edit** replaces the item with edited YAML, once the case still loads;
* **merge** folds a draft into an existing item: a restated proposition's
  assertions move to the existing proposition (and the draft is kept,
  rejected, with a note); a duplicate entity becomes a ``same`` judgement; a
  duplicate assertion or question is rejected with a note naming the one it
  repeats;
* **undo** puts the files back as they were before the last decision.

Every decision writes the files it touched at once, each atomically.

>>> from tests.helpers import FIXTURES
>>> import shutil, tempfile, pathlib
>>> case = pathlib.Path(tempfile.mkdtemp()) / "case"
>>> _ = shutil.copytree(FIXTURES / "cases" / "drafted", case)
>>> session = ReviewSession.open(case)
>>> [item.id for item in session.pending()][:3]
['network-outage', 'kestrel-networks', 'ravi-patel']
>>> session.accept("kestrel-networks").status
'reviewed'
>>> session.undo().id, session.item("kestrel-networks").status
('kestrel-networks', 'pending')
"""

from __future__ import annotations

import difflib
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.case_yaml import dump, load_text
from kg.review.casefiles import CaseFiles, ReviewError
from kg.vocab import CLS

__all__ = ["ReviewItem", "ReviewSession", "ORDER"]

#: review order: what other items lean on comes first
ORDER = ("incident", "entity", "source", "proposition", "assertion", "judgement", "question")
_INCIDENT_TYPES = {CLS.Incident, CLS.IncidentTrend}
_RESTATES = re.compile(r"(?:may restate proposition|may repeat question|[Rr]estates proposition)s? ([^;]*)")


@dataclass
class ReviewItem:
    """One item of a case file, as the review sees it."""

    id: str
    kind: str  # one of ORDER
    path: Path
    line: int
    node: Any  # the ruamel mapping in the case file
    proposition: Any = None  # for an assertion: its proposition's mapping
    related: list[str] = field(default_factory=list)  # ids it may restate or duplicate

    @property
    def status_key(self) -> str:
        return "review" if self.kind == "question" else "status"

    @property
    def status(self) -> str:
        return str(self.node.get(self.status_key, "reviewed"))

    @property
    def source(self) -> str | None:
        """The source the item was read in: an assertion's ``source``, else ``extractedFrom``."""
        value = self.node.get("source") if self.kind == "assertion" else self.node.get("extractedFrom")
        if self.kind == "source":
            value = value or self.id
        return str(value) if value else None

    @property
    def summary(self) -> str:
        node = self.node
        if self.kind == "assertion":
            quote = node.get("quote")
            exact = quote.get("exact") if hasattr(quote, "get") else quote
            return f"{node.get('party')} {node.get('stance')} “{exact}” on {self.proposition.get('id') or self.proposition.get('proposition')}"
        if self.kind == "judgement":
            return f"{' ~ '.join(map(str, node.get('pair') or []))}: {node.get('judgement')}"
        return str(node.get("label") or node.get("text") or node.get("asks") or self.id)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "file": self.path.name,
            "line": self.line,
            "status": self.status,
            "summary": self.summary,
            "source": self.source,
            "confidence": _number(self.node.get("confidence")),
            "related": list(self.related),
        }


def _number(value):
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _line(node) -> int:
    line = getattr(getattr(node, "lc", None), "line", None)  # None on a node this session added
    return line + 1 if line is not None else 0


def _related(node, kind: str) -> list[str]:
    found = []
    for key in ("proposition", "restates"):  # a draft that names the proposition it restates
        if kind == "proposition" and isinstance(node.get(key), str):
            found.append(node[key])
    for match in _RESTATES.finditer(str(node.get("note") or "")):  # "may restate proposition 'x' (0.72), 'y'"
        found += re.findall(r"'([a-z0-9][a-z0-9-]*)'", match.group(1))
    return list(dict.fromkeys(found))


@dataclass
class ReviewSession:
    files: CaseFiles
    history: list[tuple[str, dict[Path, str]]] = field(default_factory=list)
    decided: dict[str, str] = field(default_factory=dict)  # id → last decision, for the summary

    @classmethod
    def open(cls, case_dir: str | Path) -> "ReviewSession":
        return cls(CaseFiles.open(case_dir))

    @property
    def root(self) -> Path:
        return self.files.root

    # ------------------------------------------------------------ items

    def items(self) -> list[ReviewItem]:
        """Every item of the case, in review order."""
        found: list[ReviewItem] = []
        for path, doc in self.files.docs.items():
            if not hasattr(doc, "get"):
                continue
            for section in ("sources", "entities", "propositions", "judgements", "questions"):
                for node in doc.get(section) or []:
                    if not hasattr(node, "get"):
                        continue
                    found += self._items_of(section, node, path)
        found.sort(key=lambda i: ORDER.index(i.kind))  # stable: file order within a kind
        return found

    def _items_of(self, section: str, node, path: Path) -> list[ReviewItem]:
        if section == "judgements":
            pair = sorted(map(str, node.get("pair") or []))
            return [
                ReviewItem(f"judgement:{'~'.join(pair)}", "judgement", path, _line(node), node, related=pair)
            ]
        if section == "propositions" and "id" not in node and isinstance(node.get("proposition"), str):
            # `kg ingest`'s restatement: more assertions on a proposition defined elsewhere; only they are reviewed.
            target = node["proposition"]
            return [
                ReviewItem(
                    str(a.get("id") or f"{target}/{path.stem}/{n}"),
                    "assertion",
                    path,
                    _line(a),
                    a,
                    proposition=node,
                    related=[target],
                )
                for n, a in enumerate(node.get("assertions") or [], 1)
                if hasattr(a, "get")
            ]
        kind = {"sources": "source", "propositions": "proposition", "questions": "question"}.get(
            section, "entity"
        )
        if kind == "entity" and node.get("type") in _INCIDENT_TYPES:
            kind = "incident"
        items = [ReviewItem(str(node.get("id")), kind, path, _line(node), node, related=_related(node, kind))]
        if section == "propositions":
            for n, assertion in enumerate(node.get("assertions") or [], 1):
                if hasattr(assertion, "get"):
                    assertion_id = str(assertion.get("id") or f"{node.get('id')}/{n}")
                    items.append(
                        ReviewItem(
                            assertion_id, "assertion", path, _line(assertion), assertion, proposition=node
                        )
                    )
        return items

    def pending(self) -> list[ReviewItem]:
        return [i for i in self.items() if i.status == "pending"]

    def item(self, item_id: str) -> ReviewItem:
        items = {i.id: i for i in self.items()}
        if item_id not in items:
            close = difflib.get_close_matches(item_id, items, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ReviewError(f"no item {item_id!r} in {self.root}{hint}")
        return items[item_id]

    def labelled(self, item_id: str) -> str:
        """``id`` with its label or text, for showing what an item may restate."""
        try:
            return f"{item_id}: {self.item(item_id).summary}"
        except ReviewError:
            return f"{item_id} (not in this case)"

    def candidates(self, item: ReviewItem) -> list[str]:
        """Ids ``item`` may restate or duplicate: named by the draft, or (entities) a near match of the same type."""
        found = [r for r in item.related if r != item.id]
        if item.kind in ("entity", "incident", "source"):
            from rapidfuzz import fuzz

            from kg.ontology import Judgement

            label = str(item.node.get("label") or "")
            for other in self.items():
                pair = [str(p) for p in other.node.get("pair") or []] if other.kind == "judgement" else []
                if item.id in pair and Judgement.of(other.node.get("judgement")) in (Judgement.NO_JUDGEMENT, Judgement.UNSURE):
                    found += [p for p in pair if p != item.id]  # a near match `kg ingest` left unjudged
                if (
                    other.kind == item.kind
                    and other.id != item.id
                    and other.status == "reviewed"
                    and other.node.get("type") == item.node.get("type")
                ):
                    if fuzz.token_set_ratio(label.lower(), str(other.node.get("label") or "").lower()) >= 85:
                        found.append(other.id)
        if item.kind == "assertion":
            for other in self.items():
                if (
                    other.kind == "assertion"
                    and other.id != item.id
                    and other.proposition is item.proposition
                    and other.status != "rejected"
                    and (other.node.get("party"), other.node.get("stance"))
                    == (item.node.get("party"), item.node.get("stance"))
                ):
                    found.append(other.id)
        return list(dict.fromkeys(found))

    # ------------------------------------------------------------ decisions

    def _decide(self, item_id: str, decision: str, change) -> ReviewItem:
        with self.files.decision():  # locked, and what other commands decided meanwhile is read first
            item = self.item(item_id)
            touched = list(dict.fromkeys(change(item) or [item.path]))
            before = {path: self.files.texts[path] for path in touched}  # as on disk before this decision
            self.files.write(touched)
        self.history.append((item_id, before, {path: self.files.texts[path] for path in touched}))
        self.decided[item_id] = decision
        try:
            return self.item(item_id)
        except ReviewError:  # an edit may change the id
            return item

    def _set_status(self, item: ReviewItem, value: str) -> None:
        if item.status_key in item.node:
            item.node[item.status_key] = value
        else:
            item.node.insert(len(item.node), item.status_key, value)

    def accept(self, item_id: str) -> ReviewItem:
        """Set the item reviewed; a drafted ``confidence`` goes, the drafter's doubt settled by a person."""

        def change(item: ReviewItem):
            self._set_status(item, "reviewed")
            if item.status_key == "status" and "confidence" in item.node:
                del item.node["confidence"]

        return self._decide(item_id, "accept", change)

    def reject(self, item_id: str) -> ReviewItem:
        return self._decide(item_id, "reject", lambda item: self._set_status(item, "rejected"))

    def check(self) -> None:
        """Does the case, as the documents now hold it, still load? Raises the loader's error."""
        from kg.case import read_case
        from kg.loaders.case import case_triples

        with tempfile.TemporaryDirectory(prefix="kg-review-") as folder:
            case_triples(read_case(self.files.copy_to(Path(folder))))

    def edit(self, item_id: str, text: str) -> ReviewItem:
        """Replace the item with ``text`` (YAML of one mapping), if the case still loads with it."""
        new = load_text(text)
        if not hasattr(new, "get"):
            raise ReviewError("the edited item must be a YAML mapping")

        def change(item: ReviewItem):
            container, index = self._place(item)
            container[index] = new
            try:
                self.check()
            except Exception:
                container[index] = item.node
                raise

        return self._decide(item_id, "edit", change)

    def _place(self, item: ReviewItem) -> tuple[Any, int]:
        """The list holding ``item`` in its file, and its index there."""
        doc = self.files.docs[item.path]
        lists = (
            [item.proposition.get("assertions")]
            if item.proposition is not None
            else [doc.get(s) for s in ("sources", "entities", "propositions", "judgements", "questions")]
        )
        for container in lists:
            for index, node in enumerate(container or []):
                if node is item.node:
                    return container, index
        raise ReviewError(f"{item.id!r} is no longer where it was in {item.path}")  # pragma: no cover

    def item_text(self, item_id: str) -> str:
        return dump(self.item(item_id).node)

    def merge(self, item_id: str, target_id: str) -> ReviewItem:
        """Fold a draft into an existing item (see the module docstring)."""

        def change(item: ReviewItem):
            target = self.item(target_id)  # inside the decision: as on disk now
            if target.id == item.id:
                raise ReviewError("an item cannot be merged into itself")
            if item.kind != target.kind and {item.kind, target.kind} - {"entity", "incident"}:
                raise ReviewError(f"cannot merge {item.kind} {item.id!r} into {target.kind} {target.id!r}")
            note = f"merged into {target.id!r} by kg review"
            if item.kind == "proposition":
                moved = list(item.node.get("assertions") or [])
                target.node.setdefault("assertions", [])
                target.node["assertions"].extend(moved)
                item.node["assertions"] = []
                self._note(item, note)
                self._set_status(item, "rejected")
                # The file that gains the assertions is written first: a session killed in
                # between leaves them twice (the draft's copy pending), never lost.
                return [target.path, item.path]
            if item.kind in ("entity", "incident", "source"):
                return self._same_as(item, target)
            self._note(item, f"duplicate of {target.id!r}; " + note)
            self._set_status(item, "rejected")
            return [item.path]

        return self._decide(item_id, "merge", change)

    def move(self, item_id: str, proposition_id: str) -> ReviewItem:
        """Move an assertion to another proposition (it was read as the wrong claim), if the case still loads."""

        def change(item: ReviewItem):
            if item.kind != "assertion":
                raise ReviewError(f"only an assertion can be moved; {item.id!r} is a {item.kind}")
            target = self.item(proposition_id)
            if target.kind != "proposition":
                raise ReviewError(f"cannot move an assertion to {target.kind} {target.id!r}: name a proposition")
            container, index = self._place(item)
            node = container.pop(index)
            target.node.setdefault("assertions", [])
            target.node["assertions"].append(node)
            try:
                self.check()
            except Exception:
                target.node["assertions"].pop()
                container.insert(index, node)
                raise
            return [target.path, item.path]  # the gaining file first: a kill in between leaves it twice, never lost

        return self._decide(item_id, "move", change)

    def opposing_template(self, proposition_id: str) -> str:
        """The YAML an editor starts from to add an opposing assertion to ``proposition_id``."""
        item = self.item(proposition_id)
        source = item.node.get("extractedFrom") or ""
        return f"party: \nsource: {source}\nstance: denies\nquote: \n"

    def oppose(self, proposition_id: str, text: str) -> ReviewItem:
        """Add an opposing assertion (``text``: YAML of one assertion) to a proposition, reviewed, if the case loads."""
        from kg.ontology import stances

        new = load_text(text)
        if not hasattr(new, "get"):
            raise ReviewError("the assertion must be a YAML mapping")
        opposing = sorted(s.notation for s in stances() if (s.polarity or 0) < 0)
        if str(new.get("stance")) not in opposing:
            raise ReviewError(f"an opposing assertion's stance is one of {', '.join(opposing)}; not {str(new.get('stance'))!r}")

        def change(item: ReviewItem):
            if item.kind != "proposition":
                raise ReviewError(f"an opposing assertion goes on a proposition; {item.id!r} is a {item.kind}")
            new["status"] = "reviewed"  # a person wrote it
            item.node.setdefault("assertions", [])
            item.node["assertions"].append(new)
            try:
                self.check()
            except Exception:
                item.node["assertions"].pop()
                raise
            return [item.path]

        proposition = self._decide(proposition_id, "oppose", change)
        return next((i for i in self.items() if i.node is new), proposition)  # the assertion added

    def _note(self, item: ReviewItem, text: str) -> None:
        note = item.node.get("note")
        item.node["note"] = f"{note}; {text}" if note else text

    def _same_as(self, item: ReviewItem, target: ReviewItem) -> set[Path]:
        """A duplicate entity: accepted, and judged the same as ``target`` (a pending judgement of the pair is settled)."""
        from kg.ontology import Judgement

        pair = sorted([item.id, target.id])
        self._set_status(item, "reviewed")
        for other in self.items():
            if other.kind == "judgement" and sorted(map(str, other.node.get("pair") or [])) == pair:
                other.node["judgement"] = Judgement.SAME.value
                self._set_status(other, "reviewed")
                self._note(other, "judged the same by kg review")
                return [other.path, item.path]
        doc = self.files.docs[item.path]
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        judgement = CommentedMap(
            [
                ("pair", CommentedSeq(pair)),
                ("judgement", Judgement.SAME.value),
                ("note", f"{item.id!r} merged into {target.id!r} by kg review"),
            ]
        )
        judgement["pair"].fa.set_flow_style()
        if doc.get("judgements") is None:
            doc["judgements"] = CommentedSeq()
        doc["judgements"].append(judgement)
        return [item.path]

    def undo(self) -> ReviewItem | None:
        """Put back the files the last decision wrote; the item it was about, or None if there was none."""
        if not self.history:
            return None
        item_id, texts, written = self.history[-1]
        with self.files.decision():
            for path, text in sorted(written.items()):
                if path.read_text(encoding="utf-8") != text:
                    raise ReviewError(f"{path.name} changed since this session's last decision (another kg review?); "
                                      f"not undone: decide {item_id!r} again instead")
            self.files.restore(texts)
        self.history.pop()
        self.decided.pop(item_id, None)
        return self.item(item_id)

    def accept_from(self, source_id: str) -> list[ReviewItem]:
        """Accept every pending draft read in the source ``source_id`` (and the source itself)."""
        self.item(source_id)
        chosen = [
            i
            for i in self.pending()
            if i.source == source_id
            and (i.proposition is None or str(i.proposition.get("status", "reviewed")) != "rejected")
        ]
        return [self.accept(i.id) for i in chosen]
