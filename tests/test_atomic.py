"""kg/atomic.py: a set of files is placed whole or not at all, and the old files survive a failure."""

from __future__ import annotations

import os

import pytest

from kg.atomic import StagedFiles, atomic_write
from kg.errors import ExportError


def test_a_failed_rename_puts_back_the_files_already_placed(tmp_path, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "a.txt").write_text("old a")
    staged = StagedFiles(folder, "exports")
    for name in ("a.txt", "b.txt", "c.txt"):
        staged.write(name, f"new {name[0]}")
    real = os.replace

    def failing_third(src, dst):
        if str(dst).endswith("c.txt"):
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr("kg.atomic.os.replace", failing_third)
    with pytest.raises(ExportError) as failed:
        staged.commit()
    assert str(failed.value) == f"cannot write {folder / 'c.txt'}: No space left on device"
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]  # b gone, nothing staged left behind
    assert (folder / "a.txt").read_text() == "old a"


def test_a_folder_made_for_the_files_goes_when_they_are_discarded(tmp_path):
    staged = StagedFiles(tmp_path / "new", "drafts")
    staged.write("draft.yaml", "sources: []\n")
    staged.discard()
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_is_a_clean_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(ExportError, match=f"^cannot write exports into {blocker / 'out'}: "):
        StagedFiles(blocker / "out", "exports")
    with pytest.raises(ExportError, match=f"^cannot write {blocker / 'x.txt'}: "):
        with atomic_write(blocker / "x.txt") as out:
            out.write("x")
