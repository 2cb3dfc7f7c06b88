"""The HTTP side of ``kg serve``: SPARQL 1.1 Protocol, the home page, and the exports.

Routes:

* ``/sparql`` — GET ``?query=``, POST form (``query=``) or POST
  ``application/sparql-query``. Updates are refused with 403.
* ``/`` — the home page: a query editor, the canned queries, links to the exports.
* ``/exports/NAME`` — files from the exports folder, read-only.
* ``/static/NAME`` — the page's own script and style sheet.

Each request is handled on its own thread; the query itself runs in a worker
process (:mod:`kg.server.workers`).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, urlsplit

from kg.errors import KGError
from kg.sparql_safety import NO_REMOTE, query_size_problem
from kg.server.cors import allow_headers, normalize_origin, preflight_headers, preflight_problem
from kg.server.editor import YASGUI_FILES, style_hashes, yasgui_dir
from kg.server.files import EXPORT_PAGE_POLICY, STATIC, STATIC_DIR, export_file
from kg.server.hosts import host_allowed, host_name, is_loopback
from kg.server.refusals import READ_ONLY
from kg.server.negotiation import remote_context
from kg.server.workers import Answer, Job, QueryPool
from kg.store import StoreLocation
from kg.terminal import safe

__all__ = ["Endpoint", "Limits", "MAX_BODY_BYTES", "host_name"]

MAX_BODY_BYTES = 1 << 20  # a query larger than 1 MiB is refused with 413
_AUTO = "auto"


@dataclass(frozen=True)
class Limits:
    """What one query may take: seconds, result rows (or triples for CONSTRUCT and DESCRIBE), and bytes of answer."""

    timeout: float = 10.0
    max_rows: int = 10_000
    max_bytes: int = 16 << 20
    memory_mb: int | None = 1024  # per worker, beyond the open store; None: no cap (kg.server.workers)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # 32 clients connecting at once must not overflow the backlog

    def __init__(self, address, handler, endpoint: "Endpoint"):
        self.endpoint = endpoint
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, handler)

    def handle_error(self, request, client_address) -> None:
        """A client that hangs up is not an error worth a traceback."""
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "kg-serve"
    timeout = 60  # an idle keep-alive connection is closed after a minute

    # ------------------------------------------------------------------ plumbing

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        """One line per request; the request line is the client's text, so its controls are escaped."""
        log = self.server.endpoint.log
        if log is not None:
            log(safe(f"{self.address_string()} {format % args}", layout=False))

    def log_error(self, format: str, *args) -> None:  # noqa: A002
        """Errors are logged even when requests are not."""
        line = safe(f"{self.address_string()} {format % args}", layout=False)
        log = self.server.endpoint.log
        if log is not None:
            log(line)
        else:
            sys.stderr.write(line + "\n")

    def _cross_origin(self) -> str | None:
        """The request's Origin when it is one named with ``--cors-origin``, else None."""
        origin = (self.headers.get("Origin") or "").strip().lower()
        return origin if origin and origin in self.server.endpoint.cors_origins else None

    def end_headers(self) -> None:
        """Every answer to a named origin says so; with origins named, caches keep answers apart by Origin."""
        if self.server.endpoint.cors_origins:
            origin = self._cross_origin()
            if origin is not None:
                for name, value in allow_headers(origin).items():
                    self.send_header(name, value)
            self.send_header("Vary", "Origin")
        super().end_headers()

    def _send(self, answer: Answer, extra_headers: dict[str, str] | None = None) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.media_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (extra_headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def _error(self, status: int, message: str, extra_headers: dict[str, str] | None = None) -> None:
        self._send(Answer.error(status, message), extra_headers)

    def _host_allowed(self) -> bool:
        """Only names that cannot be rebound to us by someone else's DNS (a guard against DNS rebinding).

        ``localhost``, literal loopback addresses and the names given with
        ``--allow-host``; on a bind beyond loopback, literal IP addresses too.
        """
        endpoint = self.server.endpoint
        return host_allowed(self.headers.get("Host"), endpoint.host, endpoint.allowed_hosts)

    def _refuse_host(self) -> None:
        self.close_connection = True  # any body was not read
        self._error(403, f"host {self.headers.get('Host')!r} is not allowed; use http://127.0.0.1, or start kg serve with --allow-host NAME")

    def _origin_allowed(self) -> bool:
        """A POST from a browser must come from a page of this endpoint (same scheme, host and port).

        Browsers send ``Origin`` on every POST; clients that are not browsers send none.
        """
        origin = self.headers.get("Origin")
        if origin is None or self._cross_origin() is not None:
            return True
        parts = urlsplit(origin.strip())
        host = self.headers.get("Host")
        return parts.scheme == "http" and host is not None and parts.netloc.lower() == host.strip().lower()

    def _route(self) -> None:
        try:
            self._dispatch()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client went away
        except Exception as e:  # a bug of ours: answer 500 rather than drop the connection
            self.close_connection = True
            self.log_error("internal error: %r", e)
            try:
                self._error(500, f"internal error: {type(e).__name__}: {e}")
            except OSError:
                pass

    def _dispatch(self) -> None:
        if not self._host_allowed():
            self._refuse_host()
            return
        if self.command == "POST" and not self._origin_allowed():
            self.close_connection = True  # the body was not read
            self._error(403, f"a request from origin {self.headers.get('Origin')!r} is not allowed; only pages served by this endpoint may post to it")
            return
        url = urlsplit(self.path)
        path = url.path
        cross_site = (self.headers.get("Sec-Fetch-Site") or "").strip().lower() == "cross-site"
        if path == "/sparql" and cross_site and self._cross_origin() is None:
            # an <img>, a form or a script on another site: the browser says so, and no such page may run queries
            self.close_connection = True  # any body was not read
            self._error(403, "a query from another site is not allowed; open this endpoint's own page to query it")
            return
        if path == "/sparql":
            if self.command == "POST":
                self._sparql_post(url.query)
            elif self.command in ("GET", "HEAD"):
                self._sparql(parse_qs(url.query, keep_blank_values=True))
            else:
                self.close_connection = True  # any body was not read
                self._error(405, f"{self.command} is not allowed on /sparql", {"Allow": "GET, HEAD, POST"})
            return
        if self.command not in ("GET", "HEAD"):
            self.close_connection = True  # any body was not read
            self._error(405, f"{self.command} is not allowed on {path}", {"Allow": "GET, HEAD"})
            return
        if path == "/":
            from kg.server.home import render_home

            endpoint = self.server.endpoint
            self._send(Answer(200, "text/html; charset=utf-8", render_home(endpoint).encode("utf-8")), {"Content-Security-Policy": endpoint.page_policy})
        elif path.startswith("/static/") and path[len("/static/"):] in STATIC:
            name = path[len("/static/"):]
            self._send(Answer(200, STATIC[name], (STATIC_DIR / name).read_bytes()))
        elif path.startswith("/static/yasgui/") and self.server.endpoint.yasgui and path[len("/static/yasgui/"):] in YASGUI_FILES:
            name = path[len("/static/yasgui/"):]
            self._send(Answer(200, YASGUI_FILES[name], (self.server.endpoint.yasgui / name).read_bytes()), {"Cache-Control": "max-age=3600"})
        elif path.startswith("/exports/"):
            self._export_file(path[len("/exports/"):])
        else:
            self._error(404, f"not found: {path}")

    do_GET = do_HEAD = do_POST = _route

    def do_PUT(self) -> None:
        self.close_connection = True  # the body is not read
        self._error(405, f"{self.command} is not allowed: this endpoint is read-only", {"Allow": "GET, HEAD, POST"})

    do_DELETE = do_PATCH = do_PUT

    def do_OPTIONS(self) -> None:  # noqa: N802 - the base class's naming
        """A CORS preflight: answered for the origins named with ``--cors-origin``, refused for any other."""
        self.close_connection = True  # any body is not read
        if not self._host_allowed():
            self._refuse_host()
            return
        origin = self._cross_origin()
        if origin is not None:
            problem = preflight_problem(self.headers.get("Access-Control-Request-Method"), self.headers.get("Access-Control-Request-Headers"))
            if problem is not None:
                self._error(403, problem)
                return
            self.send_response(204)
            for name, value in preflight_headers(origin).items():
                if name not in allow_headers(origin):  # end_headers adds those
                    self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self._error(405, "OPTIONS is not allowed: the endpoint answers no cross-origin requests; use GET, HEAD or POST from this origin", {"Allow": "GET, HEAD, POST"})

    # ------------------------------------------------------------------ SPARQL

    def _read_body(self) -> bytes | None:
        length = self.headers.get("Content-Length")
        if length is None or "Transfer-Encoding" in self.headers:
            self.close_connection = True
            self._error(411, "a POST needs a Content-Length header and no Transfer-Encoding")
            return None
        if not re.fullmatch(r"\d{1,12}", length.strip()):  # int() would take -1, +5 and 1_000
            self.close_connection = True
            self._error(400, f"bad Content-Length: {length.strip()!r}")
            return None
        size = int(length)
        if size > MAX_BODY_BYTES:
            self.close_connection = True
            self._error(413, f"the request body is larger than {MAX_BODY_BYTES} bytes")
            return None
        return self.rfile.read(size)

    def _sparql_post(self, url_query: str) -> None:
        body = self._read_body()
        if body is None:
            return
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url_query, keep_blank_values=True)
        if content_type == "application/x-www-form-urlencoded":
            for name, values in parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True).items():
                params.setdefault(name, []).extend(values)
        elif content_type == "application/sparql-query":
            params["query"] = params.get("query", []) + [body.decode("utf-8", errors="replace")]
        elif content_type == "application/sparql-update":
            self._error(403, READ_ONLY)
            return
        else:
            self._error(415, f"unsupported Content-Type {content_type or '(none)'!r}; send application/sparql-query or application/x-www-form-urlencoded")
            return
        self._sparql(params)

    def _sparql(self, params: dict[str, list[str]]) -> None:
        endpoint = self.server.endpoint
        if "update" in params or "using-graph-uri" in params or "using-named-graph-uri" in params:
            self._error(403, READ_ONLY)
            return
        queries = params.get("query", [])
        if not queries and self.command in ("GET", "HEAD"):
            self._describe_service()
            return
        if len(queries) != 1:
            self._error(400, "missing query parameter: send ?query=..." if not queries else "more than one query parameter")
            return
        remote = remote_context(self.headers.get("Accept"))
        if remote is not None:
            self._error(403, f"remote JSON-LD contexts are {NO_REMOTE}: {remote}; answers embed kg's own context")
            return
        if not queries[0].strip():
            self._error(400, "empty query parameter: send ?query=SELECT ...")
            return
        too_big = query_size_problem(queries[0])
        if too_big is not None:
            self._error(413, too_big)
            return
        # Parsing, the guard and negotiation happen in the worker: they count against the timeout,
        # and a query that is slow to parse holds up one worker, not every client.
        job = Job(
            text=queries[0],
            accept=self.headers.get("Accept"),
            max_rows=endpoint.limits.max_rows,
            max_bytes=endpoint.limits.max_bytes,
            default_graphs=tuple(params.get("default-graph-uri", [])),
            named_graphs=tuple(params.get("named-graph-uri", [])),
        )
        self._send(endpoint.pool.run(job), {"Vary": "Accept", "Cache-Control": "no-store"})

    def _describe_service(self) -> None:
        """SPARQL 1.1 Service Description, at the address the client used (when it is a plain host and port)."""
        from kg.server.description import describe
        from kg.server.negotiation import NotAcceptable

        host = (self.headers.get("Host") or "").strip()
        plain = re.fullmatch(r"([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?", host)
        url = f"http://{host}/sparql" if plain else self.server.endpoint.sparql_url
        try:
            media_type, body = describe(url, self.headers.get("Accept"))
        except NotAcceptable as e:
            self._error(406, f"{e}".replace("a DESCRIBE query", "the service description"))
            return
        self._send(Answer(200, media_type, body), {"Vary": "Accept"})

    # ------------------------------------------------------------------ exports

    def _export_file(self, relative: str) -> None:
        found = export_file(self.server.endpoint.exports, relative)
        if found is None:
            self._error(404, f"not found: /exports/{relative}")
            return
        target, media_type = found
        try:
            handle = open(target, "rb")
        except OSError:
            self._error(404, f"not found: /exports/{relative}")
            return
        with handle:
            size = os.fstat(handle.fileno()).st_size
            self.send_response(200)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(size))
            self.send_header("X-Content-Type-Options", "nosniff")
            if target.lower().endswith(".html"):
                self.send_header("Content-Security-Policy", EXPORT_PAGE_POLICY)
            self.end_headers()
            if self.command != "HEAD":
                shutil.copyfileobj(handle, self.wfile)


