"""How `benchmarks/ingest_eval.py` scores what `kg ingest` drafts against hand-labelled gold.

Pure functions over an article's text, its gold (``<name>.gold.yaml``) and
what the ingest drafted: the extraction (entities, claims, questions) and
the draft files. ``benchmarks/eval/README.md`` and
``benchmarks/eval/real/README.md`` give the gold formats and the rules
written out in words. Micro-averaged: each figure is a count over count.

>>> s = Score(tp_pred=3, pred=4, tp_gold=3, gold=6)
>>> str(s)
'P 0.75 (3/4)  R 0.50 (3/6)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import Path

__all__ = [
    "Score", "Tally", "Attribution", "occurrences", "overlaps", "gold_entities", "score_entities",
    "score_attributions", "settles_alike", "score_questions", "score_dates", "anchored_quotes", "fragments", "gold_pairs",
    "pairs_recovered", "case_pairs", "contested_sides", "drafted_items", "identity_raised", "gold_identity",
    "identity_why", "identity_same", "identity_merged",
]

FAMILY = {"OrganizationalUnit": "Organization", "AISystem": "System", "IncidentTrend": "Incident"}
SCORED = {"Person", "Organization", "OrganizationalUnit", "System", "AISystem", "Incident", "IncidentTrend",
          "Safeguard", "InternalDocument"}
_PHRASE_TYPES = {"Incident", "IncidentTrend", "Safeguard", "InternalDocument"}
_UNNAMED_START = {"a", "an", "the", "one", "two", "three", "four", "five", "several", "some", "its", "his", "her"}
OPPOSING = {"denies", "disputes", "narrows"}
AFFIRMING = {"asserts", "confirms"}


class _Counts:
    """Counts that add up field by field, over articles and sets."""

    def __iadd__(self, other):
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self


@dataclass
class Score(_Counts):
    """Precision over what was drafted, recall over the gold."""

    tp_pred: int = 0
    pred: int = 0
    tp_gold: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 1.0

    def __str__(self) -> str:
        return f"P {self.precision:.2f} ({self.tp_pred}/{self.pred})  R {self.recall:.2f} ({self.tp_gold}/{self.gold})"


@dataclass
class Tally(_Counts):
    """One share: ``right`` of ``total``.

    >>> t = Tally(1, 3); t += Tally(1, 1); str(t), round(t.share, 2)
    ('0.50 (2/4)', 0.5)
    >>> str(Tally())
    '-'
    """

    right: int = 0
    total: int = 0

    @property
    def share(self) -> float | None:
        return self.right / self.total if self.total else None

    def __str__(self) -> str:
        return f"{self.right / self.total:.2f} ({self.right}/{self.total})" if self.total else "-"


@dataclass
class Attribution(_Counts):
    """Gold attributions found, and of those the ones with the right party and stance."""

    found: int = 0
    gold: int = 0
    party_right: int = 0
    stance_right: int = 0
    drafted: int = 0


def occurrences(text: str, words: str) -> list[tuple[int, int]]:
    """Every span where ``words`` stand in ``text`` exactly.

    >>> occurrences("the outage, the outage", "outage")
    [(4, 10), (16, 22)]
    """
    return [(m.start(), m.end()) for m in re.finditer(re.escape(words), text)] if words else []


def overlaps(spans_a, spans_b) -> bool:
    """Whether any span of one list shares a character with any of the other.

    >>> overlaps([(0, 5)], [(4, 9)]), overlaps([(0, 5)], [(5, 9)])
    (True, False)
    """
    return any(a < d and c < b for a, b in spans_a for c, d in spans_b)


def family(type_: str) -> str:
    return FAMILY.get(type_, type_)


def _normalize(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("’", "'")).strip().lower()


def _strict_name(name: str) -> str:
    """A name as the strict score compares it: case, a leading "the" and a trailing possessive aside.

    >>> _strict_name("The Kelly Review's")
    'kelly review'
    """
    name = re.sub(r"^the\s+", "", _normalize(name))
    return re.sub(r"'s?$", "", name).strip()


def _is_phrase(g: dict) -> bool:
    """Incidents, safeguards, documents, unnamed people and systems told by a description, not a name
    ("a faulty update", "bushing"), are phrases, scored by span overlap.

    >>> _is_phrase({"text": "a faulty update", "type": "System"}), _is_phrase({"text": "Citrix portal", "type": "System"})
    (True, False)
    >>> _is_phrase({"text": "Northwind spokesperson", "type": "Person"}), _is_phrase({"text": "Jane Roe", "type": "Person"})
    (True, False)
    """
    first = g["text"].split()[0]
    return (g["type"] in _PHRASE_TYPES or (g["type"] == "Person" and (first.lower() in _UNNAMED_START or _unnamed_person(g["text"])))
            or (family(g["type"]) == "System" and first[:1].islower()))


#: Lower-case words inside a person's name ("Ursula von der Leyen", "Luiz Inácio Lula da Silva").
_NAME_PARTICLES = {"de", "da", "das", "do", "dos", "del", "della", "der", "den", "di", "du", "la", "le", "van", "von", "bin", "ibn", "al", "y"}


def _unnamed_person(words: str) -> bool:
    """A person told by a role, not a name ("Northwind spokesperson", "Change Healthcare's head of
    cybersecurity"): the labelling conventions make unnamed spokespeople phrases, whatever their first word.

    >>> _unnamed_person("Northwind spokesperson"), _unnamed_person("Ursula von der Leyen"), _unnamed_person("Mr Woldbye")
    (True, False, False)
    """
    return any(w[:1].islower() and w.lower() not in _NAME_PARTICLES for w in re.findall(r"[\w’'-]+", words))


def _entity_matches(e, g: dict, spans) -> bool:
    if family(e.type) != family(g["type"]):
        return False
    if _is_phrase(g):
        return overlaps(e.spans, spans)
    return _strict_name(g["text"]) in {_strict_name(n) for n in e.names}


def gold_entities(gold: dict) -> list[dict]:
    """Mentions, plus the incidents listed with dates (scored as Incident entities)."""
    incidents = [{"text": i["text"], "type": i.get("type", "Incident")} for i in gold.get("incidents") or []]
    return list(gold.get("mentions") or []) + incidents


def _spans_or_fail(text: str, words: str, what: str, where: Path) -> list[tuple[int, int]]:
    spans = occurrences(text, words)
    if not spans:
        raise SystemExit(f"{where}: gold {what} {words!r} is not in the article")
    return spans


def score_entities(x, gold: list[dict], by_class: dict, where: Path) -> tuple[Score, list[str], list[str]]:
    """Strict: a named entity counts only when a drafted entity of its class has it as label or alias."""
    predicted = [e for e in x.table.entities.values() if e.type in SCORED]
    gold_spans = [(g, _spans_or_fail(x.text, g["text"], "mention", where)) for g in gold]
    score = Score(pred=len(predicted), gold=len(gold))
    missed, extra = [], []
    for g, spans in gold_spans:
        row = by_class.setdefault(family(g["type"]), Score())
        row.gold += 1
        if any(_entity_matches(e, g, spans) for e in predicted):
            score.tp_gold += 1
            row.tp_gold += 1
        else:
            missed.append(f"{g['text']} ({g['type']})")
    for e in predicted:
        row = by_class.setdefault(family(e.type), Score())
        row.pred += 1
        if any(_entity_matches(e, g, spans) for g, spans in gold_spans):
            score.tp_pred += 1
            row.tp_pred += 1
        else:
            extra.append(f"{e.label} ({e.type})")
    return score, missed, extra


def _tokens(name: str) -> set[str]:
    return {t.rstrip("s") for t in re.findall(r"[a-z0-9]+", _normalize(name)) if t not in {"the", "unnamed", "a", "an"}}


def _party_match(gold_party: str, names: list[str]) -> bool:
    """One name's words hold the other's ("Northwind spokesperson" ~ "Northwind Bank spokesperson").

    >>> _party_match("CrowdStrike spokesperson", ["a CrowdStrike spokesperson"])
    True
    """
    g = _tokens(gold_party)
    return any(g and _tokens(n) and (g <= _tokens(n) or _tokens(n) <= g) for n in names)


def score_attributions(x, gold: list[dict], where: Path) -> tuple[Attribution, list[str], list[str]]:
    """A gold attribution is found when a drafted claim's words overlap its quote (one to one);
    party and stance accuracy are over the found ones."""
    claims = [c for c in x.claims if c.party is not None]
    result = Attribution(gold=len(gold), drafted=len(claims))
    used: set[int] = set()
    missed, wrong = [], []
    for g in gold:
        spans = _spans_or_fail(x.text, g["quote"], "quote", where)
        candidates = [i for i, c in enumerate(claims) if i not in used and overlaps([(c.start, c.end)], spans)]
        candidates = candidates or [i for i, c in enumerate(claims) if i not in used and overlaps([c.frame], spans)]
        if not candidates:
            missed.append(f"{g['party']} {g['stance']}: {g['quote']}")
            continue
        match = next((i for i in candidates if _party_match(g["party"], claims[i].party.names)), candidates[0])
        used.add(match)
        c = claims[match]
        result.found += 1
        party_ok = _party_match(g["party"], c.party.names)
        result.party_right += party_ok
        result.stance_right += c.stance == g["stance"]
        if not party_ok or c.stance != g["stance"]:
            wrong.append(f"{g['quote'][:50]}…: gold {g['party']} {g['stance']}, got {c.party.label} {c.stance}")
    return result, missed, wrong


def _question_words(q) -> tuple[str, str | None]:
    """A gold question is its words, or ``{text, settle}``: its words and what would settle it."""
    return (q["text"], q.get("settle")) if isinstance(q, dict) else (q, None)


def settles_alike(drafted: str | None, gold: str) -> bool:
    """Whether a drafted ``resolvableBy`` says what the gold says would settle the question: they share
    at least one content word (the lemmas of :func:`kg.ingest.content.content_of`, a name joined by "&"
    read as one word). A lenient threshold, stated: one word in common, never a paraphrase judged.

    >>> gold = "the federal agencies' findings, or the FCC's report on the cause"
    >>> settles_alike("An investigation by Federal agencies", gold), settles_alike("An answer from AT&T", "AT&T's account")
    (True, True)
    >>> settles_alike("An inquiry", "the Transportation Department's review"), settles_alike(None, gold)
    (False, False)
    """
    from kg.ingest.content import content_of

    def words(text: str) -> frozenset[str]:
        return content_of(text.replace("&", "")).lemmas

    return bool(drafted) and bool(words(drafted) & words(gold))


def score_questions(x, gold: list, where: Path) -> tuple[Score, Tally, list[str], list[str]]:
    """Questions drafted over the gold words; of the gold questions whose settle the text gives, how
    many were recovered with a ``resolvableBy`` that :func:`settles_alike` the gold's; the gold
    questions missed; and the settlers missed or unlike the gold's."""
    score = Score(pred=len(x.questions), gold=len(gold))
    settle = Tally()
    missed, unsettled = [], []
    gold_spans = []
    for q in gold:
        words, settles = _question_words(q)
        spans = _spans_or_fail(x.text, words, "question", where)
        gold_spans.append(spans)
        hits = [d for d in x.questions if overlaps([(d.start, d.end)], spans)]
        score.tp_gold += bool(hits)
        if not hits:
            missed.append(words)
        if settles:
            settle.total += 1
            drafted = [d.resolvable_by for d in hits if getattr(d, "resolvable_by", None)]
            right = any(settles_alike(d, settles) for d in drafted)
            settle.right += right
            if hits and not right:
                unsettled.append(f"{words[:50]}…: gold {settles!r}, got {drafted or 'nothing'}")
    score.tp_pred = sum(1 for d in x.questions if any(overlaps([(d.start, d.end)], s) for s in gold_spans))
    return score, settle, missed, unsettled


def score_dates(x, gold: list[dict]) -> tuple[Tally, list[str]]:
    """Gold incidents with a date (or bounds): right when a drafted incident over their words has it."""
    tally, wrong = Tally(), []
    incidents = [e for e in x.table.entities.values() if family(e.type) == "Incident"]
    for g in gold:
        want = {k: str(g[k]) for k in ("date", "notBefore", "notAfter") if g.get(k)}
        if not want:
            continue
        tally.total += 1
        matched = [e for e in incidents if overlaps(e.spans, occurrences(x.text, g["text"]))]
        ok = any(all(str(e.fields.get(k) or "") == v for k, v in want.items()) for e in matched)
        tally.right += ok
        if not ok:
            got = "; ".join(f"{e.label}: {e.fields.get('date') or ''} {e.fields.get('notBefore') or ''}–"
                            f"{e.fields.get('notAfter') or ''}" for e in matched) or "no incident"
            wrong.append(f"{g['text'][:50]}: gold {want}, got {got}")
    return tally, wrong


def _assertion_span(text: str, quote: dict) -> tuple[int, int] | None:
    """Where a drafted quote sits in the text, if its prefix, exact words and suffix are there verbatim."""
    exact = quote.get("exact") or ""
    at = text.find(f"{quote.get('prefix', '')}{exact}{quote.get('suffix', '')}") if exact else -1
    if at < 0:
        return None
    start = at + len(quote.get("prefix", ""))
    return start, start + len(exact)


def _assertions(drafts: list[dict]):
    for draft in drafts:
        for proposition in draft.get("propositions") or []:
            yield from proposition.get("assertions") or []


def anchored_quotes(text: str, drafts: list[dict]) -> Tally:
    """Drafted quotes whose prefix, exact words and suffix stand in the article exactly as drafted.

    >>> d = [{"propositions": [{"assertions": [{"quote": {"exact": "b", "prefix": "a", "suffix": "c"}},
    ...                                        {"quote": {"exact": "b", "prefix": "x", "suffix": ""}}]}]}]
    >>> str(anchored_quotes("abc", d))
    '0.50 (1/2)'
    """
    quotes = [a.get("quote") or {} for a in _assertions(drafts)]
    return Tally(sum(_assertion_span(text, q) is not None for q in quotes), len(quotes))


#: A drafted proposition a reviewer cannot accept as written: named rows, first match wins.
DEBRIS = (
    ("fewer than three words", lambda t: len(re.findall(r"[A-Za-z0-9]+", t)) < 3),
    ("leading punctuation", lambda t: bool(re.match(r"[^\w\"“‘'(\[$£€]", t.strip()))),
    ("stray quotation mark", lambda t: (t.count('"') % 2 == 1) or (t.count("“") != t.count("”"))),
    ("dangling conjunction", lambda t: bool(re.search(r"(?:[;:,]|\b(?:and|but|or|nor|yet))\W*$", t.rstrip(".")))),
)


def fragments(drafts: list[dict]) -> list[str]:
    """Drafted proposition texts that are fragments or debris, each with the row that caught it.

    >>> fragments([{"propositions": [{"text": "Still."}, {"text": 'The response was "lackluster.'},
    ...                              {"text": "The update was tested before release."},
    ...                              {"text": "The tools serve us well; but."}]}])
    ['fewer than three words: Still.', 'stray quotation mark: The response was "lackluster.', 'dangling conjunction: The tools serve us well; but.']
    """
    found = []
    for draft in drafts:
        for proposition in draft.get("propositions") or []:
            text = str(proposition.get("text") or "")
            row = next((name for name, test in DEBRIS if test(text)), None)
            if row:
                found.append(f"{row}: {text}")
    return found


def propositions(drafts: list[dict]) -> int:
    return sum(len(d.get("propositions") or []) for d in drafts)


def gold_pairs(gold: dict) -> dict[str, tuple[list[str], list[str]]]:
    """The article's gold contested keys: quotes on the affirming side and on the opposing side."""
    pairs = {}
    for prop in gold.get("contested") or []:
        rows = [a for a in gold.get("attributions") or [] if a.get("prop") == prop]
        pairs[prop] = ([a["quote"] for a in rows if a["stance"] in AFFIRMING],
                       [a["quote"] for a in rows if a["stance"] in OPPOSING])
    return pairs


def contested_sides(graph, report) -> list[tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]]:
    """What `kg unresolved --include-pending` lists as contested (``report``, on ``graph``): each
    side's quotes, as (exact, prefix, suffix) read from the assertion's ``oa:TextQuoteSelector``."""
    from rdflib import Namespace, URIRef

    oa = Namespace("http://www.w3.org/ns/oa#")

    def selector(iri: str, exact: str) -> tuple[str, str, str]:
        for target in graph.objects(URIRef(iri), oa.hasTarget):
            for sel in graph.objects(target, oa.hasSelector):
                if graph.value(sel, oa.exact) is not None:
                    return (str(graph.value(sel, oa.exact)), str(graph.value(sel, oa.prefix) or ""),
                            str(graph.value(sel, oa.suffix) or ""))
        return exact, "", ""

    return [([selector(a.iri, a.quote) for a in c.affirming if a.quote],
             [selector(a.iri, a.quote) for a in c.opposing if a.quote]) for c in report.contested]


