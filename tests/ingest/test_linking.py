"""Drafts linked to the record: incidents that may be the case's get a pending identity candidate;
questions name what would resolve them when the text says so."""

import yaml
from click.testing import CliRunner

from kg.commands.ingest import ingest

CASE = {
    "case.yaml": "case: shop\ntitle: Shop outages\n",
    "entities.yaml": (
        "sources:\n  - {id: first, type: NewsArticle, label: First report}\n"
        "entities:\n  - {id: globex, type: Organization, label: Globex}\n"
        "  - {id: checkout-outage, type: Incident, label: Globex checkout outage, date: 2026-03-02, affected: [globex]}\n"
        "  - {id: old-outage, type: Incident, label: Globex checkout outage, date: 2025-01-10, affected: [globex]}\n"
    ),
}
ARTICLE = ("Globex shoppers stranded\n\n"
           "Shoppers could not pay at Globex for three hours on March 2, Globex said. "
           "It is unclear whether the payment gateway was to blame. The post-mortem due next week would settle that.\n")


def _draft(tmp_path):
    case = tmp_path / "shop"
    case.mkdir()
    for name, content in CASE.items():
        (case / name).write_text(content, encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(ingest, [str(article), "--case", str(case), "--date", "2026-03-04"])
    assert result.exit_code == 0, result.output
    return yaml.safe_load(next(case.glob("draft-*.yaml")).read_text(encoding="utf-8"))


def test_an_incident_that_may_be_the_cases_gets_a_pending_candidate_and_dates_rule_others_out(tmp_path):
    draft = _draft(tmp_path)
    incidents = [e for e in draft.get("entities", []) if e["type"] == "Incident"]
    assert [(e["label"], e["date"]) for e in incidents] == [("Shoppers could not pay", "2026-03-02")]
    pairs = [j["pair"] for j in draft.get("judgements", [])]
    assert any("checkout-outage" in pair for pair in pairs)
    assert not any("old-outage" in pair for pair in pairs)  # 2025: the dates cannot both hold
    judgement = next(j for j in draft["judgements"] if "checkout-outage" in j["pair"])
    assert judgement["judgement"] == "no-judgement" and judgement["status"] == "pending"


def test_a_question_names_what_would_resolve_it(tmp_path):
    draft = _draft(tmp_path)
    question = next(q for q in draft["questions"] if q["asks"].startswith("Was the payment gateway"))
    assert question["resolvableBy"] == "The post-mortem due next week"
