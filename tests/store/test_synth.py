"""The synthetic corpus: deterministic, realistic in shape, and a valid build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib.namespace import OWL, RDF

from kg.build import build
from kg.cli import cli
from kg.errors import KGError
from kg.query import run_query
from kg.synth import DOCUMENTS_DIR, synthesize
from kg.vocab import KG


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    first = _files(synthesize(tmp_path / "a", triples=12_000, seed=7).out)
    second = _files(synthesize(tmp_path / "b", triples=12_000, seed=7).out)
    third = _files(synthesize(tmp_path / "c", triples=12_000, seed=8).out)
    assert first == second
    assert first != third


@pytest.mark.slow
def test_corpus_builds_conforms_and_has_the_shape_of_real_cases(tmp_path):
    result = synthesize(tmp_path / "corpus", triples=30_000, seed=1)
    built = build([result.out], out=None, store=tmp_path / "store", documents=result.out / DOCUMENTS_DIR)
    assert abs(built.triples - result.estimated_triples) <= built.triples // 1000  # an estimate, within 0.1%
    assert 0.8 * 30_000 <= built.triples <= 1.2 * 30_000
    graph = built.graph
    assert built.quotes_checked == len(set(graph.subjects(RDF.type, KG.Assertion))) > 100
    for cls in (KG.Organization, KG.Person, KG.Incident, KG.SoftwareChange, KG.Safeguard, KG.NewsArticle,
                KG.PublicStatement, KG.InternalDocument, KG.Proposition, KG.IdentityJudgement, KG.OpenQuestion):
        assert next(graph.subjects(RDF.type, cls), None) is not None, cls
    assert any(True for _ in graph.subject_objects(OWL.sameAs))
    stances = {str(row.stance) for row in run_query(graph, "assertions-by-stance")}
    assert {"asserts", "denies"} <= stances or {"confirms", "disputes"} <= stances
    contested = list(run_query(graph, "contested"))
    assert contested, "sources should conflict somewhere"
    twins = [i for i in graph.subjects(RDF.type, KG.Incident) if str(i).endswith("-b")]
    assert len(twins) >= 0.05 * len(set(graph.subjects(RDF.type, KG.Incident)))


def test_incident_corpus_holds_about_as_many_incidents_as_asked(tmp_path):
    result = synthesize(tmp_path / "corpus", incidents=500, seed=1)
    assert 500 <= result.incidents < 700


def test_refuses_to_replace_a_folder_it_did_not_write(tmp_path):
    precious = tmp_path / "seeds"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(KGError, match="exists and was not written by kg synth"):
        synthesize(precious, triples=5_000)
    assert (precious / "notes.txt").read_text(encoding="utf-8") == "keep me"
    synthesize(tmp_path / "mine", triples=5_000)
    synthesize(tmp_path / "mine", triples=5_000)  # its own output is replaced


def test_cli(tmp_path):
    out = tmp_path / "corpus"
    result = CliRunner().invoke(cli, ["synth", "--triples", "8000", "--seed", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("wrote ") and f"build them: kg build {out} --documents {out / 'documents'}" in result.output
    assert (out / "synth-00000" / "case.yaml").is_file()
    help_text = CliRunner().invoke(cli, ["synth", "--help"])
    assert help_text.exit_code == 0 and "--triples" in help_text.output


@pytest.mark.slow
def test_parallel_and_serial_builds_write_the_same_bytes(tmp_path, monkeypatch):
    corpus = synthesize(tmp_path / "corpus", triples=20_000, seed=4).out
    outputs = []
    for workers in ("1", "2"):
        monkeypatch.setenv("KG_BUILD_WORKERS", workers)
        build([corpus], out=tmp_path / f"out{workers}", store=tmp_path / f"store{workers}", documents=corpus / DOCUMENTS_DIR,
              validate=False)  # the bytes are the point; test_corpus_builds_conforms_and_has_the_shape_of_real_cases validates
        outputs.append((tmp_path / f"out{workers}" / "kg.ttl").read_bytes())
    assert outputs[0] == outputs[1]
    monkeypatch.setenv("KG_BUILD_WORKERS", "2")
    build([corpus], out=tmp_path / "again", store=tmp_path / "store-again", documents=corpus / DOCUMENTS_DIR, validate=False)
    assert (tmp_path / "again" / "kg.ttl").read_bytes() == outputs[0]


def test_a_bad_case_among_many_is_reported_from_a_worker(tmp_path, monkeypatch):
    corpus = synthesize(tmp_path / "corpus", triples=20_000, seed=5).out
    bad = corpus / "synth-00003" / "claims.yaml"
    text = bad.read_text(encoding="utf-8")
    bad.write_text(text.replace("stance: ", "stance: maybe-", 1), encoding="utf-8")
    line = next(n for n, l in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1) if "maybe-" in l)
    monkeypatch.setenv("KG_BUILD_WORKERS", "2")
    result = CliRunner().invoke(cli, ["build", str(corpus), "--store", str(tmp_path / "store"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {bad}:{line}: unknown stance 'maybe-")
    assert not (tmp_path / "store" / "current").exists() and not (tmp_path / "o").exists()
