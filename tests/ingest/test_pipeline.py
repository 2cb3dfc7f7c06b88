"""Ingesting into a case: drafts that load, idempotence, merging, all or nothing."""

import shutil

import pytest
import yaml

from kg.case import read_case
from kg.errors import LoadError
from kg.ingest import ingest
from kg.ingest.draft import draft_name
from kg.loaders.case import case_triples, locate


@pytest.fixture
def initech(tmp_path, fixtures):
    case = tmp_path / "initech"
    shutil.copytree(fixtures / "initech", case)
    return case


def test_a_new_case_folder_gets_a_case_yaml_and_a_draft_that_loads(tmp_path, fixtures):
    case = tmp_path / "acme-case"
    result = ingest([fixtures / "page.html"], case)
    assert result.created_case
    assert yaml.safe_load((case / "case.yaml").read_text())["case"] == "acme-case"
    (outcome,) = result.outcomes
    assert outcome.draft.name.startswith("draft-") and outcome.status == "written"
    triples, _ = case_triples(read_case(case))  # the lead's loader accepts every draft item
    assert triples


def test_every_item_is_pending_with_confidence_and_points_at_its_text(tmp_path, fixtures):
    case = tmp_path / "acme"
    ingest([fixtures / "page.html"], case)
    from kg.ingest.text import read_article

    text = read_article(fixtures / "page.html").text
    draft = yaml.safe_load(next(case.glob("draft-*.yaml")).read_text())
    items = draft["sources"] + draft["entities"] + draft["propositions"] + draft["questions"]
    for item in items:
        assert item.get("review", item.get("status")) == "pending"
        assert 0 <= item["confidence"] <= 1
        start, end = item["span"]
        assert 0 <= start < end <= len(text)
    for proposition in draft["propositions"]:
        for assertion in proposition["assertions"]:
            quote = assertion["quote"]
            start = locate(text, quote["exact"], quote["prefix"], quote["suffix"])
            assert start is not None and text[start:start + len(quote["exact"])] == quote["exact"]
    assert "<" not in yaml.safe_dump(draft) and "secret" not in yaml.safe_dump(draft)


def test_ingesting_the_same_file_again_changes_nothing(initech, fixtures):
    article = fixtures / "initech-followup.txt"
    ingest([article], initech, date="2026-03-12")
    before = {p.name: p.read_bytes() for p in initech.iterdir()}
    result = ingest([article], initech, date="2026-03-12")
    assert [o.status for o in result.outcomes] == ["unchanged"]
    assert {p.name: p.read_bytes() for p in initech.iterdir()} == before
    assert result.report.is_empty()


def test_the_draft_is_byte_identical_from_run_to_run(tmp_path, fixtures):
    drafts = []
    for run in ("one", "two"):
        case = tmp_path / run / "initech"
        shutil.copytree(fixtures / "initech", case)
        ingest([fixtures / "initech-followup.txt"], case, date="2026-03-12")
        drafts.append(next(case.glob("draft-*.yaml")).read_bytes())
    assert drafts[0] == drafts[1]


def test_merging_links_known_entities_and_flags_near_matches(initech, fixtures):
    result = ingest([fixtures / "initech-followup.txt"], initech, date="2026-03-12")
    draft = yaml.safe_load((initech / draft_name(result.outcomes[0].draft.name[6:18] + "0" * 52)).read_text()) if False else yaml.safe_load(result.outcomes[0].draft.read_text())
    labels = {e["label"] for e in draft["entities"]}
    assert not labels & {"Initech", "Bill Lumbergh", "Payroll outage"}  # known: linked, not duplicated
    parties = {a["party"] for p in draft["propositions"] for a in p["assertions"]}
    assert {"initech", "lumbergh"} <= parties
    (judgement,) = draft["judgements"]
    assert judgement["pair"] == ["acs", "advanced-cloud-services"] and judgement["judgement"] == "no-judgement"
    report = result.report
    assert ("ACS", "Advanced Cloud Services", "no-judgement") in report.identity_candidates
    assert report.questions_touched == ["Was the database upgrade tested before release?"]
    # The denial restates the case's own proposition: an assertion on it, not a new proposition.
    assert ("a database upgrade caused the payroll outage", "upgrade-caused-outage") in report.restatements
    linked = [p for p in draft["propositions"] if p.get("proposition") == "upgrade-caused-outage"]
    assert [(a["party"], a["stance"]) for a in linked[0]["assertions"]] == [("initech", "denies")]
    assert not any(p.get("text") == "A database upgrade caused the payroll outage." for p in draft["propositions"])


