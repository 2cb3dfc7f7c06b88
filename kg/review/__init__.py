"""Reviewing drafts: from ``status: pending`` to the record.

``kg ingest`` drafts items a researcher must review before they count.
:mod:`kg.review.session` finds the pending items of a case, in review order
(incidents and entities, then propositions, then assertions, then judgements
and questions), and applies decisions — accept, reject, edit, merge, undo —
to the case files through :mod:`kg.review.casefiles`, which keeps comments,
order and formatting (ruamel.yaml round trip) and writes each file
atomically. :mod:`kg.review.interactive` is the terminal walk
(prompt_toolkit), and :mod:`kg.review.summary` rebuilds the case and says
what the decisions changed in ``kg unresolved``.

Nothing is imported here, so ``import kg.review`` stays cheap.
"""
