"""docs/notebook.md runs as written (python -m doctest), from the repository root."""

from __future__ import annotations

import doctest

from tests.helpers import ROOT


def test_the_notebook_runs(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        str(ROOT / "docs" / "notebook.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        raise_on_error=False,
        verbose=False,
    )
    assert result.attempted > 30
    assert result.failed == 0