def test_a_second_article_links_to_the_first_drafts_candidates(tmp_path, fixtures):
    case = tmp_path / "wire"
    first = tmp_path / "first.txt"
    second = tmp_path / "second.txt"
    first.write_text("Jane Roe, a manager at Globex Corp., said the fix worked.\n")
    second.write_text("Jane Roe said the fix failed again.\n")
    ingest([first, second], case)
    drafts = [yaml.safe_load(p.read_text()) for p in sorted(case.glob("draft-*.yaml"))]
    people = [e["label"] for d in drafts for e in d.get("entities", []) if e["type"] == "Person"]
    assert people == ["Jane Roe"]


def test_a_bad_file_among_good_ones_writes_nothing(tmp_path, fixtures):
    case = tmp_path / "mixed"
    with pytest.raises(LoadError):
        ingest([fixtures / "page.html", fixtures / "image.png"], case)
    assert not case.exists()


def test_a_bad_file_leaves_an_existing_case_untouched(initech, fixtures):
    before = {p.name: p.read_bytes() for p in initech.iterdir()}
    with pytest.raises(LoadError):
        ingest([fixtures / "initech-followup.txt", fixtures / "empty.txt"], initech)
    assert {p.name: p.read_bytes() for p in initech.iterdir()} == before


def test_a_folder_name_that_is_not_a_slug_is_refused(tmp_path, fixtures):
    with pytest.raises(LoadError, match="must be a slug"):
        ingest([fixtures / "page.html"], tmp_path / "My Case")
    assert not (tmp_path / "My Case").exists()


PUBLISHED = """<html><head><title>Globex outage</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2026-03-12"></head>
<body><article><h1>Globex outage</h1>
<p>Globex said on Monday that the payments outage was caused by a configuration push. The Harbour Gazette
has asked Globex for the logs. Jane Roe, a Globex engineer, denied that reviews were skipped.</p>
</article></body></html>"""


@pytest.mark.parametrize("parser", ["rules", "spacy"])
def test_the_pages_publisher_is_recorded_as_the_organization_it_names(tmp_path, parser):
    page = tmp_path / "gazette.html"
    page.write_text(PUBLISHED, encoding="utf-8")
    case = tmp_path / "globex-case"
    ingest([page], case, parser=parser)
    (draft_path,) = case.glob("draft-*.yaml")
    draft = yaml.safe_load(draft_path.read_text(encoding="utf-8"))
    publisher = draft["sources"][0]["publisher"]
    (outlet,) = [e for e in draft["entities"] if e["id"] == publisher]
    assert (outlet["type"], outlet["label"]) == ("Organization", "Harbour Gazette")
    assert len([e for e in draft["entities"] if e["label"] == "Harbour Gazette"]) == 1  # the one the text names, not a second


def test_a_publisher_the_text_never_names_is_a_new_pending_organization(tmp_path):
    page = tmp_path / "gazette.html"
    page.write_text(PUBLISHED.replace("The Harbour Gazette\nhas asked Globex for the logs. ", ""), encoding="utf-8")
    case = tmp_path / "globex-case"
    ingest([page], case, parser="rules")
    draft = yaml.safe_load(next(case.glob("draft-*.yaml")).read_text(encoding="utf-8"))
    (outlet,) = [e for e in draft["entities"] if e["id"] == draft["sources"][0]["publisher"]]
    assert outlet["status"] == "pending" and outlet["note"] == "The publisher the page's metadata names"
    assert "span" not in outlet  # the text never names it: no words to point at
