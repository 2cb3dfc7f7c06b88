"""The README's sample sessions match a real run, line for line up to any '...' (4/7).

Each indented block that starts with ``$ kg ...`` is run in a scratch folder
that holds ``seeds/`` and, when it is beside the project, ``../shared/seeds``;
every output line the README shows must be what the command prints.
"""

from __future__ import annotations

import shlex

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.helpers import ARTICLES, ROOT, SEEDS


def samples() -> list[tuple[str, list[str]]]:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    found = []
    for number, line in enumerate(lines):
        if not line.startswith("    $ kg "):
            continue
        shown = []
        for after in lines[number + 1:]:
            if not after.startswith("    ") or after.startswith("    $ "):
                break
            shown.append(after[4:])
        found.append((line[len("    $ "):], shown))
    return found


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    """A folder laid out as the README assumes, with the seeds built into its default store."""
    root = tmp_path_factory.mktemp("readme")
    work = root / "kg"
    work.mkdir()
    (work / "seeds").symlink_to(SEEDS)
    if ARTICLES.is_dir():
        (root / "shared").mkdir()
        (root / "shared" / "seeds").symlink_to(ARTICLES)
    return work


def _run(work, command: str, monkeypatch):
    monkeypatch.chdir(work)
    monkeypatch.delenv("KG_STORE", raising=False)
    return CliRunner().invoke(cli, shlex.split(command)[1:])


def test_the_readme_has_samples():
    commands = [command.split()[1] for command, _ in samples()]
    assert "build" in commands and "unresolved" in commands and "path" in commands


@pytest.mark.parametrize("command, shown", samples(), ids=[command for command, _ in samples()])
def test_sample_output_matches_a_real_run(session, monkeypatch, command, shown):
    if "--documents ../shared/seeds" in command and not ARTICLES.is_dir():
        pytest.skip("../shared/seeds (the seed article) is not beside the project")
    if not (session / ".kg" / "store").exists():
        documents = ["--documents", "../shared/seeds"] if ARTICLES.is_dir() else []
        built = _run(session, shlex.join(["kg", "build", "seeds", *documents]), monkeypatch)
        assert built.exit_code == 0, built.output
    result = _run(session, command, monkeypatch)
    assert result.exit_code == 0, result.output
    printed = result.output.splitlines()
    expected = shown[: shown.index("...")] if "..." in shown else shown
    assert printed[: len(expected)] == expected, f"README sample `{command}` is stale"