def _placed(text: str, quote) -> list[tuple[int, int]]:
    """Where a drafted quote stands in ``text``: at its prefix and suffix when they are there, else
    wherever its words are. A quote is its words, or (exact, prefix, suffix)."""
    exact, prefix, suffix = (quote, "", "") if isinstance(quote, str) else quote
    whole = text.find(f"{prefix}{exact}{suffix}") if (prefix or suffix) else -1
    if whole >= 0:
        return [(whole + len(prefix), whole + len(prefix) + len(exact))]
    return occurrences(text, exact)


def _covers(quotes: list, texts: dict[str, str], gold_side: list[tuple[str, str]]) -> bool:
    """Whether one drafted quote overlaps one gold quote, both placed in the gold quote's article."""
    for article, words in gold_side:
        text = texts[article]
        want = occurrences(text, words)
        if any(overlaps(_placed(text, q), want) for q in quotes):
            return True
    return False


def pairs_recovered(sides: list[tuple[list[str], list[str]]], texts: dict[str, str],
                    gold: list[tuple[str, list[tuple[str, str]], list[tuple[str, str]]]]) -> tuple[Tally, list[str]]:
    """Gold contested propositions that come back: one drafted contested proposition with an
    assertion over one gold side's words and an opposing one over the other side's (either way round).

    ``gold`` rows are (key, affirming, opposing), each side a list of (article, words); ``sides``
    are the drafted quotes of each contested proposition (see :func:`_placed`).

    >>> texts = {"a.txt": "A said the update was tested. B said the update was not tested."}
    >>> gold = [("tested", [("a.txt", "the update was tested")], [("a.txt", "the update was not tested")])]
    >>> str(pairs_recovered([(["the update was tested"], ["A said"])], texts, gold)[0])
    '0.00 (0/1)'
    >>> str(pairs_recovered([(["the update was not tested"], ["the update was tested"])], texts, gold)[0])
    '1.00 (1/1)'
    >>> _placed("it was. B: it was.", ("it was", "B: ", "."))
    [(11, 17)]
    """
    tally, missed = Tally(total=len(gold)), []
    for key, affirming, opposing in gold:
        hit = any((_covers(a, texts, affirming) and _covers(o, texts, opposing))
                  or (_covers(a, texts, opposing) and _covers(o, texts, affirming)) for a, o in sides)
        tally.right += hit
        if not hit:
            missed.append(key)
    return tally, missed


