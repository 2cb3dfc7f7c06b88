"""Every kind of bad case input: a clear message naming file and line, a
non-zero exit, and nothing written — the previous graph and exports survive."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.helpers import DOCUMENTS, copy_case, edit, line_of


@pytest.fixture(scope="module")
def good_build(tmp_path_factory) -> Path:
    """One good build of the mini case (case, out, store), made once for this file and copied by :func:`built`."""
    root = tmp_path_factory.mktemp("good")
    case = copy_case(root)
    result = CliRunner().invoke(
        cli, ["build", str(case), "--out", str(root / "out"), "--store", str(root / "store"), "--documents", str(DOCUMENTS)]
    )
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def built(good_build, tmp_path):
    """A good build first, so each bad one can be shown to leave it alone: a copy of :func:`good_build`'s case folder,
    exports and store (the store's ``current`` link is relative), each test's own to break."""
    for name in ("case", "out", "store"):
        shutil.copytree(good_build / name, tmp_path / name, symlinks=True)
    return tmp_path / "case", tmp_path / "out", tmp_path / "store"


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
        "entities.yaml",
        "    label: Globex payments",
        "    label: [Globex payments",
        "    operatedBy: globex",
        "malformed YAML",
    ),
    "unknown class": (
        "entities.yaml",
        "type: Incident",
        "type: Incidnet",
        "type: Incidnet",
        "unknown class 'Incidnet' (did you mean 'Incident'?)",
    ),
    "a confidence too small to write (it took 4 GB)": (
        "entities.yaml", "    label: Globex payments\n", "    label: Globex payments\n    confidence: 1e-999999999\n",
        "confidence: 1e-",
        "'confidence' must be a number between 0 and 1 with at most 15 decimal places, not '1e-999999999'",
    ),
    "a confidence that is not a number": (
        "entities.yaml", "    label: Globex payments\n", "    label: Globex payments\n    confidence: .nan\n",
        "confidence: .nan", "'confidence' must be a number between 0 and 1, not nan",
    ),
    "a negative count": (
        "entities.yaml", "    date: 2026-02-02\n", "    date: 2026-02-02\n    reportCount: -3\n", "reportCount: -3",
        "'reportCount' must be a whole number of 0 or more, not -3",
    ),
    "a set, whose order changes from run to run": (
        "entities.yaml", "    label: Globex payments\n", "    label: !!set {a, b}\n", "label: !!set",
        "a set (!!set) in a case file: its order changes from run to run; write a list",
    ),
    "a mapping where text belongs (the message named an internal class)": (
        "entities.yaml", "    label: Globex payments\n", "    label: {name: Globex payments}\n", "label: {name",
        "'label' must be text, not a mapping",
    ),
    "unknown stance": (
        "claims.yaml",
        "stance: denies",
        "stance: rejects",
        "stance: rejects",
        "unknown stance 'rejects'; expected one of asserts, confirms, denies, disputes, hedges, narrows",
    ),
    "undefined reference": (
        "entities.yaml",
        "mechanism: config-push",
        "mechanism: config-pushh",
        "mechanism: config-pushh",
        "'mechanism' refers to undefined id 'config-pushh' (did you mean 'config-push'?)",
    ),
    "quote not in document": (
        "claims.yaml",
        "quote: reviewers had been skipped",
        "quote: reviewers were always skipped",
        "quote: reviewers were always",
        f"quote 'reviewers were always skipped' not found in {DOCUMENTS / 'globex-wire.txt'} (the document of source "
        "'wire-article'); the nearest passage is 'said reviewers had been skipped'",
    ),
    "quote with curly quotes and a line break": (
        "claims.yaml",
        "quote: a routine configuration push",
        'quote: "“a routine\\n configuration push”"',
        'quote: "“a routine',
        f"quote '“a routine\\n configuration push”' not found in {DOCUMENTS / 'globex-wire.txt'} "
        "(the document of source 'wire-article'); the document has '\"a routine configuration push\"', which differs only "
        "in curly quotes or whitespace: quotes are matched exactly, so copy the document's characters",
    ),
    "unknown class lists the valid ones": (
        "entities.yaml",
        "type: SoftwareChange",
        "type: Change",
        "type: Change",
        "unknown class 'Change' (did you mean 'SoftwareChange'?); entities may be AISystem, Effect, Incident, IncidentTrend, Meeting, MeetingSeries, "
        "Organization, OrganizationalUnit, Person, Role, Safeguard, SoftwareChange, System",
    ),
    "reference to a class its key does not accept": (
        "entities.yaml", "    operatedBy: globex\n", "    operatedBy: deploy-bot\n", "operatedBy: deploy-bot",
        "'operatedBy' must refer to one of Organization, OrganizationalUnit, but 'deploy-bot' is a AISystem",
    ),
    "impossible date": (
        "entities.yaml",
        "date: 2026-02-05",
        "date: 2025-02-30",
        "date: 2025-02-30",
        "'date' is not a real date: '2025-02-30' (day is out of range for month)",
    ),
    "notBefore after notAfter": (
        "entities.yaml",
        "    date: 2026-02-05",
        "    notBefore: 2026-03\n    notAfter: 2026-02-20",
        "notBefore:",
        "'notBefore' 2026-03 is later than 'notAfter' 2026-02-20",
    ),
    "date outside its bounds": (
        "entities.yaml",
        "    date: 2026-02-05",
        "    date: 2026-02-05\n    notAfter: 2026-02-01",
        "date: 2026-02-05",
        "'date' 2026-02-05 is later than 'notAfter' 2026-02-01",
    ),
    "YAML 1.1 boolean is kept as typed": (
        "case.yaml",
        "title: Globex payment outage (fixture)\n",
        "title: Globex payment outage (fixture)\njudgements:\n  - pair: [globex, the-wire]\n    judgement: yes\n",
        "judgement: yes",
        "unknown judgement 'yes'; expected one of different, no-judgement, same, unsure",
    ),
}


def _edit_fails(built, file, old, new, marker, message):
    """Apply one edit; the rebuild fails at the marker's line and leaves the previous build alone."""
    case, out, store = built
    before = (out / "kg.ttl").read_bytes()
    path = case / file
    edit(path, old, new)
    text = path.read_text(encoding="utf-8")
    line = text[: text.index(marker)].count("\n") + 1
    result = _rebuild(case, out, store)
    _fails_with(result, f"Error: {path}:{line}: {message}")
    _assert_untouched(out, store, before)
    return result


@pytest.mark.parametrize("name", sorted(BAD_EDITS))
def test_bad_edit(built, name):
    _edit_fails(built, *BAD_EDITS[name])


def test_duplicate_id(built):
    case, out, store = built
    before = (out / "kg.ttl").read_bytes()
    path = case / "entities.yaml"
    edit(path, "  - id: the-wire", "  - id: globex")
    first, second = [n for n, text in enumerate(path.read_text().splitlines(), 1) if text == "  - id: globex"]
    _fails_with(
        _rebuild(case, out, store),
        f"Error: {path}:{second}: duplicate id 'globex'; first defined at {path}:{first}",
    )
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
    _fails_with(
        _rebuild(empty, out, store, None),
        f"Error: {empty}: empty case: no sources, entities, propositions, judgements or questions",
    )
    _assert_untouched(out, store, before)


def test_not_a_case_folder(tmp_path):
    result = CliRunner().invoke(
        cli, ["build", str(tmp_path), "--out", str(tmp_path / "o"), "--store", str(tmp_path / "s")]
    )
    _fails_with(result, f"Error: {tmp_path}: no case here: expected case.yaml, or folders that hold one")
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("    date: 2026-02-02", "    date: 2026-13-02", "'date' is not a real date: '2026-13-02'"),
        (
            "    date: 2026-02-02",
            "    date: last week",
            "'date' must be a date as YYYY-MM-DD, YYYY-MM or YYYY, not 'last week'",
        ),
        (
            "    affected: [globex, payments]\n    mechanism",
            "    affected: [globex, payments]\n    colour: red\n    mechanism",
            "unknown key 'colour' in entities",
        ),
        (
            "    label: Deploy bot",
            "    label: Deploy bot\n    label: Deploy bot 2",
            "duplicate key 'label' in the same mapping",
        ),
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


# Hostile case files (1/7 items 7 and 8): each refused with the file and line, and a short message.
# (file, text to replace, replacement, line marker, expected message after "Error: FILE:LINE: ")
HOSTILE_EDITS = {
    "alias bomb": (
        "entities.yaml",
        "entities:\n",
        "x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(f"x{n}: &x{n} [{', '.join([f'*x{n - 1}'] * 9)}]\n" for n in range(1, 10))
        + "entities:\n",
        "x4: &x4",
        "YAML aliases expand too far",
    ),
    "one long text aliased many times": (
        "case.yaml",
        "title: Globex payment outage (fixture)\n",
        "title: Globex payment outage (fixture)\n"
        "_long: &long " + "w" * 60_000 + "\n"
        "_again: [*long, *long, *long]\n",
        "_again:",
        "YAML aliases expand too far",
    ),
    "huge scalar": (
        "entities.yaml",
        "label: Routine configuration push",
        "label: " + "x" * 20_000_000,
        "label: xxx",
        "text value too long: 20,000,000 characters, over the 1,048,576 a case file may hold",
    ),
    "100,000-digit number": (
        "sources.yaml",
        "    reportedIn: wire-article\n",
        "    reportedIn: wire-article\n    reportCount: " + "9" * 100_000 + "\n",
        "reportCount:",
        "number too long: 100,000 characters, over the 30 a case file may hold",
    ),
    "binary value": (
        "entities.yaml",
        "label: Deploy bot",
        "label: !!binary RGVwbG95IGJvdA==",
        "!!binary",
        "binary value (!!binary) in a case file; case files hold text",
    ),
    "NUL character": (
        "entities.yaml",
        "label: Deploy bot",
        'label: "Deploy\\0bot"',
        "Deploy\\0bot",
        "NUL character in a text value; remove it (a case file is text)",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_EDITS))
def test_hostile_yaml(built, name):
    result = _edit_fails(built, *HOSTILE_EDITS[name])
    assert len(result.output) < 2000, "an error message must never hold a whole entry"


def test_entry_is_cut_in_messages(built):
    """An entry that is not a mapping is named by a short excerpt, never in full."""
    case, out, store = built
    before = (out / "kg.ttl").read_bytes()
    path = case / "entities.yaml"
    edit(path, "entities:\n", "entities:\n  - " + "y" * 100_000 + "\n")
    result = _rebuild(case, out, store)
    _fails_with(result, f"Error: {path}:1: each entry of 'entities' must be a mapping, not 'yyyyyy")
    assert len(result.output) < 300
    _assert_untouched(out, store, before)


# Documents (1/7 item 2): a `document:` names a file inside --documents, after symlinks.
def _documents_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "globex-wire.txt").write_bytes((DOCUMENTS / "globex-wire.txt").read_bytes())
    return folder


