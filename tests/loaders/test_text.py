"""kg/loaders/text.py: one reader for `kg ingest` and `kg build --documents`, one encoding policy."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from kg.cli import cli
from tests.helpers import FIXTURES


def _run(*args: str):
    return CliRunner().invoke(cli, [str(arg) for arg in args])


def test_a_latin1_article_is_read_alike_by_ingest_and_by_build(tmp_path):
    """The article `kg ingest` drafts from is the document `kg build --documents` checks its quotes in."""
    documents = tmp_path / "documents"
    documents.mkdir()
    shutil.copy(FIXTURES / "ingest" / "latin1.txt", documents / "latin1.txt")
    case = tmp_path / "case"
    ingested = _run("ingest", documents / "latin1.txt", "--case", case, "--date", "2026-03-01")
    assert ingested.exit_code == 0, ingested.output
    (draft,) = case.glob("draft-*.yaml")
    assert "label: Åsa Lindström" in draft.read_text(encoding="utf-8")
    built = _run(
        "build", case, "--documents", documents, "--store", tmp_path / "store", "--out", tmp_path / "out"
    )
    assert built.exit_code == 0, built.output
    assert "quotes located in documents: 2" in built.output
    turtle = (tmp_path / "out" / "kg.ttl").read_text(encoding="utf-8")
    assert '"Åsa Lindström"' in turtle and "Ĺsa" not in turtle


def test_a_document_neither_can_read_is_refused_alike(tmp_path):
    """Cyrillic in Windows-1251: not UTF-8, and not Latin-1 text either; both commands say so, naming the file."""
    documents = tmp_path / "documents"
    documents.mkdir()
    article = documents / "report.txt"
    article.write_bytes("Сбой.\nОлег Петров сказал, что сбой был вызван обновлением.\n".encode("cp1251"))
    message = (
        f"Error: {article}:1: not UTF-8 (byte 0xd1 at offset 0), and read as Windows-1252 most of its letters "
        "would be accented, so it is in another encoding; save the file as UTF-8\n"
    )
    ingested = _run("ingest", article, "--case", tmp_path / "drafts")
    assert (ingested.exit_code, ingested.output) == (1, message)
    assert not (tmp_path / "drafts").exists()

    case = tmp_path / "case"
    case.mkdir()
    (case / "case.yaml").write_text("case: report\ntitle: A report\n", encoding="utf-8")
    (case / "sources.yaml").write_text(
        "sources:\n  - id: report\n    type: NewsArticle\n    label: A report\n    document: report.txt\n",
        encoding="utf-8",
    )
    built = _run(
        "build", case, "--documents", documents, "--store", tmp_path / "store", "--out", tmp_path / "out"
    )
    assert (built.exit_code, built.output) == (1, message.replace(str(article), str(article.resolve())))
    assert not (tmp_path / "out").exists()
