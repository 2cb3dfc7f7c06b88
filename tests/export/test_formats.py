"""`kg export` in every format: CLI, round trips, independent parsers, determinism, atomicity."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.build import build
from kg.cli import cli
from kg.export import registry
from kg.export.graphml import export_network
from kg.export.jsonld import CONTEXT_PATH
from kg.store import normalize_term, open_graph
from tests.helpers import DOCUMENTS, MINI

IN_CI = os.environ.get("CI", "").lower() == "true"
RDF_FORMATS = ["turtle", "trig", "nquads", "jsonld"]
NETWORK_FORMATS = ["graphml", "gexf"]
RDFLIB_NAME = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}
PROPOSITION = "https://w3id.org/kg/id/mini/reviews-skipped"
ASSERTION_DENIES = "https://w3id.org/kg/id/mini/assertion/b62ff5cc8a8243a7"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    location = tmp_path_factory.mktemp("store") / "store"
    build([MINI], out=None, documents=DOCUMENTS, store=str(location), validate=False)
    return str(location)


@pytest.fixture(scope="module")
def reference(store) -> Graph:
    """The built graph in memory, RDF 1.1 plain literals."""
    graph = Graph()
    graph += ((s, p, normalize_term(o)) for s, p, o in open_graph(store))
    return graph


def _target(format_name: str) -> str:
    """What to name the export: a folder for a folder format, else <format>.<its suffix> (two formats share .gexf)."""
    export_format = registry.FORMATS[format_name]
    return format_name if export_format.folder else f"{format_name}.{export_format.suffix}"


def export(store: str, format_name: str, path: Path):
    return CliRunner().invoke(cli, ["export", "--format", format_name, "-o", str(path), "--store", store])


@pytest.fixture(scope="module")
def exported(store, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    paths = {}
    for format_name in registry.FORMATS:
        path = folder / _target(format_name)
        result = export(store, format_name, path)
        assert result.exit_code == 0, result.output
        paths[format_name] = path
    return paths


def as_plain_graph(text: str, format_name: str) -> Graph:
    dataset = Dataset()
    dataset.parse(data=text, format=RDFLIB_NAME[format_name])
    graph = Graph()
    graph += ((s, p, normalize_term(o)) for s, p, o, _ in dataset.quads((None, None, None, None)))
    return graph


# ------------------------------------------------------------------ the command


@pytest.mark.parametrize("format_name", [name for name, f in registry.FORMATS.items() if not f.folder])
def test_export_writes_the_file_and_says_so(store, tmp_path, format_name):
    path = tmp_path / _target(format_name)
    result = export(store, format_name, path)
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {path}\n"
    assert path.stat().st_size > 1000


def test_csv_writes_two_files_into_a_folder(store, tmp_path):
    result = export(store, "csv", tmp_path / "tables")
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {tmp_path / 'tables' / 'nodes.csv'}\nwrote {tmp_path / 'tables' / 'edges.csv'}\n"


def test_unresolved_writes_the_report_three_ways_into_a_folder(store, tmp_path):
    result = export(store, "unresolved", tmp_path / "report")
    assert result.exit_code == 0, result.output
    names = ("unresolved.md", "unresolved.json", "unresolved.html")
    assert result.output == "".join(f"wrote {tmp_path / 'report' / name}\n" for name in names)
    assert json.loads((tmp_path / "report" / "unresolved.json").read_text())["kind"] == "kg-unresolved"
    markdown = (tmp_path / "report" / "unresolved.md").read_text()
    assert markdown.startswith("# What the record leaves unresolved\n")
    assert "What the record leaves unresolved</h1>" in (tmp_path / "report" / "unresolved.html").read_text()


def test_unknown_format_is_a_usage_error(store, tmp_path):
    result = export(store, "rdfa", tmp_path / "kg.html")
    assert result.exit_code == 2
    assert "Invalid value for '--format': 'rdfa' is not one of" in result.output


def test_a_folder_is_not_a_file_name(store, tmp_path):
    result = export(store, "turtle", tmp_path)
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path} is a folder; give a file name, such as {tmp_path / 'kg.ttl'}\n"


def test_csv_into_a_file_is_refused(store, tmp_path):
    (tmp_path / "taken").write_text("x")
    result = export(store, "csv", tmp_path / "taken")
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'taken'} is a file; the csv format writes nodes.csv and edges.csv into a folder\n"


def test_nothing_built_gives_the_store_message(tmp_path):
    result = export(str(tmp_path / "empty"), "turtle", tmp_path / "kg.ttl")
    assert result.exit_code == 1
    assert result.output == f"Error: no graph in store {tmp_path / 'empty'}: run `kg build` first\n"
    assert not (tmp_path / "kg.ttl").exists()


def test_unwritable_target_is_one_clear_line(store, tmp_path):
    (tmp_path / "afile").write_text("x")
    target = tmp_path / "afile" / "kg.ttl"
    result = export(store, "turtle", target)
    assert result.exit_code == 1
    assert result.output == f"Error: cannot write {target}: File exists\n"


# ------------------------------------------------------------------ RDF round trips


@pytest.mark.parametrize("format_name", RDF_FORMATS)
def test_rdf_export_round_trips_to_an_isomorphic_graph(exported, reference, format_name):
    text = exported[format_name].read_text(encoding="utf-8")
    assert isomorphic(as_plain_graph(text, format_name), reference)


def test_jsonld_embeds_the_shipped_context(exported):
    document = json.loads(exported["jsonld"].read_text(encoding="utf-8"))
    shipped = json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]
    assert document["@context"] == shipped
    assert isinstance(document["@context"], dict)  # an object, never a URL to fetch
    assert "kgr:mini" in {node["@id"] for node in document["@graph"]}


def test_jsonld_reads_back_with_the_network_cut(exported, reference, monkeypatch):
    import urllib.request

    def no_network(*args, **kwargs):
        raise AssertionError(f"the JSON-LD export made the parser fetch {args[0]!r}")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    assert isomorphic(as_plain_graph(exported["jsonld"].read_text(encoding="utf-8"), "jsonld"), reference)


def test_context_covers_the_prefixes_used_elsewhere():
    from kg import sparql
    from kg.export.turtle import PREFIXES

    shipped = json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]
    for prefixes in (PREFIXES, getattr(sparql, "PREFIXES", {})):
        for prefix, namespace in prefixes.items():
            assert shipped.get(prefix) == namespace, f"kg/context/kg.jsonld lacks {prefix}: <{namespace}>"


def test_named_graphs_survive_trig_and_nquads(tmp_path):
    from rdflib import Literal, URIRef

    from kg.export import nquads, trig

    dataset = Dataset()
    named = URIRef("https://w3id.org/kg/id/graph/one")
    dataset.add((URIRef("https://w3id.org/kg/id/a"), URIRef("https://w3id.org/kg/ontology#p"), Literal("in a named graph"), named))
    dataset.add((URIRef("https://w3id.org/kg/id/b"), URIRef("https://w3id.org/kg/ontology#p"), Literal("line one\nline two")))
    for module, name in ((trig, "trig"), (nquads, "nquads")):
        back = Dataset()
        back.parse(data=module.serialize(dataset), format=name)
        graphs = {str(g.identifier): len(g) for g in back.graphs() if len(g)}
        assert graphs == {"urn:x-rdflib:default": 1, str(named): 1}, name


# ------------------------------------------------------------------ independent parsers


def _rapper() -> str | None:
    found = shutil.which("rapper")
    if found is None and IN_CI:
        pytest.fail("rapper (raptor2-utils) is required in CI")
    return found


@pytest.mark.parametrize("format_name", ["turtle", "trig", "nquads"])
def test_rapper_parses_the_export(exported, reference, format_name):
    rapper = _rapper()
    if rapper is None:
        pytest.skip("rapper is not installed (apt-get install raptor2-utils)")
    syntax = {"turtle": "turtle", "trig": "trig", "nquads": "nquads"}[format_name]
    run = subprocess.run([rapper, "-i", syntax, "-c", str(exported[format_name])], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert f"Parsing returned {len(reference)} triples" in run.stderr


# Debian's libapache-jena-java ships no `riot` launcher, and its jena-core.jar
# keeps xerces' message bundles under the un-relocated package name, so Jena
# fails at start-up ("internal error" in XSSimpleTypeDecl). The helper below
# builds the class path and copies those bundles to where Jena looks.
_JENA_JARS = (
    "jena-arq jena-base jena-cmds jena-core jena-iri jena-shacl jena-shex jena-tdb jena-tdb2 jena-dboe-base "
    "jena-dboe-index jena-dboe-storage jena-dboe-trans-data jena-dboe-transaction jena-rdfconnection "
    "commons-cli commons-codec commons-compress commons-csv commons-io commons-lang3 commons-logging dexx.collection gson guava "
    "httpclient httpclient-cache httpcore jackson-core jackson-databind jackson-annotations jsonld-java "
    "jakarta.json-api protobuf thrift titanium-json-ld slf4j-api slf4j-simple"
).split()


def _debian_jena_classpath(scratch: Path) -> str | None:
    java_dir = Path("/usr/share/java")
    jars = [java_dir / f"{name}.jar" for name in _JENA_JARS]
    if shutil.which("java") is None or not all(jar.exists() for jar in jars):
        return None
    bundles = scratch / "jena-xerces-bundles"
    if not bundles.exists():
        with zipfile.ZipFile(java_dir / "jena-core.jar") as jar:
            for member in jar.namelist():
                if member.startswith("org/apache/jena/ext/xerces/") and member.endswith(".properties"):
                    target = bundles / member[len("org/apache/jena/ext/"):]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(jar.read(member))
    return os.pathsep.join([*map(str, jars), str(bundles)])


@pytest.fixture(scope="module")
def riot(tmp_path_factory) -> tuple[list[str], str] | None:
    """The riot command and the syntax name it wants for JSON-LD."""
    if shutil.which("riot"):
        return ["riot"], "jsonld"
    classpath = _debian_jena_classpath(tmp_path_factory.mktemp("jena"))
    if classpath is None:
        if IN_CI:
            pytest.fail("Jena riot is required in CI (apt-get install libapache-jena-java)")
        return None
    # Debian ships no JSON-P provider, so JSON-LD 1.1 (titanium) cannot load; jsonld-java reads JSON-LD 1.0.
    return ["java", "-cp", classpath, "riotcmd.riot"], "jsonld10"


@pytest.fixture(scope="module")
def riot_reports(riot, exported) -> dict[str, tuple[int, str]] | None:
    """What riot says of each RDF export (exit code, output), from two starts of the JVM rather than one a format:
    Turtle, TriG and N-Quads named by their suffixes in one run, JSON-LD with the syntax this riot reads."""
    if riot is None:
        return None
    command, jsonld_syntax = riot
    reports = {}
    for options, names in (([f"--syntax={jsonld_syntax}"], ["jsonld"]), ([], ["turtle", "trig", "nquads"])):
        run = subprocess.run([*command, *options, "--count", *(str(exported[name]) for name in names)],
                             capture_output=True, text=True, timeout=120)
        reports.update((name, (run.returncode, run.stdout + run.stderr)) for name in names)
    return reports


@pytest.mark.parametrize("format_name", RDF_FORMATS)
def test_jena_riot_parses_the_export(riot_reports, exported, reference, format_name):
    if riot_reports is None:
        pytest.skip("Jena riot is not installed (apt-get install libapache-jena-java)")
    returncode, said = riot_reports[format_name]
    assert returncode == 0, said
    # riot groups thousands by its locale: 1084 or 1,084; with several files, a count a file
    count = rf"({len(reference)}|{len(reference):,})"
    assert re.search(rf"{re.escape(exported[format_name].name)} : (Triples|Quads) = {count}\b", said), said


# ------------------------------------------------------------------ networks


def _values_are_plain(graph) -> bool:
    values = [v for _, attrs in graph.nodes(data=True) for v in attrs.values()]
    values += [v for *_, attrs in graph.edges(data=True) for v in attrs.values()]
    return all(isinstance(v, (str, int, float, bool)) for v in values)


def test_network_attributes_are_plain_and_carry_stances_and_sources(store):
    network = export_network(open_graph(store))
    assert _values_are_plain(network)
    assert network.nodes[PROPOSITION]["stances"] == "asserts|denies"
    assert network.nodes[ASSERTION_DENIES]["stances"] == "denies"
    assert network.nodes[ASSERTION_DENIES]["sources"] == "https://w3id.org/kg/id/mini/globex-statement|https://w3id.org/kg/id/mini/wire-article"
    assert [key for *_, key in network.edges(keys=True)] == [f"e{i}" for i in range(network.number_of_edges())]


def test_graphml_round_trips_through_networkx(store, exported):
    expected = export_network(open_graph(store))
    back = nx.read_graphml(exported["graphml"])
    assert dict(back.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(expected.edges(keys=True, data=True))


def test_gexf_round_trips_through_networkx(store, exported):
    expected = export_network(open_graph(store))
    back = nx.read_gexf(exported["gexf"])
    assert {n: {a: x for a, x in d.items() if a != "viz"} for n, d in back.nodes(data=True)} == dict(expected.nodes(data=True))
    edges = sorted((u, v, k, {a: x for a, x in d.items() if a != "id"}) for u, v, k, d in back.edges(keys=True, data=True))
    assert edges == sorted(expected.edges(keys=True, data=True))
    assert {d["id"] for *_, d in back.edges(data=True)} == {k for *_, k in expected.edges(keys=True)}


def test_gexf_has_the_pages_colours_and_sizes(exported):
    styles = json.loads((Path(registry.__file__).parent / "html_assets" / "styles.json").read_text(encoding="utf-8"))
    incident = styles["classes"]["incident"]
    back = nx.read_gexf(exported["gexf"])
    assert all("color" in d["viz"] and "size" in d["viz"] for _, d in back.nodes(data=True))
    incidents = [d for _, d in back.nodes(data=True) if d["cls"] == "Incident"]
    assert incidents
    rgb = tuple(int(incident["color"][i:i + 2], 16) for i in (1, 3, 5))
    assert all((d["viz"]["color"]["r"], d["viz"]["color"]["g"], d["viz"]["color"]["b"]) == rgb for d in incidents)
    assert all(d["viz"]["size"] == incident["size"] for d in incidents)
    denies = styles["edges"]["stance:denies"]["color"]
    text = exported["gexf"].read_text(encoding="utf-8")
    rgb = [int(denies[i:i + 2], 16) for i in (1, 3, 5)]
    assert f'<viz:color r="{rgb[0]}" g="{rgb[1]}" b="{rgb[2]}"' in text  # the denial's edges in the page's red


def test_stance_network_joins_parties_to_propositions_with_signed_edges(exported):
    back = nx.read_gexf(exported["stance-network"])
    assert back.number_of_edges() > 0
    for source, target, data in back.edges(data=True):
        assert back.nodes[source]["kind"] == "party" and back.nodes[target]["kind"] == "proposition"
        assert data["sign"] in (-1, 0, 1) and data["assertions"] >= 1
    on_it = sorted((data["stance"], data["sign"]) for _, target, data in back.edges(data=True) if target == PROPOSITION)
    assert ("denies", -1) in on_it and any(sign == 1 for _, sign in on_it)  # the mini case's contested proposition
    assert back.nodes[PROPOSITION]["label"] == "Reviews were skipped before the change."


def test_gexf_has_no_date(exported):
    text = exported["gexf"].read_text(encoding="utf-8")
    assert "lastmodifieddate" not in text
    assert "<creator>kg</creator>" in text


def test_csv_tables_have_stances_and_sources(exported):
    with open(exported["csv"] / "nodes.csv", newline="", encoding="utf-8") as handle:
        nodes = {row["id"]: row for row in csv.DictReader(handle)}
    with open(exported["csv"] / "edges.csv", newline="", encoding="utf-8") as handle:
        edges = list(csv.DictReader(handle))
    header = (exported["csv"] / "nodes.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("id,label,cls,stances,sources,")
    assert (exported["csv"] / "edges.csv").read_text(encoding="utf-8").splitlines()[0].startswith("id,source,target,predicate,label,stances,sources")
    assert nodes[PROPOSITION]["stances"] == "asserts|denies"
    assert nodes[PROPOSITION]["label"] == "Reviews were skipped before the change."
    denial = [e for e in edges if e["source"] == ASSERTION_DENIES and e["label"] == "proposition"]
    assert [(e["target"], e["stances"]) for e in denial] == [(PROPOSITION, "denies")]
    assert all(e["source"] in nodes and e["target"] in nodes for e in edges)


# ------------------------------------------------------------------ determinism and atomicity


#: ``kg export`` in every format, one after another in one process: ARGV is the store, then the folder.
_EXPORT_EVERY_FORMAT = """
import sys
from kg.cli import cli
from kg.export import registry
store, folder = sys.argv[1:]
for name, export_format in registry.FORMATS.items():
    target = name if export_format.folder else f"{name}.{export_format.suffix}"
    cli.main(["export", "--format", name, "-o", f"{folder}/{target}", "--store", store], standalone_mode=False)
