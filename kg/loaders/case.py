"""Case records → RDF triples.

Everything a case file may say is read off the ontology (:mod:`kg.ontology`),
so this module knows the five sections and nothing about any particular case.
IRIs derive from the case slug and item ids, and assertion IRIs from a hash
of their content, so loading the same case twice gives the same graph.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD

from kg.case import SLUG, Case, Item, brief
from kg.keys import ordered_pair, pair_key
from kg.loaders.documents import Document
from kg.loaders.ntriples import Names, Typed, integer, ntriples, rdflib_term, rdflib_triples, text
from kg.loaders.quotes import locate, quote_not_found
from kg.loaders.values import check_date_bounds, confidence, date_literal, external_iri, literal, text_value
from kg.ontology import CaseSchema, case_schema
from kg.vocab import BASE_IRI, CLS, KG, OA

__all__ = ["case_triples", "case_ntriples", "item_iri", "LoadStats", "Documents", "locate"]

Triple = tuple
#: source id → document text, for the sources whose documents are at hand
Documents = dict

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_CONTEXT = 32  # characters of prefix/suffix recorded around a located quote

#: source keys that record a change to another source; such a source must be dated
_CHANGE_KEYS = ("corrects", "retracts", "updates")

#: The terms the loader writes, as plain text (kg.loaders.ntriples): IRIs here are ``str``.
_KG, _RDF, _RDFS, _OA, _PROV, _DCTERMS, _OWL = (Names(ns) for ns in (KG, RDF, RDFS, OA, PROV, DCTERMS, OWL))


def case_iri(slug: str) -> URIRef:
    return URIRef(f"{BASE_IRI}{slug}")


def item_iri(slug: str, item_id: str) -> URIRef:
    return URIRef(f"{BASE_IRI}{slug}/{item_id}")


@dataclass
class LoadStats:
    quotes_checked: int = 0
    #: subject → "FILE:LINE" of the entry that made it
    locations: dict = field(default_factory=dict)


@dataclass
class _Context:
    case: Case
    schema: CaseSchema
    documents: Documents
    stats: LoadStats
    ids: dict[str, Item] = field(default_factory=dict)
    triples: list = field(default_factory=list)
    assertions: set = field(default_factory=set)
    #: assertion id (optional in case files) → its item, and once loaded its IRI and date
    assertion_ids: dict[str, Item] = field(default_factory=dict)
    assertion_iris: dict[str, str] = field(default_factory=dict)
    assertion_dates: dict[str, str] = field(default_factory=dict)
    superseded: list = field(default_factory=list)

    def keys(self, cls: URIRef) -> set[str]:
        """The keys an entry of ``cls`` may hold: its rows of kg:caseKeys in kg.ttl."""
        return set(self.schema.entry_keys.get(cls, ()))

    def term(self, cls: URIRef, key: str) -> URIRef:
        """The one term the key ``key`` of a ``cls`` entry records (its row's kg:records)."""
        (term,) = self.schema.entry_keys[cls][key]
        return term

    def iri(self, item_id: str) -> str:
        return f"{BASE_IRI}{self.case.slug}/{item_id}"

    @property
    def node(self) -> str:
        """The case's own IRI."""
        return f"{BASE_IRI}{self.case.slug}"

    def add(self, s, p, o) -> None:
        self.triples.append((s, p, o))

    def written_at(self, subject: str, item: Item) -> None:
        """Remember where ``subject`` was written, for errors found later (shape checks)."""
        self.stats.locations.setdefault(subject, f"{item.path}:{item.line}")

    def ref(self, item: Item, key: str, value: Any, *, want: Callable[[Item], bool] | None = None, what: str = "") -> str:
        if not isinstance(value, str):
            raise item.error(f"{brief(key)} must be an id (text), not {brief(value)}", key)
        target = self.ids.get(value)
        if target is None:
            close = difflib.get_close_matches(value, self.ids, n=1)
            hint = f" (did you mean {brief(close[0])}?)" if close else ""
            raise item.error(f"{brief(key)} refers to undefined id {brief(value)}{hint}", key)
        if want is not None and not want(target):
            raise item.error(f"{brief(key)} must refer to {what}, but {brief(value)} is a {target.fields.get('type') or target.section}", key)
        return self.iri(value)


def _typed_ref(ctx: "_Context", item: Item, key: str, value: Any, targets: tuple[str, ...]) -> str:
    """A reference that must point to one of ``targets`` (the key's rdfs:range in kg.ttl), or anything when empty."""
    if not targets:
        return ctx.ref(item, key, value)
    what = f"a {targets[0]}" if len(targets) == 1 else f"one of {', '.join(targets)}"
    kind = lambda t: str(t.fields.get("type") or (CLS.Source if t.section == "sources" else t.section))  # noqa: E731
    return ctx.ref(item, key, value, want=lambda t: kind(t) in targets, what=what)


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def _unknown_keys(item: Item, allowed: Iterable[str]) -> None:
    extra = sorted(set(item.fields) - set(allowed))
    if extra:
        close = difflib.get_close_matches(extra[0], list(allowed), n=1)
        hint = f" (did you mean {brief(close[0])}?)" if close else ""
        raise item.error(f"unknown key {brief(extra[0])} in {item.section}{hint}", extra[0])


def _register_ids(ctx: _Context) -> None:
    for item in ctx.case.items:
        if item.section == "judgements" or _is_restatement(item):
            continue
        item_id = item.fields.get("id")
        if not isinstance(item_id, str) or not SLUG.match(item_id):
            raise item.error(f"every {item.section[:-1]} needs an 'id' of lower-case letters, digits and '-', not {brief(item_id)}", "id")
        first = ctx.ids.get(item_id)
        if first is not None:
            raise item.error(f"duplicate id {brief(item_id)}; first defined at {first.path}:{first.line}", "id")
        ctx.ids[item_id] = item
    for item in ctx.case.section("propositions"):
        entries = item.fields.get("assertions")
        for entry in entries if isinstance(entries, list) else []:
            if not hasattr(entry, "line_of") or "id" not in entry:
                continue
            assertion = Item("assertions", entry, item.path)
            assertion_id = entry["id"]
            if not isinstance(assertion_id, str) or not SLUG.match(assertion_id):
                raise assertion.error(f"an assertion's 'id' must be lower-case letters, digits and '-', not {assertion_id!r}", "id")
            first = ctx.ids.get(assertion_id) or ctx.assertion_ids.get(assertion_id)
            if first is not None:
                raise assertion.error(f"duplicate id {assertion_id!r}; first defined at {first.path}:{first.line}", "id")
            ctx.assertion_ids[assertion_id] = assertion


def _resolve_superseded(ctx: _Context) -> None:
    """``supersededBy`` names another assertion by its id; it must exist, and must not be dated earlier."""
    for item, subject in ctx.superseded:
        value = item.fields["supersededBy"]
        target = ctx.assertion_iris.get(value) if isinstance(value, str) else None
        if target is None:
            close = difflib.get_close_matches(str(value), ctx.assertion_iris, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise item.error(f"'supersededBy' refers to undefined assertion id {value!r}{hint}", "supersededBy")
        if target == subject:
            raise item.error("an assertion cannot be superseded by itself", "supersededBy")
        mine, theirs = ctx.assertion_dates.get(subject, ""), ctx.assertion_dates.get(target, "")
        common = min(len(mine), len(theirs))
        if common and theirs[:common] < mine[:common]:
            raise item.error(f"'supersededBy' must name a later assertion, but {value!r} is dated {theirs}, before this one ({mine})", "supersededBy")
        ctx.add(subject, _KG.supersededBy, target)


def _common(ctx: _Context, item: Item, subject: str, status_key: str = "status") -> None:
    """Review status, confidence, note and extraction span: allowed on every item."""
    fields = item.fields
    status = fields.get(status_key, "reviewed")
    concept = ctx.schema.review_statuses.get(str(status))
    if concept is None:
        raise item.error(f"unknown review status {brief(status)}; expected one of {', '.join(ctx.schema.review_statuses)}", status_key)
    ctx.add(subject, _KG.reviewStatus, concept.iri)
    if "confidence" in fields:
        ctx.add(subject, _KG.confidence, Literal(confidence(item, "confidence", fields["confidence"]), datatype=XSD.decimal))
    if "note" in fields:
        ctx.add(subject, _KG.note, text(text_value(item, "note", fields["note"])))
    if "span" in fields:
        span = fields["span"]
        if not (isinstance(span, list) and len(span) == 2 and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in span) and span[0] <= span[1]):
            raise item.error(f"'span' must be [start, end] character offsets, not {brief(span)}", "span")
        target = f"{subject}/span"
        selector = f"{subject}/span-position"
        ctx.add(subject, _KG.extractedFrom, target)
        ctx.add(target, _RDF.type, _OA.SpecificResource)
        ctx.add(target, _OA.hasSelector, selector)
        ctx.add(selector, _RDF.type, _OA.TextPositionSelector)
        ctx.add(selector, _OA.start, integer(span[0]))
        ctx.add(selector, _OA.end, integer(span[1]))
        if "extractedFrom" in fields:
            ctx.add(target, _OA.hasSource, ctx.ref(item, "extractedFrom", fields["extractedFrom"], want=_is_source(ctx), what="a source"))


def _is_source(ctx: _Context) -> Callable[[Item], bool]:
    return lambda target: target.section == "sources"


def _load_entity(ctx: _Context, item: Item) -> None:
    fields = item.fields
    subject = ctx.iri(fields["id"])
    is_source = item.section == "sources"
    type_name = fields.get("type", CLS.Source if is_source else None)
    if type_name is None:
        raise item.error("missing 'type'", "id")
    cls = ctx.schema.classes.get(str(type_name))
    if cls is None:
        close = difflib.get_close_matches(str(type_name), ctx.schema.classes, n=1)
        hint = f" (did you mean {brief(close[0])}?)" if close else ""
        valid = sorted(name for name, iri in ctx.schema.classes.items() if ctx.schema.is_source_class(iri) == is_source)
        raise item.error(f"unknown class {brief(type_name)}{hint}; {item.section} may be {', '.join(valid)}", "type")
    if ctx.schema.is_source_class(cls) != is_source:
        where = "sources" if ctx.schema.is_source_class(cls) else "entities"
        raise item.error(f"class {brief(type_name)} belongs under '{where}', not '{item.section}'", "type")
    _unknown_keys(item, ctx.keys(KG.Entity) | set(ctx.schema.properties))
    if "label" not in fields:
        raise item.error("missing 'label'", "id")
    ctx.written_at(subject, item)
    ctx.add(subject, _RDF.type, cls)
    ctx.add(subject, _KG.inCase, ctx.node)
    for key, value in fields.items():
        prop = ctx.schema.properties.get(key)
        if prop is None:
            continue
        for single in _as_list(value):
            if prop.kind == "ref":
                ctx.add(subject, prop.iri, _typed_ref(ctx, item, key, single, prop.targets))
            elif prop.kind == "iri":
                ctx.add(subject, prop.iri, external_iri(item, key, single))
            else:
                ctx.add(subject, prop.iri, literal(item, key, prop.kind, single))
    check_date_bounds(item)
    if is_source and "sha256" in fields and not _SHA256.match(str(fields["sha256"])):
        raise item.error("'sha256' must be 64 lower-case hex digits", "sha256")
    changes = [key for key in _CHANGE_KEYS if key in fields]
    if changes and "date" not in fields:
        raise item.error(f"a source that {changes[0]} another needs a 'date': the day of the change", changes[0])
    if "passage" in fields and not changes:
        raise item.error("'passage' says which words a change affects: add 'corrects', 'retracts' or 'updates'", "passage")
    _common(ctx, item, subject)


def _worded_item(ctx: _Context, item: Item, cls: URIRef, key: str, prop: URIRef) -> str:
    """A proposition or a question: its keys checked, its IRI, class and case, and its words (``key``) as ``prop`` and label."""
    _unknown_keys(item, ctx.keys(cls))
    subject = ctx.iri(item.fields["id"])
    ctx.written_at(subject, item)
    ctx.add(subject, _RDF.type, cls)
    ctx.add(subject, _KG.inCase, ctx.node)
    words = text_value(item, key, item.fields.get(key))
    ctx.add(subject, prop, text(words))
    ctx.add(subject, _RDFS.label, text(words))
    return subject


def _load_proposition(ctx: _Context, item: Item) -> None:
    fields = item.fields
    subject = _worded_item(ctx, item, KG.Proposition, "text", KG.text)
    for about in _as_list(fields.get("about") or []):
        ctx.add(subject, _KG.about, ctx.ref(item, "about", about))
    for state in _as_list(fields.get("safeguardState") or []):
        concept = ctx.schema.safeguard_states.get(str(state))
        if concept is None:
            raise item.error(f"unknown safeguard state {brief(state)}; expected one of {', '.join(ctx.schema.safeguard_states)}", "safeguardState")
        ctx.add(subject, _KG.safeguardState, concept.iri)
    _common(ctx, item, subject)
    assertions = fields.get("assertions") or []
    if not isinstance(assertions, list):
        raise item.error("'assertions' must be a list", "assertions")
    for entry in assertions:
        if not hasattr(entry, "line_of"):
            raise item.error(f"each assertion must be a mapping, not {brief(entry)}", "assertions")
        _load_assertion(ctx, Item("assertions", entry, item.path), fields["id"], subject)


def _is_restatement(item: Item) -> bool:
    return item.section == "propositions" and "proposition" in item.fields and "id" not in item.fields


def _load_restatement(ctx: _Context, item: Item) -> None:
    """``- proposition: <id>`` with ``assertions:``: stances on a proposition defined elsewhere in the case."""
    fields = item.fields
    _unknown_keys(item, ctx.schema.restatement_keys)
    target = fields["proposition"]
    subject = ctx.ref(item, "proposition", target, want=lambda t: t.section == "propositions" and "id" in t.fields, what="a proposition")
    assertions = fields.get("assertions") or []
    if not isinstance(assertions, list) or not assertions:
        raise item.error("an entry with 'proposition' holds the 'assertions' made on it (a non-empty list)", "assertions")
    for entry in assertions:
        if not hasattr(entry, "line_of"):
            raise item.error(f"each assertion must be a mapping, not {brief(entry)}", "assertions")
        _load_assertion(ctx, Item("assertions", entry, item.path), str(target), subject)


def _quote(item: Item) -> tuple[str, str, str]:
    quote = item.fields.get("quote")
    if isinstance(quote, str):
        return text_value(item, "quote", quote), "", ""
    if hasattr(quote, "line_of"):
        extra = sorted(set(quote) - {"exact", "prefix", "suffix"})
        if extra:
            raise item.error(f"unknown key {brief(extra[0])} in quote; use exact, prefix and suffix", "quote")
        exact = quote.get("exact")
        if not isinstance(exact, str) or not exact.strip():
            raise item.error("'quote' needs a non-empty 'exact'", "quote")
        return exact, str(quote.get("prefix") or ""), str(quote.get("suffix") or "")
    raise item.error("every assertion needs a verbatim 'quote' (text, or exact/prefix/suffix)", "quote")


def _load_assertion(ctx: _Context, item: Item, proposition_id: str, proposition: str) -> None:
    fields = item.fields
    _unknown_keys(item, ctx.keys(KG.Assertion))
    for key in ("party", "source", "stance"):
        if key not in fields:
            raise item.error(f"every assertion needs a '{key}'", None)
    party = ctx.ref(item, "party", fields["party"], want=lambda t: t.section in ("entities", "sources"), what="an entity or source")
    source_id = fields["source"]
    source = ctx.ref(item, "source", source_id, want=_is_source(ctx), what="a source")
    stance = ctx.schema.stances.get(str(fields["stance"]))
    if stance is None:
        raise item.error(f"unknown stance {brief(fields['stance'])}; expected one of {', '.join(ctx.schema.stances)}", "stance")
    exact, prefix, suffix = _quote(item)
    key = "\x1f".join([str(fields["party"]), str(source_id), proposition_id, stance.notation, exact, prefix, suffix])
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    subject = f"{BASE_IRI}{ctx.case.slug}/assertion/{digest}"
    if subject in ctx.assertions:
        raise item.error("duplicate assertion: same party, source, proposition, stance and quote as another")
    ctx.assertions.add(subject)
    ctx.written_at(subject, item)
    ctx.add(subject, _RDF.type, _KG.Assertion)
    ctx.add(subject, _KG.inCase, ctx.node)
    ctx.add(subject, _KG.proposition, proposition)
    ctx.add(subject, _KG.party, party)
    ctx.add(subject, _KG.readIn, source)
    ctx.add(subject, _KG.stance, stance.iri)
    via = [ctx.ref(item, "via", v, want=_is_source(ctx), what="a source") for v in _as_list(fields.get("via") or [])]
    for original in via:
        ctx.add(subject, _PROV.wasQuotedFrom, original)
    if via:
        ctx.add(subject, _PROV.hadPrimarySource, via[-1])
    if "date" in fields:
        ctx.add(subject, _DCTERMS.date, date_literal(item, "date", fields["date"]))
    # How the account changed: a later assertion takes this one's place, or a source withdraws it.
    if "id" in fields:
        ctx.assertion_iris[fields["id"]] = subject
    source_date = ctx.ids[source_id].fields.get("date")
    if fields.get("date") or source_date:
        ctx.assertion_dates[subject] = str(fields.get("date") or source_date)
    if "supersededBy" in fields:
        ctx.superseded.append((item, subject))
    for retracting in _as_list(fields.get("retractedIn") or []):
        retraction = ctx.ref(item, "retractedIn", retracting, want=_is_source(ctx), what="a source")
        if "date" not in ctx.ids[retracting].fields:
            raise item.error(f"'retractedIn' names {retracting!r}, which needs a 'date': the day of the retraction", "retractedIn")
        ctx.add(retraction, _KG.retracts, subject)
    # The quote, anchored the Web Annotation way.
    target = f"{subject}/target"
    quote_selector = f"{subject}/quote"
    ctx.add(subject, _OA.hasTarget, target)
    ctx.add(target, _RDF.type, _OA.SpecificResource)
    ctx.add(target, _OA.hasSource, source)
    ctx.add(target, _OA.hasSelector, quote_selector)
    ctx.add(quote_selector, _RDF.type, _OA.TextQuoteSelector)
    ctx.add(quote_selector, _OA.exact, text(exact))
    document = ctx.documents.get(source_id)
    if document is not None:
        path, document = (document.path, document.text) if isinstance(document, Document) else (None, document)
        start = locate(document, exact, prefix, suffix)
        if start is None:
            raise item.error(quote_not_found(document, path, source_id, exact, prefix, suffix), "quote")
        end = start + len(exact)
        prefix = prefix or document[max(0, start - _CONTEXT):start]
        suffix = suffix or document[end:end + _CONTEXT]
        position = f"{subject}/position"
        ctx.add(target, _OA.hasSelector, position)
        ctx.add(position, _RDF.type, _OA.TextPositionSelector)
        ctx.add(position, _OA.start, integer(start))
        ctx.add(position, _OA.end, integer(end))
        ctx.stats.quotes_checked += 1
    if prefix:
        ctx.add(quote_selector, _OA.prefix, text(prefix))
    if suffix:
        ctx.add(quote_selector, _OA.suffix, text(suffix))
    _common(ctx, item, subject)


def _load_judgement(ctx: _Context, item: Item) -> str:
    fields = item.fields
    _unknown_keys(item, ctx.keys(KG.IdentityJudgement))
    pair = fields.get("pair")
    if not (isinstance(pair, list) and len(pair) == 2):
        raise item.error("'pair' must list exactly two ids", "pair")
    left, right = (str(iri) for iri in ordered_pair(*(
        ctx.ref(item, "pair", p, want=lambda t: t.section in ("entities", "sources"), what="an entity or source") for p in pair)))
    if left == right:
        raise item.error("a judgement needs two different items", "pair")
    value = ctx.schema.judgements.get(str(fields.get("judgement")))
    if value is None:
        raise item.error(f"unknown judgement {brief(fields.get('judgement'))}; expected one of {', '.join(ctx.schema.judgements)}", "judgement")
    subject = f"{BASE_IRI}{ctx.case.slug}/judgement/{pair_key(left, right)}"
    ctx.written_at(subject, item)
    ctx.add(subject, _RDF.type, KG.IdentityJudgement)
    ctx.add(subject, _KG.inCase, ctx.node)
    ctx.add(subject, _KG.left, left)
    ctx.add(subject, _KG.right, right)
    ctx.add(subject, _KG.judgement, value.iri)
    if "source" in fields:
        source = ctx.ref(item, "source", fields["source"], want=_is_source(ctx), what="a source")
        ctx.add(subject, ctx.term(KG.IdentityJudgement, "source"), source)
    if "judgedBy" in fields:
        ctx.add(subject, ctx.term(KG.IdentityJudgement, "judgedBy"), ctx.ref(item, "judgedBy", fields["judgedBy"]))
    if value.iri == KG.Same:
        ctx.add(left, _OWL.sameAs, right)
    elif value.iri == KG.Different:
        ctx.add(left, _OWL.differentFrom, right)
    _common(ctx, item, subject)
    return subject


def _load_question(ctx: _Context, item: Item) -> None:
    fields = item.fields
    subject = _worded_item(ctx, item, KG.OpenQuestion, "asks", KG.asks)
    status = ctx.schema.question_statuses.get(str(fields.get("status", "open")))
    if status is None:
        raise item.error(f"unknown question status {brief(fields.get('status'))}; expected one of {', '.join(ctx.schema.question_statuses)}", "status")
    ctx.add(subject, _KG.status, status.iri)
    about = _as_list(fields.get("about") or [])
    if not about:
        raise item.error("a question needs 'about': the entities or propositions it concerns", "id")
    for target in about:
        ctx.add(subject, _KG.about, ctx.ref(item, "about", target))
    for key in ("resolvableBy", "answer"):
        if key in fields:
            ctx.add(subject, ctx.term(KG.OpenQuestion, key), text(text_value(item, key, fields[key])))
    if "raisedIn" in fields:
        source = ctx.ref(item, "raisedIn", fields["raisedIn"], want=_is_source(ctx), what="a source")
        ctx.add(subject, ctx.term(KG.OpenQuestion, "raisedIn"), source)
    # A question's 'status' is open/resolved, so its review status is 'review'.
    _common(ctx, item, subject, status_key="review")


def _case_records(case: Case, documents: Documents | None = None, schema: CaseSchema | None = None) -> tuple[list[Triple], LoadStats]:
    """All triples of one case, terms as plain text (:mod:`kg.loaders.ntriples`), or a :class:`LoadError`."""
    ctx = _Context(case=case, schema=schema or case_schema(), documents=documents or {}, stats=LoadStats())
    _register_ids(ctx)
    case_node = ctx.node
    ctx.add(case_node, _RDF.type, _KG.Case)
    ctx.add(case_node, _RDFS.label, text(case.title))
    ctx.add(case_node, _DCTERMS.title, text(case.title))
    if case.description:
        ctx.add(case_node, _DCTERMS.description, text(case.description))
    judged: dict[str, Item] = {}
    for item in case.items:
        if item.section in ("sources", "entities"):
            _load_entity(ctx, item)
        elif item.section == "propositions" and _is_restatement(item):
            _load_restatement(ctx, item)
        elif item.section == "propositions":
            _load_proposition(ctx, item)
        elif item.section == "judgements":
            subject = _load_judgement(ctx, item)
            if subject in judged:
                first = judged[subject]
                raise item.error(f"this pair is already judged at {first.path}:{first.line}", "pair")
            judged[subject] = item
        elif item.section == "questions":
            _load_question(ctx, item)
    _resolve_superseded(ctx)
    return ctx.triples, ctx.stats


def case_triples(case: Case, documents: Documents | None = None, schema: CaseSchema | None = None) -> tuple[list[Triple], LoadStats]:
    """All triples of one case as rdflib terms, or a :class:`LoadError` for the first problem.

    ``documents`` maps source ids to their text; quotes read in those sources
    are located and their offsets recorded.
    """
    triples, stats = _case_records(case, documents, schema)
    stats.locations = {rdflib_term(node): place for node, place in stats.locations.items()}
    return rdflib_triples(triples), stats


def case_ntriples(case: Case, documents: Documents | None = None, schema: CaseSchema | None = None) -> tuple[list[str], LoadStats]:
    """What :func:`case_triples` gives, as N-Triples lines (in no order, maybe repeated), with no rdflib term on the way.

    ``stats.locations`` is keyed by the nodes' IRIs as text. This is the build's route.
    """
    triples, stats = _case_records(case, documents, schema)
    return ntriples(triples), stats
