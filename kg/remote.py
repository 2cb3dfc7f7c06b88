"""A remote SPARQL 1.1 endpoint as the store: Oxigraph server, Fuseki, GraphDB, Virtuoso, Neptune.

Location syntax (``--store`` or ``KG_STORE``)::

    sparql+http://HOST:PORT/QUERY-PATH[?update=URL][&graph=IRI|default][&gsp=URL]

``sparql+`` may be left off (``http://`` and ``https://`` locations are
remote). ``update`` is the SPARQL Update URL; without it, a query path ending
in ``/query`` gives ``/update`` (Oxigraph server, Fuseki) and any other path
is used for both (Virtuoso, Neptune). ``graph`` names the graph kg reads and
replaces: by default the named graph ``https://w3id.org/kg/graph``, so stores
whose default graph is the union of all graphs (Virtuoso, GraphDB, Neptune)
never show a half-loaded graph; ``graph=default`` uses the endpoint's default
graph. ``gsp`` is a Graph Store Protocol URL (Oxigraph ``/store``, Fuseki
``/ds/data``): loads then go there as N-Triples, which is faster than
``INSERT DATA``. Other query parameters stay on the query URL.

>>> endpoint = parse_remote("sparql+http://localhost:7878/query")
>>> endpoint.query_url, endpoint.update_url, endpoint.graph
('http://localhost:7878/query', 'http://localhost:7878/update', 'https://w3id.org/kg/graph')

Replacing the graph is all or nothing as far as the protocol allows: the new
triples go into a fresh staging graph in batches, their count is checked,
and one ``MOVE`` request swaps them into place — a single update, which
Oxigraph, Fuseki, GraphDB and Neptune run as one transaction. A build that
dies before the swap leaves the previous graph as it was, and a staging
graph that the next build into the same graph drops before it loads; a
failed or timed-out swap is checked afterwards and reported, never retried
blindly.

Every request has a timeout (``KG_REMOTE_TIMEOUT`` seconds, default 60) and
is retried a bounded number of times (``KG_REMOTE_RETRIES``, default 2 more
attempts) when the endpoint cannot be reached, times out, or answers 5xx.
Errors name the URL.
"""

from __future__ import annotations

import json
import os
import re
import socket
import time
import uuid
import dataclasses
from dataclasses import dataclass
from datetime import datetime, timezone
from io import BytesIO
from typing import Iterable, Iterator
from urllib.error import HTTPError, URLError
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

from kg.values_blocks import bind_values
from kg.errors import StoreError

__all__ = ["DEFAULT_GRAPH", "RemoteEndpoint", "parse_remote", "is_remote", "open_remote", "replace_remote", "endpoint_of",
           "construct_ntriples"]

DEFAULT_GRAPH = "https://w3id.org/kg/graph"
_STAGING = DEFAULT_GRAPH + "/staging/"
_STALE_SECONDS = 3600
#: bytes of N-Triples per load request
BATCH_BYTES = 4 << 20

_QUERY_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_PROLOGUE = re.compile(r"#[^\n]*|<[^>\s]*>|\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'")


def is_remote(text: str) -> bool:
    return text.startswith(("sparql+http://", "sparql+https://", "http://", "https://"))


@dataclass(frozen=True)
class RemoteEndpoint:
    query_url: str
    update_url: str
    graph: str | None  # None: the endpoint's default graph
    gsp_url: str | None = None

    def __str__(self) -> str:
        return self.location

    @property
    def location(self) -> str:
        extra = {}
        if self.update_url != _default_update(self.query_url):
            extra["update"] = self.update_url
        if self.graph != DEFAULT_GRAPH:
            extra["graph"] = self.graph or "default"
        if self.gsp_url:
            extra["gsp"] = self.gsp_url
        sep = "&" if "?" in self.query_url else "?"
        return "sparql+" + self.query_url + (sep + "&".join(f"{k}={v}" for k, v in extra.items()) if extra else "")


def _default_update(query_url: str) -> str:
    parts = urlsplit(query_url)
    if parts.path.endswith("/query"):
        return urlunsplit(parts._replace(path=parts.path[: -len("query")] + "update"))
    return query_url


