"""kg/case_yaml.py: the one writer of the case format; what it writes, kg's case reader reads back unchanged."""

from __future__ import annotations

import pytest

from kg.case import read_case
from kg.case_yaml import dump, dump_case_file, load_text

AWKWARD = [
    "Acme: the outage",
    "- not a list item",
    "# not a comment",
    "yes",
    "2026-03-01",
    "“Curly” and 'straight' quotes, and \"double\" ones",
    "Åsa Lindström",
    "a line\nand another line, long enough to be written as a block of text\n",
    "trailing spaces   \nbreak a literal block, so this one is quoted",
    "   leading spaces",
    "1.0",
    "null",
]


@pytest.mark.parametrize("label", AWKWARD)
def test_what_it_writes_the_case_reader_reads_back(tmp_path, label):
    (tmp_path / "case.yaml").write_text("case: awkward\ntitle: Awkward text\n", encoding="utf-8")
    entity = {"id": "thing", "type": "System", "label": label, "aliases": [label, "other"]}
    (tmp_path / "items.yaml").write_text(
        dump_case_file({"entities": [entity]}, header="A header."), encoding="utf-8"
    )
    (item,) = read_case(tmp_path).section("entities")
    assert item.fields["label"] == label
    assert item.fields["aliases"] == [label, "other"]


def test_an_edit_keeps_comments_and_layout():
    text = "entities:\n  # the company\n  - id: acme   # keep me\n    type: Organization\n    label: 'Acme'\n"
    document = load_text(text)
    document["entities"][0]["status"] = "reviewed"
    assert dump(document) == text + "    status: reviewed\n"
