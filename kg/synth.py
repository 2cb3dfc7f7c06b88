"""A deterministic synthetic corpus in the case format, for benchmarks.

``synthesize(out, triples=1_000_000, seed=1)`` writes case folders that look
like real ones: organisations, people, systems and software changes;
incidents with dates, mechanisms and effects, some of them reported twice
under slightly different names (so identity analysis has work); sources with
documents, and propositions on which parties take conflicting stances;
identity judgements on some of the near-duplicate pairs; open and resolved
questions. The same arguments always give byte-identical files.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> result = synthesize(out, triples=5000, seed=1)
>>> result.cases, (out / "synth-00000" / "case.yaml").is_file()
(2, True)

YAML is written by hand (every free text as a JSON string, which YAML reads
as a double-quoted scalar): PyYAML's emitter would take longer than the build.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.progress import Progress
from kg.vocab import CLS

__all__ = ["SynthResult", "synthesize", "DOCUMENTS_DIR"]

#: Written into the output folder, so that only a folder kg synth wrote is ever replaced.
_MARKER = ".kg-synth"
#: Sub-folder of the output that holds the sources' documents (``kg build --documents``).
DOCUMENTS_DIR = "documents"
#: Roughly how many triples one synthetic case holds.
TRIPLES_PER_CASE = 2100


def _ontology_triples() -> int:
    """Triples of the ontology, which every build adds (counted, so new terms keep the estimate true)."""
    from kg.ontology import ontology_graph

    return len(ontology_graph())

_COMPANIES = [
    "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark Logistics", "Acme Cloud", "Tyrell",
    "Wonka Retail", "Cyberdyne", "Soylent Foods", "Massive Dynamic", "Aperture Labs", "Oscorp",
    "Wayne Freight", "Monarch Bank", "Nakatomi Trading", "Gringotts Payments", "Pied Piper", "Dunder Paper",
]
_PUBLISHERS = ["The Wire", "Daily Ledger", "Tech Courier", "Morning Signal", "Systems Weekly", "The Record", "Infra Times"]
_REGULATORS = ["Digital Markets Authority", "Payments Oversight Board", "Consumer Safety Office"]
_FIRST = ["Ada", "Ben", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana", "Ivan", "Jun", "Kemi", "Lars", "Mei", "Noor",
          "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tomas", "Uma", "Viktor", "Wen", "Yara", "Zoe"]
_LAST = ["Adams", "Baker", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat", "Ito", "Jensen", "Kowalski",
         "Larsen", "Moreau", "Novak", "Okafor", "Petrov", "Quist", "Rossi", "Silva", "Tanaka", "Ueda", "Varga", "Weber"]
_TITLES = ["Chief technology officer", "Head of reliability", "Site reliability engineer", "Spokesperson",
           "Vice president of engineering", "Incident commander", "Staff engineer", "Reporter", "Analyst"]
_SYSTEMS = ["checkout", "payments", "search", "login", "inventory", "shipping", "pricing", "recommendations",
            "notifications", "accounts", "billing", "storage", "messaging", "maps", "streaming"]
_MECHANISMS = ["configuration push", "database migration", "certificate rotation", "code deployment",
               "feature flag change", "capacity change", "DNS update", "dependency upgrade", "schema change"]
_EFFECTS = ["customers could not pay", "prices did not load", "accounts were locked", "orders were duplicated",
            "search returned nothing", "deliveries were delayed", "notifications stopped", "data was corrupted"]
_SAFEGUARDS = ["two-person review", "staged rollout", "change freeze", "automated canary", "senior sign-off",
               "rollback plan", "load test", "change ticket"]
_AI = ["code assistant", "deploy bot", "review copilot", "ops agent"]
_FILLER = [
    "The company did not respond to further questions.", "Several customers described the disruption online.",
    "Engineers worked through the night to restore service.", "People familiar with the matter spoke on condition of anonymity.",
    "The account could not be independently verified.", "Shares were little changed after the report.",
    "A spokesperson said the matter was under review.", "Internal documents seen by this publication tell a different story.",
]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


@dataclass
class SynthResult:
    out: Path
    cases: int
    estimated_triples: int
    incidents: int
    documents: int
    files: list[Path] = field(default_factory=list)


def _ids(values: list[str]) -> str | list[str]:
    """One id as itself, more as a list (as a researcher writes them)."""
    return values[0] if len(values) == 1 else list(values)


def _day(text: str) -> datetime.date:
    """A YYYY-MM-DD date, written unquoted in the case file."""
    return datetime.date.fromisoformat(text)


class _CaseWriter:
    """Builds one case's items as data, counting the triples the loader will make."""

    def __init__(self, slug: str, rng: random.Random):
        self.slug = slug
        self.rng = rng
        self.sections: dict[str, list[dict]] = {"sources": [], "entities": [], "propositions": [], "judgements": [], "questions": []}
        self.triples = 4  # the case node: type, label, title, description
        self.quotes: dict[str, list[str]] = {}  # article id → quotes read in it
        self.incidents = 0

    def item(self, section: str, item_id: str | None, fields: list[tuple[str, Any, int]]) -> None:
        """``fields``: (key, value, triples it makes)."""
        entry = {} if item_id is None else {"id": item_id}
        entry.update((key, value) for key, value, _ in fields)
        self.sections[section].append(entry)
        self.triples += 3 + sum(n for _, _, n in fields)  # type, inCase, reviewStatus

    def entity(self, item_id: str, type_name: str, label: str, **props) -> None:
        from kg.ontology import case_schema

        schema = case_schema()
        if type_name not in schema.classes:  # the corpus uses the case files' words, as kg.ttl gives them
            raise ValueError(f"kg.ttl has no class {type_name!r} for case files")
        fields = [("type", type_name, 0), ("label", label, 1)]
        for key, value in props.items():
            if value is None:
                continue
            if isinstance(value, list):
                fields.append((key, _ids(value), len(value)))
            elif key in ("date", "notBefore", "notAfter"):
                fields.append((key, _day(value), 1))
            else:
                fields.append((key, value, 1))
        self.item("sources" if schema.is_source_class(schema.classes[type_name]) else "entities", item_id, fields)


