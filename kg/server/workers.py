"""Query workers: separate processes that run checked queries on a read-only store.

A query is parsed, checked (:mod:`kg.server.refusals`) and run in a worker
process, so that a timeout can stop it for certain, parse included: the
worker is killed and replaced, and the endpoint answers 503. Each worker
opens the store read-only (``pyoxigraph.Store.read_only``), follows the
store's ``current`` link to the newest build, and caps the rows it returns.
SPARQL results, N-Triples and RDF/XML come from pyoxigraph's serializers;
Turtle and JSON-LD are written the way the exports are, with kg's prefixes
and its JSON-LD context.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import queue
import threading
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from kg.errors import StoreError
from kg.store import StoreLocation

__all__ = ["Job", "Answer", "QueryPool", "answer", "DEFAULT_MEMORY_MB"]

#: a query that answers within this many seconds is short: one worker is always kept for short queries
SHORT_SECONDS = 1.0

#: memory one worker may take beyond what it holds once the store is open (RLIMIT_AS); a worker past it is replaced
DEFAULT_MEMORY_MB = 1024


@dataclass(frozen=True)
class Job:
    text: str  # as the client sent it: parsed and checked in the worker
    accept: str | None  # the Accept header, for the result format
    max_rows: int
    max_bytes: int = 16 << 20
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Run:
    """A checked job: what the engine is handed."""

    text: str
    form: str  # SELECT, CONSTRUCT, ASK or DESCRIBE
    format: str  # a ResultFormat name
    max_rows: int
    max_bytes: int


@dataclass(frozen=True)
class Answer:
    status: int
    media_type: str
    body: bytes = field(repr=False)

    @classmethod
    def error(cls, status: int, message: str) -> "Answer":
        return cls(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


# ------------------------------------------------------------------ in the worker process


class _StoreOpener:
    """Keeps one store open and reopens it when a build swaps ``current``."""

    def __init__(self, kind: str, path: str):
        self.kind = kind
        self.location = path  # a remote endpoint's location
        self.path = Path(path)
        self._opened: tuple | None = None
        self._store = None

    def store(self):
        import pyoxigraph as ox

        if self.kind == "oxigraph":
            current = self.path / "current"
            if not current.exists():
                raise StoreError(f"no graph in store {self.path}: run `kg build` first")
            key = ("oxigraph", os.path.realpath(current))
            if key != self._opened:
                self._store = None  # close the old generation before opening the new one
                self._store = ox.Store.read_only(key[1])
                self._opened = key
        elif self.kind == "remote":  # a snapshot of the endpoint's graph, taken when the worker starts
            if self._store is None:
                from kg.remote import construct_ntriples, parse_remote

                store = ox.Store()
                store.load(construct_ntriples(parse_remote(str(self.location))), format=ox.RdfFormat.N_TRIPLES)
                self._store, self._opened = store, ("remote",)
        else:  # an N-Triples file written by the memory:FILE.nt store
            key = ("file", self.path.stat().st_mtime_ns, self.path.stat().st_size)
            if key != self._opened:
                store = ox.Store()
                store.bulk_load(path=str(self.path), format=ox.RdfFormat.TURTLE)
                self._store, self._opened = store, key
        return self._store


def _json_term(term) -> dict:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject), "predicate": _json_term(term.predicate), "object": _json_term(term.object)}}
    raise TypeError(f"unexpected term {term!r}")


_RESULTS = {"json": "JSON", "xml": "XML", "csv": "CSV", "tsv": "TSV"}
_GRAPHS = {"ntriples": "N_TRIPLES", "rdfxml": "RDF_XML"}
_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "jsonld": "application/ld+json",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}


def _too_many(limit: int, what: str) -> Answer:
    return Answer.error(422, f"the result has more than {limit} {what}, the endpoint's cap; add LIMIT {limit} or narrow the query")


def _too_large(limit: int) -> Answer:
    return Answer.error(422, f"the result is larger than {limit} bytes, the endpoint's cap; select fewer or shorter values, or add LIMIT")


class _Budget:
    """Counts the bytes of the values in a result as they are read; too many stops the reading."""

    def __init__(self, limit: int):
        self.limit = limit
        self.used = 0

    def spend(self, text: str) -> bool:
        self.used += len(text)
        return self.used <= self.limit


def _term_size(term) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.Triple):
        return " ".join(_term_size(t) for t in (term.subject, term.predicate, term.object))
    return getattr(term, "value", "") or str(term)


def _solutions(result, job: _Run) -> Answer:
    import pyoxigraph as ox

    variables = [variable.value for variable in result.variables]
    budget = _Budget(job.max_bytes)
    rows = []
    for row in islice(result, job.max_rows + 1):
        if not budget.spend("".join(_term_size(term) for term in row if term is not None)):
            return _too_large(job.max_bytes)
        rows.append(row)
    if len(rows) > job.max_rows:
        return _too_many(job.max_rows, "rows")
    bindings = [{name: _json_term(term) for name, term in zip(variables, row, strict=True) if term is not None} for row in rows]
    document = json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}, ensure_ascii=False).encode("utf-8")
    if job.format == "json":
        return _capped(Answer(200, _MEDIA["json"], document), job)
    # The other result formats are pyoxigraph's own serializers, fed the capped rows.
    parsed = ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON)
    return _capped(Answer(200, _MEDIA[job.format], parsed.serialize(format=getattr(ox.QueryResultsFormat, _RESULTS[job.format]))), job)


def _capped(reply: Answer, job: _Run) -> Answer:
    """The answer, or a 422 when its body (markup and escapes included) is over the byte cap."""
    return _too_large(job.max_bytes) if len(reply.body) > job.max_bytes else reply


def _triples(result, job: _Run) -> Answer:
    import pyoxigraph as ox

    budget = _Budget(job.max_bytes)
    triples = []
    for triple in islice(result, job.max_rows + 1):
        if not budget.spend(_term_size(triple)):
            return _too_large(job.max_bytes)
        triples.append(triple)
    if len(triples) > job.max_rows:
        return _too_many(job.max_rows, "triples")
    triples.sort(key=str)
    if job.format in ("ntriples", "rdfxml"):
        return _capped(Answer(200, _MEDIA[job.format], ox.serialize(triples, format=getattr(ox.RdfFormat, _GRAPHS[job.format]))), job)
    # Turtle and JSON-LD are written the way the exports are: kg's prefixes and context.
    from rdflib import Graph

    from kg.export import jsonld

    graph = Graph(bind_namespaces="none")
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    if job.format == "jsonld":
        return _capped(Answer(200, _MEDIA["jsonld"], jsonld.serialize(graph).encode("utf-8")), job)
    for prefix, namespace in jsonld.prefixes().items():
        graph.bind(prefix, namespace, override=True)
    return _capped(Answer(200, _MEDIA["turtle"], graph.serialize(format="turtle", encoding="utf-8")), job)


def answer(store, job: Job) -> Answer:
    """Check ``job`` and run it on a pyoxigraph store; every failure becomes an error answer.

    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("https://w3id.org/kg/id/a"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("A")))
    >>> print(answer(store, Job("SELECT ?l WHERE { ?s rdfs:label ?l }", "text/csv", max_rows=1)).body.decode(), end="")
    l
    A
    >>> answer(store, Job("SELECT * WHERE { ?s ?p ?o }", None, max_rows=0)).status
    422
    >>> answer(store, Job("SELECT * WHERE { ?s ?p ?o }", None, max_rows=9, max_bytes=2)).body.decode()
    "the result is larger than 2 bytes, the endpoint's cap; select fewer or shorter values, or add LIMIT\\n"
    >>> answer(store, Job("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", None, max_rows=9)).status
    403
    """
    from kg.server.refusals import MalformedQuery, RefusedQuery, check_query
    from kg.server.negotiation import NotAcceptable, choose_format

    try:
        checked = check_query(job.text)
        result_format = choose_format(checked.form, job.accept)
    except (MalformedQuery, RefusedQuery) as e:
        return Answer.error(e.status, str(e))
    except NotAcceptable as e:
        return Answer.error(406, str(e))
    return _run(store, _Run(checked.text, checked.form, result_format.name, job.max_rows, job.max_bytes), job)


def _run(store, job: _Run, request: Job) -> Answer:
    import pyoxigraph as ox

    from kg.export.jsonld import prefixes

    try:
        options = {"prefixes": prefixes()}  # kg:, rdfs:, prov:... may be used without PREFIX, as in `kg query`
        if request.default_graphs:
            options["default_graph"] = [ox.NamedNode(iri) for iri in request.default_graphs]
        if request.named_graphs:
            options["named_graphs"] = [ox.NamedNode(iri) for iri in request.named_graphs]
        result = store.query(job.text, **options)
        if isinstance(result, ox.QueryBoolean):
            return Answer(200, _MEDIA[job.format], result.serialize(format=getattr(ox.QueryResultsFormat, _RESULTS[job.format])))
        if isinstance(result, ox.QuerySolutions):
            return _solutions(result, job)
        return _triples(result, job)
    except SyntaxError as e:
        return Answer.error(400, f"malformed query: {e}")
    except ValueError as e:  # e.g. a default-graph-uri that is not an IRI
        return Answer.error(400, f"bad request: {e}")
    except OSError as e:
        return Answer.error(500, f"the store could not be read: {e}")


def _cap_memory(memory_mb: int) -> None:  # pragma: no cover - runs in the child process
    """Cap this process's address space at what it maps now plus ``memory_mb``."""
    import resource

    with open("/proc/self/status", encoding="ascii") as status:
        mapped_kb = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
    cap = (mapped_kb << 10) + (memory_mb << 20)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _serve_jobs(conn, kind: str, path: str, memory_mb: int | None = None) -> None:  # pragma: no cover - child process
    opener = _StoreOpener(kind, path)
    try:
        opener.store()
        if memory_mb and os.path.exists("/proc/self/status"):
            _cap_memory(memory_mb)
    except (StoreError, OSError) as e:
        conn.send(("failed", str(e)))
        return
    except RuntimeError as e:  # RocksDB's "Corruption: ..."
        from kg.store import damaged_store

        conn.send(("failed", str(damaged_store(Path(path), e))))
        return
    try:  # warm up: the first query's imports (the SPARQL parser) would otherwise count against a short query
        answer(opener.store(), Job("ASK { ?s ?p ?o }", None, max_rows=1))
    except Exception:  # noqa: BLE001 - a warm-up only; the first real query reports any problem
        pass
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            reply = answer(opener.store(), job)
        except MemoryError:
            reply = Answer.error(503, f"the query needed more memory than a worker may use ({memory_mb} MB); "
                                      "narrow the query or add LIMIT")
        except (StoreError, OSError) as e:
            reply = Answer.error(503, f"the store is not available: {e}")
        except Exception as e:  # a bug of ours: report it and keep serving
            reply = Answer.error(500, f"internal error: {type(e).__name__}: {e}")
        conn.send(reply)