def parse_remote(text: str) -> RemoteEndpoint:
    """Read a remote location; see the module docstring for the syntax."""
    url = text[len("sparql+"):] if text.startswith("sparql+") else text
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(f"not a SPARQL endpoint URL: {text}")
    ours: dict[str, str] = {}
    kept = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key in ("update", "graph", "gsp"):
            ours[key] = value
        else:
            kept.append((key, value))
    query_url = urlunsplit(parts._replace(query=urlencode(kept)))
    graph = ours.get("graph", DEFAULT_GRAPH)
    if graph == "default":
        graph = None
    elif not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]+$", graph):
        raise StoreError(f"graph={graph!r} in {text} is not an absolute IRI (or 'default')")
    for key in ("update", "gsp"):
        if key in ours and urlsplit(ours[key]).scheme not in ("http", "https"):
            raise StoreError(f"{key}={ours[key]!r} in {text} is not an http(s) URL")
    return RemoteEndpoint(query_url, ours.get("update") or _default_update(query_url), graph, ours.get("gsp"))


# ---------------------------------------------------------------- HTTP


def _settings() -> tuple[float, int]:
    try:
        timeout = float(os.environ.get("KG_REMOTE_TIMEOUT", "60"))
        retries = int(os.environ.get("KG_REMOTE_RETRIES", "2"))
    except ValueError as e:
        raise StoreError(f"KG_REMOTE_TIMEOUT and KG_REMOTE_RETRIES must be numbers: {e}") from e
    return timeout, max(0, retries)


class _CrossHost(Exception):
    """An endpoint redirected a request to another scheme, host or port."""


