"""kg/loaders/documents.py: the sources' documents, for kg build --documents."""

from __future__ import annotations

import shutil

from kg.case import read_case
from kg.ingest.text import read_article
from kg.loaders.documents import read_documents
from tests.helpers import FIXTURES


def _case_with_document(tmp_path, name: str):
    case = tmp_path / "case"
    case.mkdir()
    (case / "case.yaml").write_text("case: html\ntitle: An HTML document\n", encoding="utf-8")
    (case / "sources.yaml").write_text(
        f"sources:\n  - id: page\n    type: NewsArticle\n    label: A page\n    document: {name}\n",
        encoding="utf-8",
    )
    return read_case(case)


def test_html_documents_are_read_as_the_text_ingest_quotes(tmp_path):
    """HTML is read as its main text, the text kg ingest quotes, with kg's own dependencies."""
    documents = tmp_path / "documents"
    documents.mkdir()
    shutil.copy(FIXTURES / "ingest" / "page.html", documents / "page.html")
    expected = read_article(documents / "page.html").text  # what kg ingest quotes
    texts = read_documents(_case_with_document(tmp_path, "page.html"), documents)
    assert texts["page"].text == expected and "<" not in texts["page"].text
    assert texts["page"].path == (documents / "page.html").resolve()
