"""Exporters: one module per format, each with ``write(graph, path)``.

Every exporter writes through :func:`kg.atomic.atomic_write`, so a reader never sees
half a file and a failed export leaves the previous file in place.
"""

from __future__ import annotations
