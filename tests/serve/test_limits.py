"""Timeout, row cap and loopback bind."""

from __future__ import annotations

import socket
import time

import pytest
import requests
from click.testing import CliRunner

from kg.cli import cli
from kg.server import Endpoint
from kg.store import parse_location
from tests.serve.conftest import SLOW_QUERY


def test_a_slow_query_is_stopped_with_503(limited):
    started = time.monotonic()
    answer = requests.get(limited.sparql_url, params={"query": SLOW_QUERY}, timeout=30)
    elapsed = time.monotonic() - started
    assert answer.status_code == 503
    assert answer.text == "query timed out after 1 s, the endpoint's limit; narrow the query or add LIMIT\n"
    assert elapsed < 10  # the worker is killed, not waited for


def test_the_endpoint_recovers_after_a_timeout(limited):
    requests.get(limited.sparql_url, params={"query": SLOW_QUERY}, timeout=30)
    # The killed worker is replaced by a new process; on a loaded machine its start can outlast the 1 s
    # limit, so wait (bounded) for the first answer, then ask more times than there are workers.
    deadline = time.monotonic() + 30
    while requests.get(limited.sparql_url, params={"query": "ASK { ?s ?p ?o }"}, timeout=30).status_code != 200:
        assert time.monotonic() < deadline, "the endpoint never answered again after a timeout"
        time.sleep(0.3)
    answers = [requests.get(limited.sparql_url, params={"query": "ASK { ?s ?p ?o }"}, timeout=30) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 200]
    assert answers[-1].json()["boolean"] is True


def test_too_many_rows_is_422(limited):
    answer = requests.get(limited.sparql_url, params={"query": "SELECT * WHERE { ?s ?p ?o }"}, timeout=30)
    assert answer.status_code == 422
    assert answer.text == "the result has more than 5 rows, the endpoint's cap; add LIMIT 5 or narrow the query\n"


def test_too_many_triples_is_422(limited):
    answer = requests.get(limited.sparql_url, params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, timeout=30)
    assert answer.status_code == 422
    assert answer.text == "the result has more than 5 triples, the endpoint's cap; add LIMIT 5 or narrow the query\n"


def test_a_result_at_the_cap_is_returned_whole(limited):
    answer = requests.get(limited.sparql_url, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"}, headers={"Accept": "text/csv"}, timeout=30)
    assert answer.status_code == 200
    assert len(answer.text.strip().splitlines()) == 1 + 5


def test_binds_loopback_by_default(endpoint):
    assert endpoint.httpd.server_address[0] == "127.0.0.1"
    assert endpoint.host == "127.0.0.1"
    options = {param.name: param.default for param in cli.commands["serve"].params}
    assert options["host"] == "127.0.0.1"


def _non_loopback_address() -> str | None:
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # no packet is sent; this only picks the outgoing interface
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") else address


def test_not_reachable_on_other_interfaces(endpoint):
    address = _non_loopback_address()
    if address is None:
        pytest.skip("this machine has no non-loopback IPv4 address")
    with pytest.raises(OSError):
        socket.create_connection((address, endpoint.port), timeout=2).close()


def test_port_in_use_is_one_clear_line(built):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        result = CliRunner().invoke(cli, ["serve", "--store", built[0], "--port", str(port), "--quiet"])
    finally:
        taken.close()
    assert result.exit_code == 1
    assert result.output == f"Error: cannot listen on 127.0.0.1:{port}: Address already in use\n"


def test_serving_an_unbuilt_store_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--store", str(tmp_path / "none"), "--port", "0"])
    assert result.exit_code == 1
    assert result.output == f"Error: no graph in store {tmp_path / 'none'}: run `kg build` first\n"


def test_the_process_memory_store_cannot_be_served():
    from kg.errors import StoreError

    with pytest.raises(StoreError, match="the in-process 'memory' store cannot be served"):
        Endpoint(parse_location("memory"), port=0)