class _SameHostRedirects(HTTPRedirectHandler):
    """Follow a redirect only within the endpoint's own scheme, host and port: an endpoint cannot send kg elsewhere."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        old, new = urlsplit(req.full_url), urlsplit(newurl)
        if (old.scheme, old.netloc) != (new.scheme, new.netloc):
            raise _CrossHost(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = build_opener(_SameHostRedirects)

#: what kg reads from an endpoint: no syntax whose parser may fetch or open anything (JSON-LD contexts, RDF/XML entities)
GRAPH_TYPES = ("application/n-triples", "text/plain", "application/n-quads")
RESULT_TYPES = ("application/sparql-results+json", "application/json", "")


def _expect(url: str, content_type: str, accepted: tuple[str, ...], what: str) -> None:
    if content_type.lower() not in accepted:
        raise StoreError(f"SPARQL endpoint {url} answered in {content_type}; kg reads {what}")


def _request(url: str, body: bytes, content_type: str, accept: str, *, what: str, retry: bool = True) -> tuple[bytes, str]:
    """POST ``body``; return the answer and its content type, or raise :class:`StoreError`.

    Redirects are followed only to the same scheme, host and port.
    """
    timeout, retries = _settings()
    attempts = 1 + (retries if retry else 0)
    problem = ""
    for attempt in range(attempts):
        if attempt:
            time.sleep(min(4.0, 0.25 * 2 ** attempt))
        request = Request(url, data=body, method="POST", headers={"Content-Type": content_type, "Accept": accept})
        try:
            with _OPENER.open(request, timeout=timeout) as answer:
                return answer.read(), answer.headers.get("Content-Type", "").split(";")[0].strip()
        except _CrossHost as e:
            raise StoreError(f"SPARQL endpoint {url} redirected the {what} to {e}; "
                             "kg follows no redirect to another host") from None
        except HTTPError as e:
            detail = e.read(300).decode("utf-8", "replace").strip()
            problem = f"answered {e.code} {e.reason}" + (f": {detail}" if detail else "")
            if e.code < 500:
                raise StoreError(f"SPARQL endpoint {url} refused the {what}: {problem}") from e
        except (socket.timeout, TimeoutError) as e:
            problem = f"did not answer within {timeout:g} s"
        except URLError as e:
            reason = e.reason
            if isinstance(reason, (socket.timeout, TimeoutError)):
                problem = f"did not answer within {timeout:g} s"
            else:
                problem = f"cannot be reached ({getattr(reason, 'strerror', None) or reason})"
        except (ConnectionError, OSError) as e:  # reset or closed mid-answer
            problem = f"dropped the connection ({e.strerror or e})"
    tries = f" after {attempts} attempts" if attempts > 1 else ""
    raise StoreError(f"SPARQL endpoint {url} {problem}{tries} (the {what})")


def _query_form(query: str) -> str:
    found = _QUERY_FORM.search(_PROLOGUE.sub(" ", query))
    return found.group(1).upper() if found else "SELECT"


def sparql_query(endpoint: RemoteEndpoint, query: str, default_graph: str | None = None):
    """Run ``query`` at the endpoint; an rdflib ``Result``."""
    from rdflib.query import Result

    params = [("query", query)]
    if default_graph:
        params.append(("default-graph-uri", default_graph))
    graph_form = _query_form(query) in ("CONSTRUCT", "DESCRIBE")
    accept = "application/n-triples, application/n-quads;q=0.9" if graph_form else "application/sparql-results+json"
    body, content_type = _request(endpoint.query_url, urlencode(params).encode(), "application/x-www-form-urlencoded",
                                  accept, what="query")
    if graph_form:
        from rdflib import Graph

        result = Result("CONSTRUCT")
        result.graph = Graph()
        result.graph.parse(data=_checked_ntriples(endpoint, body, content_type), format="nt")
        return result
    _expect(endpoint.query_url, content_type, RESULT_TYPES, "query results only as SPARQL JSON results")
    try:
        result = Result.parse(BytesIO(body), content_type="application/sparql-results+json")
    except Exception as e:  # the parser's own error types
        raise StoreError(f"SPARQL endpoint {endpoint.query_url} sent an answer kg cannot read ({content_type}): {e}") from e
    if _query_form(query) == "ASK" and result.type == "SELECT":
        # Virtuoso sometimes answers ASK as one row of ?__ASK_RETVAL, 1 or 0.
        rows = list(result)
        answer = Result("ASK")
        answer.askAnswer = bool(rows) and bool(int(rows[0][0] or 0))
        return answer
    return result


def sparql_update(endpoint: RemoteEndpoint, update: str, *, what: str = "update", retry: bool = True) -> None:
    _request(endpoint.update_url, update.encode("utf-8"), "application/sparql-update; charset=utf-8", "*/*",
             what=what, retry=retry)


def _select(endpoint: RemoteEndpoint, query: str) -> list[dict]:
    """Rows of a SELECT as plain dicts of strings (no rdflib parse: faster, and no surprises)."""
    body, content_type = _request(endpoint.query_url, urlencode([("query", query)]).encode(),
                                  "application/x-www-form-urlencoded", "application/sparql-results+json", what="query")
    _expect(endpoint.query_url, content_type, RESULT_TYPES, "query results only as SPARQL JSON results")
    try:
        answer = json.loads(body)
        return [{k: v["value"] for k, v in row.items()} for row in answer["results"]["bindings"]]
    except (ValueError, KeyError, TypeError) as e:
        raise StoreError(f"SPARQL endpoint {endpoint.query_url} sent an answer kg cannot read: {e}") from e


# ---------------------------------------------------------------- reading


def open_remote(endpoint: RemoteEndpoint):
    """An rdflib ``Graph`` whose queries run at the endpoint, on kg's graph."""
    from rdflib import BNode, Graph, URIRef
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
    from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

    class RemoteStore(SPARQLUpdateStore):
        """rdflib's SPARQL store, talking through kg's HTTP client (timeouts, retries, clear errors)."""

        def query(self, query, initNs=None, initBindings=None, queryGraph=None, DEBUG=False):  # noqa: N803
            if initBindings:
                # rdflib would append VALUES after the whole query, where nested FILTERs cannot see it.
                query = bind_values(query, {k: self.node_to_sparql(v) for k, v in initBindings.items()})
            return super().query(query, initNs=initNs, initBindings=None, queryGraph=queryGraph, DEBUG=DEBUG)

        def _query(self, query, default_graph=None, named_graph=None):
            # rdflib names the default graph urn:x-rdflib:default in some calls: not a graph to ask for.
            if default_graph is not None and (isinstance(default_graph, BNode) or default_graph == DATASET_DEFAULT_GRAPH_ID):
                default_graph = None
            return sparql_query(endpoint, query, default_graph=str(default_graph) if default_graph else None)

        def _update(self, update):
            sparql_update(endpoint, update)

        def triples(self, spo, context=None):
            from rdflib import Variable

            for triple, found in super().triples(spo, context):
                for term in triple:
                    if isinstance(term, Variable):
                        raise StoreError(f"SPARQL endpoint {endpoint.query_url} answered a row without ?{term} "
                                         "where every variable must be bound")
                yield triple, found

    store = RemoteStore(query_endpoint=endpoint.query_url, update_endpoint=endpoint.update_url, returnFormat="json")
    store.kg_endpoint = endpoint
    identifier = URIRef(endpoint.graph) if endpoint.graph else DATASET_DEFAULT_GRAPH_ID
    graph = Graph(store=store, identifier=identifier)
    where = f"<{endpoint.graph}>" if endpoint.graph else "the default graph"
    if not _ask_nonempty(endpoint):
        raise StoreError(f"no graph in {where} at {endpoint.query_url}: run `kg build --store {endpoint.location}` first")
    return graph