# ------------------------------------------------------------------ in the server process


class _Worker:
    def __init__(self, context, kind: str, path: str, startup_timeout: float, memory_mb: int | None = None):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve_jobs, args=(child, kind, path, memory_mb), daemon=True,
                                       name="kg-query-worker")
        self.process.start()
        child.close()
        if not self.conn.poll(startup_timeout):
            self.stop()
            raise StoreError(f"a query worker did not start within {startup_timeout:g} s")
        status, message = self.conn.recv()
        if status != "ready":
            self.stop()
            raise StoreError(message)

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """A fixed number of worker processes; :meth:`run` gives each job at most ``timeout`` seconds."""

    def __init__(self, location: StoreLocation, workers: int = 2, timeout: float = 10.0, startup_timeout: float = 60.0,
                 memory_mb: int | None = DEFAULT_MEMORY_MB):
        if location.kind == "memory" and location.path is None:
            raise StoreError("the in-process 'memory' store cannot be served; build into a folder (the default) or memory:FILE.nt")
        self._kind = {"oxigraph": "oxigraph", "remote": "remote"}.get(location.kind, "file")
        self._path = str(location.remote.location if location.kind == "remote" else location.path)
        self.timeout = timeout
        self.memory_mb = memory_mb
        # At most all workers but one may run long queries: a short query always finds one within SHORT_SECONDS.
        self._long_slots = threading.BoundedSemaphore(max(1, workers) - 1) if workers > 1 else None
        self._startup_timeout = startup_timeout
        self._context = multiprocessing.get_context("spawn")  # no fork: the server has threads
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closing = threading.Event()
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()
        try:
            for _ in range(max(1, workers)):
                self._add(self._start_worker())
        except BaseException:
            self.close()
            raise

    def _start_worker(self) -> _Worker:
        return _Worker(self._context, self._kind, self._path, self._startup_timeout, self.memory_mb)

    def _add(self, worker: _Worker) -> None:
        with self._lock:
            self._workers.add(worker)
        self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        with self._lock:
            self._workers.discard(worker)
        worker.stop()
        if self._closing.is_set():
            return
        try:
            worker = self._start_worker()
        except (StoreError, EOFError, OSError):
            return  # the next request reports the store problem through the remaining workers
        if self._closing.is_set():  # the pool closed while this one started
            worker.stop()
            return
        self._add(worker)

    def run(self, job: Job) -> Answer:
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return Answer.error(503, f"the endpoint is busy: every query worker stayed busy for {self.timeout:g} s; try again")
        try:
            worker.conn.send(job)
            outcome = self._wait(worker)
            if outcome != "answered":
                threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
                if outcome == "refused":
                    return Answer.error(503, f"the endpoint is busy: every query worker but one is running a long query, "
                                             f"and one is kept for short ones (under {SHORT_SECONDS:g} s); try again")
                return Answer.error(503, f"query timed out after {self.timeout:g} s, the endpoint's limit; narrow the query or add LIMIT")
            reply = worker.conn.recv()
        except (EOFError, OSError):
            threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
            if self.memory_mb:  # the engine aborts when an allocation fails past the cap
                return Answer.error(503, f"the query worker stopped, most likely at its memory cap ({self.memory_mb} MB); "
                                         "narrow the query or add LIMIT")
            return Answer.error(500, "the query worker stopped unexpectedly")
        self._idle.put(worker)
        return reply

    def _wait(self, worker: _Worker) -> str:
        """Wait for the worker's answer: SHORT_SECONDS freely, then the rest of the timeout in a long-query slot.

        "answered", "timed out", or "refused" when every long-query slot is taken.
        """
        short = min(SHORT_SECONDS, self.timeout)
        if worker.conn.poll(short):
            return "answered"
        if self._long_slots is not None and not self._long_slots.acquire(blocking=False):
            return "refused"
        try:
            return "answered" if worker.conn.poll(self.timeout - short) else "timed out"
        finally:
            if self._long_slots is not None:
                self._long_slots.release()

    def close(self) -> None:
        self._closing.set()
        with self._lock:
            workers, self._workers = list(self._workers), set()
        for worker in workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
            worker.process.join(1)
            worker.stop()
