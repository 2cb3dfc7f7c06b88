"""Open questions joined to the candidates and contested propositions they concern."""

from __future__ import annotations

from kg.analysis.contested import find_contested
from kg.analysis.identity import identity_candidates
from kg.analysis.questions import open_questions


def test_questions_are_joined_to_what_they_ask_about(acme_projection):
    g = acme_projection
    questions = open_questions(g, identity_candidates(g), find_contested(g))
    summary = [(q.asks, q.resolvable_by, q.raised_in.label if q.raised_in else None, q.score,
                [(link.kind, link.label, link.direct) for link in q.links]) for q in questions]
    assert summary == [
        ("Are the checkout outage and the assistant-linked disruption one event?", "Acme's post-incident reviews of both.",
         "The Wire on Acme's checkout failures", 1.0, [("candidate", "Checkout outage ~ Assistant-linked disruption", True)]),
        ("Does Acme require senior review of AI-assisted changes?", "Acme's change policy.", None, 1.0,
         [("contested", "Senior review is required for AI-assisted changes.", True)]),
    ]


def test_a_question_about_one_member_bears_on_the_pair_through_it(acme_projection):
    g = acme_projection
    candidates = identity_candidates(g)
    question = next(n for n, d in g.nodes(data=True) if d.get("asks", "").startswith("Are the checkout"))
    g.remove_edge(question, next(v for _, v, k in g.out_edges(question, keys=True) if v.endswith("/outage-b")))
    [asked] = [q for q in open_questions(g, candidates) if q.id == question]
    [link] = asked.links
    assert (link.direct, [n.label for n in link.shared], asked.score) == (False, ["Checkout outage"], 0.25)