def case_pairs(case_gold: dict) -> list[tuple[str, list[tuple[str, str]], list[tuple[str, str]]]]:
    """An incident's contested propositions from ``case.gold.yaml``: (key, affirming, opposing)."""
    return [(row["key"], [(s["article"], s["quote"]) for s in row["affirming"]],
             [(s["article"], s["quote"]) for s in row["opposing"]]) for row in case_gold.get("contested") or []]


def drafted_items(drafts: list[dict]) -> dict[str, tuple[list[str], str, tuple[int, int] | None]]:
    """Each drafted item by id: its names (label and aliases), the article it was read in, its span."""
    documents = {s.get("id"): str(s.get("document") or "") for d in drafts for s in d.get("sources") or []}
    items = {}
    for draft in drafts:
        for section in ("entities", "propositions"):
            for item in draft.get(section) or []:
                aliases = item.get("aliases") or []
                names = [str(item.get("label") or item.get("text") or "")] + [str(a) for a in (aliases if isinstance(aliases, list) else [aliases])]
                span = tuple(item["span"]) if isinstance(item.get("span"), list) and len(item["span"]) == 2 else None
                items[str(item.get("id"))] = (names, Path(documents.get(item.get("extractedFrom"), "")).name, span)
    return items


def _item_covers(item, texts: dict[str, str], side: tuple[str, str]) -> bool:
    """A drafted item stands for a gold mention when its span in the same article lies over the words,
    or when it bears the name; a phrase ("a Heathrow spokesperson", "the outage") only in its own article.

    >>> texts = {"x.txt": "A spokesperson said so.", "y.txt": "Another spokesperson said so."}
    >>> item = (["Spokesperson"], "y.txt", (8, 20))
    >>> _item_covers(item, texts, ("x.txt", "A spokesperson")), _item_covers(item, texts, ("y.txt", "spokesperson"))
    (False, True)
    """
    names, article, span = item
    side_article, words = side
    if article == side_article and span is not None and overlaps([span], occurrences(texts[article], words)):
        return True
    phrase = words.split()[0].lower() in _UNNAMED_START or words[:1].islower()
    named = re.sub(r"^(a|an)\s+", "", _strict_name(words)) in {_strict_name(n) for n in names if n}
    return named and (article == side_article or not phrase)


