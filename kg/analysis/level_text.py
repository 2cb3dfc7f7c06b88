"""What the record says of two items together, as identity compares them.

Kinds of :mod:`kg.analysis.levels` read from the propositions, questions, stances and sources about
both: ``named-together`` (a proposition about both says they are the same), ``raised-together`` (a
question asks whether they are one), ``opposite-stances`` and ``mentioned-in`` (a source speaking
of both told them apart); and ``told-beside``, what each is named beside in propositions about one and not
the other (two tellings of one cause, each beside the incident it caused). Most pairs share none of
these: each kind's guard (``said_together``,
``spoken_of_together``, ``both_take_stances``, ``both_sourced``) says which pairs its function reads,
and the levels of the others without it.
"""

from __future__ import annotations

import re

from kg.analysis.comparisons import Comparison, Context, Outcome, model
from kg.analysis.comparisons import fact_pairs as _facts
from kg.analysis.evidence import P
from kg.analysis.nxgraph import CLS
from kg.analysis.profiles import Profile

__all__ = ["named_together", "raised", "stances", "sources", "told_beside", "said_together", "spoken_of_together",
           "both_take_stances", "both_sourced", "both_told"]


def said_together(a: Profile, b: Profile) -> bool:
    """Is a proposition about both? (Else ``named together`` is ``none``.)"""
    return not a.propositions.isdisjoint(b.propositions)


def spoken_of_together(a: Profile, b: Profile) -> bool:
    """Is a question or a proposition about both? (Else ``raised`` is ``none``.)"""
    return not (a.questions.isdisjoint(b.questions) and a.propositions.isdisjoint(b.propositions))


def both_take_stances(a: Profile, b: Profile) -> bool:
    """Do both take a stance on one proposition? (Else ``opposite stances`` is ``none``.)"""
    return not a.stances.keys().isdisjoint(b.stances.keys())


def both_sourced(a: Profile, b: Profile) -> bool:
    """Does a source speak of each? (Else ``sources`` is ``missing``.)"""
    return bool(a.sources) and bool(b.sources)


def both_told(a: Profile, b: Profile) -> bool:
    """Is each the subject of a proposition? (Else ``told beside`` is ``none``.)"""
    return bool(a.propositions) and bool(b.propositions)


def _patterns(c: Comparison, option: str) -> list[re.Pattern]:
    found = c.options.get(f"_{option}")
    if found is None:
        found = c.options[f"_{option}"] = [re.compile(p, re.IGNORECASE) for p in c.options.get(option, [])]
    return found