def endpoint_of(graph) -> RemoteEndpoint | None:
    """The endpoint behind a graph :func:`open_remote` opened, else None."""
    return getattr(graph.store, "kg_endpoint", None)


def construct_ntriples(endpoint: RemoteEndpoint) -> bytes:
    """Every triple of kg's graph at the endpoint, as N-Triples, in one request."""
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    params = [("query", query)] + ([("default-graph-uri", endpoint.graph)] if endpoint.graph else [])
    body, content_type = _request(endpoint.query_url, urlencode(params).encode(), "application/x-www-form-urlencoded",
                                  "application/n-triples, application/n-quads;q=0.9", what="query")
    return _checked_ntriples(endpoint, body, content_type)


def _checked_ntriples(endpoint: RemoteEndpoint, body: bytes, content_type: str) -> bytes:
    """A graph answer as checked N-Triples: N-Triples or N-Quads only (graph names dropped), else :class:`StoreError`.

    Whatever syntax the endpoint names, kg never hands its answer to a parser that dereferences.
    """
    import pyoxigraph as ox

    _expect(endpoint.query_url, content_type, GRAPH_TYPES, "a graph only as N-Triples or N-Quads")
    quads = content_type.lower() == "application/n-quads"
    try:
        parsed = list(ox.parse(body, format=ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES))
    except (SyntaxError, ValueError) as e:
        name = "N-Quads" if quads else "N-Triples"
        raise StoreError(f"SPARQL endpoint {endpoint.query_url} sent {name} kg cannot read: {e}") from None
    if not quads:
        return body
    return ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in parsed], format=ox.RdfFormat.N_TRIPLES)


def _ask_nonempty(endpoint: RemoteEndpoint) -> bool:
    pattern = f"GRAPH <{endpoint.graph}> {{ ?s ?p ?o }}" if endpoint.graph else "?s ?p ?o"
    rows = _select(endpoint, f"SELECT ?s WHERE {{ {pattern} }} LIMIT 1")
    return bool(rows)


