"""Analyses of the built graph: what the record leaves unresolved, and how items connect.

Every analysis reads the graph through the one projection onto networkx,
:func:`kg.analysis.nxgraph.project`, and is a plain function over it:

* :mod:`~kg.analysis.identity` — pairs of items that may be one and the same;
* :mod:`~kg.analysis.contested` — contested propositions and single-source claims;
* :mod:`~kg.analysis.questions` — open questions joined to what they concern;
* :mod:`~kg.analysis.paths` — explanation paths between two items;
* :mod:`~kg.analysis.report` — all of it as one report (:func:`~kg.analysis.report.unresolved`),
  rendered by :mod:`~kg.analysis.render`;
* :mod:`~kg.analysis.view` — the view the HTML page draws.

Nothing is imported here, so ``import kg.analysis`` stays cheap.
"""
