"""Building cases: determinism, the seed case, independent parsers, all-or-nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from kg.build import build, load_cases
from kg.cli import cli
from kg.store import normalize_term, open_graph
from kg.validate import validate_graph
from kg.vocab import KG, OA
from kg.errors import ExportError
from tests.helpers import ARTICLES, DOCUMENTS, FIXTURES, MINI, SEEDS, copy_case, edit

SEED_CASE = SEEDS / "amazon-2026-outages"
ACME = FIXTURES / "cases" / "acme"
ARTICLE = "000_80aecd0927fd6476.txt"


def _normalized(graph: Graph) -> Graph:
    out = Graph()
    out += ((s, p, normalize_term(o)) for s, p, o in graph)
    return out


def test_same_input_gives_byte_identical_exports(tmp_path):
    first = build([MINI], out=tmp_path / "a", store=tmp_path / "s1", documents=DOCUMENTS)
    second = build([MINI], out=tmp_path / "b", store=tmp_path / "s2", documents=DOCUMENTS)
    assert (tmp_path / "a" / "kg.ttl").read_bytes() == (tmp_path / "b" / "kg.ttl").read_bytes()
    assert first.triples == second.triples


@pytest.mark.slow
def test_exports_identical_across_processes(tmp_path):
    """Blank nodes and hash seeds differ per process; the bytes must not."""
    for name in ("a", "b"):
        done = subprocess.run(
            ["kg", "build", str(MINI), "--out", str(tmp_path / name), "--store", str(tmp_path / f"s{name}")],
            capture_output=True,
            text=True,
            env={"PYTHONHASHSEED": name == "a" and "1" or "2", "PATH": _venv_path()},
        )
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "a" / "kg.ttl").read_bytes() == (tmp_path / "b" / "kg.ttl").read_bytes()


def _venv_path() -> str:
    return f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"


def test_loading_twice_gives_isomorphic_graphs():
    one, _, _ = load_cases([MINI], documents=DOCUMENTS)
    two, _, _ = load_cases([MINI], documents=DOCUMENTS)
    assert isomorphic(one, two)


def test_store_keeps_the_graph_for_later_commands(tmp_path):
    built = build([MINI], out=None, store=tmp_path / "store")
    reopened = open_graph(tmp_path / "store")
    assert isomorphic(_normalized(reopened), _normalized(built.graph))


def test_memory_and_oxigraph_stores_hold_the_same_graph(tmp_path):
    build([MINI], out=tmp_path / "o1", store=tmp_path / "store")
    build([MINI], out=tmp_path / "o2", store=f"memory:{tmp_path / 'g.nt'}")
    assert isomorphic(
        _normalized(open_graph(tmp_path / "store")), _normalized(open_graph(f"memory:{tmp_path / 'g.nt'}"))
    )


def test_quotes_get_offsets_from_documents():
    graph, _, stats = load_cases([MINI], documents=DOCUMENTS)
    text = (DOCUMENTS / "globex-wire.txt").read_text(encoding="utf-8")
    assertions = set(graph.subjects(RDF.type, KG.Assertion))
    assert stats.quotes_checked == len(assertions) == 3
    for assertion in assertions:
        target = graph.value(assertion, OA.hasTarget)
        selectors = set(graph.objects(target, OA.hasSelector))
        exact = next(
            str(graph.value(s, OA.exact)) for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in graph
        )
        position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in graph)
        start, end = int(graph.value(position, OA.start)), int(graph.value(position, OA.end))
        assert text[start:end] == exact


def test_without_documents_no_offsets_are_claimed():
    graph, _, stats = load_cases([MINI])
    assert stats.quotes_checked == 0
    assert not set(graph.subjects(RDF.type, OA.TextPositionSelector))


def test_sha256_mismatch_is_an_error(tmp_path):
    case = copy_case(tmp_path)
    edit(case / "sources.yaml", "sha256: ", "sha256: '" + "0" * 64 + "'\n    note: ")
    result = CliRunner().invoke(
        cli,
        [
            "build",
            str(case),
            "--out",
            str(tmp_path / "o"),
            "--store",
            "memory",
            "--documents",
            str(DOCUMENTS),
        ],
    )
    assert result.exit_code == 1
    assert "has SHA-256" in result.output and "not the 0000" in result.output


def test_shacl_violation_writes_nothing(tmp_path):
    """A resolved question without an answer breaks the shapes: no store, no export."""
    case = copy_case(tmp_path)
    edit(case / "claims.yaml", "    status: open", "    status: resolved")
    result = CliRunner().invoke(
        cli, ["build", str(case), "--out", str(tmp_path / "o"), "--store", str(tmp_path / "s")]
    )
    assert result.exit_code == 1
    assert "a resolved question needs an 'answer'" in result.output
    assert "Error: the graph does not conform to the shapes (1 violations)" in result.output
    assert not (tmp_path / "o").exists()
    assert not (tmp_path / "s").exists(), "a failed first build leaves no store folder (nor its .lock) behind"


@pytest.mark.parametrize("store", ["folder", "memory-file"])
def test_a_build_whose_exports_fail_keeps_the_previous_store(tmp_path, store):
    """1/7 item 6: `kg build CASE --out /dev/null` fails before the new graph replaces the old one."""
    location = str(tmp_path / "s") if store == "folder" else f"memory:{tmp_path / 'g.nt'}"
    runner = CliRunner()
    good = runner.invoke(cli, ["build", str(MINI), "--out", str(tmp_path / "o"), "--store", location])
    assert good.exit_code == 0, good.output
    before = (tmp_path / "o" / "kg.ttl").read_bytes()
    stats_before = runner.invoke(cli, ["stats", "--store", location]).output
    failed = runner.invoke(cli, ["build", str(ACME), "--out", "/dev/null", "--store", location])
    assert failed.exit_code == 1, failed.output
    assert "Error: cannot write exports into /dev/null" in failed.output
    assert runner.invoke(cli, ["stats", "--store", location]).output == stats_before
    assert (tmp_path / "o" / "kg.ttl").read_bytes() == before


def test_a_failed_export_writes_no_other_export_and_no_store(tmp_path):
    out = tmp_path / "o"

    def failing(graph, path):
        raise ExportError("cannot write extra.ttl: disk full")

    with pytest.raises(ExportError, match="disk full"):
        build([MINI], out=out, store=tmp_path / "s", exporters=[("extra.ttl", failing)])
    assert not out.exists() and not (tmp_path / "s").exists()


def test_pending_items_are_marked(tmp_path):
    case = copy_case(tmp_path)
    edit(
        case / "claims.yaml",
        "        stance: denies",
        "        stance: denies\n        status: pending\n        confidence: 0.4",
    )
    graph, _, _ = load_cases([case])
    pending = set(graph.subjects(KG.reviewStatus, KG.Pending))
    assert len(pending) == 1 and (next(iter(pending)), KG.stance, KG.Denies) in graph


def test_export_parses_with_rapper(tmp_path):
    """raptor's rapper is an independent Turtle parser (Debian raptor2-utils)."""
    if shutil.which("rapper") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("rapper (raptor2-utils) must be installed in CI")
        pytest.skip("rapper not installed")
    cases = [SEED_CASE] if SEED_CASE.is_dir() else [MINI]
    result = build(cases, out=tmp_path, store="memory")
    path = tmp_path / "kg.ttl"
    done = subprocess.run(
        ["rapper", "-i", "turtle", "-c", str(path)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert f"returned {result.triples} triples" in done.stderr
    assert len(Graph().parse(path)) == result.triples


@pytest.mark.skipif(not SEED_CASE.is_dir(), reason="seed case not present")
def test_seed_case_conforms_to_the_shapes():
    graph, cases, _ = load_cases([SEED_CASE])
    report = validate_graph(graph)
    assert report.conforms, report.text
    assert [c.slug for c in cases] == ["amazon-2026-outages"]


@pytest.mark.skipif(
    not (ARTICLES / ARTICLE).is_file() or not SEED_CASE.is_dir(), reason="../shared/seeds article not present"
)
def test_seed_case_quotes_are_found_in_the_article(tmp_path):
    result = build([SEED_CASE], out=tmp_path, store="memory", documents=ARTICLES)
    graph = result.graph
    text = (ARTICLES / ARTICLE).read_text(encoding="utf-8")
    assertions = set(graph.subjects(RDF.type, KG.Assertion))
    assert len(assertions) >= 20
    assert result.quotes_checked == len(assertions)
    for assertion in assertions:
        target = graph.value(assertion, OA.hasTarget)
        selectors = set(graph.objects(target, OA.hasSelector))
        quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in graph)
        position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in graph)
        start, end = int(graph.value(position, OA.start)), int(graph.value(position, OA.end))
        assert text[start:end] == str(graph.value(quote, OA.exact))
        assert text[:start].endswith(str(graph.value(quote, OA.prefix)))