"""


@pytest.fixture(scope="module")
def exported_by_seed(store, tmp_path_factory) -> list[Path]:
    """Every format exported by two processes with different hash seeds (one process each, not one per
    format: what differs between them is the seed, and 2 starts cost less than 2 a format)."""
    folders = []
    for seed in ("1", "2"):
        folder = tmp_path_factory.mktemp(f"seed{seed}")
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", _EXPORT_EVERY_FORMAT, store, str(folder)],
                             capture_output=True, text=True, env=env, timeout=600)
        assert run.returncode == 0, run.stderr
        folders.append(folder)
    return folders


@pytest.mark.slow
@pytest.mark.parametrize("format_name", list(registry.FORMATS))
def test_same_graph_same_bytes_across_processes(exported_by_seed, format_name):
    outputs = []
    for folder in exported_by_seed:
        path = folder / _target(format_name)
        files = sorted(path.iterdir()) if path.is_dir() else [path]
        outputs.append([f.read_bytes() for f in files])
    assert outputs[0] and outputs[0] == outputs[1]


def test_a_failed_export_leaves_the_previous_file(store, tmp_path, monkeypatch):
    target = tmp_path / "kg.graphml"
    assert export(store, "graphml", target).exit_code == 0
    before = target.read_bytes()

    def broken_rename(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kg.atomic.os.replace", broken_rename)
    result = export(store, "graphml", target)
    assert (result.exit_code, result.output) == (1, f"Error: cannot write {target}: No space left on device\n")
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.graphml"]  # no temporary file left


def test_csv_is_written_only_once_both_tables_are_ready(store, tmp_path, monkeypatch):
    folder = tmp_path / "tables"
    assert export(store, "csv", folder).exit_code == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def broken_table(columns, rows):
        if columns[0:2] == ("id", "source"):
            raise RuntimeError("edges failed")
        return "id\n"

    monkeypatch.setattr("kg.export.csv._table", broken_table)
    with pytest.raises(RuntimeError):
        from kg.export import csv as csv_export

        csv_export.write(open_graph(store), folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
