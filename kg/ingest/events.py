"""Incidents, their effects and counts, safeguards, and reported internal documents.

- An incident is a singular noun phrase headed by outage, disruption,
  incident, failure, crash, blackout, breach ... ("the payments outage"), a
  change that went wrong ("the botched IT switch-over", "a failed migration"),
  or "X was down". A bare "the outage" refers back to the last incident of its
  head word ("outage"), else the last incident. A
  "trend" or "series" of incidents is an ``IncidentTrend``.
- Effects are "unable to ..." / "could not ..." clauses near an incident.
- Their dates are :mod:`kg.ingest.event_dates`'s.
- Counts ("more than 22,000 users") near an incident: a count of reports
  becomes ``reportCount``/``reportCountText``; others stay in the note.
- Safeguards are :mod:`kg.ingest.safeguards`'s; the noun-phrase reading both
  share is :mod:`kg.ingest.phrases`.
- An internal document is "an internal memo", "chat logs reviewed by ...",
  "Treadwell's internal message"; "the memo" refers back to it.
"""

from __future__ import annotations

import bisect
import calendar
import itertools
import re

from kg.ingest.event_dates import date_incidents, dated_apart
from kg.ingest.impact import find_impacts
from kg.ingest.kinds import DOCUMENT_NOUN_FORMS
from kg.ingest.entities import ORG_TYPES, Entity, EntityTable
from kg.ingest.phrases import LONGEST_WORD, STOP, VERBAL, denied_cause, modifiers, phrase_label
from kg.ingest.safeguards import find_safeguards
from kg.ingest.event_kinds import PREDICATE, event_kind, event_kind_of, link_causes
from kg.ingest.sentences import Sentence, sentence_at
from kg.vocab import CLS

__all__ = ["find_events", "find_documents", "parse_count", "COUNT"]

