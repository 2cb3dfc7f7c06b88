"""setup.cfg declares every package and every data file, so installing prints no setuptools warnings."""

from __future__ import annotations

import configparser
import fnmatch

from setuptools import find_namespace_packages, find_packages

from tests.helpers import ROOT


def _options():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    return config


def _packages(config) -> set[str]:
    how = config["options"]["packages"].strip()
    include = [p.strip() for p in config["options.packages.find"]["include"].split(",")]
    finder = find_namespace_packages if how == "find_namespace:" else find_packages
    return set(finder(where=str(ROOT), include=include))


def test_every_folder_under_kg_is_a_declared_package():
    """A data folder left out of `packages` is what setuptools warns about ("absent from the packages configuration")."""
    folders = {
        ".".join(p.relative_to(ROOT).parts)
        for p in (ROOT / "kg").rglob("*")
        if p.is_dir() and "__pycache__" not in p.parts and any(f.is_file() for f in p.iterdir())
    }
    assert folders - _packages(_options()) == set()


def test_every_data_file_is_package_data():
    config = _options()
    patterns = {
        package.strip(): [g.strip() for g in globs.split(",")]
        for package, globs in config["options.package_data"].items()
    }
    missing = []
    for path in (ROOT / "kg").rglob("*"):
        if not path.is_file() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
            continue
        package = ".".join(path.parent.relative_to(ROOT).parts)
        if not any(fnmatch.fnmatch(path.name, glob) for glob in patterns.get(package, [])):
            missing.append(str(path.relative_to(ROOT)))
    assert missing == []


def test_make_run_leaves_the_working_tree_clean():
    """4/7: exports differ with and without the seed article (quote offsets), so git does not track them."""
    import shutil
    import subprocess

    import pytest

    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    for name in ("kg.ttl", "kg.jsonld", "graph.html", "unresolved.md", "unresolved.json", "kg.graphml"):
        tracked = subprocess.run(["git", "ls-files", "--error-unmatch", f"exports/{name}"], cwd=ROOT, capture_output=True)
        assert tracked.returncode != 0, f"exports/{name} is tracked: make run would modify it"
        ignored = subprocess.run(["git", "check-ignore", "-q", f"exports/{name}"], cwd=ROOT)
        assert ignored.returncode == 0, f"exports/{name} is not ignored: make run would leave it untracked"


def test_make_run_without_the_article_says_quotes_are_not_located():
    """4/7: `make run` without ../shared/seeds says why no quote was located (a dry run shows what it would print)."""
    import shutil
    import subprocess

    import pytest

    if shutil.which("make") is None:
        pytest.skip("make not installed")
    dry = subprocess.run(["make", "-n", "run", "DOCUMENTS="], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert dry.returncode == 0, dry.stderr
    assert "../shared/seeds (the seed article) is not here, so quotes are not located in it" in dry.stdout
    assert "--documents" not in dry.stdout
    with_article = subprocess.run(["make", "-n", "run", "DOCUMENTS=../shared/seeds"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "--documents ../shared/seeds" in with_article.stdout and "not located" not in with_article.stdout


def test_make_run_installs_no_test_extras_and_make_test_adds_them():
    """`make run` installs what the main job needs; `make test` adds the test extras and runs on every core."""
    import re
    import shutil
    import subprocess

    import pytest

    if shutil.which("make") is None:
        pytest.skip("make not installed")

    def installs(target: str) -> list[str]:
        # -B: as on a fresh machine, where no stamp exists yet; -n: print, run nothing.
        dry = subprocess.run(["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert dry.returncode == 0, dry.stderr
        return re.findall(r"pip install .*-e '\.\[([^\]]*)\]'", dry.stdout), dry.stdout

    run_extras, _ = installs("run")
    assert run_extras and all("test" not in extras.split(",") for extras in run_extras), run_extras
    test_extras, test_commands = installs("test")
    assert any("test" in extras.split(",") for extras in test_extras), test_extras
    assert re.search(r"pytest -n \S+", test_commands), test_commands


def _make_dry_run(target: str) -> str:
    import shutil
    import subprocess

    import pytest

    if shutil.which("make") is None:
        pytest.skip("make not installed")
    dry = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert dry.returncode == 0, dry.stderr
    return dry.stdout


def test_make_test_is_the_whole_suite_and_test_quick_leaves_out_what_starts_a_component():
    """The two lanes: `make test` selects nothing out (CI runs it); `make test-quick` leaves out the
    tests that start a browser, a server or a second SPARQL engine, and the slow ones."""
    import re

    whole = [line for line in _make_dry_run("test").splitlines() if "pytest" in line]
    assert len(whole) == 1 and re.search(r"pytest -n \S+$", whole[0]), whole
    quick = [line for line in _make_dry_run("test-quick").splitlines() if "pytest" in line]
    assert len(quick) == 1, quick
    assert re.search(r"-m 'not browser and not server and not remote and not jvm and not slow'", quick[0]), quick
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").rstrip().endswith("\nmake test")


def test_the_quick_lane_collects_no_test_that_starts_a_component(tmp_path):
    """Marks come from the fixtures and parameters a test uses (tests/conftest.py), checked on real files."""
    import os
    import re
    import subprocess
    import sys

    quick = re.search(r"-m '([^']+)'", _make_dry_run("test-quick")).group(1)
    files = ["tests/browser/test_page.py", "tests/serve/test_clients.py", "tests/store/test_bindings.py",
             "tests/store/test_every_command.py", "tests/review/test_review.py", "tests/test_packaging.py",
             "tests/test_ontology.py"]
    # One collection with the lane's marks: pytest lists what it selects, and a plugin writes down what the
    # marks leave out (pytest_deselected), so the whole is both.
    (tmp_path / "lane_left_out.py").write_text(
        "import os\n\n\ndef pytest_deselected(items):\n"
        "    with open(os.environ['LANE_LEFT_OUT'], 'a', encoding='utf-8') as out:\n"
        "        out.writelines(item.nodeid + '\\n' for item in items)\n", encoding="utf-8")
    left_out = tmp_path / "left-out.txt"
    left_out.write_text("", encoding="utf-8")
    env = {**os.environ, "LANE_LEFT_OUT": str(left_out),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")]))}
    run = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:randomly", "-p", "no:xdist",
                          "-p", "no:cacheprovider", "-p", "lane_left_out", "-m", quick, *files],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode in (0, 5), run.stdout + run.stderr
    lane = {line for line in run.stdout.splitlines() if "::" in line}
    every = lane | set(left_out.read_text(encoding="utf-8").splitlines())
    assert lane < every
    assert not any(t.startswith(("tests/browser/", "tests/serve/")) for t in lane)
    assert not any(kind in t for t in lane for kind in ("[remote]", "[virtuoso]")), lane
    assert "tests/store/test_every_command.py::test_exports_are_byte_identical[oxigraph-turtle]" in lane
    assert "tests/test_ontology.py::test_hermit_catches_an_inconsistent_case" in every - lane  # the jvm lane
    assert "tests/store/test_every_command.py::test_serve_answers_alike[memory]" in every - lane  # marked by hand
    assert "tests/review/test_review.py::test_a_session_accepts_rejects_edits_and_merges" in every - lane  # slow
    assert any(t.startswith("tests/browser/test_page.py::") for t in every)
    assert "tests/test_packaging.py::test_the_quick_lane_collects_no_test_that_starts_a_component" in lane
    assert any(t.startswith("tests/store/test_bindings.py::test_where_the_values_go[") for t in lane)
