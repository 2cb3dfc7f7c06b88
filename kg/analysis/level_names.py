"""Names, as identity compares them: exact, a surname, fuzzy, similar, different, placeholders neutral; two names
that share only common words are different; an operator's own words left out of its systems' names.

One kind of :mod:`kg.analysis.levels` (its ``name`` comparisons); the examples ask through
:func:`kg.analysis.levels.compare_items`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.analysis.comparisons import Comparison, Context, Outcome, normalise
from kg.analysis.comparisons import fact_pairs as _facts
from kg.analysis.profiles import Profile, abbreviated, may_abbreviate, rarity

__all__ = ["name_level", "name_levels", "descriptive"]


def name_level(c: Comparison, a: Profile, b: Profile, ctx: Context, facts: bool) -> Outcome:
    """Names: exact, one contained in the other (a surname), fuzzy, similar, different; placeholders neutral.

    Two names that share only common words ("Transportation Today", "Department of
    Transportation") are different, unless they are people's names.

    >>> from kg.analysis.levels import compare_items, from_turtle
    >>> g = from_turtle('''
    ... :a a kg:Person ; rdfs:label "Dana Whitcombe" .  :b a kg:Person ; rdfs:label "Whitcombe" .
    ... :c a kg:Person ; rdfs:label "Spokesperson (unnamed)" .  :d a kg:Person ; rdfs:label "Dan Whitcomb" .
    ... :e a kg:Person ; rdfs:label "Dana  WHITCOMBE" .  :f a kg:Person ; rdfs:label "Lee Whitcombe" .
    ... :dot a kg:Organization ; rdfs:label "U.S. Department of Transportation" .
    ... :tt a kg:Organization ; rdfs:label "Transportation Today" .
    ... ''')
    >>> [compare_items(g, "a", x, "name").level for x in ("e", "b", "d", "c", "f")]
    ['exact', 'contained', 'fuzzy', 'placeholder', 'different']
    >>> compare_items(g, "dot", "tt", "name")
    Outcome(level='different', facts=(('names', ('u s department transportation', 'transportation today')), ('why', 'common-words')), via=())

    A system named by another's name and more words under another head is a part of it; an
    abbreviation is read as the words it stands for:

    >>> from kg.analysis.levels import compare_items, from_turtle
    >>> g = from_turtle('''
    ... :nlb a kg:System ; rdfs:label "Network Load Balancer" .  :hc a kg:System ; rdfs:label "Network load balancer checks" .
    ... :hc2 a kg:System ; rdfs:label "NLB checks" .
    ... ''')
    >>> [compare_items(g, x, y, "name").level for x, y in (("nlb", "hc"), ("hc", "hc2"))]
    ['extended', 'contained']
    """
    placeholders, given, heads, floor, described, acronyms, similarities = _name_options(c)
    if (a.placeholder or b.placeholder or not a.names or not b.names) and placeholders:
        return Outcome("placeholder", _facts(label=a.label if a.placeholder else b.label) if facts else ())
    if not a.names or not b.names:
        return Outcome("different", _facts(why="no-names") if facts else ())
    people = bool(given) and not a.kinds.isdisjoint(given) and not b.kinds.isdisjoint(given)
    if people:
        la, lb = a.label_words, b.label_words
        initial = (len(la[0]) == 1 or len(lb[0]) == 1) if la and lb else False
        if len(la) >= 2 and len(lb) >= 2 and la[-1] == lb[-1] and la[0] != lb[0] and not (initial and la[0][0] == lb[0][0]) \
                and not _spelt_two_ways(la[0], lb[0]):
            return Outcome("different", _facts(names=(" ".join(la), " ".join(lb)), why="given-names") if facts else ())
    if not a.name_keys.isdisjoint(b.name_keys):
        if not facts:
            return Outcome("exact")
        keys = {tuple(sorted(y.split())): y for y in b.names}
        x = next(x for x in a.names if tuple(sorted(x.split())) in keys)
        return Outcome("exact", _facts(names=(x, keys[tuple(sorted(x.split()))])))
    headed = bool(heads) and not a.kinds.isdisjoint(heads) and not b.kinds.isdisjoint(heads)
    found, pair, folded = None, ("", ""), {}
    for x, sx in zip(a.names, a.name_sets):
        for y, sy in zip(b.names, b.name_sets):
            folded[(x, y)] = (x, y)
            if not (sx <= sy or sy <= sx) and may_abbreviate(x, y):
                fx, fy = abbreviated(x.split(), y.split())
                folded[(x, y)] = (" ".join(fx), " ".join(fy))
                sx, sy = set(fx), set(fy)  # (the folded words stay for the names of b still to come, as ever)
            if sx <= sy or sy <= sx:
                # a System named by another's name and more words ("X health checks") is a part of it
                level = "extended" if headed and a.heads.get(x) != b.heads.get(y) else "contained"
                if found != "contained":
                    found, pair = level, (x, y)
    best = 0.0
    if found is None and acronyms:
        short = _acronym(a, b, ctx)
        if short:  # a short all-capitals name made of the other's initials ("UHG", "UnitedHealth Group")
            return Outcome("acronym", _facts(names=short) if facts else ())
    if found is None:
        owner = _owner_words(c, a, b, ctx)
        if owner:  # the owner's name, which both carry, tells neither from the other (nor is it a typo's)
            scored = {k: _without(names, owner) for k, names in folded.items()}
            best, pair = max((_score(*names), key) for key, names in scored.items())
        elif len(folded) == 1:
            ((pair, names),) = folded.items()
            best = _score(*names)
        else:
            best, pair = max((_score(*names), key) for key, names in folded.items())
        found = "different"
        for at_least, level in similarities:
            if best >= at_least:
                found = level
                break
    why = None
    if found != "different" and _contrasted(c, *folded[pair]):
        found, why = "different", "contrast"
    elif found != "different" and floor is not None and not people:
        shared = set(folded[pair][0].split()) & set(folded[pair][1].split())
        if sum(rarity(w) for w in shared) < floor:
            found, why = "different", "common-words"
        elif best and _named_after_one(c, *folded[pair]):
            found, why = "different", "one-word"
    if found == "different" and why != "contrast" and described and not (a.kinds.isdisjoint(described) or b.kinds.isdisjoint(described)) \
            and (descriptive(a.label) or descriptive(b.label)):
        found = "described"  # a label that says what a thing does is one way of many to tell it
        sort = _one_sort(c, *folded[pair])
        if sort:  # two tellings of one sort of thing, both in words (a web site: "online shop", "website and apps")
            return Outcome("one-sort", _facts(names=pair, sort=sort) if facts else ())
    if why:
        return Outcome(found, _facts(names=pair, why=why) if facts else ())
    if not facts:
        return Outcome(found)
    return Outcome(found, _facts(names=pair, similarity=round(best)) if best else _facts(names=pair))


def name_levels(c: Comparison, left: list[Profile], right: list[Profile], ctx: Context) -> list[str]:
    """:func:`name_level` of each pair (left[i], right[i]). Where ``c`` reads names by their words alone (no
    placeholders, people, heads, owners, acronyms, descriptions or floor of common words: the titles of
    incidents), a pair of one name each that no word of one abbreviates is read here in a few set tests, and
    the others' similarity scored all at once; every other pair is :func:`name_level`'s.

    >>> from kg.analysis.comparisons import model, profiles
    >>> from kg.analysis.levels import from_turtle
    >>> g = from_turtle('''
    ... :a a kg:Incident ; rdfs:label "Checkout outage" .  :b a kg:Incident ; rdfs:label "Outage at checkout" .
    ... :c a kg:Incident ; rdfs:label "Billing delay" .  :d a kg:Incident ; rdfs:label "Checkout outages" .
    ... :e a kg:Incident ; rdfs:label "Checkout production outage" .  :f a kg:Incident ; rdfs:label "Checkout staging outage" .
    ... :g a kg:Incident ; rdfs:label "Checkout production" ; skos:altLabel "Checkout" .  :h a kg:Incident .
    ... ''')
    >>> found = profiles(g)
    >>> ctx, c = Context(g, found), model().comparison("title")
    >>> ps = [p for _, p in sorted(found.items())]
    >>> left, right = zip(*[(x, y) for x in ps for y in ps if x.node < y.node])
    >>> levels = name_levels(c, left, right, ctx)
    >>> levels == [name_level(c, x, y, ctx, False).level for x, y in zip(left, right)], sorted(set(levels))
    (True, ['contained', 'different', 'exact', 'fuzzy', 'similar'])
    """
    placeholders, given, heads, floor, described, acronyms, similarities = _name_options(c)
    if placeholders or given or heads or floor is not None or described or acronyms or c.options.get("owner"):
        return [name_level(c, a, b, ctx, False)[0] for a, b in zip(left, right)]
    out: list = [None] * len(left)
    scored, xs, ys = [], [], []
    for i, (a, b) in enumerate(zip(left, right)):
        if len(a.names) != 1 or len(b.names) != 1:
            out[i] = name_level(c, a, b, ctx, False)[0]
        elif not a.name_keys.isdisjoint(b.name_keys):
            out[i] = "exact"
        else:
            (x,), (y,), (sx,), (sy,) = a.names, b.names, a.name_sets, b.name_sets
            if sx <= sy or sy <= sx:
                out[i] = "different" if _contrasted(c, x, y) else "contained"
            elif may_abbreviate(x, y):
                out[i] = name_level(c, a, b, ctx, False)[0]
            else:
                scored.append(i)
                xs.append(x)
                ys.append(y)
    if scored:
        from rapidfuzz import fuzz, process

        for i, x, y, best in zip(scored, xs, ys, process.cpdist(xs, ys, scorer=fuzz.token_set_ratio, dtype="float64").tolist()):
            found = next((level for at_least, level in similarities if best >= at_least), "different")
            out[i] = "different" if found != "different" and _contrasted(c, x, y) else found
    return out


def _named_after_one(c: Comparison, x: str, y: str) -> bool:
    """Do two names share one word only (a plural as its singular), each with at least ``apart_words`` words the
    other lacks? Then they name two things after one ("DynamoDB DNS management system", "DynamoDB regional
    endpoint"), which a similarity score of their words does not tell (rapidfuzz's token set ratio rates the
    shared word high).

    >>> from kg.analysis.levels import compare_items, from_turtle
    >>> g = from_turtle('''
    ... :dns a kg:System ; rdfs:label "DynamoDB DNS management system" .
    ... :end a kg:System ; rdfs:label "DynamoDB regional endpoint" ; skos:altLabel "dynamodb.us-east-1.amazonaws.com" .
    ... :hc a kg:System ; rdfs:label "Network load balancer health checks" .  :hc2 a kg:System ; rdfs:label "NLB health check subsystem" .
    ... ''')
    >>> compare_items(g, "dns", "end", "name")  # different, and then one that describes its item in common words
    Outcome(level='described', facts=(('names', ('dynamodb dns management system', 'dynamodb us east 1 amazonaws com')), ('why', 'one-word')), via=())
    >>> compare_items(g, "hc", "hc2", "name").level
    'similar'
    """
    apart = c.options.get("apart_words")
    if not apart:
        return False
    wx, wy = ({w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in n.split()} for n in (x, y))
    return len(wx & wy) == 1 and min(len(wx - wy), len(wy - wx)) >= apart


def _one_sort(c: Comparison, x: str, y: str) -> tuple[str, str] | None:
    """The row of ``sorts`` (a sort of system by the words that tell it: a web site by "site", "website", "online
    shop", a domain's "com") that both names' words fall in, with its word in each; None when there is none.

    >>> from kg.analysis.levels import compare_items, from_turtle
    >>> g = from_turtle('''
    ... :co a kg:Organization ; rdfs:label "Globex" .
    ... :a a kg:System ; rdfs:label "Globex.com" ; kg:operatedBy :co .
    ... :b a kg:System ; rdfs:label "Globex's own retail site" ; kg:operatedBy :co .
    ... :c a kg:System ; rdfs:label "Globex's fraud reporting line" ; kg:operatedBy :co .
    ... ''')
    >>> compare_items(g, "a", "b", "name")
    Outcome(level='one-sort', facts=(('names', ('globex com', 'globex own retail site')), ('sort', ('web', 'com', 'site'))), via=())
    >>> compare_items(g, "b", "c", "name").level
    'described'
    """
    wx, wy = set(x.split()), set(y.split())
    for sort, words in (c.options.get("sorts") or {}).items():
        found = sorted(wx.intersection(words)), sorted(wy.intersection(words))
        if found[0] and found[1]:
            return sort, found[0][0], found[1][0]
    return None


def _spelt_two_ways(x: str, y: str) -> bool:
    """Are two given names one spelt two ways: five letters or more, one letter inside them different
    ("Miguel", "Miquel")? Not a first or last letter ("Mario", "Maria"), nor a letter more ("Daniel", "Daniela").

    >>> _spelt_two_ways("miguel", "miquel"), _spelt_two_ways("mario", "maria"), _spelt_two_ways("mark", "mary")
    (True, False, False)
    """
    if len(x) != len(y) or len(x) < 5 or x[0] != y[0] or x[-1] != y[-1]:
        return False
    return sum(1 for p, q in zip(x, y) if p != q) == 1


def _acronym(a: Profile, b: Profile, ctx: Context) -> tuple[str, str] | None:
    """A short all-capitals name of one ("UHG", "M&S") and a name of the other of two words or more whose
    initials spell it, with or without its small words, a word's capitals inside it read as words of their
    own ("UnitedHealth Group", "Marks & Spencer", "Department of Transportation" for "DOT" or "DT").

    >>> from kg.analysis.levels import compare_items, from_turtle
    >>> g = from_turtle('''
    ... :u a kg:Organization ; rdfs:label "UnitedHealth Group" .  :h a kg:Organization ; rdfs:label "UHG" .
    ... :m a kg:Organization ; rdfs:label "Marks & Spencer" ; skos:altLabel "Marks and Spencer" .  :s a kg:Organization ; rdfs:label "M&S" .
    ... :x a kg:Organization ; rdfs:label "Unified Health Gateway" .  :g a kg:Organization ; rdfs:label "United Group" .
    ... ''')
    >>> compare_items(g, "u", "h", "name")
    Outcome(level='acronym', facts=(('names', ('UnitedHealth Group', 'UHG')),), via=())
    >>> [compare_items(g, x, y, "name").level for x, y in (("m", "s"), ("g", "h"))]
    ['acronym', 'different']

    Initials of whole words are also an abbreviation, which the names fold to (``contained``):

    >>> compare_items(g, "x", "h", "name").level
    'contained'
    """
    found = ctx.__dict__.setdefault("_acronyms", {})
    ta, tb = found.get(a.node), found.get(b.node)
    if ta is None:
        ta = found[a.node] = _told_short(ctx.g._node.get(a.node, {}))
    if tb is None:
        tb = found[b.node] = _told_short(ctx.g._node.get(b.node, {}))
    for (shorts, _), (_, spelt), flip in ((ta, tb, False), (tb, ta, True)):
        for short, told in shorts:
            name = spelt.get(short)
            if name:
                return (name, told) if flip else (told, name)
    return None


_CAPITALS = re.compile(r"[A-Z](?:[&.]?[A-Z]){1,5}\.?")
_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_SMALL = frozenset(("of", "and", "the", "for", "de", "du", "la", "von"))


def _told_short(attrs: dict) -> tuple[tuple[tuple[str, str], ...], dict[str, str]]:
    """An item's short all-capitals names (spelt without their '&' and '.', with the name as told), and the
    initials its longer names spell (with and without their small words) → the name."""
    shorts, spelt = [], {}
    for name in (str(attrs.get("label", "")), *map(str, attrs.get("aliases", ()))):
        name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
        if _CAPITALS.fullmatch(name):
            shorts.append((re.sub(r"[&.]", "", name), name))
            continue
        parts = [part for word in re.findall(r"[^\W_]+", name) for part in _PART.findall(word)]
        if len(parts) < 2:
            continue
        letters = [part if part.isupper() and len(part) <= 4 else part[0].upper() for part in parts]
        for kept in (letters, [x for x, part in zip(letters, parts) if part.lower() not in _SMALL]):
            if len(kept) >= 2:
                spelt.setdefault("".join(kept), name)
    return tuple(shorts), spelt


def _owner_words(c: Comparison, a: Profile, b: Profile, ctx: Context) -> frozenset:
    """The words of the names of what owns both (``owner`` names the comparison of the owner: operated by).

    >>> from kg.analysis.levels import compare_items, from_turtle
    >>> g = from_turtle('''
    ... :cf a kg:Organization ; rdfs:label "Northwind" .
    ... :bm a kg:System ; rdfs:label "Bot Management" ; skos:altLabel "Northwind Bot Management" ; kg:operatedBy :cf .
    ... :ac a kg:System ; rdfs:label "Northwind Access" ; kg:operatedBy :cf .
    ... :ac2 a kg:System ; rdfs:label "Northwind Acces" ; kg:operatedBy :cf .
    ... ''')
    >>> [compare_items(g, "bm", x, "name").level for x in ("ac", "ac2")], compare_items(g, "ac", "ac2", "name").level
    (['different', 'different'], 'fuzzy')
    """
    name = c.options.get("owner")
    if not name:
        return frozenset()
    va, vb = a.values.get(name), b.values.get(name)
    if not va or not vb:
        return frozenset()
    shared = {ctx.canon(x) for x in va} & {ctx.canon(y) for y in vb}
    found = set()
    for x in va | vb:
        p = ctx.profiles.get(x)
        if p is not None and ctx.canon(x) in shared:
            found.update(w for words in p.name_sets for w in words)
    return frozenset(found)


def _without(names: tuple[str, str], owner: frozenset) -> tuple[str, str]:
    """Two names without the owner's words, each kept whole where nothing else is left of it."""
    kept = tuple(" ".join(w for w in n.split() if w not in owner) for n in names)
    return (kept[0] or names[0], kept[1] or names[1])


def _score(x: str, y: str) -> float:
    """How alike two names are, 0 to 100: rapidfuzz's token set ratio (looked up on the first call)."""
    global _score
    from rapidfuzz import fuzz

    _score = fuzz.token_set_ratio
    return _score(x, y)


def _name_options(c: Comparison) -> tuple:
    """What :func:`_name` reads of ``c``'s options, and its levels reached by a similarity score, read once."""
    found = c.options.get("_name_options")
    if found is None:
        opts = c.options
        found = opts["_name_options"] = (
            opts.get("has_placeholder"), opts.get("given_names_for"), opts.get("same_head_for"), opts.get("rare_words"),
            opts.get("described_for"), opts.get("acronyms"), [(lv.similarity, lv.level) for lv in c.levels if lv.similarity is not None],
        )
    return found


def _contrasted(c: Comparison, x: str, y: str) -> bool:
    """Do two names tell their items apart by words of one row of ``contrasts`` in different groups
    ("development" and "production", "north" and "south"), and neither name has both?

    >>> from kg.analysis.levels import compare_items, from_turtle
    >>> g = from_turtle('''
    ... :d a kg:System ; rdfs:label "Acme development database" .  :p a kg:System ; rdfs:label "Acme production database" .
    ... :l a kg:System ; rdfs:label "Acme live database" .
    ... ''')
    >>> compare_items(g, "d", "p", "name")
    Outcome(level='different', facts=(('names', ('acme development database', 'acme production database')), ('why', 'contrast')), via=())
    >>> compare_items(g, "l", "p", "name").level  # "live" and "production" are of one group
    'similar'
    """
    marks = c.options.get("_contrast_marks")
    if marks is None or len(marks) > _MARKS_KEPT:
        rows = [{normalise(w): k for k, group in enumerate(row) for w in group} for row in c.options.get("contrasts") or ()]
        marks = c.options["_contrast_marks"] = {"": rows}
    mx, my = marks.get(x), marks.get(y)
    if mx is None:
        mx = marks[x] = _contrast_marks(marks[""], x)
    if my is None:
        my = marks[y] = _contrast_marks(marks[""], y)
    return bool(mx) and bool(my) and any(my.get(row, group) != group for row, group in mx.items())


#: Names whose contrast marks a comparison keeps before starting again (a bound on memory across cases).
_MARKS_KEPT = 200_000


def _contrast_marks(rows: list[dict], name: str) -> dict[int, int]:
    """Row → the one group of that row a name's words are in (rows with none, or two groups, left out)."""
    words = name.split()
    out = {}
    for k, row in enumerate(rows):
        groups = {row[w] for w in words if w in row}
        if len(groups) == 1:
            out[k] = groups.pop()
    return out


_LABEL_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


@lru_cache(maxsize=65536)
def descriptive(label: str) -> bool:
    """Does a label describe its item in common words rather than name it? Two or more lower-case words
    of three letters or more after the first.

    >>> descriptive("EC2 instance launch workflow"), descriptive("Network Load Balancer"), descriptive("Amazon.com")
    (True, False, False)
    """
    words = _LABEL_WORD.findall(str(label))[1:]
    return sum(1 for w in words if w[0].islower() and len(w) >= 3 and w not in _ARTICLES) >= 2


_ARTICLES = frozenset(("the", "and", "for", "its", "with", "from", "that", "this"))
