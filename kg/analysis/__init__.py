"""Analyses of the built graph: what the record leaves unresolved, and how items connect.

Every analysis reads the graph through the one projection onto networkx,
:func:`kg.analysis.nxgraph.project`, and is a plain function over it:

* :mod:`~kg.analysis.identity` — pairs of items that may be one and the same;
* :mod:`~kg.analysis.contested` — contested propositions and single-source claims;
* :mod:`~kg.analysis.questions` — open questions joined to what they concern;
* :mod:`~kg.analysis.paths` — explanation paths between two items;
* :mod:`~kg.analysis.report` — all of it as one report (:func:`~kg.analysis.report.unresolved`);
* :mod:`~kg.analysis.record` — the cases, documents and short names the record rests on.

The analyses return data; the words people read are written in :mod:`kg.export`
(the report as text, Markdown and a page; the graph page's view).

Nothing is imported here, so ``import kg.analysis`` stays cheap.
"""
