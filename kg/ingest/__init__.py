"""Unseen articles → draft case files: candidate entities, incidents,
safeguards, attributed assertions and open questions, each pointing back at
the text it came from, all pending a researcher's review.

The modules follow the data: :mod:`~kg.ingest.text` (reading and main text),
:mod:`~kg.ingest.sentences`, :mod:`~kg.ingest.dates`,
:mod:`~kg.ingest.gazetteer` (what the case knows), :mod:`~kg.ingest.names` (with
:mod:`~kg.ingest.people` and :mod:`~kg.ingest.systems`, its word tables in :mod:`~kg.ingest.name_tables`,
a parser's names in :mod:`~kg.ingest.named`),
:mod:`~kg.ingest.events` (with :mod:`~kg.ingest.safeguards` and :mod:`~kg.ingest.event_dates`), :mod:`~kg.ingest.entities`, :mod:`~kg.ingest.attribution` with
:mod:`~kg.ingest.claims`, :mod:`~kg.ingest.questions`, :mod:`~kg.ingest.extract` (all rules in order),
:mod:`~kg.ingest.draft` (the case file), :mod:`~kg.ingest.report` (what
changed) and :mod:`~kg.ingest.pipeline` (files, all or nothing).
"""

from __future__ import annotations

__all__ = ["ingest", "IngestResult", "Outcome", "case_graph", "ChangeReport", "compare_graphs", "format_report", "read_turtle"]

#: The module each public name comes from. They are imported when first asked for, so a process that
#: needs one small module of the package (the word vectors, the dates) does not load the whole pipeline.
_HOME = {"ingest": "pipeline", "IngestResult": "pipeline", "Outcome": "pipeline", "case_graph": "pipeline",
         "ChangeReport": "report", "compare_graphs": "report", "format_report": "report", "read_turtle": "report"}


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = globals()[name] = getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