_GENERIC_DET = re.compile(r"\b(?:any|every|each|no)\s+(?:single\s+)?$", re.IGNORECASE)
_COMPOUND_AFTER = re.compile(
    r"[ ](?:tracker|trackers|guardrails?|reports?|risks?|page|response|map|monitor|monitoring|alerts?|history|rates?|"
    r"management|teams?|reviews?|detection|prevention|tracking|reporting|trend|tool|tools|data|plan|plans|"
    r"alarms?|brigades?|services?|fighters?|crews?|departments?|stations?|safety|drills?|exits?|doors?|risks?|hazards?)\b"
)
#: Words of size or gravity before an incident's head: they grade an event, never tell one from another.
_SIZE_WORDS = frozenset(
    "serious major significant massive huge widespread global nationwide worldwide unprecedented severe big large large-scale "
    "near-total total complete catastrophic dramatic extensive prolonged lengthy brief".split()
)
# "came under fire", "opened fire": no incident.
_IDIOM_BEFORE = re.compile(r"\b(?:under|open|opened|opening|held|hold|holding|cease)[ ]$", re.IGNORECASE)
_INCIDENT_HEAD = r"trouble|outage|disruption|incident|failure|breach|crash|blackout|glitch|fault|malfunction|downtime|shutdown|meltdown|cyberattack|hack|collapse|fire|explosion"
# Every repetition is bounded and every pattern starts at a word's start, so
# each one runs in time linear in the text (issue 1/7 item 5): a word longer
# than _W characters is never a modifier.
_W = LONGEST_WORD
_INCIDENT_RE = re.compile(rf"(?<![\w’'&-])(?P<mods>(?:[\w’'&-]{{1,{_W}}}[ ]){{0,3}})(?P<head>{_INCIDENT_HEAD})(?P<plural>s)?\b", re.IGNORECASE)
# A change that went wrong is an incident: "the botched IT switch-over", "a failed migration" (not "a faulty
# update": that names the thing at fault). The failure word stays out of the label ("IT switch-over").
_FAILED = r"botched|failed|bungled|disastrous|chaotic|troubled"
_CHANGE_HEAD = r"migration|upgrade|update|roll-?out|switch-?over|changeover|transition|deployment|relaunch"
_FAILED_CHANGE_RE = re.compile(rf"(?<![\w’'-])(?i:{_FAILED})[ ](?P<mods>(?:[\w’'&-]{{1,{_W}}}[ ]){{0,2}})(?P<head>(?i:{_CHANGE_HEAD}))(?P<plural>s)?\b")
_DOWN_RE = re.compile(rf"(?<![\w’'-])(?P<mods>(?:[a-z][\w-]{{0,{_W}}}[ ]){{1,2}})(?:(?:was|were|went|is|are|been)[ ](?P<head>down|offline)\b(?![ ]to\b)|(?P<head2>down)(?=[ ]for[ ]))")
_TREND_RE = re.compile(rf"\b(?P<label>(?:trend|series|run|string|spate|wave)[ ]of[ ](?:[\w-]{{1,{_W}}}[ ]){{0,2}}?(?:{_INCIDENT_HEAD})s)\b", re.IGNORECASE)
_DOC_RE = re.compile(
    rf"(?P<det>\b(?i:an?|the|one|another|that[ ]same|this|that|those|these)[ ]|(?<![\w’'-])[A-Z][\w’'-]{{0,{_W}}}['’]s[ ])?"
    rf"(?P<adj>(?:(?i:internal|leaked|confidential|private|separate|same|company|incident)[ ])*)"
    rf"(?P<head>(?i:{DOCUMENT_NOUN_FORMS}))\b(?P<seen>(?:[ ](?:by|from)[ ](?:the[ ])?(?:[A-Z][\w’'-]{{0,{_W}}}[ ]?){{1,4}},?)?[ ](?:seen|reviewed|obtained|viewed|shared|described|published)[ ](?:by|with)[ ](?:the[ ])?(?:[A-Z][\w’'-]{{0,{_W}}}(?:[ ](?=[A-Z]))?){{1,3}})?"
)
_UNITS = (
    r"users|customers|people|reports|complaints|flights|passengers|accounts|orders|transactions|homes|households|"
    r"appointments|patients|students|deliveries|parcels|vehicles|cars|SUVs|websites|sites|apps|services|servers|"
    r"employees|workers|staff|merchants|shoppers|records|devices|calls|tickets|incidents|outages|regions|businesses"
)
COUNT = re.compile(
    rf"(?P<text>(?P<qual>(?:more|fewer|less)[ ]than|over|about|around|nearly|almost|at[ ]least|roughly|some|up[ ]to|approximately|an[ ]estimated)?[ ]?"
    rf"(?<![\d.,])(?P<num>\d{{1,3}}(?:,[ ]?\d{{3}}){{1,6}}(?![\d])|\d{{1,15}}(?:\.\d{{1,6}})?(?:[ ](?:million|billion|thousand))?)[ ](?:[a-z-]{{1,{_W}}}[ ]){{0,2}}?(?P<unit>{_UNITS}))\b",
    re.IGNORECASE,
)
_EFFECT_RE = re.compile(r"\b(?:unable|not[ ]able)[ ]to[ ](?P<vp>[^.;:]+)|\b(?:could[ ]not|couldn[’']t|cannot|can[’']t)[ ](?P<vp2>[^.;:]+)", re.IGNORECASE)
_NOT_EFFECTS = re.compile(r"^(?:say|confirm|comment|verify|determine|know|tell|rule|be[ ]reached|explain|wait|respond)\b", re.IGNORECASE)
_VP_END = re.compile(
    r"\s+(?:during|after|since|until|when|while|because|before|as)\s|\s+\d|,\s+(?:which|who|but|after|when|while|as|the|a)\b"
    r"|\s+for\s+(?:\d|an?\b|one|two|three|four|five|six|seven|eight|nine|ten|several|up|more|about|nearly|most|hours|days)"
    r"|\s+on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
)


