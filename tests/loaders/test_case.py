"""kg/case.py, the one reader of case files: strict for the build, lenient for ingest."""

from __future__ import annotations

import shutil

import pytest

import kg.case
from kg.case import read_case
from kg.errors import LoadError
from kg.ingest import ingest
from tests.helpers import FIXTURES, MINI

INGEST = FIXTURES / "ingest"


def test_a_missing_folder_is_an_error_but_an_empty_case_when_lenient(tmp_path):
    with pytest.raises(LoadError, match="case folder not found"):
        read_case(tmp_path / "nothing")
    case = read_case(tmp_path / "nothing", lenient=True)
    assert (case.slug, case.items, case.files) == ("", [], [])


def test_lenient_without_case_yaml_still_reads_the_other_files(tmp_path):
    folder = tmp_path / "drafts"
    shutil.copytree(MINI, folder)
    (folder / "case.yaml").unlink()
    with pytest.raises(LoadError, match="case.yaml is missing"):
        read_case(folder)
    case = read_case(folder, lenient=True)
    assert case.slug == "" and {item.section for item in case.items} == {
        "entities",
        "sources",
        "propositions",
        "questions",
    }


def test_lenient_reads_files_as_strictly_as_ever(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "draft.yaml").write_text("entities:\n  - id: a\n    label: [unclosed\n", encoding="utf-8")
    with pytest.raises(LoadError, match="malformed YAML"):
        read_case(folder, lenient=True)


def test_an_empty_case_is_an_error_unless_lenient(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "case.yaml").write_text("case: empty\ntitle: Empty\n", encoding="utf-8")
    with pytest.raises(LoadError, match="empty case"):
        read_case(folder)
    assert read_case(folder, lenient=True).slug == "empty"


def test_kg_ingest_reads_each_case_file_once(tmp_path, monkeypatch):
    """One parse of each file of the case per run (the staged copy with the new draft is read once more)."""
    case_dir = tmp_path / "initech"
    shutil.copytree(INGEST / "initech", case_dir)
    parsed: list = []
    real = kg.case.read_yaml
    monkeypatch.setattr(kg.case, "read_yaml", lambda path, *rest: parsed.append(path) or real(path, *rest))
    ingest([INGEST / "initech-followup.txt"], case_dir)
    in_case = [p for p in parsed if p.parent == case_dir]
    assert sorted(p.name for p in in_case) == sorted(
        p.name for p in case_dir.glob("*.yaml") if not p.name.startswith("draft-")
    )


def test_a_proposition_may_be_about_another_proposition(tmp_path):
    """docs/case-format.md says so; the key table's 'any entity or source' is for entities' own keys."""
    from kg.loaders.case import case_triples, item_iri
    from kg.vocab import KG

    folder = tmp_path / "case"
    shutil.copytree(MINI, folder)
    claims = folder / "claims.yaml"
    claims.write_text(claims.read_text(encoding="utf-8").replace(
        "    about: [code-review]", "    about: [code-review, config-push-caused-outage]"), encoding="utf-8")
    triples, _ = case_triples(read_case(folder))
    assert (item_iri("mini", "reviews-skipped"), KG.about, item_iri("mini", "config-push-caused-outage")) in triples