@pytest.mark.parametrize(
    "name",
    [
        "../../../../etc/passwd",
        "/etc/passwd",
        "/proc/self/environ",
        "escape-link.txt",
        "sub/../../globex-wire.txt",
    ],
)
def test_document_outside_documents_folder(built, tmp_path, name):
    case, out, store = built
    before = (out / "kg.ttl").read_bytes()
    documents = _documents_copy(tmp_path)
    (documents / "escape-link.txt").symlink_to("/etc/passwd")
    (documents / "sub").mkdir()
    path = case / "sources.yaml"
    # A wrong digest too: the error must not print the digest of a file outside the folder.
    edit(path, "document: globex-wire.txt\n    sha256: 40aa", f"document: {name}\n    sha256: 41aa")
    result = _rebuild(case, out, store, documents)
    line = line_of(path, "document: ")
    _fails_with(
        result,
        f"Error: {path}:{line}: document {name!r} is outside the documents folder {documents}; name a file inside it",
    )
    assert "SHA-256" not in result.output
    _assert_untouched(out, store, before)


def test_symlink_inside_documents_folder_is_read(built, tmp_path):
    case, out, store = built
    documents = tmp_path / "documents"
    (documents / "texts").mkdir(parents=True)
    (documents / "texts" / "wire.txt").write_bytes((DOCUMENTS / "globex-wire.txt").read_bytes())
    (documents / "globex-wire.txt").symlink_to("texts/wire.txt")
    result = _rebuild(case, out, store, documents)
    assert result.exit_code == 0, result.output
    assert "quotes located in documents: 3" in result.output


