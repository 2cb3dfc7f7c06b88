"""Cross-origin requests: which other pages may query the endpoint (``kg serve --cors-origin``).

Off by default: a page served from anywhere but the endpoint itself may not
post to it, and its answers carry no ``Access-Control-Allow-Origin``. Each
origin named with ``--cors-origin`` (a query editor such as YASGUI running on
another local port) gets the CORS headers on its requests and an answer to its
preflight; every other origin is refused as before.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from kg.errors import KGError

__all__ = ["ALLOWED_METHODS", "ALLOWED_HEADERS", "normalize_origin", "allow_headers", "preflight_problem", "preflight_headers"]

ALLOWED_METHODS = ("GET", "HEAD", "POST")
#: Request headers a named origin may send beyond the CORS-safelisted ones (browsers preflight these).
ALLOWED_HEADERS = ("accept", "content-type")
PREFLIGHT_MAX_AGE = 600  # seconds a browser may keep a preflight's answer
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_origin(text: str) -> str:
    """An origin as a browser sends it in ``Origin``: scheme, host and port (a default port dropped).

    >>> normalize_origin("http://127.0.0.1:8080/"), normalize_origin("HTTPS://Example.org:443")
    ('http://127.0.0.1:8080', 'https://example.org')
    >>> normalize_origin("http://[::1]:3000")
    'http://[::1]:3000'
    >>> normalize_origin("127.0.0.1:8080")
    Traceback (most recent call last):
    ...
    kg.errors.KGError: --cors-origin '127.0.0.1:8080' is not an origin: give scheme, host and port, such as http://127.0.0.1:8080
    >>> normalize_origin("*")
    Traceback (most recent call last):
    ...
    kg.errors.KGError: --cors-origin '*' is not an origin: name each origin; '*' would let any web page query the graph
    """
    value = text.strip()
    if value == "*":
        raise KGError(f"--cors-origin {text!r} is not an origin: name each origin; '*' would let any web page query the graph")
    problem = f"--cors-origin {text!r} is not an origin: give scheme, host and port, such as http://127.0.0.1:8080"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as e:
        raise KGError(problem) from e
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname or parts.username is not None or parts.password is not None:
        raise KGError(problem)
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise KGError(problem)
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{scheme}://{host}" + ("" if port in (None, _DEFAULT_PORTS[scheme]) else f":{port}")


def allow_headers(origin: str) -> dict[str, str]:
    """The headers every answer to a named origin carries."""
    return {"Access-Control-Allow-Origin": origin}


def preflight_problem(method: str | None, requested_headers: str | None) -> str | None:
    """Why a preflight from a named origin is refused, or None when it may go ahead.

    >>> preflight_problem("POST", "Content-Type, accept") is None
    True
    >>> preflight_problem("PUT", None)
    'a PUT is not allowed: this endpoint is read-only (GET, HEAD, POST)'
    >>> preflight_problem("POST", "x-token")
    'the request header x-token is not allowed (only accept, content-type)'
    """
    if method is None:
        return "an OPTIONS request without Access-Control-Request-Method is no preflight"
    if method.strip().upper() not in ALLOWED_METHODS:
        return f"a {method.strip()} is not allowed: this endpoint is read-only ({', '.join(ALLOWED_METHODS)})"
    for name in (requested_headers or "").split(","):
        name = name.strip().lower()
        if name and name not in ALLOWED_HEADERS:
            return f"the request header {name} is not allowed (only {', '.join(ALLOWED_HEADERS)})"
    return None


def preflight_headers(origin: str) -> dict[str, str]:
    """What a preflight from a named origin is answered with."""
    return {
        **allow_headers(origin),
        "Access-Control-Allow-Methods": ", ".join(ALLOWED_METHODS),
        "Access-Control-Allow-Headers": ", ".join(ALLOWED_HEADERS),
        "Access-Control-Max-Age": str(PREFLIGHT_MAX_AGE),
    }