def _read_over(reading: dict | None, texts: dict[str, str], side: tuple[str, str]) -> set[str]:
    """The items the case's reading put over a gold mention's words: ``reading`` is each article's
    entities as ingest read them inside the case, (item id, every span); a mention merged into an
    earlier article's item has that item's id."""
    article, words = side
    spans = occurrences(texts[article], words)
    return {item for item, at in (reading or {}).get(article, []) if item and overlaps(at, spans)}


def identity_raised(pairs: list[tuple[str, str]], items: dict, texts: dict[str, str],
                    gold: list[tuple[tuple[str, str], tuple[str, str]]], reading: dict | None = None) -> tuple[Tally, list[str]]:
    """Gold identity questions that the listed candidates raise: a listed pair whose two items stand
    for the two gold mentions. ``pairs`` are the listed candidates' item ids; each gold side is
    (article, words). An item stands for a mention when its drafted span or name covers it, or, with
    ``reading`` (see :func:`_read_over`), when the case's reading put the mention in it: a later
    mention, or one merged into another article's item.

    >>> items = {"a": (["Red Eléctrica"], "x.txt", None), "b": (["REE"], "y.txt", None)}
    >>> gold = [(("x.txt", "Red Eléctrica"), ("y.txt", "REE"))]
    >>> str(identity_raised([("b", "a")], items, {"x.txt": "", "y.txt": ""}, gold)[0])
    '1.00 (1/1)'
    >>> texts = {"x.txt": "the outage", "y.txt": "the failure"}
    >>> str(identity_raised([("a", "c")], items, texts, [(("x.txt", "outage"), ("y.txt", "failure"))], {"y.txt": [("c", [(4, 11)])]})[0])
    '0.00 (0/1)'
    >>> str(identity_raised([("a", "c")], items, texts, [(("x.txt", "outage"), ("y.txt", "failure"))], {"x.txt": [("a", [(4, 10)])], "y.txt": [("c", [(4, 11)])]})[0])
    '1.00 (1/1)'
    """
    tally, missed = Tally(total=len(gold)), []
    for a, b in gold:
        left = {i for i, item in items.items() if _item_covers(item, texts, a)} | _read_over(reading, texts, a)
        right = {i for i, item in items.items() if _item_covers(item, texts, b)} | _read_over(reading, texts, b)
        hit = any(x != y and ((x in left and y in right) or (x in right and y in left)) for x, y in pairs)
        tally.right += hit
        if not hit:
            missed.append(f"{a[1]} ~ {b[1]}")
    return tally, missed