def _count(endpoint: RemoteEndpoint, graph: str) -> int:
    rows = _select(endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(rows[0]["n"]) if rows else 0


# ---------------------------------------------------------------- writing


def _batches(chunks: Iterable[bytes], limit: int) -> Iterator[tuple[bytes, int]]:
    """Whole lines, about ``limit`` bytes at a time, with their count."""
    pending: list[bytes] = []
    size = 0
    for chunk in chunks:
        if not chunk:
            continue
        pending.append(chunk)
        size += len(chunk)
        if size >= limit:
            data = b"".join(pending)
            yield data, data.count(b"\n")
            pending, size = [], 0
    if pending:
        data = b"".join(pending)
        yield data, data.count(b"\n")


def _staging_prefix(endpoint: RemoteEndpoint) -> str:
    """Staging graphs of builds into this endpoint's graph: named after a hash of it."""
    import hashlib

    target = endpoint.graph or "default"
    return f"{_STAGING}{hashlib.sha256(target.encode('utf-8')).hexdigest()[:16]}/"


def _drop_orphaned_staging(endpoint: RemoteEndpoint) -> None:
    """Drop the staging graphs earlier builds into this graph left behind (killed, or cut off mid-swap).

    Only one build replaces a graph at a time (two at once would race at the swap anyway), so every
    staging graph of this target is an orphan. Staging graphs of other targets are left alone,
    except those named the old way (no target hash), dropped after an hour.
    """
    try:
        rows = _select(endpoint, f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{_STAGING}")) }}')
    except StoreError:
        return  # best effort: the build goes on, and the next one tries again
    mine = _staging_prefix(endpoint)
    now = datetime.now(timezone.utc)
    for row in rows:
        graph = row.get("g", "")
        if not graph.startswith(mine):
            stamp = graph[len(_STAGING):].split("-", 1)[0]
            try:
                age = (now - datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)).total_seconds()
            except ValueError:
                continue  # another target's staging graph: its own next build drops it
            if age <= _STALE_SECONDS:
                continue
        sparql_update(endpoint, f"DROP SILENT GRAPH <{graph}>", what="cleanup of an orphaned staging graph")


def replace_remote(endpoint: RemoteEndpoint, chunks: Iterable[bytes], *, batch_bytes: int = BATCH_BYTES, progress=None,
                   check=None) -> int:
    """Replace kg's graph at the endpoint with the N-Triples in ``chunks``; return the triple count.

    Chunks must hold whole lines, no blank nodes, and no line twice (a build's
    chunks never do). ``check`` is called with a graph over the staging graph
    before the swap; raising leaves the previous graph. See the module
    docstring for the guarantee.
    """
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    staging = f"{_staging_prefix(endpoint)}{stamp}-{uuid.uuid4().hex[:12]}"
    _drop_orphaned_staging(endpoint)
    sent = 0
    swapped = False
    try:
        for data, lines in _batches(chunks, batch_bytes):
            if endpoint.gsp_url:
                url = endpoint.gsp_url + ("&" if "?" in endpoint.gsp_url else "?") + urlencode([("graph", staging)])
                _request(url, data, "application/n-triples", "*/*", what="load")
            else:
                sparql_update(endpoint, f"INSERT DATA {{ GRAPH <{staging}> {{\n{data.decode('utf-8')}}} }}", what="load")
            sent += lines
            if progress:
                progress(sent)
        held = _count(endpoint, staging) if sent else 0
        if held != sent:
            raise StoreError(f"SPARQL endpoint {endpoint.update_url} holds {held} of the {sent} triples sent; "
                             "the previous graph is unchanged")
        if check is not None:
            check(open_remote(dataclasses.replace(endpoint, graph=staging)))
        target = f"GRAPH <{endpoint.graph}>" if endpoint.graph else "DEFAULT"
        swap = f"MOVE SILENT GRAPH <{staging}> TO {target}" if sent else (
            f"DROP SILENT GRAPH <{endpoint.graph}>" if endpoint.graph else "CLEAR DEFAULT")
        try:
            sparql_update(endpoint, swap, what="swap into place", retry=False)
        except StoreError as e:
            if not _swap_done(endpoint, staging, sent):
                raise StoreError(f"{e}; the graph at {endpoint.location} may be the previous one or the new one — "
                                 "run the build again") from e
        swapped = True
        return sent
    finally:
        if not swapped:
            try:
                sparql_update(endpoint, f"DROP SILENT GRAPH <{staging}>", what="cleanup", retry=False)
            except StoreError:
                pass  # the endpoint is down; the next build drops it


def _swap_done(endpoint: RemoteEndpoint, staging: str, sent: int) -> bool:
    """After a failed swap request: did the swap happen all the same?"""
    try:
        if _count(endpoint, staging):
            return False
        if endpoint.graph:
            return _count(endpoint, endpoint.graph) == sent
        rows = _select(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return bool(rows) and int(rows[0]["n"]) == sent
    except StoreError:
        return False
