"""Python names for the terms of ``ontology/kg.ttl``.

``KG.Assertion`` is the IRI of our Assertion class. A misspelled name raises
``AttributeError`` instead of quietly minting a new IRI, and
``tests/test_ontology.py`` fails when this list and ``kg.ttl`` drift apart.
Regenerate it with ``python -m kg.vocab > kg/vocab.py``.

>>> KG.Assertion
rdflib.term.URIRef('https://w3id.org/kg/ontology#Assertion')

Every namespace here is read off the one prefix map, ``kg/context/kg.jsonld``:

>>> OA.hasSelector, BASE_IRI
(rdflib.term.URIRef('http://www.w3.org/ns/oa#hasSelector'), 'https://w3id.org/kg/id/')
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["KG", "CLS", "KGR", "OA", "SCHEMA", "ORG", "BASE_IRI", "ONTOLOGY_IRI", "CONTEXT_PATH", "PREFIXES"]

#: The JSON-LD context shipped with kg: the one prefix map (Turtle, SPARQL, JSON-LD, networks all use it).
CONTEXT_PATH = Path(__file__).resolve().parent / "context" / "kg.jsonld"


def _prefixes() -> dict[str, str]:
    context = json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]
    return {
        name: iri
        for name, iri in sorted(context.items())
        if isinstance(iri, str) and not name.startswith("@")
    }


#: prefix → namespace IRI, sorted by prefix
PREFIXES: dict[str, str] = _prefixes()

#: The ontology's IRI (its terms are under ``kg:``) and the base of every item's IRI (``kgr:``).
ONTOLOGY_IRI = PREFIXES["kg"].removesuffix("#")
BASE_IRI = PREFIXES["kgr"]

KGR = Namespace(BASE_IRI)
OA = Namespace(PREFIXES["oa"])
SCHEMA = Namespace(PREFIXES["schema"])
ORG = Namespace(PREFIXES["org"])


class KG(DefinedNamespace):
    """The kg ontology namespace."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    AISystem: URIRef
    Agent: URIRef
    Assertion: URIRef
    Asserts: URIRef
    Bypassed: URIRef
    Case: URIRef
    Confirms: URIRef
    Considered: URIRef
    CourtFiling: URIRef
    DataRecord: URIRef
    DataReport: URIRef
    Denies: URIRef
    Different: URIRef
    Disputes: URIRef
    Effect: URIRef
    Entity: URIRef
    EvidenceKind: URIRef
    EvidenceKindScheme: URIRef
    FurtherReporting: URIRef
    Hedges: URIRef
    IdentityJudgement: URIRef
    InPlace: URIRef
    Incident: URIRef
    IncidentRecords: URIRef
    IncidentTrend: URIRef
    InternalDocument: URIRef
    InternalOriginals: URIRef
    JudgementScheme: URIRef
    JudgementValue: URIRef
    Meeting: URIRef
    MeetingRecords: URIRef
    MeetingSeries: URIRef
    Missing: URIRef
    Narrows: URIRef
    NewsArticle: URIRef
    NoJudgement: URIRef
    OfficialStatement: URIRef
    Open: URIRef
    OpenQuestion: URIRef
    Organization: URIRef
    OrganizationalUnit: URIRef
    Pending: URIRef
    Person: URIRef
    Planned: URIRef
    PolicyDocument: URIRef
    PostIncidentReview: URIRef
    Proposition: URIRef
    PublicStatement: URIRef
    QuestionStatus: URIRef
    QuestionStatusScheme: URIRef
    Rejected: URIRef
    Required: URIRef
    Resolved: URIRef
    ReviewStatus: URIRef
    ReviewStatusScheme: URIRef
    Reviewed: URIRef
    Role: URIRef
    Safeguard: URIRef
    SafeguardState: URIRef
    SafeguardStateScheme: URIRef
    Same: URIRef
    SocialMediaPost: URIRef
    SoftwareChange: URIRef
    Source: URIRef
    Stance: URIRef
    StanceScheme: URIRef
    System: URIRef
    Unsure: URIRef
    about: URIRef
    affected: URIRef
    affectedPassage: URIRef
    answer: URIRef
    appliesTo: URIRef
    approverRole: URIRef
    asks: URIRef
    assistedBy: URIRef
    caseFile: URIRef
    caseKey: URIRef
    caseKeys: URIRef
    confidence: URIRef
    corrects: URIRef
    dateText: URIRef
    discussedAt: URIRef
    documentFile: URIRef
    durationText: URIRef
    extractedFrom: URIRef
    hadEffect: URIRef
    holdsRole: URIRef
    inCase: URIRef
    inReplyTo: URIRef
    involved: URIRef
    judgedBy: URIRef
    judgement: URIRef
    kindOf: URIRef
    left: URIRef
    mandatory: URIRef
    mechanism: URIRef
    notAfter: URIRef
    notBefore: URIRef
    note: URIRef
    operatedBy: URIRef
    party: URIRef
    polarity: URIRef
    proposition: URIRef
    raisedIn: URIRef
    readIn: URIRef
    records: URIRef
    reportCount: URIRef
    reportCountText: URIRef
    reportedIn: URIRef
    reportedTo: URIRef
    resolvableBy: URIRef
    restatementKeys: URIRef
    retracts: URIRef
    reviewStatus: URIRef
    right: URIRef
    roleIn: URIRef
    safeguardState: URIRef
    settles: URIRef
    sha256: URIRef
    shortLabel: URIRef
    speaksFor: URIRef
    stance: URIRef
    status: URIRef
    supersededBy: URIRef
    text: URIRef
    updates: URIRef
    valueKind: URIRef


class _ClassNames:
    """The names of kg.ttl's classes as plain text, each checked: the projection's ``cls`` and a case file's ``type:``.

    >>> CLS.Assertion, hasattr(CLS, "Asertion"), hasattr(CLS, "party")
    ('Assertion', False, False)
    """

    def __getattr__(self, name: str) -> str:
        if not name[:1].isupper():  # a property, or Python's own lookups
            raise AttributeError(f"{name!r} is not a class of kg.ttl")
        iri = str(getattr(KG, name))  # KG refuses a term kg.ttl lacks
        value = iri[iri.rfind("#") + 1 :]
        setattr(self, name, value)  # the next lookup is a plain attribute
        return value


#: ``CLS.Assertion == "Assertion"``: a misspelled class is an AttributeError, not a comparison that is never true.
#: A class's case-file word (its kg:caseKey) is its name (tests/test_class_names.py), so ``type: Person`` is ``CLS.Person``.
CLS = _ClassNames()


def _generate() -> str:  # pragma: no cover - maintenance helper
    from pathlib import Path

    from rdflib import Graph

    graph = Graph().parse(Path(__file__).resolve().parent.parent / "ontology" / "kg.ttl")
    ns = ONTOLOGY_IRI + "#"
    return "\n".join(sorted({str(s)[len(ns) :] for s in graph.subjects() if str(s).startswith(ns)}))


if __name__ == "__main__":  # pragma: no cover
    print(_generate())
