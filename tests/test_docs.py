"""The README is a short guide, and docs/ holds one page per topic, current and linked."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.helpers import ROOT

PAGES = [
    "model",
    "case-format",
    "cli",
    "unresolved",
    "ingest",
    "serve",
    "exports",
    "stores",
    "security",
    "errors",
    "development",
]
README = ROOT / "README.md"


def _text(path) -> str:
    return path.read_text(encoding="utf-8")


def test_the_readme_is_at_most_150_lines():
    assert len(_text(README).splitlines()) <= 150


@pytest.mark.parametrize("page", PAGES)
def test_every_topic_has_a_page_the_readme_links(page):
    assert (ROOT / "docs" / f"{page}.md").is_file()
    assert f"(docs/{page}.md)" in _text(README), f"README.md does not link docs/{page}.md"


def test_links_between_pages_lead_to_files_and_headings():
    """A relative link names a file that exists and, with ``#anchor``, a heading on that page."""
    for page in [README, *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)\s]+)\)", _text(page)):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            assert linked.exists(), f"{page.name}: link to {target} leads nowhere"
            if anchor and linked.suffix == ".md":
                assert anchor in _anchors(_text(linked)), f"{page.name}: {target} names no heading"


def _anchors(text: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens."""
    headings = re.findall(r"(?m)^#+ (.+)$", re.sub(r"(?ms)^```.*?^```", "", text))
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


def test_no_issue_numbers_or_targets_on_a_users_page():
    for page in [README, *sorted((ROOT / "docs").glob("*.md"))]:
        text = _text(page)
        # "3/7" names an issue; "(5/6)" is a fraction in a table of figures.
        issue = re.search(r"(?<!\()\b[1-9]/[67]\b(?!\))|\bissue \d", text)
        assert not issue, f"{page.name} names an issue: {issue.group(0)!r}"
        goal = re.search(r"\btargets? (?:at|of|\d)|\(target|— (?:not )?met\b|\([≥≤] ?[0-9]", text)
        assert not goal, f"{page.name} states a target: {goal.group(0)!r}"


def test_generated_parts_are_current():
    """Each command's --help in docs/cli.md, and the trees in docs/development.md."""
    check = subprocess.run(
        [sys.executable, "scripts/docs.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr


def test_the_check_names_a_stale_page(tmp_path, monkeypatch):
    import importlib.util

    spec = importlib.util.spec_from_file_location("kg_docs_script", ROOT / "scripts" / "docs.py")
    docs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(docs)
    for page in {page for page, _, _ in docs.BLOCKS}:
        (tmp_path / page).write_text(
            _text(ROOT / "docs" / page).replace("Usage: kg build", "Usage: kg bulid")
        )
    monkeypatch.setattr(docs, "DOCS", tmp_path)
    assert docs.main(["--check"]) == 1
    assert "Usage: kg bulid" in _text(tmp_path / "cli.md")
    assert docs.main([]) == 0
    assert "Usage: kg bulid" not in _text(tmp_path / "cli.md")
