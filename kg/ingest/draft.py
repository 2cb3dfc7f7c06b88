"""An :class:`Extraction` → a draft case file a researcher reviews.

The draft uses the case format of README.md ("Writing a new case") unchanged. Every
item carries ``status: pending`` (``review: pending`` on questions, whose
``status`` is open/resolved), a ``confidence``, the ``span`` of text it came
from with ``extractedFrom`` naming the article, and a ``note`` quoting that
text. Ids are made from labels and never clash with the case's own. The same
article and case always give the same bytes: nothing depends on the clock or
on set order.
"""

from __future__ import annotations

import re

from kg.ingest.answers import dates_by_source, propositions_of
from kg.ingest.entities import ARTICLE_KEY
from kg.ingest.extract import Extraction
from kg.ingest.gazetteer import CaseIndex
from kg.ingest.incidents import date_bounds, merge_incidents
from kg.ingest.name_matches import near_matches
from kg.ingest.spans import span_fields
from kg.ingest.text import Article
from kg.vocab import CLS

__all__ = ["build_draft", "dump_draft", "draft_name", "slugify", "similar_propositions"]

_REFERENCE_KEYS = ("memberOf", "affiliation", "unitOf", "affected", "involved", "effects", "mechanism", "author")
_LITERAL_KEYS = ("jobTitle", "reportCount", "reportCountText", "date", "notBefore", "notAfter", "dateText")
_STOP = {"the", "a", "an", "of", "to", "in", "on", "at", "and", "or", "that", "was", "were", "is", "are", "had", "has", "have", "been", "be", "by", "for", "with", "it", "its", "not", "no", "only", "more", "than"}


def draft_name(sha256: str) -> str:
    """The draft file for a document: ``draft-`` and the first 12 hex digits of its SHA-256."""
    return f"draft-{sha256[:12]}.yaml"