def parse_count(text: str) -> int | None:
    """The number in a count as written.

    >>> parse_count("More than 22, 000 users"), parse_count("about 1.2 million customers")
    (22000, 1200000)
    """
    m = re.search(r"(\d{1,3}(?:,\s?\d{3})+|\d+(?:\.\d+)?)(?:\s(million|billion|thousand))?", text)
    if not m:
        return None
    number = float(re.sub(r"[,\s]", "", m.group(1)))
    scale = {"million": 1_000_000, "billion": 1_000_000_000, "thousand": 1000}.get((m.group(2) or "").lower(), 1)
    return int(round(number * scale))








def _key(label: str) -> set[str]:
    return {w.rstrip("s") for w in re.split(r"[\s-]+", label.lower()) if w and w not in STOP}


_MONTH_KEYS = {name.lower().rstrip("s") for name in calendar.month_name if name}


def _same_name(a: str, b: str) -> bool:
    """Do two incident labels name the same incident: the same words, or one adding only its month to
    a name of two words or more (a bare "outage" is read by where it stands, not by its words)?

    >>> _same_name("February AT&T outage", "AT&T outage"), _same_name("April blackout", "June blackout")
    (True, False)
    >>> _same_name("July outage", "outage")
    False
    """
    ka, kb = _key(a), _key(b)
    if ka == kb:
        return True
    short, long = sorted((ka, kb), key=len)
    return len(short) >= 2 and short < long and long - short <= _MONTH_KEYS


class _Covered:
    """Spans found so far; asks whether an offset lies in one, in logarithmic time.

    >>> c = _Covered(); c.add(10, 20); c.add(30, 35)
    >>> c.holds(15), c.holds(20), c.holds(31)
    (True, False, True)
    """

    def __init__(self):
        self._spans: list[tuple[int, int]] = []
        self._longest = 0

    def add(self, start: int, end: int) -> None:
        bisect.insort(self._spans, (start, end))
        self._longest = max(self._longest, end - start)

    def holds(self, index: int) -> bool:
        at = bisect.bisect_left(self._spans, (index - self._longest, -1))
        for start, end in itertools.islice(self._spans, at, None):
            if start > index:
                return False
            if start <= index < end:
                return True
        return False


#: A part of a set before "the": "none of the outages", "one of the failures".
_SET_OF = re.compile(r"\b(?i:none|one|some|all|any|each|many|most|several|two|three|four|both|either|neither|few)[ ]of[ ]the[ ]$")
#: "the" and at most two words before a plural head: "the IT failures", "the outages".
_DEFINITE_BEFORE = re.compile(rf"(?<![\w’'-])(?i:the)[ ](?:[\w’'&-]{{1,{_W}}}[ ]){{0,2}}$")


