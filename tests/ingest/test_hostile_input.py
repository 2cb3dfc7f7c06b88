"""Hostile articles (issue 1/7 item 5): linear rules, and only regular files are read.

No timings here: each pathological input runs in a subprocess under a
generous ``timeout``; before the fix, each of these ran for minutes (the
FIFO forever). How long ingest takes per size is measured by
``benchmarks/ingest_speed.py``.
"""

import os
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.ingest.sentences import MAX_SENTENCE, split_sentences

# Generous: on a loaded two-core machine these take a few seconds in all. They hold the rules
# to linear time, so they read with the rules alone; spaCy's parse (linear by construction,
# in pieces of a few paragraphs) is timed by size in benchmarks/ingest_speed.py.
GUARD = 240


def _run(code: str, timeout: int = GUARD) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=timeout,
                          cwd=os.getcwd())


@pytest.mark.slow
def test_a_20000_character_token_of_every_shape_is_read_in_linear_time():
    # Each shape made some rule backtrack quadratically (or worse): _SAFEGUARD_RE on
    # capitals, COUNT on digits, _GROUP_RE and the system rules on hyphenated runs,
    # the sentence splitter and the attribution frames on text without full stops.
    result = _run("""
        from kg.ingest.extract import extract
        n = 20000
        shapes = ["A" * n, "a" * n, "-".join(["a"] * (n // 2)), "-".join(["A"] * (n // 2)), "Aa" * (n // 2), "1" * n,
                  "A_" * (n // 2), "A'" * (n // 2), "said " * (n // 5), '"A said "' * (n // 10), "outage " * (n // 7),
                  "did not say whether " * (n // 20), "Mr. A. " * (n // 7)]
        for text in shapes:
            extract(text, published="2026-05-13", parser="rules")
        print("done", len(shapes))
    """)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["done", "13"]


@pytest.mark.slow
def test_a_one_megabyte_article_is_ingested_under_the_guard(tmp_path):
    paragraph = ("Globex said on Tuesday the outage was caused by a configuration push that skipped review. "
                 "Jane Roe, a Globex engineer, denied that reviews were skipped. ") * 6 + "\n\n"
    article = tmp_path / "big.txt"
    article.write_text("Big article\n\n" + paragraph * (1_000_000 // len(paragraph)), encoding="utf-8")
    result = _run(f"""
        from kg.ingest.extract import extract
        from kg.ingest.text import read_article
        x = extract(read_article({str(article)!r}).text, published="2026-05-13", parser="rules")
        print(len(x.claims) > 1000)
    """)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "True"


def test_no_sentence_is_longer_than_the_cap():
    text = "word " * 5000 + "and then. Short one."
    sentences = split_sentences(text)
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert sentences[-1].text == "Short one."


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_at_once_naming_the_file(tmp_path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    case = tmp_path / "case"
    # In a subprocess: before the fix, reading the FIFO waited forever for a writer.
    result = _run(f"""
        import sys
        from click.testing import CliRunner
        from kg.cli import cli
        r = CliRunner().invoke(cli, ["ingest", {str(fifo)!r}, "--case", {str(case)!r}])
        sys.stdout.write(f"{{r.exit_code}}|{{r.output}}")
    """, timeout=60)
    assert result.stdout == f"1|Error: {fifo}: not a regular file (a FIFO); kg reads only regular files\n"
    assert not case.exists()


def test_a_device_is_refused_naming_the_file(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", "/dev/null", "--case", str(tmp_path / "case")])
    assert result.exit_code == 1
    assert result.output == "Error: /dev/null: not a regular file (a character device); kg reads only regular files\n"
    assert not (tmp_path / "case").exists()