def identity_merged(reading: dict, texts: dict[str, str], gold: list[tuple[tuple[str, str], tuple[str, str]]],
                    same: list[bool | None]) -> dict[str, int]:
    """How many gold identity questions the case's reading answered by putting both mentions in one
    item (see :func:`_read_over`), by the gold's ``same`` for each (true, false, or unknown: None).

    >>> texts = {"x.txt": "the outage", "y.txt": "that outage"}
    >>> identity_merged({"x.txt": [("o", [(4, 10)])], "y.txt": [("o", [(5, 11)])]}, texts,
    ...                 [(("x.txt", "the outage"), ("y.txt", "that outage"))], [True])
    {'same': 1, 'not same': 0, 'unknown': 0}
    """
    counts = {"same": 0, "not same": 0, "unknown": 0}
    for (a, b), is_same in zip(gold, same):
        if _read_over(reading, texts, a) & _read_over(reading, texts, b):
            counts["unknown" if is_same is None else "same" if is_same else "not same"] += 1
    return counts


def identity_same(incident_gold: dict | None, articles: list[tuple[str, dict]]) -> list[bool | None]:
    """Whether each of :func:`gold_identity`'s questions is one item (true, false, unknown: None), in its order:
    the case gold's ``same``, and unknown for an article's own."""
    rows = [r.get("same") for r in (incident_gold or {}).get("identity") or []]
    return rows + [None for _, gold in articles for _ in gold.get("identity") or []]