def _incidents(table: EntityTable, text: str, sentences: list[Sentence], published: str | None) -> list[Entity]:
    found: list[tuple[int, int, str, str, str]] = []  # start, end, label, kind, head
    covered = _Covered()
    for m in _TREND_RE.finditer(text):
        found.append((m.start("label"), m.end("label"), m.group("label"), "IncidentTrend", "trend"))
        covered.add(m.start("label"), m.end("label"))
    for pattern in (_INCIDENT_RE, _DOWN_RE, _FAILED_CHANGE_RE):
        for m in pattern.finditer(text):
            head_group = "head" if m.group("head") else "head2"
            head_start, head_end = m.start(head_group), m.end(head_group)
            if covered.holds(head_start):
                continue
            if m.groupdict().get("plural"):
                # "the IT failures" after the incident is a mention of it; a plural never makes one ("outages are rare").
                the = _DEFINITE_BEFORE.search(text, max(0, head_start - 70), head_start) if pattern is _INCIDENT_RE else None
                if the is not None and not _COMPOUND_AFTER.match(text, m.end()):
                    found.append((the.start() + 4, m.end(), text[the.start() + 4:m.end()], "mention", m.group("head").lower()))
                continue
            if pattern is _FAILED_CHANGE_RE and STOP & {w for w in m.group("mods").split() if w.islower()}:
                continue  # "failed to update", "botched the roll-out": no change named
            if pattern is _INCIDENT_RE and _COMPOUND_AFTER.match(text, head_end):
                continue  # "outage tracker", "outage guardrails": the word modifies another noun
            if pattern is _INCIDENT_RE and _IDIOM_BEFORE.search(text, max(0, head_start - 12), head_start):
                continue
            before = text[max(0, m.start("mods") - 30):m.end("mods")]
            words = m.group("mods").split()
            if words and words[-1].lower() in VERBAL or _GENERIC_DET.search(before):
                continue
            start, mods = modifiers(text, m.start("mods"), m.end("mods"), limit=3, proper=True)
            if denied_cause(text, start):
                continue  # "was not caused by a cyberattack": a cause denied, no incident
            if pattern is _FAILED_CHANGE_RE:  # "IT switch-over": every word between the failure word and the head
                start, mods = m.start("mods") if m.group("mods") else m.start("head"), m.group("mods").split()
            if pattern is _DOWN_RE:
                if not mods:
                    continue
                label = " ".join([*mods, "down"])
            else:
                label = " ".join([*mods, m.group("head")])
            found.append((start, head_end, label, "Incident", m.group(head_group).lower()))
            covered.add(start, head_end)
    found.sort()
    incidents: list[Entity] = []
    last: Entity | None = None
    for start, end, label, kind, head in found:
        if kind == "mention":
            # only an incident's, and not a part of a set ("none of the outages", "one of the failures"): those count
            # the events a trend or a claim is about, they name none.
            if last is not None and last.type == CLS.Incident and not table.is_taken(start, end) \
                    and not _SET_OF.search(text, max(0, start - 20), start):
                table.mention(last, start, end)
            continue
        head_start = end - len(label.split()[-1]) if kind == "Incident" else start
        if table.is_taken(head_start, end):
            last = table.at(start, end, {"Incident", "IncidentTrend"}) or last
            continue
        sentence = sentence_at(sentences, start)
        determiner = text[max(0, start - 12):start].lower()
        indefinite = re.search(r"\b(?:an?|one|another)\s+$", determiner) is not None
        bare = len(label.split()) == 1
        # A fire or an attack named here is an event of its own, never a mention of an outage (nor of an event of
        # another kind) named before it; "the outage was a cyberattack", "signs of a hack" say what the outage was.
        # "The hack" with no hack named before refers back to the event named before, whatever its kind.
        own = kind == CLS.Incident and event_kind(head) != "outage" and not PREDICATE.search(text, max(0, start - 40), start)
        alike = [i for i in incidents if event_kind_of(i) == event_kind(head)] if own else incidents
        if own and not alike and bare and not indefinite:
            own, alike = False, incidents
        same = next((i for i in incidents if _same_name(i.label, label)), None)
        same_head = next((i for i in reversed(incidents) if i.fields.get("_head") == head), None)
        in_sentence = next((i for i in alike if sentence and sentence.start <= i.first[0] < sentence.end), None)
        last_alike = (alike[-1] if alike else None) if own and last is not None and event_kind_of(last) != event_kind(head) else last
        systems = [e for _, _, e in table.mentions_in(sentence.start, sentence.end, {"AISystem", "System"})] if sentence else []
        if kind == "Incident" and bare and indefinite and systems and incidents:
            label = f"{label} involving {systems[0].label}"
            same = None
        elif same is None and kind == "Incident" and incidents:
            if in_sentence is not None:
                same = in_sentence
            elif bare or not indefinite or all(w.lower() in _SIZE_WORDS for w in label.split()[:-1]):
                # "the outage" after "a data breach" is the outage named before it; so is "a serious failure"
                # or "an unprecedented disruption": words of size or gravity tell no second event apart.
                same = same_head or last_alike
        if same is not None:
            table.mention(same, start, end)
            last = same
            continue
        # "a separate login failure", "the earlier outage": the word tells this one from another, it names neither.
        named = re.sub(r"^(?:separate|earlier|previous|later|latest|second)[ ](?=\S+[ ]\S)", "", label, flags=re.IGNORECASE)
        incident = table.new(kind, phrase_label(named), start, end, rule="incident phrase", confidence=0.6 if bare else 0.7)
        incident.fields["_head"] = head
        incidents.append(incident)
        last = incident
    for incident in incidents:
        _describe_incident(table, incident, text, sentences, published)
    link_causes(text, incidents)
    return incidents