def test_document_size_cap(built):
    case, out, store = built
    before = (out / "kg.ttl").read_bytes()
    size = (DOCUMENTS / "globex-wire.txt").stat().st_size
    result = CliRunner().invoke(
        cli,
        [
            "build",
            str(case),
            "--out",
            str(out),
            "--store",
            str(store),
            "--documents",
            str(DOCUMENTS),
            "--max-document-size",
            "100",
        ],
    )
    path = case / "sources.yaml"
    _fails_with(
        result,
        f"Error: {DOCUMENTS / 'globex-wire.txt'}: too large: {size:,} bytes, over the 100-byte limit "
        "(--max-document-size)",
    )
    _assert_untouched(out, store, before)


def test_document_nul_character(built, tmp_path):
    case, out, store = built
    before = (out / "kg.ttl").read_bytes()
    documents = _documents_copy(tmp_path)
    wire = documents / "globex-wire.txt"
    wire.write_bytes(wire.read_bytes() + b"\n" * 10_000 + b"late\x00binary\n")
    edit(
        case / "sources.yaml",
        "    sha256: 40aa62fe75db1786f07ce7d6d229112dae7448f1b404317853dd430310d0f541\n",
        "",
    )
    result = _rebuild(case, out, store, documents)
    line = wire.read_bytes().count(b"\n")
    _fails_with(result, f"Error: {wire}:{line}: binary data (a NUL character); kg reads plain text, Markdown or HTML")
    _assert_untouched(out, store, before)


