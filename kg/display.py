"""Rich display in notebooks, without the analyses importing the exporters.

The analyses' results (the unresolved report and its items) inherit
:class:`ShownInNotebooks`: Jupyter calls their ``_repr_markdown_`` and
``_repr_html_``, which ask the renderer registered here for that kind of
output. The words belong to the presentation wing (:mod:`kg.export.notebook`);
the package ``kg`` registers them when it is first imported, which any import
of a kg module does, and imports the writers only when a result is first shown.
With no renderer registered, a repr method returns ``None`` and Jupyter falls
back to the plain ``repr``.

>>> class Item(ShownInNotebooks):
...     pass
>>> register("demo", lambda thing: f"**{type(thing).__name__}**")
>>> render(Item(), "demo")
'**Item**'
>>> render(Item(), "a kind nobody registered") is None
True
>>> del _RENDERERS["demo"]
"""

from __future__ import annotations

from typing import Callable

__all__ = ["ShownInNotebooks", "register", "render"]

#: kind of output ("markdown", "html") → the function that writes a thing in it
_RENDERERS: dict[str, Callable[[object], str]] = {}


def register(kind: str, renderer: Callable[[object], str]) -> None:
    """Make ``renderer`` write every :class:`ShownInNotebooks` thing as ``kind`` ("markdown" or "html")."""
    _RENDERERS[kind] = renderer


def render(thing: object, kind: str) -> str | None:
    """``thing`` written as ``kind`` by the registered renderer, or None when there is none."""
    renderer = _RENDERERS.get(kind)
    return renderer(thing) if renderer is not None else None


class ShownInNotebooks:
    """Jupyter's rich display for a report item or the report: short Markdown and HTML."""

    __slots__ = ()

    def _repr_markdown_(self) -> str | None:
        return render(self, "markdown")

    def _repr_html_(self) -> str | None:
        return render(self, "html")
