"""A long label is stored once in the page's data, however many places show it."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from kg.cli import cli
from tests.helpers import DOCUMENTS, copy_case, edit

MEGABYTE_LABEL = "Globex " + "x" * 1_000_000


def test_a_one_megabyte_label_makes_a_page_of_a_few_megabytes(tmp_path):
    case = copy_case(tmp_path)
    edit(case / "entities.yaml", "    label: Globex\n", f'    label: "{MEGABYTE_LABEL}"\n')
    store = tmp_path / "store"
    built = CliRunner().invoke(cli, ["build", str(case), "--documents", str(DOCUMENTS), "--store", str(store), "--out", str(tmp_path / "out")])
    assert built.exit_code == 0, built.output
    page_path = tmp_path / "graph.html"
    result = CliRunner().invoke(cli, ["html", "--store", str(store), "--out", str(page_path)])
    assert result.exit_code == 0, result.output
    page = page_path.read_text(encoding="utf-8")
    assert len(page.encode("utf-8")) < 4_000_000  # it was 32.8 MB with a copy in every place
    from kg.export.html import unshare_strings

    data = unshare_strings(json.loads(re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', page, re.DOTALL).group(1)))
    labels = [info["label"] for info in data["node_info"].values()]
    assert MEGABYTE_LABEL in labels  # the whole label is still there for the info panel
    assert MEGABYTE_LABEL in data["parties"]  # and for the party filter