def test_the_workers_read_only_a_few_batches_ahead_of_the_store():
    """A store that loads slower than the workers read must not hold every case read (at 10M, gigabytes): the jobs
    given to the pool and not yet taken stay within the window, and the results come in the jobs' order."""
    import importlib

    reading = importlib.import_module("kg.build")  # the module; kg.build the name is the function
    given, taken = [], []

    class Done:
        def __init__(self, job):
            self.job = job

        def get(self):
            taken.append(self.job)
            return self.job

    class Pool:
        def apply_async(self, work, args):
            assert work is reading._process_batch
            given.append(args[0])
            assert len(given) - len(taken) <= 3
            return Done(args[0])

    assert list(reading._read_ahead(Pool(), list(range(10)), 3)) == list(range(10))
    assert given == taken == list(range(10))


def test_the_store_is_loaded_in_pieces_with_the_same_graph(tmp_path, monkeypatch):
    """Oxigraph's bulk loader holds what one call is given (GBs at 10M): the build gives it whole cases a piece at a
    time, and the store and kg.ttl are the same as from one piece."""
    import io

    from kg import backends

    reader = backends._ChunkReader([b"<a> <b> <c> .\n", b"<d> <e> <f> .\n", b"<g> <h> <i> .\n"], piece=15)
    pieces, buffered = [], io.BufferedReader(reader, 4)
    while not reader.done:
        reader.next_piece()
        pieces.append(buffered.read())
    assert pieces == [b"<a> <b> <c> .\n<d> <e> <f> .\n", b"<g> <h> <i> .\n"]
    build([MINI], out=tmp_path / "a", store=tmp_path / "s1", documents=DOCUMENTS)
    monkeypatch.setattr(backends, "LOAD_PIECE", 1)  # each case a piece of its own
    build([MINI, ACME], out=tmp_path / "b", store=tmp_path / "s2", documents=DOCUMENTS)
    build([MINI], out=tmp_path / "b", store=tmp_path / "s2", documents=DOCUMENTS)
    assert (tmp_path / "a" / "kg.ttl").read_bytes() == (tmp_path / "b" / "kg.ttl").read_bytes()


