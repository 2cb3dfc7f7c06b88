"""Unseen articles → draft case files: candidate entities, incidents,
safeguards, attributed assertions and open questions, each pointing back at
the text it came from, all pending a researcher's review.

The modules follow the data: :mod:`~kg.ingest.text` (reading and main text),
:mod:`~kg.ingest.sentences`, :mod:`~kg.ingest.dates`,
:mod:`~kg.ingest.gazetteer` (what the case knows), :mod:`~kg.ingest.names` (with its word
tables in :mod:`~kg.ingest.name_tables`, a parser's names in :mod:`~kg.ingest.named`),
:mod:`~kg.ingest.events`, :mod:`~kg.ingest.entities`, :mod:`~kg.ingest.attribution` with
:mod:`~kg.ingest.claims`, :mod:`~kg.ingest.questions`, :mod:`~kg.ingest.extract` (all rules in order),
:mod:`~kg.ingest.draft` (the case file), :mod:`~kg.ingest.report` (what
changed) and :mod:`~kg.ingest.pipeline` (files, all or nothing).
"""

from kg.ingest.pipeline import IngestResult, Outcome, case_graph, ingest
from kg.ingest.report import ChangeReport, compare_graphs, format_report, read_turtle

__all__ = ["ingest", "IngestResult", "Outcome", "case_graph", "ChangeReport", "compare_graphs", "format_report", "read_turtle"]
