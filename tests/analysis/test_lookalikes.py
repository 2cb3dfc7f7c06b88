"""Look-alike letters (a Greek Alpha, a Cyrillic Je or O) make one name look like two: identity sees one name,
and kg build warns."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.helpers import DOCUMENTS, copy_case, edit

# Globex with a Cyrillic о; the same company as the case's Globex to any reader
TWIN = "Gl\u043ebex"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("lookalike")
    case = copy_case(root)
    edit(case / "entities.yaml", "entities:\n",
         f"entities:\n  - id: globex-twin\n    type: Organization\n    label: \"{TWIN}\"\n")
    store = root / "store"
    result = CliRunner().invoke(cli, ["build", str(case), "--documents", str(DOCUMENTS), "--store",
                                                      str(store), "--out", str(root / "out")])
    assert result.exit_code == 0, result.output
    return store, result


def test_kg_build_warns_about_labels_that_differ_only_by_look_alikes(built):
    _, result = built
    assert (f"warning: 'Globex' (https://w3id.org/kg/id/mini/globex) and '{TWIN}' "
            "(https://w3id.org/kg/id/mini/globex-twin) differ only by look-alike letters (U+043E); "
            "judge the pair in the case data if they are one\n") in result.stderr


def test_identity_weighs_the_two_names_as_one(built):
    store, _ = built
    report = json.loads(CliRunner().invoke(cli, ["unresolved", "--format", "json", "--store", str(store)]).output)
    pairs = {frozenset(c["pair"]): c for c in report["candidates"]}
    assert frozenset(("globex", "globex-twin")) in pairs, sorted(map(sorted, pairs))
    assert pairs[frozenset(("globex", "globex-twin"))]["probability"] > 0.5