def _describe_incident(table: EntityTable, incident: Entity, text: str, sentences: list[Sentence], published: str | None) -> None:
    start, end = incident.first
    sentence = sentence_at(sentences, start)
    if sentence is None:
        return
    window = text[max(sentence.start, start - 40):end + 40]
    for s, e, entity in table.mentions_in(sentence.start, sentence.end, ORG_TYPES | {"System", "AISystem"}):
        if entity.type == "AISystem":
            incident.fields.setdefault("involved", [])
            if entity.key not in incident.fields["involved"]:
                incident.fields["involved"].append(entity.key)
        elif text[s:e] in window:
            incident.fields.setdefault("affected", [])
            if entity.key not in incident.fields["affected"]:
                incident.fields["affected"].append(entity.key)


def _effects_and_counts(table: EntityTable, text: str, sentences: list[Sentence], incidents: list[Entity]) -> None:
    if not incidents:
        return
    for index, sentence in enumerate(sentences):
        current = _current_incident(table, sentences, index, incidents)
        if current is None:
            continue
        near = any(table.mentions_in(s.start, s.end, {"Incident"}) for s in sentences[max(0, index - 2): index + 1])
        if not near:
            continue
        for m in _EFFECT_RE.finditer(sentence.text):
            vp = m.group("vp") or m.group("vp2")
            if _NOT_EFFECTS.match(vp):
                continue
            offset = sentence.start + (m.start("vp") if m.group("vp") else m.start("vp2"))
            vp = _VP_END.split(vp)[0]
            for part in re.finditer(r"[^,]+?(?=,\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+(?=[a-z]+\s)|$)", vp):
                phrase = part.group(0).strip(" ,")
                phrase = re.sub(r"^(?:or|and)\s+", "", phrase)
                if len(phrase.split()) < 1 or not re.match(r"[a-z]", phrase):
                    continue
                p_start = offset + part.start() + part.group(0).find(phrase)
                effect = table.new("Effect", phrase_label(f"unable to {phrase}"), p_start, p_start + len(phrase), rule="effect clause", confidence=0.6)
                current.fields.setdefault("effects", [])
                if effect.key not in current.fields["effects"]:
                    current.fields["effects"].append(effect.key)
        for m in COUNT.finditer(sentence.text):
            count_text = m.group("text").strip()
            if re.search(r"\breport|\bcomplain", sentence.text, re.IGNORECASE) and "reportCount" not in current.fields:
                current.fields["reportCount"] = parse_count(count_text)
                current.fields["reportCountText"] = count_text
            else:
                current.fields.setdefault("figures", [])
                if count_text not in current.fields["figures"]:
                    current.fields["figures"].append(count_text)


def _current_incident(table: EntityTable, sentences: list[Sentence], index: int, incidents: list[Entity]) -> Entity | None:
    last = table.last_before(sentences[index].end, {"Incident"})
    return last or next((i for i in incidents if i.type == "Incident"), None)




