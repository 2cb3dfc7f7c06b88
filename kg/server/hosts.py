"""Which names may reach the endpoint: loopback names, and the name in a Host header.

The endpoint answers only names that someone else's DNS cannot rebind to it
(a guard against DNS rebinding): ``localhost``, literal loopback addresses,
the names given with ``--allow-host``, and on a bind beyond loopback literal
IP addresses too (:func:`host_allowed`).
"""

from __future__ import annotations

import ipaddress
import re

__all__ = ["ip_address", "is_loopback", "host_name", "host_allowed"]


def ip_address(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The literal IP address ``name`` is, or None for a name."""
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        return None


def is_loopback(name: str) -> bool:
    """``localhost`` or a literal loopback address (127.0.0.0/8, ::1), nothing that merely looks like one.

    >>> [is_loopback(n) for n in ("localhost", "127.0.0.1", "127.1.2.3", "::1", "127.evil.example", "127.0.0.1.nip.io")]
    [True, True, True, True, False, False]
    """
    if name.lower() == "localhost":
        return True
    ip = ip_address(name)
    if ip is None:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return ip.is_loopback or (mapped is not None and mapped.is_loopback)


def host_name(host_header: str) -> str:
    """The name in a Host header, without port or brackets.

    >>> host_name("[::1]:7878"), host_name("127.0.0.1:80"), host_name("LocalHost")
    ('::1', '127.0.0.1', 'localhost')

    A bracketed name with anything but a port after it (``[::1]evil.example``) is kept whole, so it
    matches no allowed name.

    >>> host_name("[::1]evil.example")
    '[::1]evil.example'
    """
    host = host_header.strip().lower()
    if host.startswith("["):
        name, _, rest = host[1:].partition("]")
        return name if re.fullmatch(r"(:\d{1,5})?", rest) else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def host_allowed(host_header: str | None, bound_to: str, allowed: frozenset[str]) -> bool:
    """Whether a request with this Host header may be answered by an endpoint bound to ``bound_to``.

    >>> host_allowed("127.0.0.1:7878", "127.0.0.1", frozenset()), host_allowed("evil.example", "127.0.0.1", frozenset())
    (True, False)
    >>> host_allowed("kg.lan", "0.0.0.0", frozenset({"kg.lan"})), host_allowed("10.0.0.5", "0.0.0.0", frozenset())
    (True, True)
    """
    if host_header is None:
        return True  # HTTP/1.0 without Host: no browser sends this
    name = host_name(host_header)
    if is_loopback(name) or name in allowed:
        return True
    return not is_loopback(bound_to) and ip_address(name) is not None