def named_together(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """A proposition about both counts for them only when it says they are the same.

    >>> from kg.analysis.levels import compare_items, from_turtle
    >>> g = from_turtle('''
    ... :a a kg:Incident .  :b a kg:Incident .  :c a kg:Incident .
    ... :p1 a kg:Proposition ; kg:text "A and B are the same event." ; kg:about :a, :b .
    ... :p2 a kg:Proposition ; kg:text "Reports spiked twice, at A and then at C." ; kg:about :a, :c .
    ... :p3 a kg:Proposition ; kg:text "B and C hit Acme." ; kg:about :b, :c .
    ... ''')
    >>> [compare_items(g, x, y, "named together").level for x, y in (("a", "b"), ("a", "c"), ("b", "c"))]
    ['said-same', 'named-as-two', 'named-both']
    """
    if not said_together(a, b):
        return Outcome("none")
    both = sorted(a.propositions & b.propositions)
    texts = [ctx.text(prop) for prop in both]
    same = _patterns(c, "same_phrases")
    for prop, text in zip(both, texts):
        if any(p.search(text) for p in same):
            polarities = {int(ctx.g.nodes[u].get("polarity", 0)) for u, _, k in ctx.g.in_edges(prop, keys=True)
                          if k == P.proposition and ctx.g.nodes[u].get("cls") == CLS.Assertion}
            if polarities and polarities <= {-1}:
                return Outcome("denied-same", _facts(text=text) if facts else ())
            return Outcome("said-same", _facts(text=text) if facts else ())
    twos = _patterns(c, "two_phrases")
    counted = [t for t in texts if any(p.search(t) for p in twos)]
    if counted:
        return Outcome("named-as-two", _facts(text=counted[0], more=len(counted) - 1) if facts else ())
    return Outcome("named-both", _facts(text=texts[0]) if facts else ())



def raised(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """Whether the record raises their identity: a question asks if they are one, or a text says they may be.

    Evidence that the pair is worth a look, not that they are the same: the
    report keeps such a pair listed whatever its probability.

    >>> from kg.analysis.levels import compare_items, from_turtle
    >>> g = from_turtle('''
    ... :a a kg:Incident ; rdfs:label "Checkout outage" .  :b a kg:Incident ; rdfs:label "Disruption" .
    ... :c a kg:Incident ; rdfs:label "Data loss" .
    ... :q a kg:OpenQuestion ; kg:asks "Is the checkout outage the same event as the disruption?" ; kg:about :a, :b .
    ... :p a kg:Proposition ; kg:text "The outage and the data loss were separate incidents." ; kg:about :a, :c .
    ... ''')
    >>> compare_items(g, "a", "b", "raised")
    Outcome(level='asked', facts=(('text', 'Is the checkout outage the same event as the disruption?'),), via=())
    >>> compare_items(g, "a", "c", "raised")
    Outcome(level='said', facts=(('text', 'The outage and the data loss were separate incidents.'),), via=())
    >>> compare_items(g, "b", "c", "raised").level
    'none'
    """
    if not spoken_of_together(a, b):
        return Outcome("none")  # most pairs: nothing speaks of both
    for about, option, level in ((a.questions & b.questions, "asks", "asked"), (a.propositions & b.propositions, "says", "said")):
        patterns = _patterns(c, option) if about else ()
        for node in sorted(about):
            text = ctx.text(node)
            if any(p.search(text) for p in patterns):
                return Outcome(level, _facts(text=text) if facts else ())
    return Outcome("none")



def stances(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """Opposite stances: one affirms what the other opposes.

    >>> from kg.analysis.levels import compare_items, from_turtle
    >>> g = from_turtle('''
    ... :src a kg:NewsArticle .  :p a kg:Proposition ; kg:text "It was patched." .
    ... :x a kg:Person ; rdfs:label "X" .  :y a kg:Person ; rdfs:label "Y" .
    ... :a1 a kg:Assertion ; kg:proposition :p ; kg:party :x ; kg:readIn :src ; kg:stance kg:Asserts .
    ... :a2 a kg:Assertion ; kg:proposition :p ; kg:party :y ; kg:readIn :src ; kg:stance kg:Denies .
    ... ''')
    >>> compare_items(g, "x", "y", "opposite stances").level
    'opposed'
    """
    if not both_take_stances(a, b):
        return Outcome("none")
    for prop in sorted(a.stances.keys() & b.stances.keys()):
        pa, pb = a.stances[prop], b.stances[prop]
        if (1 in pa and -1 in pb) or (-1 in pa and 1 in pb):
            return Outcome("opposed", _facts(text=ctx.text(prop)) if facts else ())
    return Outcome("none")



def sources(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """The sources that speak of each: one speaking of both told them apart.

    >>> from kg.analysis.levels import compare_items, from_turtle
    >>> g = from_turtle('''
    ... :s1 a kg:NewsArticle ; rdfs:label "Wire" .  :s2 a kg:NewsArticle ; rdfs:label "Post" .
    ... :x a kg:Person ; rdfs:label "X" .  :y a kg:Person ; rdfs:label "Y" .  :z a kg:Person ; rdfs:label "Z" .
    ... :p a kg:Proposition ; kg:text "T." .
    ... :a1 a kg:Assertion ; kg:proposition :p ; kg:party :x ; kg:readIn :s1 ; kg:stance kg:Asserts .
    ... :a2 a kg:Assertion ; kg:proposition :p ; kg:party :y ; kg:readIn :s2 ; kg:stance kg:Asserts .
    ... :a3 a kg:Assertion ; kg:proposition :p ; kg:party :z ; kg:readIn :s1 ; kg:stance kg:Asserts .
    ... ''')
    >>> [compare_items(g, "x", other, "sources").level for other in ("y", "z")]
    ['different-sources', 'same-source']

    A source that speaks of both because the record raises them (a question asks whether they are
    one, a proposition says they may be or were separate) has not told them apart: ``raised``, neutral.

    >>> TEXT = '''
    ... :s1 a kg:NewsArticle ; rdfs:label "Wire" .  :x a kg:Incident ; rdfs:label "X" .  :y a kg:Incident ; rdfs:label "Y" .
    ... :px a kg:Proposition ; kg:text "X hit Acme." ; kg:about :x .  :py a kg:Proposition ; kg:text "Y hit Acme." ; kg:about :y .
    ... :a1 a kg:Assertion ; kg:proposition :px ; kg:party :s1 ; kg:readIn :s1 ; kg:stance kg:Asserts .
    ... :a2 a kg:Assertion ; kg:proposition :py ; kg:party :s1 ; kg:readIn :s1 ; kg:stance kg:Asserts .
    ... '''
    >>> TWO = ':s2 a kg:NewsArticle ; rdfs:label "Post" .  :a3 a kg:Assertion ; kg:proposition :px ; kg:party :s2 ; kg:readIn :s2 .'
    >>> g = from_turtle(TEXT + TWO)
    >>> compare_items(g, "x", "y", "sources").level
    'same-source'
    >>> g = from_turtle(TEXT + TWO + ':q a kg:OpenQuestion ; kg:asks "Are X and Y the same event?" ; kg:about :x, :y .')
    >>> compare_items(g, "x", "y", "sources")
    Outcome(level='raised', facts=(('text', 'Are X and Y the same event?'),), via=())

    In a case of one source, that source speaks of every item and tells none apart: ``one-source``, neutral.

    >>> compare_items(from_turtle(TEXT), "x", "y", "sources")
    Outcome(level='one-source', facts=(('source', 'Wire'),), via=())
    """
    if not both_sourced(a, b):
        return Outcome("missing")
    if _one_source(a, b, ctx):
        return Outcome("one-source", _facts(source=ctx.label(min(a.sources))) if facts else ())
    if spoken_of_together(a, b) and not a.sources.isdisjoint(b.sources):
        raised = _raised_by(a, b, ctx)
        if raised:
            return Outcome("raised", _facts(text=raised) if facts else ())
    if a.sources.isdisjoint(b.sources):
        shown = lambda p: tuple(sorted(ctx.label(x) for x in p.sources))  # noqa: E731
        return Outcome("different-sources", _facts(left=shown(a), right=shown(b)) if facts else ())
    if not facts:
        return Outcome("same-source")
    common = sorted(a.sources & b.sources)
    return Outcome("same-source", _facts(source=ctx.label(common[0]), more=len(common) - 1))



def _one_source(a: Profile, b: Profile, ctx: Context) -> bool:
    """Is one source all the two items' cases have? (Each case's sources are gathered once, on the context.)"""
    found = ctx.__dict__.get("_case_sources")
    if found is None:
        found = ctx.__dict__["_case_sources"] = {}
        for p in ctx.profiles.values():
            if p.sources:
                found.setdefault(p.case, set()).update(p.sources)
    mine = found.get(a.case, ())
    return len(mine) == 1 and (b.case == a.case or found.get(b.case, set()) == mine)


def _raised_by(a: Profile, b: Profile, ctx: Context) -> str:
    """What raises the pair, if the record does: the text of the question or proposition that asks
    whether they are one, says they may be or were separate (``raised``), or that they are or are not
    one (``named together``); "" when nothing does."""
    for c in model().comparisons:
        if c.kind == "raised-together" or c.kind == "named-together":
            found = (raised if c.kind == "raised-together" else named_together)(c, a, b, ctx, True)
            if found.level in ("asked", "said", "said-same", "denied-same"):
                return str(dict(found.facts)["text"])
    return ""



def told_beside(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """Each is named beside one item of a ``beside`` class (an incident), in propositions about one and not
    the other, each naming no other item of those classes: one cause told two ways, each beside the
    incident it caused, by two reporters.

    >>> from kg.analysis.levels import compare_items, from_turtle
    >>> g = from_turtle('''
    ... :out a kg:Incident ; rdfs:label "Outage" .  :db a kg:System ; rdfs:label "Database" .
    ... :a a kg:SoftwareChange .  :b a kg:SoftwareChange .  :c a kg:SoftwareChange .
    ... :p1 a kg:Proposition ; kg:text "A permissions change caused the outage." ; kg:about :a, :out .
    ... :p2 a kg:Proposition ; kg:text "An access control change preceded the outage." ; kg:about :b, :out .
    ... :p3 a kg:Proposition ; kg:text "The rollback restored the database." ; kg:about :c, :db .
    ... ''')
    >>> compare_items(g, "a", "b", "beside one incident")
    Outcome(level='beside-one', facts=(('items', ('Outage',)),), via=())
    >>> compare_items(g, "a", "c", "beside one incident").level
    'none'
    """
    if not both_told(a, b):
        return Outcome("none")
    classes = c.options.get("_beside")
    if classes is None:
        classes = c.options["_beside"] = frozenset(c.options.get("beside", ()))
    both = a.propositions & b.propositions
    shared = _beside(a, b, both, classes, ctx) & _beside(b, a, both, classes, ctx)
    if not shared:
        return Outcome("none")
    return Outcome("beside-one", _facts(items=tuple(sorted(ctx.label(x) for x in shared))) if facts else ())


def _beside(p: Profile, other: Profile, both: frozenset[str], classes: frozenset[str], ctx: Context) -> set[str]:
    """The items of ``classes`` that the propositions about ``p`` and not ``other`` name beside it, each the one
    item of those classes its proposition names (one that names two incidents ties it to neither)."""
    nodes, succ = ctx.g._node, ctx.g._succ  # networkx's own dicts: no view object per lookup
    found = set()
    for prop in p.propositions - both:
        named = {v for v, edges in succ[prop].items() if P.about in edges and v not in (p.node, other.node)
                 and classes.intersection(nodes[v].get("kinds") or (nodes[v].get("cls"),))}
        if len(named) == 1:
            found |= named
    return found