def slugify(text: str, limit: int = 40) -> str:
    """An id-friendly slug.

    >>> slugify("King’s College London"), slugify("Amazon's AI coding assistant Q", 20)
    ('kings-college-london', 'amazons-ai-coding')
    """
    text = re.sub(r"['’]", "", text.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "item"


def _words(text: str) -> set[str]:
    return {re.sub(r"(ing|ed|es|s|er)$", "", w) for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP}


def similar_propositions(text: str, index: CaseIndex, threshold: float = 0.6, *, section: str = "propositions", key: str = "text") -> list[str]:
    """Ids of the case's propositions (or questions) whose wording is close to ``text`` (content-word overlap)."""
    mine = _words(text)
    found = []
    for item_id, fields in sorted(index.items.items()):
        if fields.get("section") != section or not isinstance(fields.get(key), str):
            continue
        theirs = _words(fields[key])
        if mine and theirs and len(mine & theirs) / len(mine | theirs) >= threshold:
            found.append(item_id)
    return found


class _Ids:
    def __init__(self, taken: set[str]):
        self.taken = set(taken)

    def make(self, base: str) -> str:
        base = slugify(base)
        candidate, n = base, 2
        while candidate in self.taken:
            candidate, n = f"{base}-{n}", n + 1
        self.taken.add(candidate)
        return candidate


def _publisher(name: str, table, index: CaseIndex, entity_ids: dict, ids, entities: list, source_id: str) -> str:
    """The id of the organization that published the page (its metadata's site name): the one this
    article or the case names so, else a new pending organization."""
    from kg.ingest.entities import ORG_TYPES
    from kg.ingest.gazetteer import normalize

    named = table.by_name(name, ORG_TYPES)
    if named is not None and entity_ids.get(named.key):
        return entity_ids[named.key]
    known = next((k for k in index.known if k.type in ORG_TYPES and normalize(name) in {normalize(n) for n in (k.label, *k.aliases)}), None)
    if known is not None:
        return known.id
    item_id = ids.make(name)
    entities.append({"id": item_id, "type": CLS.Organization, "label": name, "status": "pending", "confidence": 0.9,
                     "extractedFrom": source_id, "note": "The publisher the page's metadata names"})
    return item_id


def build_draft(article: Article, extraction: Extraction, index: CaseIndex, *, published: str | None) -> dict:
    """The draft case file (sections as lists of mappings) for one article."""
    text = extraction.text
    table = extraction.table
    ids = _Ids(index.ids())
    source_id = ids.make(f"article-{article.sha256[:12]}")
    source: dict = {"id": source_id, "type": "NewsArticle", "label": article.title or article.path.name}
    if article.title:
        source["title"] = article.title
    if published:
        source["date"] = published
    source["sha256"] = article.sha256
    source["document"] = article.path.name
    how = {"html": "the main text extracted from HTML by trafilatura", "markdown": "the Markdown text as written", "text": "the text as written"}[article.kind]
    encoding = "" if article.encoding == "utf-8" else f", decoded from {article.encoding}"
    source.update({"status": "pending", "confidence": 1.0, "span": [0, len(text)], "note": f"Drafted by kg ingest; spans count characters of {how}{encoding}."})

    merged = merge_incidents(table, index)
    entity_ids: dict[str, str] = {}
    for entity in table.entities.values():
        entity_ids[entity.key] = source_id if entity.key == ARTICLE_KEY else entity.known_id or ""
    new_entities = [e for e in table.entities.values() if e.known_id is None]
    for entity in sorted(new_entities, key=lambda e: e.first):
        entity_ids[entity.key] = ids.make(entity.label)

    sources, entities = [source], []
    for entity in sorted(new_entities, key=lambda e: e.first):
        item = {"id": entity_ids[entity.key], "type": entity.type, "label": entity.label}
        aliases = [a for a in entity.aliases if a != entity.label]
        if aliases:
            item["aliases"] = aliases
        for key in _LITERAL_KEYS:
            if key in entity.fields and entity.fields[key] not in (None, ""):
                item[key] = entity.fields[key]
        for key in _REFERENCE_KEYS:
            value = entity.fields.get(key)
            refs = [entity_ids[v] for v in (value if isinstance(value, list) else [value]) if v in entity_ids and entity_ids[v]]
            if refs:
                item[key] = refs if isinstance(value, list) else refs[0]
        if entity.type == "InternalDocument":
            item["reportedIn"] = source_id
        start, end = entity.first
        note = f"Found by rule '{entity.rule}' ({len(entity.spans)} mention{'s' if len(entity.spans) != 1 else ''})"
        if entity.fields.get("figures"):
            note += "; figures: " + "; ".join(entity.fields["figures"])
        item.update(span_fields(text, start, end, source_id, entity.confidence, note))
        (sources if entity.section == "sources" else entities).append(item)

    if article.publisher:
        source["publisher"] = _publisher(article.publisher, table, index, entity_ids, ids, entities, source_id)

    propositions = propositions_of(extraction, index, entity_ids, ids, source_id)
    propositions += dates_by_source(extraction, index, ids, source_id, merged)
    judgements = _judgements(extraction, index, entity_ids, source_id)
    questions = _questions(extraction, entity_ids, ids, source_id, sources, entities)
    for question in questions:
        similar = similar_propositions(question["asks"], index, section="questions", key="asks")
        if similar:
            question["note"] += f"; may repeat question {', '.join(repr(s) for s in similar)} of the case"
    draft: dict = {"sources": sources}
    for name, items in (("entities", entities), ("propositions", propositions), ("judgements", judgements), ("questions", questions)):
        if items:
            draft[name] = items
    return draft


def _incident_candidates(extraction: Extraction, index: CaseIndex, entity_ids: dict[str, str], source_id: str) -> list[dict]:
    """A drafted incident that may be one of the case's incidents: a pending identity candidate, with the reasons.

    Dates that cannot both hold rule a pair out; otherwise close wording, or a shared affected or
    involved item with compatible dates, makes it a candidate. Issue 2/7's scoring weighs it.
    """
    from rapidfuzz import fuzz

    from kg.ontology import Judgement

    known = [(i, f) for i, f in sorted(index.items.items()) if f.get("section") == "entities" and f.get("type") in ("Incident", "IncidentTrend")]
    found = []
    for entity in sorted(extraction.table.entities.values(), key=lambda e: e.first):
        if entity.type not in ("Incident", "IncidentTrend") or entity.known_id is not None or not entity_ids.get(entity.key):
            continue
        mine = date_bounds(entity.fields)
        linked = {entity_ids.get(k) for key in ("affected", "involved") for k in (entity.fields.get(key) or [])} - {None, ""}
        for item_id, fields in known:
            pair = tuple(sorted([entity_ids[entity.key], item_id]))
            if pair in index.judged_pairs:
                continue
            theirs = date_bounds(fields)
            if mine and theirs and (mine[1] < theirs[0] or theirs[1] < mine[0]):
                continue  # the dates cannot both hold
            wording = fuzz.token_set_ratio(entity.label.lower(), str(fields.get("label", "")).lower())
            shared = sorted(linked & {str(v) for key in ("affected", "involved") for v in (fields.get(key) or []) if isinstance(v, str)})
            dated = bool(mine and theirs)
            if not (wording >= 85 or (shared and (dated or wording >= 50)) or (dated and wording >= 60)):
                continue
            reasons = [f"wording {wording:.0f}/100"] + ([f"both affect {', '.join(shared)}"] if shared else []) + (["dates overlap"] if dated else [])
            found.append({
                "pair": list(pair),
                "judgement": Judgement.NO_JUDGEMENT.value,
                "source": source_id,
                "status": "pending",
                "confidence": round(min(0.9, 0.3 + wording / 250 + 0.2 * bool(shared) + 0.1 * dated), 2),
                "note": f"May be the same incident as '{item_id}' of the case ({'; '.join(reasons)}); drafted by kg ingest, not merged.",
            })
            index.judged_pairs.add(pair)
    return found


def _judgements(extraction: Extraction, index: CaseIndex, entity_ids: dict[str, str], source_id: str) -> list[dict]:
    from kg.ontology import Judgement

    judgements = _incident_candidates(extraction, index, entity_ids, source_id)
    for entity in sorted(extraction.table.entities.values(), key=lambda e: e.first):
        if entity.known_id is not None or entity.generic:
            continue
        for known in near_matches(entity, extraction.table.gazetteer.known):
            pair = sorted([entity_ids[entity.key], known.id])
            if tuple(pair) in index.judged_pairs:
                continue
            start, end = entity.first
            judgements.append(
                {
                    "pair": pair,
                    "judgement": Judgement.NO_JUDGEMENT.value,
                    "source": source_id,
                    "status": "pending",
                    "confidence": 0.5,
                    "note": f"Near match found by kg ingest: “{entity.label}” in the article (characters {start}-{end}) and “{known.label}” in the case; not merged.",
                }
            )
    return judgements


def _questions(extraction: Extraction, entity_ids: dict[str, str], ids: _Ids, source_id: str, sources: list[dict], entities: list[dict]) -> list[dict]:
    text = extraction.text
    incidents = [e for e in entities if e["type"] in ("Incident", "IncidentTrend")]
    questions, seen = [], set()
    for question in extraction.questions:
        if question.asks.lower() in seen:
            continue
        seen.add(question.asks.lower())
        about = [entity_ids[e.key] for e in question.about if entity_ids.get(e.key) and not e.generic]
        about = list(dict.fromkeys(about)) or ([incidents[0]["id"]] if incidents else [source_id])
        item = {"id": ids.make("q-" + question.asks[:44]), "asks": question.asks, "about": about, "status": "open", "raisedIn": source_id}
        if question.resolvable_by:
            item["resolvableBy"] = question.resolvable_by
        item.update(span_fields(text, question.start, question.end, source_id, 0.6, "Open question as written", review_key="review"))
        questions.append(item)
    return questions


def dump_draft(draft: dict, article: Article) -> bytes:
    """The draft as UTF-8 YAML bytes, with a header saying what it is."""
    from kg.case_yaml import dump_case_file

    header = (
        f"Draft written by `kg ingest` from {article.path.name} (sha256 {article.sha256}).\n"
        "Every item is pending: review it, correct it, set status: reviewed (or rejected),\n"
        "then merge it into the case files. Spans count characters of the article's text."
    )
    return dump_case_file(draft, header).encode("utf-8")