def _exported_turtle(store: Path, path: Path) -> bytes:
    """`kg export --format turtle` of the built ``store``: the Turtle its build kept beside it, which must be the
    store's own dump, sorted (the same export with the kept file moved away)."""
    kept = Path(f"{(store / 'current').resolve()}.ttl")
    assert kept.is_file()
    result = CliRunner().invoke(cli, ["export", "--format", "turtle", "-o", str(path), "--store", str(store)])
    assert result.exit_code == 0, result.output
    exported = path.read_bytes()
    kept.rename(kept.with_suffix(".away"))
    try:
        result = CliRunner().invoke(cli, ["export", "--format", "turtle", "-o", str(path), "--store", str(store)])
    finally:
        kept.with_suffix(".away").rename(kept)
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == exported
    return exported


def test_a_build_keeps_its_turtle_beside_its_generation_and_the_next_build_lets_it_go(tmp_path):
    """`kg export` of the embedded store copies the Turtle its build wrote (kg.backends), kept beside each generation
    until the generation goes; a build without exports keeps none, and the export then dumps the store."""
    store = tmp_path / "s"
    build([MINI], out=tmp_path / "o", store=store, documents=DOCUMENTS)
    first = (store / "current").resolve()
    assert _exported_turtle(store, tmp_path / "e.ttl") == (tmp_path / "o" / "kg.ttl").read_bytes()
    build([ACME], out=tmp_path / "o2", store=store, documents=DOCUMENTS)
    assert _exported_turtle(store, tmp_path / "e2.ttl") == (tmp_path / "o2" / "kg.ttl").read_bytes()
    assert Path(f"{first}.ttl").is_file()  # the previous generation, kept for its readers, with its Turtle
    build([MINI], out=None, store=store, documents=DOCUMENTS)
    assert not Path(f"{first}.ttl").exists() and not first.exists()
    assert sorted(p.name.split(".")[1] for p in store.glob("data-*.*")) == ["ttl"]  # the previous one's only
    result = CliRunner().invoke(cli, ["export", "--format", "turtle", "-o", str(tmp_path / "e3.ttl"), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "e3.ttl").read_bytes() == (tmp_path / "o" / "kg.ttl").read_bytes()


def _spied(monkeypatch) -> list:
    """What each build's kg.turtle.TurtleParts.ready answered: True when kg.ttl is written from the cases' lines."""
    from kg.turtle import TurtleParts

    answers, real = [], TurtleParts.ready
    monkeypatch.setattr(TurtleParts, "ready", lambda self: answers.append(real(self)) or answers[-1])
    return answers


def test_kg_ttl_is_written_from_the_cases_lines_and_is_the_export(tmp_path, monkeypatch):
    """The build writes kg.ttl from each case's own lines (no dump of the store); `kg export` from the built store, and
    from rdflib's memory store, gives the same bytes: the triples in the order of their sorted N-Triples lines."""
    cases = FIXTURES / "cases"
    written = _spied(monkeypatch)
    result = build([cases], out=tmp_path / "o", store=tmp_path / "s", documents=DOCUMENTS)
    assert written == [True]
    built = (tmp_path / "o" / "kg.ttl").read_bytes()
    assert built == _exported_turtle(tmp_path / "s", tmp_path / "e.ttl")
    assert len(Graph().parse(data=built.decode("utf-8"), format="turtle")) == result.triples
    assert b"kgr:mini\\/globex a kg:Organization ;\n\t" in built  # a subject's triples are one block, with prefixes
    memory = tmp_path / "m.nt"
    build([cases], out=tmp_path / "mo", store=f"memory:{memory}", documents=DOCUMENTS)
    assert (tmp_path / "mo" / "kg.ttl").read_bytes() == built


def test_cases_whose_lines_interleave_are_sorted_as_one(tmp_path, monkeypatch):
    """Slugs 'mini' and 'mini0': sorted, the lines of mini0's items fall between mini's items and the case itself, so
    the build cannot put the cases' lines one after the other; it writes kg.ttl from the store, the same bytes."""
    from kg.turtle import interleaved

    other = copy_case(tmp_path, MINI, "other")
    edit(other / "case.yaml", "case: mini", "case: mini0")
    assert interleaved(["mini", "mini0"])
    written = _spied(monkeypatch)
    build([MINI, other], out=tmp_path / "o", store=tmp_path / "s", documents=DOCUMENTS)
    assert written == [False]
    built = (tmp_path / "o" / "kg.ttl").read_bytes()
    assert built == _exported_turtle(tmp_path / "s", tmp_path / "e.ttl")
    assert b"kgr:mini0\\/globex a kg:Organization ;" in built