def _date(rng: random.Random, year: int) -> tuple[str, tuple[int, int, int]]:
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    return f"{year}-{month:02d}-{day:02d}", (year, month, day)


def _variant_label(rng: random.Random, system: str, mechanism: str, ymd: tuple[int, int, int]) -> tuple[str, str]:
    """Two names for one incident, as two newsrooms might write them."""
    year, month, day = ymd
    first = f"{system.capitalize()} outage on {day} {_MONTHS[month - 1]} {year}"
    second = rng.choice([
        f"{system.capitalize()} service outage ({_MONTHS[month - 1]} {day}, {year})",
        f"{system.capitalize()} outage after {mechanism}, {day} {_MONTHS[month - 1][:3]} {year}",
        f"Outage of {system} on {day} {_MONTHS[month - 1]}",
    ])
    return first, second


def _stance_sides() -> tuple[list[str], list[str]]:
    """The first party's stances (affirming), and the others' (opposing, neutral, then the last affirming one).

    Read off the ontology (:func:`kg.ontology.stances`).

    >>> _stance_sides()
    (['asserts', 'confirms'], ['denies', 'disputes', 'narrows', 'hedges', 'confirms'])
    """
    from kg.ontology import stances

    affirming = [s.notation for s in stances() if (s.polarity or 0) > 0]
    opposing = [s.notation for s in stances() if (s.polarity or 0) < 0]
    neutral = [s.notation for s in stances() if not s.polarity]
    return affirming, opposing + neutral + affirming[-1:]