# The page loads nothing from elsewhere: scripts, styles and fetches stay on this server.
_PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'{styles}; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'"


class Endpoint:
    """A read-only SPARQL endpoint over a built store.

    Creating it starts the query workers and binds the socket (``port=0``
    picks a free port); :meth:`serve_forever` or :meth:`start` serves.
    Used as a context manager it serves on a background thread until the
    block ends.
    """

    def __init__(
        self,
        store: StoreLocation,
        host: str = "127.0.0.1",
        port: int = 7878,
        exports: str | os.PathLike | None = "exports",
        limits: Limits | None = None,
        workers: int = 2,
        log: Callable[[str], None] | None = None,
        allowed_hosts: tuple[str, ...] = (),
        cors_origins: tuple[str, ...] = (),
        yasgui: str | os.PathLike | None = _AUTO,
    ):
        self.store = store
        self.host = host
        self.allowed_hosts = frozenset(name.lower() for name in allowed_hosts)
        self.cors_origins = frozenset(normalize_origin(origin) for origin in cors_origins)
        # the home page's editor: YASGUI's build folder ("auto": npm's install beside the project), or None for the plain box
        self.yasgui = yasgui_dir() if yasgui == _AUTO else (Path(yasgui) if yasgui is not None else None)
        styles = style_hashes(self.yasgui) if self.yasgui else ()
        self.page_policy = _PAGE_POLICY.format(styles="".join(f" {source}" for source in styles))
        self.limits = limits or Limits()
        self.exports = Path(exports) if exports is not None else None
        self.log = log
        try:
            self.httpd = _Server((host, port), _Handler, self)
        except OSError as e:
            raise KGError(f"cannot listen on {host}:{port}: {e.strerror or e}") from e
        try:
            self.pool = QueryPool(store, workers=workers, timeout=self.limits.timeout, memory_mb=self.limits.memory_mb)
        except BaseException:
            self.httpd.server_close()
            raise
        self.port = self.httpd.server_address[1]
        self._thread: threading.Thread | None = None

    @property
    def is_loopback(self) -> bool:
        """Whether only this machine can reach the endpoint."""
        return is_loopback(self.host)

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def sparql_url(self) -> str:
        return self.url + "sparql"

    def serve_forever(self) -> None:
        """Serve until :meth:`close` (or Ctrl-C in the caller)."""
        self.httpd.serve_forever(poll_interval=0.2)

    def start(self) -> "Endpoint":
        """Serve on a background thread; for notebooks and tests."""
        self._thread = threading.Thread(target=self.serve_forever, daemon=True, name="kg-serve")
        self._thread.start()
        return self

    def close(self) -> None:
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join(5)
            self._thread = None
        self.httpd.server_close()
        self.pool.close()

    def __enter__(self) -> "Endpoint":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