def find_documents(table: EntityTable, text: str) -> list[Entity]:
    """Internal documents the article reports on, as ``InternalDocument`` sources."""
    documents: list[Entity] = []
    for m in _DOC_RE.finditer(text):
        det = (m.group("det") or "").strip().lower()
        adj = (m.group("adj") or "").lower()
        head = m.group("head").lower()
        reported = "internal" in adj or "leaked" in adj or "confidential" in adj or bool(m.group("seen")) or head in {"chat logs"}
        stem = head.split()[-1].rstrip("s").replace("e-mail", "email")
        previous = next((d for d in reversed(documents) if d.fields.get("_head") == stem), None)
        start = m.start("adj") if adj else m.start("head")
        end = m.end("head")
        if table.is_taken(start, end):
            continue
        owner_org = re.match(r"[ ](?:by|from)[ ](?:the[ ])?(?P<org>(?:[A-Z][\w’'-]*[ ]?){1,4})", m.group("seen") or "")
        indefinite = det in {"a", "an", "another"} or "separate" in adj or re.search(r"\b(?:a|an|another)[ ](?:[\w-]+[ ])?$", text[max(0, m.start() - 30):m.start()]) is not None
        if previous is not None and not indefinite:
            table.mention(previous, start, end)
            continue
        if not reported:
            continue
        label = phrase_label(re.sub(r"^(?:an?|the|one|another|that same|this|that)\s+", "", m.group(0), flags=re.IGNORECASE))
        owner = re.match(r"([A-Z][\w’'-]*)['’]s$", (m.group("det") or "").strip())
        doc = table.new("InternalDocument", label, start, end, rule="reported document", confidence=0.7, section="sources")
        doc.fields["_head"] = stem
        if owner_org:
            org_start = m.start("seen") + owner_org.start("org")
            author = table.at(org_start, org_start + len(owner_org.group("org").strip()))
            if author is not None:
                doc.fields["author"] = author.key
        if owner:
            author = table.at(m.start("det"), m.start("det") + len(owner.group(1)))
            if author is not None:
                doc.fields["author"] = author.key
        documents.append(doc)
    return documents


def _impacts(table: EntityTable, text: str, sentences: list[Sentence], incidents: list[Entity], published: str | None) -> None:
    """Each impact clause is a mention of the incident it tells of: the last one named before it, else
    the article's first; with none named, the first impact clause makes one."""
    for sentence in sentences:
        for start, end, name in find_impacts(text, sentence.start, sentence.end):
            if table.is_taken(start, end) and table.at(start, end, {"Incident", "IncidentTrend"}) is not None:
                continue
            current = table.last_before(start, {"Incident"}) or next((i for i in incidents if i.type == "Incident"), None)
            if current is None:
                label = re.sub(r"\s+", " ", text[start:end]).strip()
                current = table.new("Incident", phrase_label(label[:80]), start, end, rule=f"impact statement ({name})", confidence=0.55)
                incidents.append(current)
                _describe_incident(table, current, text, sentences, published)
            else:
                table.mention(current, start, end)


def find_events(table: EntityTable, text: str, sentences: list[Sentence], published: str | None, date_spans=(),
                date_tree=None) -> None:
    """Add incidents (with effects, counts, dates), safeguards and internal documents to ``table``.

    ``date_spans`` are a parser's DATE entities, ``(start, end)`` offsets into ``text``: phrases the
    date patterns do not know are read with ``dateparser`` against ``published``. ``date_tree`` (a
    :class:`kg.ingest.date_tree.DateTree`) binds each date to the words it modifies."""
    find_documents(table, text)
    incidents = _incidents(table, text, sentences, published)
    _impacts(table, text, sentences, incidents, published)
    # The case's own incidents named here get this article's date too: two sources may date one event differently.
    known = [e for e in table.entities.values() if e.known_id is not None and e.type in ("Incident", "IncidentTrend")]
    dating = {"date_spans": date_spans, "tree": date_tree, "everyone": incidents + known}
    date_incidents(text, sentences, incidents, published, **dating)
    date_incidents(text, sentences, known, published, lead=False, **dating)
    incidents += dated_apart(table, text, incidents, published, date_spans)
    _effects_and_counts(table, text, sentences, incidents)
    find_safeguards(table, text)