def _write_case(index: int, seed: int, size: float, incident_share: float) -> _CaseWriter:
    rng = random.Random(f"kg-synth:{seed}:{index}")
    affirming, others = _stance_sides()
    slug = f"synth-{index:05d}"
    case = _CaseWriter(slug, rng)
    year = 2020 + index % 7
    company = _COMPANIES[index % len(_COMPANIES)]
    n = lambda base: max(1, round(base * size * rng.uniform(0.7, 1.3)))  # noqa: E731

    # Organisations, units, roles, people.
    case.entity("company", CLS.Organization, company, aliases=[f"{company} Inc."], description=f"The company at the centre of case {index}.")
    publishers = [f"publisher-{i}" for i in range(min(3, n(2)))]
    publisher_names = {pid: _PUBLISHERS[(index + i) % len(_PUBLISHERS)] for i, pid in enumerate(publishers)}
    for pid, name in publisher_names.items():
        case.entity(pid, CLS.Organization, name)
    case.entity("regulator", CLS.Organization, _REGULATORS[index % len(_REGULATORS)])
    case.entity("unit-eng", CLS.OrganizationalUnit, f"{company} engineering", unitOf="company")
    case.entity("role-approver", CLS.Role, "Change approver", roleIn="company")
    people = []
    for i in range(n(6)):
        pid = f"person-{i}"
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        reporter = i % 4 == 3
        case.entity(pid, CLS.Person, name, jobTitle="Reporter" if reporter else rng.choice(_TITLES),
                    memberOf=rng.choice(publishers) if reporter else "company", role="role-approver" if i == 0 else None)
        people.append(pid)
    # Systems, AI tools, the outage tracker, meetings.
    systems = []
    for i, name in enumerate(rng.sample(_SYSTEMS, min(len(_SYSTEMS), n(4)))):
        sid = f"system-{name}"
        case.entity(sid, CLS.System, f"{company} {name}", operatedBy="company", description=f"The {name} system of {company}.")
        systems.append((sid, name))
    case.entity("ai-tool", CLS.AISystem, f"{company} {rng.choice(_AI)}", operatedBy="company")
    case.entity("tracker", CLS.System, "Public outage tracker", operatedBy=publishers[0])
    case.entity("ops-review", CLS.MeetingSeries, "Weekly operations review", operatedBy="company")
    meetings = []
    for i in range(n(2)):
        date, _ = _date(rng, year)
        case.entity(f"meeting-{i}", CLS.Meeting, f"Operations review of {date}", series="ops-review", organizer=rng.choice(people),
                    mandatory=bool(i % 2 == 0), date=date)
        meetings.append(f"meeting-{i}")
    case.entity("trend", CLS.IncidentTrend, f"Run of {company} outages in {year}", affected=["company"], notBefore=f"{year}-01-01",
                dateText=f"since early {year}", discussedAt=meetings[:1])
    # Safeguards.
    safeguards = []
    for i, name in enumerate(rng.sample(_SAFEGUARDS, min(len(_SAFEGUARDS), n(3)))):
        gid = f"safeguard-{i}"
        case.entity(gid, CLS.Safeguard, f"{name.capitalize()} at {company}", approver="role-approver", description=f"A {name} required before changes.")
        safeguards.append(gid)
    # Incidents, their changes and effects; some reported twice.
    incident_ids: list[str] = []
    duplicates: list[tuple[str, str]] = []
    # A corpus built for the identity benchmark is mostly incidents: fewer
    # changes and effects (each shared by several incidents), fewer claims.
    incident_mode = incident_share > 1
    changes_of: list[str] = []
    effect_pool = []
    if incident_mode:
        for k in range(4):
            case.entity(f"effect-{k}", CLS.Effect, _EFFECTS[(index + k) % len(_EFFECTS)].capitalize())
            effect_pool.append(f"effect-{k}")
    for i in range(n(14 * incident_share)):
        sid, sname = rng.choice(systems)
        mechanism = rng.choice(_MECHANISMS)
        date, ymd = _date(rng, year)
        change = f"change-{i - i % 5}" if incident_mode else f"change-{i}"
        if change == f"change-{i}":
            case.entity(change, CLS.SoftwareChange, f"{mechanism.capitalize()} to {company} {sname}", involved=[sid],
                        assistedBy="ai-tool" if rng.random() < 0.3 else None, date=date)
        if incident_mode:
            effect = rng.choice(effect_pool)
        else:
            effect = f"effect-{i}"
            case.entity(effect, CLS.Effect, rng.choice(_EFFECTS).capitalize())
        label, other = _variant_label(rng, sname, mechanism, ymd)
        reports = rng.randrange(500, 50000, 500)
        iid = f"incident-{i}"
        case.entity(iid, CLS.Incident, label, date=date, affected=["company", sid], mechanism=change, effects=[effect],
                    partOf="trend", reportedTo="tracker", reportCount=reports, reportCountText=f"more than {reports:,} users",
                    discussedAt=[rng.choice(meetings)] if rng.random() < 0.3 else None)
        incident_ids.append(iid)
        changes_of.append(change)
        case.incidents += 1
        if rng.random() < 0.15:
            twin = f"incident-{i}-b"
            day_shift = rng.choice([0, 0, 1])
            twin_date = f"{ymd[0]}-{ymd[1]:02d}-{min(28, ymd[2] + day_shift):02d}"
            case.entity(twin, CLS.Incident, other, date=twin_date, affected=["company", sid] if incident_mode else ["company"],
                        mechanism=change if incident_mode and rng.random() < 0.5 else None,
                        dateText=rng.choice(["earlier this month", "last week", None]))
            duplicates.append((iid, twin))
            case.incidents += 1
    # Sources: articles with documents, statements and memos they report, posts.
    articles = []
    for i in range(max(1, n(4))):
        aid = f"article-{i}"
        date, _ = _date(rng, year)
        articles.append((aid, date, rng.choice(publishers), rng.choice(people)))
        case.quotes[aid] = []
    statements = []
    for i in range(n(2)):
        stid = f"statement-{i}"
        case.entity(stid, CLS.PublicStatement, f"{company} statement {i + 1}", publisher="company", reportedIn=rng.choice(articles)[0])
        statements.append(stid)
    memos = []
    for i in range(n(1.5)):
        mid = f"memo-{i}"
        case.entity(mid, CLS.InternalDocument, f"Internal {company} memo {i + 1}", reportedIn=rng.choice(articles)[0])
        memos.append(mid)
    for i in range(n(1.5)):
        case.entity(f"post-{i}", CLS.SocialMediaPost, f"Post by an affected customer ({i + 1})", about=[rng.choice(incident_ids)] if incident_ids else None,
                    inReplyTo=f"post-{i - 1}" if i else None, date=_date(rng, year)[0])
    # Propositions with conflicting assertions.
    parties = [("company", statements), ("regulator", []), *((m, [m]) for m in memos)]
    propositions = []
    for i, iid in enumerate(incident_ids):
        if incident_mode and rng.random() > 0.05:
            continue
        for j in range(rng.choice([1, 1, 2, 3])):
            pid = f"claim-{i}-{j}"
            kind = rng.randrange(3)
            if kind == 0:
                text = f"The {iid.replace('-', ' ')} was caused by {changes_of[i].replace('-', ' ')}."
                about = [iid, changes_of[i]]
            elif kind == 1:
                safeguard = rng.choice(safeguards)
                text = f"{safeguard.replace('-', ' ').capitalize()} was skipped before {changes_of[i].replace('-', ' ')}."
                about = [changes_of[i], safeguard]
            else:
                text = f"The {iid.replace('-', ' ')} affected more customers than {company} said."
                about = [iid, "company"]
            assertions = []
            case.triples += 5 + len(about)
            chosen = rng.sample(parties, min(len(parties), rng.choice([1, 2, 2, 3, 4])))
            for k, (party, vias) in enumerate(chosen):
                aid, adate, _, _ = rng.choice(articles)
                stance = rng.choice(affirming) if k == 0 else rng.choice(others)
                quote = f"{rng.choice(_FIRST).lower()} {rng.choice(_MECHANISMS)} {pid} {k} {rng.choice(_EFFECTS)}"
                case.quotes[aid].append(quote)
                assertion = {"party": party, "source": aid}
                case.triples += 19  # with its quote located in the document
                if vias:
                    assertion["via"] = rng.choice(vias)
                    case.triples += 2
                assertion["stance"] = stance
                assertion["quote"] = quote
                if rng.random() < 0.4:
                    assertion["date"] = _day(adate)
                    case.triples += 1
                if rng.random() < 0.2:
                    assertion["confidence"] = float(rng.choice(["0.5", "0.7", "0.9"]))
                    case.triples += 1
                if rng.random() < 0.05:
                    assertion["status"] = "pending"
                assertions.append(assertion)
            case.sections["propositions"].append({"id": pid, "text": text, "about": _ids(about), "assertions": assertions})
            propositions.append(pid)
    # Identity judgements on about half of the near-duplicate pairs.
    from kg.ontology import Judgement

    for left, right in duplicates:
        if rng.random() < 0.5:
            continue
        verdict = rng.choice([Judgement.SAME, Judgement.SAME, Judgement.DIFFERENT, Judgement.UNSURE, Judgement.NO_JUDGEMENT])
        fields = [("pair", [left, right], 2), ("judgement", verdict.value, 1), ("source", rng.choice(articles)[0], 1),
                  ("judgedBy", rng.choice(people), 1)]
        if verdict.settles:
            fields[-1] = ("judgedBy", fields[-1][1], 2)
        case.item("judgements", None, fields)
    # Questions, mostly open.
    for i in range(max(1, len(incident_ids) // (30 if incident_mode else 3))):
        about = rng.sample(incident_ids + propositions, min(2, len(incident_ids) + len(propositions)))
        resolved = rng.random() < 0.25
        fields = [("asks", f"What caused {about[0].replace('-', ' ')}, and did the safeguards apply?", 2), ("about", _ids(about), len(about)),
                  ("status", "resolved" if resolved else "open", 1),
                  ("resolvableBy", "The post-incident review and the change records.", 1), ("raisedIn", rng.choice(articles)[0], 1)]
        if resolved:
            fields.append(("answer", "The review named the change; the safeguard was skipped.", 1))
        case.item("questions", f"question-{i}", fields)
    # Articles last: their documents hold every quote read in them.
    for aid, date, publisher, author in articles:
        case.entity(aid, CLS.NewsArticle, f"{publisher_names[publisher]} report {aid} on {company}", title=f"{company} outages under scrutiny ({aid})",
                    publisher=publisher, author=author, date=date, url=f"https://news.example.org/{slug}/{aid}",
                    document=f"{slug}--{aid}.txt", sha256="0" * 64)
    return case


def _document(case: _CaseWriter, article: str) -> bytes:
    rng = random.Random(f"{case.slug}:{article}:doc")
    parts = []
    for quote in case.quotes[article]:
        parts.append(f"{rng.choice(_FILLER)} According to the account, {quote}. {rng.choice(_FILLER)}")
    return ("\n\n".join(parts) or rng.choice(_FILLER)).encode("utf-8") + b"\n"


def _render(case: _CaseWriter, documents: Path) -> dict[str, str]:
    from kg.case_yaml import dump_case_file

    for source in case.sections["sources"]:
        if source["id"] in case.quotes:
            raw = _document(case, source["id"])
            source["sha256"] = hashlib.sha256(raw).hexdigest()
            (documents / f"{case.slug}--{source['id']}.txt").write_bytes(raw)
    files = {
        "case.yaml": dump_case_file({
            "case": case.slug,
            "title": f"Synthetic case {case.slug}",
            "description": "A generated case for benchmarks: incidents, sources and conflicting accounts.",
        }),
    }
    for name, section in (("sources.yaml", "sources"), ("entities.yaml", "entities"), ("claims.yaml", "propositions"),
                          ("judgements.yaml", "judgements"), ("questions.yaml", "questions")):
        if case.sections[section] or section in ("sources", "entities"):
            files[name] = dump_case_file({section: case.sections[section]})
    return files


def synthesize(
    out: str | os.PathLike,
    *,
    triples: int = 1_000_000,
    seed: int = 1,
    incidents: int | None = None,
    progress: Progress | None = None,
) -> SynthResult:
    """Write a corpus of about ``triples`` triples into ``out`` (replacing it).

    With ``incidents``, cases are mostly incidents and the corpus holds about
    that many, whatever ``triples`` says: the shape the identity analysis
    is benchmarked on.
    """
    root = Path(out)
    if root.exists():
        if any(root.iterdir()) and not (root / _MARKER).is_file():
            raise KGError(f"{root} exists and was not written by kg synth; give an empty or new folder")
        shutil.rmtree(root)
    documents = root / DOCUMENTS_DIR
    documents.mkdir(parents=True)
    (root / _MARKER).write_text(f"kg synth --triples {triples} --seed {seed}" + (f" --incidents {incidents}" if incidents else "") + "\n",
                                encoding="utf-8")
    share = 1.0
    if incidents is not None:
        share = 6.0
    ontology_triples = _ontology_triples()
    estimated = ontology_triples
    made_incidents = 0
    written: list[Path] = []
    index = 0
    doc_count = 0
    def more() -> bool:
        if incidents is not None:
            return made_incidents < incidents
        return index == 0 or estimated < triples - TRIPLES_PER_CASE // 2

    while more():
        case = _write_case(index, seed, 1.0, share)
        folder = root / case.slug
        folder.mkdir()
        for name, text in _render(case, documents).items():
            (folder / name).write_text(text, encoding="utf-8")
            written.append(folder / name)
        doc_count += len(case.quotes)
        estimated += case.triples
        made_incidents += case.incidents
        index += 1
        if progress:  # counted in what the target is measured in, so the count never passes its total
            if incidents is None:
                progress("writing cases (triples)", min(estimated, triples), triples)
            else:
                progress("writing cases (incidents)", min(made_incidents, incidents), incidents)
    return SynthResult(out=root, cases=index, estimated_triples=estimated, incidents=made_incidents, documents=doc_count, files=written)
