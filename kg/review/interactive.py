"""The terminal walk over pending items, built on prompt_toolkit.

For each item it shows the drafted YAML, the passage of the document it was
read in with the quote highlighted (taken at its recorded span, or found by
its quote), and the items it may restate or duplicate; then it waits for one
key: **a**ccept, **r**eject, **e**dit (``$EDITOR``), **m**erge, **s**kip,
**u**ndo, **q**uit. Text from documents and case files is shown with its
control characters replaced, so a document cannot drive the terminal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from kg.errors import KGError
from kg.review.session import ReviewItem, ReviewSession

__all__ = ["walk", "passage", "KEYS"]

KEYS = {"a": "accept", "r": "reject", "e": "edit", "m": "merge", "v": "move", "o": "oppose", "s": "skip", "u": "undo",
        "q": "quit"}
_CONTEXT = 160  # characters shown on each side of the passage


def _clean(text: str) -> str:
    from kg.terminal import safe

    return safe(text)


class Documents:
    """Source id → document text, read the way ``kg build --documents`` reads them."""

    def __init__(self, case_dir: Path, folders):
        self.case_dir, self.folders, self.texts = case_dir, folders, {}

    def text(self, source_id: str | None) -> tuple[str | None, str]:
        """(text, what to say when there is none)."""
        if not source_id:
            return None, "no source recorded"
        if source_id not in self.texts:
            self.texts[source_id] = self._read(source_id)
        return self.texts[source_id]

    def _read(self, source_id: str) -> tuple[str | None, str]:
        from kg.case import Case, read_case
        from kg.loaders.documents import read_documents

        if not self.folders:
            return None, "give --documents DIR to see the passage"
        try:
            case = read_case(self.case_dir)
            source = [i for i in case.section("sources") if i.fields.get("id") == source_id]
            if not source or "document" not in source[0].fields:
                return None, f"source {source_id!r} names no document"
            found = read_documents(Case(case.slug, case.title, case.path, items=source), self.folders)
        except KGError as e:
            return None, str(e)
        return found[source_id].text, ""


def passage(item: ReviewItem, text: str) -> tuple[int, int] | None:
    """Where ``item`` sits in ``text``: its quote (with prefix and suffix) for an assertion, else its span."""
    from kg.loaders.case import locate

    node = item.node
    if item.kind == "assertion":
        quote = node.get("quote")
        exact, prefix, suffix = (
            (quote.get("exact"), quote.get("prefix") or "", quote.get("suffix") or "")
            if hasattr(quote, "get")
            else (quote, "", "")
        )
        if isinstance(exact, str) and exact:
            start = locate(text, exact, str(prefix), str(suffix))
            if start is not None:
                return start, start + len(exact)
    span = node.get("span")
    if (
        isinstance(span, list)
        and len(span) == 2
        and all(isinstance(n, int) for n in span)
        and 0 <= span[0] <= span[1] <= len(text)
    ):
        return span[0], span[1]
    return None


def _show(item: ReviewItem, session: ReviewSession, documents: Documents, left: int, say) -> None:
    from prompt_toolkit.formatted_text import FormattedText

    confidence = item.node.get("confidence")
    head = (
        f"{item.kind} {item.id} — {item.path.name}:{item.line}"
        + (f", confidence {confidence}" if confidence is not None else "")
        + f" ({left} to review)"
    )
    say(FormattedText([("bold", _clean(head))]))
    for line in session.item_text(item.id).rstrip("\n").splitlines():
        say(FormattedText([("", "    " + _clean(line))]))
    text, why = documents.text(item.source)
    where = passage(item, text) if text is not None else None
    if text is not None and where is not None:
        start, end = where
        before = text[max(0, start - _CONTEXT) : start]
        after = text[end : end + _CONTEXT]
        say(FormattedText([("", f"  In the document (characters {start}–{end}):")]))
        say(
            FormattedText(
                [
                    ("", "    …" + _clean(before)),
                    ("reverse bold", _clean(text[start:end])),
                    ("", _clean(after) + "…"),
                ]
            )
        )
    else:
        say(
            FormattedText(
                [("italic", f"  (no passage to show: {_clean(why or 'the quote is not in the document')})")]
            )
        )
    related = session.candidates(item)
    if related:
        say(FormattedText([("", "  May restate or duplicate:")]))
        for other in related:
            say(FormattedText([("", "    " + _clean(session.labelled(other)))]))


def walk(
    session: ReviewSession,
    documents: Documents,
    *,
    edit: Callable[[str], str | None],
    input=None,
    output=None,
) -> int:
    """Walk the pending items until none is left or the researcher quits; the number of decisions made."""
    from prompt_toolkit import PromptSession, print_formatted_text
    from prompt_toolkit.formatted_text import FormattedText
    from prompt_toolkit.key_binding import KeyBindings

    prompt = PromptSession(input=input, output=output)
    # A second session for typed lines: a PromptSession keeps the key bindings it was last given, so
    # the single-key bindings would read the letters of a typed id as decisions.
    line = PromptSession(input=input, output=output)

    def say(text) -> None:
        print_formatted_text(
            text if isinstance(text, FormattedText) else FormattedText([("", _clean(text))]), output=output
        )

    keys = KeyBindings()
    for letter in KEYS:
        keys.add(letter)(lambda event, letter=letter: event.app.exit(result=letter))
    keys.add("c-c")(lambda event: event.app.exit(result="q"))
    keys.add("c-d")(lambda event: event.app.exit(result="q"))
    keys.add("<any>")(lambda event: None)

    skipped: set[str] = set()
    decisions = 0
    while True:
        queue = [i for i in session.pending() if i.id not in skipped]
        if not queue:
            say(
                "Nothing left to review."
                if not skipped
                else f"Nothing left to review ({len(skipped)} skipped)."
            )
            return decisions
        item = queue[0]
        say("")
        _show(item, session, documents, len(queue), say)
        moves = {"assertion": " mo[v]e", "proposition": " [o]ppose"}.get(item.kind, "")
        key = prompt.prompt(f"[a]ccept [r]eject [e]dit [m]erge{moves} [s]kip [u]ndo [q]uit > ", key_bindings=keys)
        try:
            if key == "q":
                say("quit")
                return decisions
            if key == "a":
                session.accept(item.id)
                say(f"accepted {item.id}")
            elif key == "r":
                session.reject(item.id)
                say(f"rejected {item.id} (kept as status: rejected)")
            elif key == "s":
                skipped.add(item.id)
                say(f"skipped {item.id}")
                continue
            elif key == "u":
                undone = session.undo()
                if undone is None:
                    say("nothing to undo")
                    continue
                skipped.discard(undone.id)
                decisions -= 1
                say(f"undid the last decision on {undone.id}")
                continue
            elif key == "e":
                edited = edit(session.item_text(item.id))
                if edited is None or edited == session.item_text(item.id):
                    say("unchanged")
                    continue
                session.edit(item.id, edited)
                say(f"edited {item.id}; the case still loads")
            elif key == "m":
                candidates = session.candidates(item)
                target = line.prompt("merge into (an id): ", default=candidates[0] if candidates else "").strip()
                if not target:
                    say("not merged")
                    continue
                session.merge(item.id, target)
                say(f"merged {item.id} into {target}")
            elif key == "v" and item.kind == "assertion":
                target = line.prompt("move to (a proposition id): ", default=str(item.related[0]) if item.related else "").strip()
                if not target:
                    say("not moved")
                    continue
                session.move(item.id, target)
                say(f"moved {item.id} to {target}")
            elif key == "o" and item.kind == "proposition":
                written = edit(session.opposing_template(item.id))
                if not written or written == session.opposing_template(item.id):
                    say("no assertion added")
                    continue
                session.oppose(item.id, written)
                say(f"added an opposing assertion to {item.id}")
            elif key in ("v", "o"):
                say(f"{KEYS[key]} does not apply to a {item.kind}")
                continue
            decisions += 1
        except KGError as e:
            say(FormattedText([("bold", "not done: "), ("", _clean(str(e)))]))
