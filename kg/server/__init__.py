"""The read-only SPARQL endpoint behind ``kg serve``.

A small HTTP front (:mod:`kg.server.endpoint`) checks each request
(:mod:`kg.server.refusals`: no updates, no ``SERVICE``, no ``LOAD``; malformed
queries get the parser's message), picks a result format
(:mod:`kg.server.negotiation`), and hands the query to a worker process
(:mod:`kg.server.workers`) that runs it in pyoxigraph on the store opened
read-only, with a time limit and a row cap.

Importing this package starts nothing.
"""

from kg.server.endpoint import Endpoint, Limits

__all__ = ["Endpoint", "Limits"]
