"""Each kind of identity comparison, as one implementation of its level: for many pairs, or one with its facts.

A kind gives the levels of many pairs at once (:func:`levels_function`: what
weighing and the estimate of u use), and for one pair the same level with the
facts behind it (the names it compared, the dates and the gap, the shared
values, the score) gathered only when asked (:func:`compare`; :func:`level`
does not). The kinds live by subject: :mod:`kg.analysis.level_names`,
:mod:`~kg.analysis.level_dates`, :mod:`~kg.analysis.level_values`,
:mod:`~kg.analysis.level_words`, :mod:`~kg.analysis.level_text`,
:mod:`~kg.analysis.level_parts`, :mod:`~kg.analysis.level_quantities` and :mod:`kg.analysis.meaning`. The facts are data: the
sentences a reader sees are written from them in the presentation wing
(:mod:`kg.export.identity_words`). Which classes a comparison covers and
its levels' weights are data (:mod:`kg.analysis.comparisons`).

A tiny graph for the examples: two spokespeople of one company, one unnamed.

>>> g = from_turtle('''
... :acme a kg:Organization ; rdfs:label "Acme Corp." .
... :acme2 a kg:Organization ; rdfs:label "ACME" .
... :sp a kg:Person ; rdfs:label "Acme spokesperson (unnamed)" ; schema:jobTitle "Spokesperson" ; org:memberOf :acme .
... :jo a kg:Person ; rdfs:label "Jo Park" ; skos:altLabel "Park" ; schema:jobTitle "Spokesperson" ; org:memberOf :acme .
... :lw a kg:Person ; rdfs:label "Lee Park" ; schema:jobTitle "General counsel" ; org:memberOf :acme2 .
... ''')
>>> p = profiles(g)
>>> ctx = Context(g, p)
>>> sp, jo, lw = (p[EXAMPLE + n] for n in ("sp", "jo", "lw"))
>>> [(c.name, compare(c, sp, jo, ctx).level) for c in model().for_class(sp.kinds) if c.kind in ("name", "same-value")]
[('name', 'placeholder'), ('job title', 'same'), ('member of', 'same'), ('speaks for', 'missing')]
>>> [(c.name, compare(c, jo, lw, ctx).level) for c in model().for_class(sp.kinds) if c.kind in ("name", "same-value")]
[('name', 'different'), ('job title', 'elsewhere'), ('member of', 'different'), ('speaks for', 'missing')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from kg.analysis.comparisons import Comparison, Context, Outcome, model, profiles
from kg.analysis.level_dates import dates, dates_levels
from kg.analysis.level_names import name_level, name_levels
from kg.analysis.level_quantities import quantities
from kg.analysis.level_parts import co_values, co_values_levels, parts, parts_levels
from kg.analysis.level_text import (both_sourced, both_take_stances, both_told, named_together, raised, said_together,
                                    sources, spoken_of_together, stances, told_beside)
from kg.analysis.level_values import one_outlet, one_unnamed, outlet, role, values, values_levels
from kg.analysis.level_words import context, context_levels, description, description_levels
from kg.analysis.meaning import meaning_level, meaning_levels
from kg.analysis.nxgraph import EXAMPLE, from_turtle  # noqa: F401 (the examples)
from kg.analysis.profiles import Profile

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["compare", "level", "level_function", "levels_function", "levels_of", "compare_items"]


def _one_by_one(kind: Callable) -> Callable:
    """The levels of many pairs of a kind that reads each pair alone."""

    def levels(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list[str]:
        return [kind(c, a, b, ctx, False)[0] for a, b in zip(left, right)]

    return levels


def _unless(read: Callable[[Profile, Profile], bool], otherwise: str, kind: Callable) -> Callable:
    """The levels of many pairs of a kind whose guard ``read`` says which pairs it reads: ``otherwise`` for the
    rest (most pairs share no proposition, question, stance or role), the kind's function for those."""

    def levels(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list[str]:
        return [kind(c, a, b, ctx, False)[0] if read(a, b) else otherwise for a, b in zip(left, right)]

    return levels


#: Each kind: its function for one pair (the level, and the facts when asked), and its levels of many pairs.
_KINDS: dict[str, tuple[Callable, Callable]] = {
    "name": (name_level, name_levels),
    "dates": (dates, dates_levels),
    "same-value": (values, values_levels),
    "shared-context": (context, context_levels),
    "description": (description, description_levels),
    "co-values": (co_values, co_values_levels),
    "named-together": (named_together, _unless(said_together, "none", named_together)),
    "raised-together": (raised, _unless(spoken_of_together, "none", raised)),
    "opposite-stances": (stances, _unless(both_take_stances, "none", stances)),
    "mentioned-in": (sources, _unless(both_sourced, "missing", sources)),
    "told-beside": (told_beside, _unless(both_told, "none", told_beside)),
    "outlet": (outlet, _unless(one_outlet, "none", outlet)),
    "role": (role, _unless(one_unnamed, "none", role)),
    "meaning": (meaning_level, meaning_levels),
    "part-whole": (parts, parts_levels),
    "quantities": (quantities, _one_by_one(quantities)),
}


#: The kinds whose level for one pair is their levels function's for a list of one: their function takes the
#: level when it is known (:func:`compare`), for the facts alone.
_GIVEN = frozenset({"dates", "shared-context", "description", "co-values", "meaning", "part-whole"})


def level(c: Comparison, a: Profile, b: Profile, ctx: Context) -> str:
    """The level ``c`` puts the pair (a, b) at, without gathering the facts: what every weighed pair needs."""
    return _KINDS[c.kind][0](c, a, b, ctx, False)[0]


def level_function(c: Comparison):
    """The function of ``c``'s kind for one pair: ``f(c, a, b, ctx, facts)``."""
    return _KINDS[c.kind][0]


def levels_function(c: Comparison):
    """The function of ``c``'s kind for many pairs: ``f(c, left, right, ctx)``, the level of each (left[i], right[i])."""
    return _KINDS[c.kind][1]


def levels_of(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list[str]:
    """The level ``c`` puts each pair (left[i], right[i]) at, by its kind's levels function: the one road from
    weighing, the estimate of u and the waterfall to the levels."""
    return levels_function(c)(c, left, right, ctx) if left else []


def compare(c: Comparison, a: Profile, b: Profile, ctx: Context, level: str | None = None) -> Outcome:
    """The level of ``c`` for the pair (a, b), with the facts behind it; ``level``, if given, is the level the
    kind's levels function gave the pair (with others at once), and only the facts are gathered."""
    if level is not None and c.kind in _GIVEN:
        return _KINDS[c.kind][0](c, a, b, ctx, True, level)
    return _KINDS[c.kind][0](c, a, b, ctx, True)


def compare_items(g: "nx.MultiDiGraph", a: str, b: str, comparison: str) -> Outcome:
    """The level the named comparison puts two items at; ``a`` and ``b`` are IRIs or ids of the examples' case."""
    from kg.analysis.nxgraph import EXAMPLE

    iris = [x if x in g else EXAMPLE + x for x in (a, b)]
    found = profiles(g)
    return compare(model().comparison(comparison), found[iris[0]], found[iris[1]], Context(g, found))

