"""Text made safe for a terminal: control characters are shown, never obeyed.

Labels, quotes and questions come from documents and case files. Printed as
they are, ``ESC ] 0 ; T BEL`` would set the terminal's title and ``ESC [ 2 J``
clear its screen. :func:`safe` writes every C0 and C1 control character, DEL,
and the Unicode controls that reorder text on screen as a visible escape
(``\\x1b``, ``\\u202e``). Newlines and tabs stay when they are the layout of
the output; inside one item of data (a label in a list, a log line) they are
shown as escapes too, so that data cannot start a line of its own.

>>> print(safe("Globex\\x1b]0;T\\x07\\x1b[2J"))
Globex\\x1b]0;T\\x07\\x1b[2J
>>> print(safe("two\\nlines\\tand a tab"))
two
lines	and a tab
>>> print(safe("one item\\nnot two", layout=False))
one item\\nnot two
"""

from __future__ import annotations

__all__ = ["safe"]

# Bidirectional embeddings, overrides and isolates, and the invisible marks: they reorder what a reader sees.
_REORDERING = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_LAYOUT = "\n\t"


_NAMED = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}


def _escape(code: int) -> str:
    if code in _NAMED:
        return _NAMED[code]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_CONTROLS = [*range(0x00, 0x20), *range(0x7F, 0xA0), *map(ord, _REORDERING)]
_DATA = {code: _escape(code) for code in _CONTROLS}
_WITH_LAYOUT = {code: escaped for code, escaped in _DATA.items() if chr(code) not in _LAYOUT}


def safe(text: str, *, layout: bool = True) -> str:
    """``text`` with control characters escaped; ``layout=False`` escapes newlines and tabs too."""
    return str(text).translate(_WITH_LAYOUT if layout else _DATA)