def gold_identity(incident_gold: dict | None, articles: list[tuple[str, dict]]) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """An incident's identity questions: the case gold's pairs across articles and each article's own."""
    rows = [((r["a"]["article"], r["a"]["text"]), (r["b"]["article"], r["b"]["text"]))
            for r in (incident_gold or {}).get("identity") or []]
    for name, gold in articles:
        rows += [((name, r["a"]), (name, r["b"])) for r in gold.get("identity") or []]
    return rows


def identity_why(listed: list[tuple[str, str]], weighed: dict[tuple[str, str], float], items: dict, texts: dict[str, str],
                 gold: list[tuple[tuple[str, str], tuple[str, str]]], types: dict[str, str] | None = None,
                 mentions: dict[str, list[tuple[str, list[tuple[int, int]]]]] | None = None,
                 reading: dict | None = None) -> list[tuple[str, str]]:
    """Why each gold identity question is listed or not: (``a ~ b``, cause). ``weighed`` holds every
    pair the identity step scored (at threshold 0) with its probability. Causes, in the order checked:
    listed; a side no drafted item stands for; one item stands for both; the items never weighed
    (blocked, or of two classes); weighed below the threshold. ``types`` (item id: its class) names
    the classes of the items never weighed, and leaves out propositions: a claim's words are no item.
    ``mentions`` (article: each entity the reading found, as (label, every span)) finds the item a
    later mention belongs to: a draft records an item's first span only. A side whose words the reading
    found in an entity no draft of that article holds is "folded into another article's item".
    ``reading`` (see :func:`_read_over`), when given, is used over ``mentions``: a mention stands for the
    item the case's reading put it in, as :func:`identity_raised` counts it, so a merged side is read as
    the earlier article's item (and "one item stands for both" when both sides went into it).

    >>> items = {"a": (["Red Eléctrica"], "x.txt", None), "b": (["REE"], "y.txt", None)}
    >>> texts = {"x.txt": "", "y.txt": ""}
    >>> gold = [(("x.txt", "Red Eléctrica"), ("y.txt", "REE")), (("x.txt", "Red Eléctrica"), ("y.txt", "Redeia"))]
    >>> identity_why([], {("a", "b"): 0.2}, items, texts, gold)
    [('Red Eléctrica ~ REE', 'weighed below the threshold (0.20)'), ('Red Eléctrica ~ Redeia', 'no item for the second side')]
    """
    rows = []
    if types is not None:
        items = {i: item for i, item in items.items() if types.get(i) != "propositions"}
    def covering(side: tuple[str, str]) -> tuple[set[str], bool]:
        found = {i for i, item in items.items() if _item_covers(item, texts, side)}
        if reading is not None:  # the case's own reading: a later mention, or one merged into another article's item
            return found | _read_over(reading, texts, side), False
        if found or not mentions:
            return found, False
        spans = occurrences(texts[side[0]], side[1])
        labels = {label for label, at in mentions.get(side[0], []) if overlaps(at, spans)}
        found = {i for i, (names, article, _) in items.items() if article == side[0] and names[0] in labels}
        return found, bool(labels) and not found

    for a, b in gold:
        (left, left_away), (right, right_away) = covering(a), covering(b)
        pairs = {(x, y) for x in left for y in right if x != y}
        listed_here = [p for p in listed if p in pairs or p[::-1] in pairs]
        scores = [weighed.get(p, weighed.get(p[::-1])) for p in pairs]
        scores = [s for s in scores if s is not None]
        if listed_here:
            direct = any(_item_covers(items[x], texts, a) and _item_covers(items[y], texts, b)
                         or _item_covers(items[x], texts, b) and _item_covers(items[y], texts, a) for x, y in listed_here)
            cause = "listed" if direct or reading is not None else "listed, by a later mention (not counted)"
        elif left_away or right_away:
            cause = "a side folded into another article's item"
        elif not left or not right:
            cause = "no item for " + ("either side" if not left and not right else "the first side" if not left else "the second side")
        elif not pairs or (left & right and not scores and not any(
                (types or {}).get(x) == (types or {}).get(y) for x, y in pairs)):
            cause = "one item stands for both"  # beside it, only items of other classes the words name ("Delta")
        elif not scores:
            kinds = " / ".join(sorted({(types or {}).get(x, "?") for x in left}) + ["~"] + sorted({(types or {}).get(y, "?") for y in right}))
            cause = f"items never weighed ({kinds})"
        else:
            cause = f"weighed below the threshold ({max(scores):.2f})"
        rows.append((f"{a[1]} ~ {b[1]}", cause))
    return rows
