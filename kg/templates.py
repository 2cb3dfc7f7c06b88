"""Filling the pages' HTML templates: Jinja2, every value escaped unless the template marks it ``safe``.

The graph page, the report page and the endpoint's home page are each one template
beside their assets. A value is escaped for HTML where it goes in (``{{ title }}``);
only what kg made and checked itself (inlined scripts and styles, JSON made safe for a
``<script>``, the report's checked body) is marked ``| safe`` in the template. A name
the template uses and the caller did not give is an error, not an empty string.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "t.html").write_text("<h1>{{ title }}</h1>\\n")
>>> fill(folder, "t.html", title="<b>Acme</b> & co")
'<h1>&lt;b&gt;Acme&lt;/b&gt; &amp; co</h1>\\n'
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

__all__ = ["fill"]


@lru_cache(maxsize=None)
def _environment(folder: Path):
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)), autoescape=True, undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
    )


def fill(folder: Path, name: str, **values) -> str:
    """The template ``folder / name`` filled with ``values``."""
    return _environment(Path(folder)).get_template(name).render(**values)
