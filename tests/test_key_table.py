"""The case format's key table says what each reference may point to, read off the ontology."""

from __future__ import annotations

import re

from kg.ontology import case_schema, may_point_to
from tests.helpers import ROOT

HEADER = "| key | kind | meaning | may point to |"


def _rows() -> list[list[str]]:
    text = (ROOT / "docs" / "case-format.md").read_text(encoding="utf-8")
    start = text.index(HEADER)
    rows = []
    for line in text[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def expected_targets(keys: list[str]) -> str:
    """The 'may point to' cell for a row naming ``keys``."""
    values = {key: may_point_to(key) for key in keys}
    if len(set(values.values())) == 1:
        return next(iter(values.values()))
    return "; ".join(f"`{key}`: {value}" for key, value in values.items() if value)


def test_may_point_to_column_matches_the_ontology():
    rows = _rows()
    assert rows, "the key table is missing from docs/case-format.md"
    for row in rows:
        keys = re.findall(r"`([^`]+)`", row[0])
        assert row[3] == expected_targets(keys), f"docs/case-format.md key table, row {row[0]}: write {expected_targets(keys)!r}"


def test_every_case_key_is_in_the_table():
    listed = {key for row in _rows() for key in re.findall(r"`([^`]+)`", row[0])}
    assert set(case_schema().properties) - listed - {"label"} <= set(), sorted(set(case_schema().properties) - listed)


def test_every_key_of_every_kind_of_entry_is_on_the_page():
    """Each kg:caseKeys row (and each kg:restatementKeys row) is shown in docs/case-format.md."""
    text = (ROOT / "docs" / "case-format.md").read_text(encoding="utf-8")
    schema = case_schema()
    rows = {(cls.split("#")[1], key) for cls, keys in schema.entry_keys.items() for key in keys}
    rows |= {("restatement", key) for key in schema.restatement_keys}
    missing = sorted(row for row in rows if not re.search(rf"`{row[1]}`|\b{row[1]}:", text))
    assert missing == [], f"docs/case-format.md does not show these keys of kg.ttl's kg:caseKeys rows: {missing}"
