"""Every kind of bad case input: a clear message naming file and line, a
non-zero exit, and nothing written — the previous graph and exports survive."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.helpers import DOCUMENTS, copy_case, edit


@pytest.fixture
def built(tmp_path):
    """A good build first, so each bad one can be shown to leave it alone."""
    case = copy_case(tmp_path)
    out, store = tmp_path / "out", tmp_path / "store"
    result = CliRunner().invoke(cli, ["build", str(case), "--out", str(out), "--store", str(store), "--documents", str(DOCUMENTS)])
    assert result.exit_code == 0, result.output
    return case, out, store


def _rebuild(case: Path, out: Path, store: Path, documents: Path | None = DOCUMENTS):
    args = ["build", str(case), "--out", str(out), "--store", str(store)]
    if documents:
        args += ["--documents", str(documents)]
    return CliRunner().invoke(cli, args)


def _assert_untouched(out: Path, store: Path, before: bytes) -> None:
    assert (out / "kg.ttl").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["kg.ttl"]
    result = CliRunner().invoke(cli, ["stats", "--store", str(store)])
    assert result.exit_code == 0 and "Monday payments outage" not in result.output
    assert "3  Assertion" in result.output


def _fails_with(result, message: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert message in result.output, result.output


# (file, text to replace, replacement, line marker, expected message after "Error: FILE:LINE: ")
BAD_EDITS = {
    "malformed YAML": (
        "entities.yaml", "    label: Globex payments", "    label: [Globex payments", "    operatedBy: globex",
        "malformed YAML",
    ),
    "unknown class": (
        "entities.yaml", "type: Incident", "type: Incidnet", "type: Incidnet",
        "unknown class 'Incidnet' (did you mean 'Incident'?)",
    ),
    "unknown stance": (
        "claims.yaml", "stance: denies", "stance: rejects", "stance: rejects",
        "unknown stance 'rejects'; expected one of asserts, confirms, denies, disputes, hedges, narrows",
    ),
    "undefined reference": (
        "entities.yaml", "mechanism: config-push", "mechanism: config-pushh", "mechanism: config-pushh",
        "'mechanism' refers to undefined id 'config-pushh' (did you mean 'config-push'?)",
    ),
    "quote not in document": (
        "claims.yaml", "quote: reviewers had been skipped", "quote: reviewers were always skipped", "quote: reviewers were always",
        "quote 'reviewers were always skipped' not found in the document of source 'wire-article'",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_EDITS))
def test_bad_edit(built, name):
    case, out, store = built
    before = (out / "kg.ttl").read_bytes()
    file, old, new, marker, message = BAD_EDITS[name]
    path = case / file
    edit(path, old, new)
    text = path.read_text(encoding="utf-8")
    line = text[: text.index(marker)].count("\n") + 1
    _fails_with(_rebuild(case, out, store), f"Error: {path}:{line}: {message}")
    _assert_untouched(out, store, before)


def test_duplicate_id(built):
    case, out, store = built
    before = (out / "kg.ttl").read_bytes()
    path = case / "entities.yaml"
    edit(path, "  - id: the-wire", "  - id: globex")
    first, second = [n for n, text in enumerate(path.read_text().splitlines(), 1) if text == "  - id: globex"]
    _fails_with(_rebuild(case, out, store), f"Error: {path}:{second}: duplicate id 'globex'; first defined at {path}:{first}")
    _assert_untouched(out, store, before)


def test_non_utf8_file(built):
    case, out, store = built
    before = (out / "kg.ttl").read_bytes()
    path = case / "entities.yaml"
    path.write_bytes(path.read_bytes().replace(b"label: Globex payments", b"label: Globex \xe9payments"))
    raw = path.read_bytes()
    line = raw[: raw.index(b"\xe9")].count(b"\n") + 1
    _fails_with(_rebuild(case, out, store), f"Error: {path}:{line}: not UTF-8 text (byte 0xe9")
    _assert_untouched(out, store, before)


def test_empty_case(built, tmp_path):
    _, out, store = built
    before = (out / "kg.ttl").read_bytes()
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "case.yaml").write_text("case: empty\ntitle: Nothing here\n", encoding="utf-8")
    (empty / "entities.yaml").write_text("entities: []\n", encoding="utf-8")
    _fails_with(_rebuild(empty, out, store, None), f"Error: {empty}: empty case: no sources, entities, propositions, judgements or questions")
    _assert_untouched(out, store, before)


def test_not_a_case_folder(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "--out", str(tmp_path / "o"), "--store", str(tmp_path / "s")])
    _fails_with(result, f"Error: {tmp_path}: no case here: expected case.yaml, or folders that hold one")
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("    date: 2026-02-02", "    date: 2026-13-02", "'date' is not a real date: '2026-13-02'"),
        ("    date: 2026-02-02", "    date: last week", "'date' must be a date as YYYY-MM-DD, YYYY-MM or YYYY, not 'last week'"),
        ("    affected: [globex, payments]\n    mechanism", "    affected: [globex, payments]\n    colour: red\n    mechanism", "unknown key 'colour' in entities"),
        ("    label: Deploy bot", "    label: Deploy bot\n    label: Deploy bot 2", "duplicate key 'label' in the same mapping"),
    ],
)
def test_wrong_types_and_keys(built, old, new, message):
    case, out, store = built
    path = case / "entities.yaml"
    edit(path, old, new)
    _fails_with(_rebuild(case, out, store), message)


def test_hostile_text_is_kept_as_data(tmp_path):
    """Markup in a label is text, not structure: it reaches the graph verbatim."""
    case = copy_case(tmp_path)
    edit(case / "entities.yaml", "label: The Wire", "label: \"<script>alert('x')</script> The Wire\"")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(case), "--out", str(out), "--store", "memory"])
    assert result.exit_code == 0, result.output
    assert "<script>alert('x')</script> The Wire" in (out / "kg.ttl").read_text(encoding="utf-8")
