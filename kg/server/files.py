"""The files the endpoint serves: its page's own script and styles, and the exports folder, read-only.

:func:`export_file` says which file a path under ``/exports/`` names, and of
what media type, or None: a name with a hidden, empty, ``.`` or ``..`` part,
a backslash or a NUL, or one that resolves (symlinks included) outside the
folder, names nothing.
"""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path
from urllib.parse import unquote

from kg.export.registry import media_types

__all__ = ["STATIC_DIR", "STATIC", "EXPORT_PAGE_POLICY", "export_file"]

STATIC_DIR = Path(__file__).resolve().parent / "static"
#: The page's own files under /static/, with their media types.
STATIC = {name: f"text/{kind}; charset=utf-8" for name, kind in (("home.js", "javascript"), ("home-yasgui.js", "javascript"), ("home.css", "css"))}
# What the exporters write (their media types are the format registry's), and what else an exports folder holds.
_EXTRA_TYPES = {
    **media_types(),
    ".nt": "application/n-triples",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}
#: graph.html inlines its own script and style; it still may not reach the network.
EXPORT_PAGE_POLICY = "default-src 'self' 'unsafe-inline' data: blob:; connect-src 'self'; base-uri 'none'"


def export_file(root: str | os.PathLike | None, relative: str) -> tuple[str, str] | None:
    """(the real path, its media type) of the file ``relative`` (as the URL gives it) names in ``root``, or None.

    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp()); (root / "kg.ttl").write_text("")
    0
    >>> export_file(root, "kg.ttl")[1], export_file(root, "..%2Fetc%2Fpasswd"), export_file(root, ".hidden")
    ('text/turtle; charset=utf-8', None, None)
    """
    name = unquote(relative)
    parts = name.split("/")
    if root is None or not name or any(part in ("", ".", "..") or part.startswith(".") or "\\" in part or "\0" in part for part in parts):
        return None
    real_root = os.path.realpath(root)
    target = os.path.realpath(os.path.join(real_root, *parts))
    if os.path.commonpath([real_root, target]) != real_root or not os.path.isfile(target):
        return None
    suffix = Path(target).suffix.lower()
    return target, _EXTRA_TYPES.get(suffix) or mimetypes.guess_type(target)[0] or "application/octet-stream"