# With --documents, quote checking never turns itself off without a word (4/7).
def test_missing_document_is_an_error(built, tmp_path):
    case, out, store = built
    before = (out / "kg.ttl").read_bytes()
    documents = _documents_copy(tmp_path)
    path = case / "sources.yaml"
    edit(path, "    reportedIn: wire-article\n", "    reportedIn: wire-article\n    document: memo.txt\n")
    _fails_with(
        _rebuild(case, out, store, documents),
        f"Error: {path}:{line_of(path, 'document: memo.txt')}: document 'memo.txt' not found in {documents}",
    )
    _assert_untouched(out, store, before)


def test_documents_folder_without_any_of_the_documents(built, tmp_path):
    case, out, store = built
    before = (out / "kg.ttl").read_bytes()
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    path = case / "sources.yaml"
    _fails_with(
        _rebuild(case, out, store, empty),
        f"Error: {path}:{line_of(path, 'document: ')}: document 'globex-wire.txt' "
        f"not found in {empty}, nor any other document of case 'mini': is --documents the right folder?",
    )
    _assert_untouched(out, store, before)


def test_a_second_documents_folder_is_searched_too(built, tmp_path):
    case, out, store = built
    second = tmp_path / "second"
    second.mkdir()
    (second / "memo.txt").write_text("The memo said the deploy bot made the change.\n", encoding="utf-8")
    edit(
        case / "sources.yaml",
        "    reportedIn: wire-article\n",
        "    reportedIn: wire-article\n    document: memo.txt\n",
    )
    result = CliRunner().invoke(
        cli,
        [
            "build",
            str(case),
            "--out",
            str(out),
            "--store",
            str(store),
            "--documents",
            str(DOCUMENTS),
            "--documents",
            str(second),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "quotes located in documents: 3" in result.output


def test_shape_violation_names_the_case_file_and_line(built):
    """A party that is an Effect passes the loader but breaks the shapes: the message names its entry."""
    case, out, store = built
    before = (out / "kg.ttl").read_bytes()
    entities = case / "entities.yaml"
    edit(
        entities,
        "  - id: config-push\n",
        "  - id: lost-data\n    type: Effect\n    label: Lost data\n  - id: config-push\n",
    )
    claims = case / "claims.yaml"
    edit(
        claims,
        "      - party: globex\n        source: wire-article\n        via: globex-statement\n        stance: denies",
        "      - party: lost-data\n        source: wire-article\n        via: globex-statement\n        stance: denies",
    )
    result = _rebuild(case, out, store)
    _fails_with(result, "Error: the graph does not conform to the shapes (1 violations)")
    line = line_of(claims, "party: lost-data")
    assert f"{claims}:{line}: " in result.output, result.output
    _assert_untouched(out, store, before)
