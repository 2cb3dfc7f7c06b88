"""Finding a quote in its document, and saying well why it is not there.

A quote is an ``oa:TextQuoteSelector``: its exact text must be the
document's characters. Nothing is normalised when matching; when a quote
differs from the document only in curly quotes or whitespace, the error says
so and shows the document's text to copy (:func:`loose_find`), and otherwise
it shows the nearest passage (:func:`nearest_passage`, rapidfuzz).
"""

from __future__ import annotations

from kg.case import brief

__all__ = ["locate", "quote_not_found", "loose_text", "loose_find", "nearest_passage"]


def locate(text: str, exact: str, prefix: str = "", suffix: str = "") -> int | None:
    """Offset of ``exact`` in ``text`` where ``prefix`` precedes and ``suffix`` follows it.

    >>> locate("one two one three", "one", suffix=" three")
    8
    """
    start = text.find(exact)
    while start != -1:
        if text[:start].endswith(prefix) and text[start + len(exact) :].startswith(suffix):
            return start
        start = text.find(exact, start + 1)
    return None


def quote_not_found(document: str, path, source_id: str, exact: str, prefix: str, suffix: str) -> str:
    """Where the quote was looked for, the nearest passage, and whether only quotes or spaces differ."""
    context = f" with prefix {brief(prefix)} and suffix {brief(suffix)}" if prefix or suffix else ""
    where = (
        f"{path} (the document of source {brief(source_id)})"
        if path
        else f"the document of source {brief(source_id)}"
    )
    message = f"quote {brief(exact)}{context} not found in {where}"
    if exact in document:
        return message + f"; {brief(exact)} itself is there, so the prefix or suffix differs"
    loose = loose_find(document, exact)
    if loose is not None:
        return (
            message
            + f"; the document has {brief(document[loose[0] : loose[1]])}, which differs only in curly quotes "
            "or whitespace: quotes are matched exactly, so copy the document's characters"
        )
    passage = nearest_passage(document, exact)
    return message + f"; the nearest passage is {brief(passage)}" if passage else message


_LOOSE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00a0": " ",
    }
)


def loose_text(text: str) -> str:
    """Text with curly quotes made straight and runs of whitespace made one space.

    >>> loose_text("\u201cno  data\u201d\\nlost")
    '"no data" lost'
    """
    return " ".join(text.translate(_LOOSE).split())


def loose_find(document: str, exact: str) -> tuple[int, int] | None:
    """Start and end in ``document`` of ``exact``, compared as :func:`loose_text`; None if absent.

    >>> loose_find('He said "no data\\nwas lost".', "\u201cno data was lost\u201d")
    (8, 26)
    """
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(document.translate(_LOOSE)):
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        offsets.append(index)
    needle = loose_text(exact)
    found = "".join(chars).find(needle) if needle else -1
    if found == -1:
        return None
    return offsets[found], offsets[found + len(needle) - 1] + 1


def nearest_passage(document: str, exact: str) -> str | None:
    """The passage of ``document`` most like ``exact`` (rapidfuzz), or None when nothing is close.

    >>> nearest_passage("Globex said that reviewers had been skipped.", "reviewers were skipped")
    'reviewers had been skipped'
    """
    from rapidfuzz import fuzz

    found = fuzz.partial_ratio_alignment(exact, document, score_cutoff=60)
    if found is None:
        return None
    start, end = found.dest_start, found.dest_end
    # Widen to whole words, so the suggestion can be copied.
    while start > 0 and document[start - 1].isalnum():
        start -= 1
    while end < len(document) and document[end].isalnum():
        end += 1
    return document[start:end].strip() or None
