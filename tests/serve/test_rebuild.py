"""A rebuild while the endpoint runs: the next query sees the new graph, none sees half of one."""

from __future__ import annotations

import requests

from kg.build import build
from kg.server import Endpoint
from kg.store import parse_location
from tests.helpers import DOCUMENTS, copy_case, edit

LABEL = "SELECT ?label WHERE { <https://w3id.org/kg/id/mini/globex> rdfs:label ?label }"


def label(endpoint) -> str:
    answer = requests.get(endpoint.sparql_url, params={"query": LABEL}, timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()["results"]["bindings"][0]["label"]["value"]


def test_the_endpoint_follows_a_rebuild(tmp_path):
    case = copy_case(tmp_path, name="mini")
    store = tmp_path / "store"
    build([case], out=None, documents=DOCUMENTS, store=str(store), validate=False)
    with Endpoint(parse_location(store), port=0, exports=None, workers=1) as endpoint:
        assert label(endpoint) == "Globex"
        edit(case / "entities.yaml", "label: Globex\n", "label: Globex Renamed\n")
        build([case], out=None, documents=DOCUMENTS, store=str(store), validate=False)
        assert label(endpoint) == "Globex Renamed"
