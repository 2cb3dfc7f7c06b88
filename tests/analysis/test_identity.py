"""Identity candidates: the known pair with its waterfall, blocking, the collective step, drafts, across cases."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.analysis import identity
from kg.analysis.identity import find_candidates, identity_candidates
from kg.analysis.nxgraph import EXAMPLE, from_turtle, project
from kg.build import load_cases
from kg.export.identity_words import against, candidate_words, detail, row_words
from tests.analysis.conftest import ACME, BASE, UNRELATED, run, shared_build
from tests.helpers import FIXTURES

A = BASE + "acme/"
ACME_LATER = FIXTURES / "cases" / "acme-later"


def _rows(candidate) -> dict[str, tuple[str, float]]:
    return {r.comparison: (r.level, r.weight) for r in candidate.waterfall}


def _by_labels(text: str):
    """The pair of the graph written in ``text`` by its two labels, in either order: ``pair("A", "B")``."""
    found = {frozenset(c.label.split(" ~ ")): c for c in identity_candidates(from_turtle(text), threshold=0.0)}
    return lambda a, b: found[frozenset({a, b})]


def test_the_two_checkout_failures_are_the_one_candidate(acme_projection):
    [candidate] = identity_candidates(acme_projection)
    assert (candidate.left.iri, candidate.right.iri, candidate.cls) == (A + "outage-a", A + "outage-b", "Incident")
    rows = _rows(candidate)
    assert rows["named together"][0] == "said-same" and rows["named together"][1] > 0
    assert rows["mechanism"][0] == "different" and rows["mechanism"][1] < 0
    assert rows["dates"][0] == "overlap"
    assert rows["shared context"][0] == "strong"
    assert candidate.weight == round(candidate.prior + sum(r.weight for r in candidate.waterfall), 3)
    assert candidate.probability == round(1 / (1 + 2 ** -candidate.weight), 4)
    assert candidate.verdict == "likely" and candidate_words(candidate).endswith(f"likely the same ({candidate.probability:.2f})")
    [mechanism] = [r for r in candidate.waterfall if r.comparison == "mechanism"]
    assert dict(mechanism.facts) == {"left": ("Checkout deployment",), "right": ("AI-assisted change",)}
    assert "mechanism: different (Checkout deployment vs AI-assisted change)" in against(candidate)
    assert [(a.party.label, a.stance, a.quote) for a in candidate.assertions] == [("The Wire", "hedges", "may be one and the same")]
    assert (candidate.judgement, candidate.judged) == (None, False)
    as_json = candidate.to_dict()
    assert as_json["pair"] == ["outage-a", "outage-b"]
    assert [r["comparison"] for r in as_json["waterfall"]] == [r.comparison for r in candidate.waterfall]
    assert as_json["left"]["draft"] is False and as_json["across_cases"] is False


def test_pairs_below_the_threshold_are_counted_not_listed(acme_projection):
    found = find_candidates(acme_projection)
    assert found.threshold == identity.POSSIBLE
    everything = find_candidates(acme_projection, threshold=0.0)
    assert len(everything.candidates) == len(found.candidates) + found.below
    assert {c.probability < identity.POSSIBLE for c in everything.candidates} == {True, False}
    assert find_candidates(acme_projection, threshold=0.9999).candidates == ()


def test_two_different_people_who_share_an_alias_are_unlikely(acme_projection):
    [pair] = [c for c in identity_candidates(acme_projection, threshold=0.0) if c.cls == "Person"]
    assert pair.label == "Jane Roe ~ John Roe"
    assert _rows(pair)["name"][0] == "different" and pair.verdict == "unlikely"


def test_an_incident_far_in_time_is_unlikely(acme_projection):
    far = [c for c in identity_candidates(acme_projection, threshold=0.0) if A + "far-outage" in (c.left.iri, c.right.iri)]
    assert far and all(_rows(c)["dates"][0] == "far" and c.probability < 0.01 for c in far)


def test_two_incidents_that_share_only_a_date_are_not_listed():
    g = project(load_cases([UNRELATED])[0])
    assert identity_candidates(g) == []


def test_a_reply_is_never_the_same_as_the_post_it_answers(acme_projection):
    pairs = {(c.left.iri, c.right.iri) for c in identity_candidates(acme_projection, threshold=0.0)}
    assert (A + "jane-post", A + "john-reply") not in pairs


def _incidents(count: int, *, shared_hub: bool, pairs_share_meeting: bool) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("hub", cls="Organization", kinds=["Organization", "Agent", "Entity"], label="Hub Corp")
    for i in range(count):
        g.add_node(f"i{i}", cls="Incident", kinds=["Incident", "Entity"], label=f"Incident {i}")
        if shared_hub:
            g.add_edge(f"i{i}", "hub", key="affected", label="affected")
        if pairs_share_meeting:  # each two incidents share a meeting and a system
            meeting, system = f"m{i // 2}", f"s{i // 2}"
            g.add_node(meeting, cls="Meeting", kinds=["Meeting", "Entity"], label=f"Meeting {i // 2}")
            g.add_node(system, cls="System", kinds=["System", "Entity"], label=f"System {i // 2}")
            g.add_edge(f"i{i}", meeting, key="discussedAt", label="discussed at")
            g.add_edge(f"i{i}", system, key="affected", label="affected")
    return g


def _scored_pairs(monkeypatch, g, **kwargs) -> int:
    calls = []
    real = identity.weigh_pairs
    monkeypatch.setattr(identity, "weigh_pairs", lambda pairs, *rest, **kw: calls.extend(pairs) or real(pairs, *rest, **kw))
    identity.find_candidates(g, threshold=0.0, **kwargs)
    return len({pair for pair in calls})


def test_a_hub_everyone_shares_does_not_generate_pairs(monkeypatch):
    assert _scored_pairs(monkeypatch, _incidents(400, shared_hub=True, pairs_share_meeting=False), hub_cap=50, every_pair_below=300) == 0


def test_below_the_size_of_a_small_class_every_pair_is_weighed(monkeypatch):
    g = _incidents(40, shared_hub=False, pairs_share_meeting=False)  # nothing in common at all
    assert _scored_pairs(monkeypatch, g, every_pair_below=41) == 40 * 39 // 2
    assert _scored_pairs(monkeypatch, g, every_pair_below=40) == 0


def test_pairs_come_only_from_shared_neighbours(monkeypatch):
    g = _incidents(400, shared_hub=True, pairs_share_meeting=True)
    assert _scored_pairs(monkeypatch, g, hub_cap=50, every_pair_below=300, classes=["Incident"]) == 200  # not 400 * 399 / 2
    best = identity_candidates(g, threshold=0.0)[0]
    assert [n.label for n in best.shared_nodes] == ["Hub Corp", "Meeting 0", "System 0"]
    [context] = [r for r in best.waterfall if r.comparison == "shared context"]
    assert dict(context.facts)["total"] == 3.05  # the hub counts 1/ln(400)
    assert detail(context.kind, context.level, context.facts) == "affected → System 0, discussed at → Meeting 0, affected → Hub Corp (3.05)"


def test_one_shared_neighbour_alone_does_not_generate_a_pair(monkeypatch):
    g = _incidents(80, shared_hub=False, pairs_share_meeting=True)  # 40 meetings, 40 systems: no name word is rare
    for i in range(0, 80, 2):  # the second incident of each two no longer shares the system
        g.remove_edge(f"i{i + 1}", f"s{i // 2}", key="affected")
    assert _scored_pairs(monkeypatch, g, hub_cap=50, every_pair_below=0) == 0


RAISED = """
:acme a kg:Organization ; rdfs:label "Acme" .
:wire a kg:NewsArticle ; rdfs:label "The Wire" .
:a a kg:Incident ; rdfs:label "Checkout outage" ; dcterms:date "2026-03-02"^^xsd:date .
:b a kg:Incident ; rdfs:label "Assistant-linked disruption" .
:c a kg:Incident ; rdfs:label "Billing delay" ; dcterms:date "2025-01-10"^^xsd:date .
:q a kg:OpenQuestion ; kg:asks "Is the checkout outage the same event as the assistant-linked disruption?" ; kg:about :a, :b ;
    kg:raisedIn :wire .
"""


def test_a_question_asking_whether_two_are_one_keeps_them_listed_and_says_so():
    found = {c.label: c for c in identity_candidates(from_turtle(RAISED))}
    assert list(found) == ["Checkout outage ~ Assistant-linked disruption"]
    [candidate] = found.values()
    row = next(r for r in candidate.waterfall if r.comparison == "raised")
    assert (row.level, row.weight > 0) == ("asked", True)
    assert row_words(row) == "raised: asked (a question asks “Is the checkout outage the same event as the assistant-linked disruption?”)"
    assert candidate.raised and candidate.to_dict()["raised"] is True


def test_a_text_saying_two_were_separate_raises_them_too():
    text = RAISED.replace(":q a kg:OpenQuestion ; kg:asks", ":q a kg:Proposition ; kg:text").replace(
        "Is the checkout outage the same event as the assistant-linked disruption?", "The checkout outage and the disruption were separate incidents.")
    [candidate] = identity_candidates(from_turtle(text))
    assert candidate.raised and _rows(candidate)["raised"][0] == "said"


ROLES = """
:acme a kg:Organization ; rdfs:label "Acme Corp." .  :globex a kg:Organization ; rdfs:label "Globex" .
:dot a kg:Organization ; rdfs:label "U.S. Department of Transportation" .
:tt a kg:Organization ; rdfs:label "Transportation Today" .  :story a kg:NewsArticle ; rdfs:label "Story" ; dcterms:publisher :tt .
:ceo a kg:Person ; rdfs:label "Acme chief executive (unnamed)" ; schema:jobTitle "CEO" ; org:memberOf :acme .
:jo a kg:Person ; rdfs:label "Jo Park" ; schema:jobTitle "Chief Executive Officer" ; org:memberOf :acme .
:lee a kg:Person ; rdfs:label "Lee Stone" ; schema:jobTitle "Chief executive" ; org:memberOf :globex .
"""


def test_an_unnamed_role_meets_the_named_holder_of_the_same_title_and_affiliation():
    by_label = {c.label: c for c in identity_candidates(from_turtle(ROLES), threshold=0.0)}
    holder = by_label["Acme chief executive (unnamed) ~ Jo Park"]
    assert _rows(holder)["job title"][0] == "same" and _rows(holder)["member of"][0] == "same"
    other = by_label["Acme chief executive (unnamed) ~ Lee Stone"]
    assert holder.verdict != "unlikely" and holder.probability > other.probability


def test_a_managing_director_is_not_read_as_the_chief_executive():
    text = ROLES + ''':md a kg:Person ; rdfs:label "Sam Reyes" ; schema:jobTitle "Managing director" ; org:memberOf :acme .'''
    by_label = {c.label: c for c in identity_candidates(from_turtle(text), threshold=0.0)}
    assert _rows(by_label["Acme chief executive (unnamed) ~ Sam Reyes"])["job title"][0] == "different"
    assert _rows(by_label["Acme chief executive (unnamed) ~ Jo Park"])["job title"][0] == "same"


def test_an_unnamed_spokesperson_is_not_listed_beside_an_executive_by_their_company_alone():
    text = ROLES + """
:spox a kg:Person ; rdfs:label "Acme spokesperson (unnamed)" ; org:memberOf :acme .
:ann a kg:Person ; rdfs:label "Ann Vale" ; schema:jobTitle "Senior vice president" ; org:memberOf :acme .
:rep a kg:Person ; rdfs:label "Acme representative (unnamed)" ; schema:jobTitle "Spokeswoman" ; org:memberOf :acme .
:kim a kg:Person ; rdfs:label "Kim Ode" ; schema:jobTitle "Spokesperson" ; org:memberOf :acme .
"""
    by_pair = _by_labels(text)
    executive = by_pair("Acme spokesperson (unnamed)", "Ann Vale")
    assert _rows(executive)["member of"][0] == "same" and _rows(executive)["job title"][0] == "missing"
    assert _rows(executive)["holds role"][0] == "other-title" and _rows(executive)["holds role"][1] < 0
    assert executive.verdict == "unlikely"
    holder = by_pair("Acme representative (unnamed)", "Kim Ode")
    assert _rows(holder)["holds role"][0] == "holds-role" and holder.verdict != "unlikely"


def test_an_outlet_never_pairs_with_a_public_body_by_a_common_word():
    pairs = {c.label: c for c in identity_candidates(from_turtle(ROLES), threshold=0.0)}
    outlet = pairs["U.S. Department of Transportation ~ Transportation Today"]
    assert (_rows(outlet)["name"][0], _rows(outlet)["outlet"][0], outlet.verdict) == ("different", "outlet-and-other", "unlikely")


def test_a_pair_taken_as_same_is_weighed_with_the_m_its_own_levels_did_not_teach(acme_projection, monkeypatch):
    import dataclasses

    [taught] = identity_candidates(acme_projection)  # the case's one pair at least 0.95 likely, so the only one it learns m from
    untrained = dataclasses.replace(identity.model(), self_trained=2.0)  # no pair reaches it: m is never estimated again
    monkeypatch.setattr(identity, "model", lambda: untrained)
    [alone] = identity_candidates(acme_projection)
    # left out of the count, the pair has taught nothing: its mechanism (different) weighs what the priors say
    assert (taught.weight, _rows(taught)["mechanism"]) == (alone.weight, _rows(alone)["mechanism"])
    assert _rows(taught)["mechanism"][0] == "different" and _rows(taught)["mechanism"][1] < -2


def test_an_ampersand_inside_a_name_is_part_of_its_word_not_and():
    by_pair = _by_labels("""
:hm a kg:Organization ; rdfs:label "H&M" .  :mh a kg:Organization ; rdfs:label "M&H" .
:ms a kg:Organization ; rdfs:label "M&S" .  :marks a kg:Organization ; rdfs:label "Marks & Spencer" .
""")
    # read as "h and m" and "m and h", the two names were one set of words
    assert _rows(by_pair("H&M", "M&H"))["name"][0] == "different"
    assert _rows(by_pair("M&S", "Marks & Spencer"))["name"][0] == "acronym"


EFFECTS = """
:acme a kg:Organization ; rdfs:label "Acme" .
:cost a kg:Effect ; rdfs:label "£300m cost in gross profits" .
:profit a kg:Effect ; rdfs:label "Profits about £300 million lower this year" .
:sales a kg:Effect ; rdfs:label "£40 million of sales lost every week" .
:shares a kg:Effect ; rdfs:label "Shares fell 5 per cent" .
"""


def test_one_effect_told_by_one_figure_meets_and_two_figures_count_against():
    by_pair = _by_labels(EFFECTS)
    one = by_pair("£300m cost in gross profits", "Profits about £300 million lower this year")
    two = by_pair("£40 million of sales lost every week", "Profits about £300 million lower this year")
    other = by_pair("£40 million of sales lost every week", "Shares fell 5 per cent")
    assert _rows(one)["quantities"][0] == "same" and _rows(one)["quantities"][1] > 0
    assert _rows(two)["quantities"][0] == "different" and _rows(two)["quantities"][1] < 0
    assert _rows(other)["quantities"] == ("none", 0.0)
    assert row_words(next(r for r in two.waterfall if r.comparison == "quantities")) == (
        "quantities: different (£300,000,000 vs £40,000,000)")
    assert one.probability > other.probability > two.probability


def test_a_figure_told_as_a_bound_the_other_keeps_says_nothing_against():
    by_pair = _by_labels("""
:early a kg:Effect ; rdfs:label "More than 1,300 flights cancelled" .
:later a kg:Effect ; rdfs:label "More than 2,800 flight cancellations" .
:paid a kg:Effect ; rdfs:label "Nearly $5 million paid to the attackers" .
:ransom a kg:Effect ; rdfs:label "A ransom worth roughly $4.3 million" .
:back a kg:Effect ; rdfs:label "Roughly $2.3 million of the payment recovered" .
""")
    # one count told as it grew, and a sum told as "nearly" a round figure: no evidence against
    assert _rows(by_pair("More than 1,300 flights cancelled", "More than 2,800 flight cancellations"))["quantities"] == ("none", 0.0)
    assert _rows(by_pair("Nearly $5 million paid to the attackers", "A ransom worth roughly $4.3 million"))["quantities"] == ("none", 0.0)
    # two figures with no bound that do not agree still count against
    apart = _rows(by_pair("A ransom worth roughly $4.3 million", "Roughly $2.3 million of the payment recovered"))["quantities"]
    assert apart[0] == "different" and apart[1] < 0


def test_two_counts_of_two_things_are_two_effects_whatever_their_figures_allow():
    by_pair = _by_labels("""
:cancelled a kg:Effect ; rdfs:label "More than 1,300 flights cancelled" .
:delays a kg:Effect ; rdfs:label "More than 10,000 delays of flights to and from the country" .
:delayed a kg:Effect ; rdfs:label "Nearly 10,000 flights delayed" .
:stranded a kg:Effect ; rdfs:label "About 1,300 passengers stranded" .
:records a kg:Effect ; rdfs:label "1,206 executive and 1,196 company records deleted" .
:wiped a kg:Effect ; rdfs:label "Records of over 1,200 executives wiped" .
""")
    # two lower bounds would allow one count, but flights cancelled are not delays of flights
    two = _rows(by_pair("More than 1,300 flights cancelled", "More than 10,000 delays of flights to and from the country"))["quantities"]
    assert two[0] == "different" and two[1] < 0
    # one figure, two things counted: passengers are not flights
    assert _rows(by_pair("More than 1,300 flights cancelled", "About 1,300 passengers stranded"))["quantities"][0] == "different"
    # one thing told by its noun or by its verb ("delays of flights", "flights delayed") compares by its figures
    one = by_pair("Nearly 10,000 flights delayed", "More than 10,000 delays of flights to and from the country")
    assert _rows(one)["quantities"][0] == "same"
    assert row_words(next(r for r in one.waterfall if r.comparison == "quantities")) == (
        "quantities: same (10,000 flights delayed vs 10,000 delays of flights)")
    # a count told more fully on one side ("executive records" and "executives wiped") is one thing
    assert _rows(by_pair("1,206 executive and 1,196 company records deleted", "Records of over 1,200 executives wiped"))["quantities"][0] == "same"


SPANS = """
:a a kg:Effect ; rdfs:label "Outage of 36 hours" .
:b a kg:Effect ; rdfs:label "Customers cut off for 1.5 days" .
:c a kg:Effect ; rdfs:label "Calls failed for 2 weeks" .
"""


def test_the_waterfall_tells_a_span_of_time_in_the_words_of_its_label():
    by_pair = _by_labels(SPANS)
    same, apart = by_pair("Outage of 36 hours", "Customers cut off for 1.5 days"), by_pair("Outage of 36 hours", "Calls failed for 2 weeks")
    said = [row_words(next(r for r in c.waterfall if r.comparison == "quantities")) for c in (same, apart)]
    assert said == ["quantities: same (36 hours vs 1.5 days)", "quantities: different (36 hours vs 2 weeks)"]


CAUSES = """
:out a kg:Incident ; rdfs:label "Checkout outage" ; dcterms:date "2026-03-02"^^xsd:date .
:store a kg:System ; rdfs:label "Session store" .
:perm a kg:SoftwareChange ; rdfs:label "Permissions change on the session cluster" ; dcterms:date "2026-03-02"^^xsd:date .
:acl a kg:SoftwareChange ; rdfs:label "Database access control change" ; dcterms:date "2026-03-02"^^xsd:date .
:undo a kg:SoftwareChange ; rdfs:label "Rollback of the session file" ; dcterms:date "2026-03-02"^^xsd:date .
:p1 a kg:Proposition ; kg:text "A permissions change on the session cluster caused the outage." ; kg:about :perm, :out .
:p2 a kg:Proposition ; kg:text "An access control change was deployed minutes before the outage." ; kg:about :acl, :out .
:p3 a kg:Proposition ; kg:text "Engineers rolled the session file back." ; kg:about :undo, :store .
:out2 a kg:Incident ; rdfs:label "Login outage" ; dcterms:date "2026-03-02"^^xsd:date .
:p4 a kg:Proposition ; kg:text "The checkout outage and the login outage are one event, after the rollback." ;
    kg:about :undo, :out, :out2 .
"""


def test_two_changes_each_told_beside_one_incident_meet_and_a_rollback_told_beside_a_system_does_not():
    by_pair = _by_labels(CAUSES)
    cause = by_pair("Permissions change on the session cluster", "Database access control change")
    rollback = by_pair("Permissions change on the session cluster", "Rollback of the session file")
    _assert_row(cause, "beside one incident", "beside-one", "each told beside Checkout outage")
    # the rollback is named beside the outage too, but in a proposition that names two incidents: beside neither
    assert _rows(rollback)["beside one incident"] == ("none", 0.0)
    assert cause.probability > rollback.probability


def _assert_row(candidate, comparison: str, level: str, words: str) -> None:
    """The candidate's row of ``comparison`` is at ``level``, weighs for it, and says ``words``."""
    assert _rows(candidate)[comparison][0] == level and _rows(candidate)[comparison][1] > 0
    assert row_words(next(r for r in candidate.waterfall if r.comparison == comparison)) == f"{comparison}: {level} ({words})"


ONE_EFFECT_EACH = """
:bank a kg:Organization ; rdfs:label "Acme Bank" .
:a a kg:Incident ; rdfs:label "Acme Bank's IT meltdown" ; kg:affected :bank ; kg:hadEffect :locked ;
    dcterms:date "2026-04-22"^^xsd:date .
:b a kg:Incident ; rdfs:label "Acme Bank IT meltdown" ; kg:affected :bank ; kg:hadEffect :half ; dcterms:date "2026-04-22"^^xsd:date .
:c a kg:Incident ; rdfs:label "Card payments outage" ; kg:affected :bank ; kg:hadEffect :declined, :closed ;
    dcterms:date "2026-04-22"^^xsd:date .
:locked a kg:Effect ; rdfs:label "Up to 1.9 million people locked out of their accounts" .
:half a kg:Effect ; rdfs:label "Around half of the customers could not get into their accounts online" .
:declined a kg:Effect ; rdfs:label "Payments declined at the tills" .
:closed a kg:Effect ; rdfs:label "Branches shut early" .
"""


def test_the_one_effect_of_each_of_two_tellings_of_one_incident_meets():
    by_pair = _by_labels(ONE_EFFECT_EACH)
    incidents = by_pair("Acme Bank's IT meltdown", "Acme Bank IT meltdown")
    assert incidents.probability >= 0.7  # a provisional cluster of the collective step
    effects = by_pair("Up to 1.9 million people locked out of their accounts",
                                 "Around half of the customers could not get into their accounts online")
    _assert_row(effects, "siblings", "one-each",
                "the only “had effect” of Acme Bank IT meltdown, and of Acme Bank's IT meltdown, which may be one")
    # an incident with two effects: neither of them is its one effect
    other = by_pair("Up to 1.9 million people locked out of their accounts", "Payments declined at the tills")
    assert _rows(other)["siblings"][0] != "one-each"
    assert effects.probability > other.probability


COLLECTIVE = """
:acme a kg:Organization ; rdfs:label "Acme" .
:login a kg:System ; rdfs:label "Acme login" .
:review a kg:Meeting ; rdfs:label "Ops review" .
:push a kg:SoftwareChange ; rdfs:label "Config push" .
# A and A2 are one outage, reported twice and said to be one; so are B and B2. A and B are undated,
# A2 is dated March 2026, B2 June 2025.
:a a kg:Incident ; rdfs:label "Acme login outage" ; kg:mechanism :push ; kg:affected :acme, :login ; kg:discussedAt :review .
:a2 a kg:Incident ; rdfs:label "Login outage at Acme" ; kg:mechanism :push ; kg:affected :acme, :login ; kg:discussedAt :review ;
    dcterms:date "2026-03-02"^^xsd:date .
:b a kg:Incident ; rdfs:label "Acme login failure" ; kg:mechanism :push ; kg:affected :acme .
:b2 a kg:Incident ; rdfs:label "Login failure at Acme" ; kg:mechanism :push ; kg:affected :acme ; kg:discussedAt :review ;
    dcterms:date "2025-06-10"^^xsd:date .
:pa a kg:Proposition ; kg:text "The two reports of the login outage are the same event." ; kg:about :a, :a2 .
:pb a kg:Proposition ; kg:text "The two reports of the login failure are the same event." ; kg:about :b, :b2 .
""" + "".join(  # other, unrelated incidents, so that u (from random pairs) sees a class that varies
    f''':o{i} a kg:Organization ; rdfs:label "Other{i}" .  :m{i} a kg:SoftwareChange ; rdfs:label "Change {i}" .
:x{i} a kg:Incident ; rdfs:label "Outage number {i}" ; kg:mechanism :m{i} ; kg:affected :o{i} .
''' for i in range(1, 9))


def _by_pair(g, **options):
    return {tuple(x.rsplit("/", 1)[1] for x in (c.left.iri, c.right.iri)): c for c in identity_candidates(g, threshold=0.0, **options)}


def test_the_collective_step_pools_dates_and_turns_a_pair_against():
    g = from_turtle(COLLECTIVE)
    alone, pooled = _by_pair(g, collective=False)[("a", "b")], _by_pair(g)
    assert _rows(alone)["dates"][0] == "undated" and alone.verdict == "possible"
    ab = pooled[("a", "b")]
    [row] = [r for r in ab.waterfall if r.comparison == "dates"]
    assert (row.level, row.weight < 0, ab.verdict) == ("far", True, "unlikely")
    assert dict(row.facts)["gap"] == 265 and detail(row.kind, row.level, row.facts) == "disjoint by 265 days: 2026-03-02 vs 2025-06-10"
    assert sorted(link[:2] for link in row.via) == [("Login failure at Acme", "Acme login failure"), ("Login outage at Acme", "Acme login outage")]
    assert "via Login failure at Acme ≈ Acme login failure (1.00); Login outage at Acme ≈ Acme login outage (1.00)" in row_words(row)
    assert pooled[("a", "a2")].verdict == pooled[("b", "b2")].verdict == "likely"


def test_pending_items_take_part_flagged_as_drafts():
    text = COLLECTIVE + ':b2 kg:reviewStatus kg:Pending .\n'
    from kg.ontology import ontology_graph
    from kg.sparql import PREFIXES
    from kg.vocab import KG

    header = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items()) + f"@prefix : <{EXAMPLE}> .\n"
    data = Graph().parse(data=header + text, format="turtle")
    for subject, cls in list(data.subject_objects(RDF.type)):
        data.add((subject, KG.inCase, URIRef(BASE + "example")))
        if data.value(subject, KG.reviewStatus) is None:
            data.add((subject, KG.reviewStatus, KG.Reviewed))
    data += ontology_graph()
    assert all(EXAMPLE + "b2" not in (c.left.iri, c.right.iri) for c in identity_candidates(project(data), threshold=0.0))
    [pair] = [c for c in identity_candidates(project(data, reviewed_only=False)) if EXAMPLE + "b2" in (c.left.iri, c.right.iri)
              and EXAMPLE + "b" in (c.left.iri, c.right.iri)]
    assert pair.drafts == (False, True) and pair.to_dict()["right"]["draft"] is True


def _json_candidates(store, *options) -> list[dict]:
    result = run("unresolved", "--store", store, "--format", "json", *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["candidates"]


def test_across_cases_proposes_the_company_both_cases_name(store, built_cases):
    store = shared_build(built_cases, store, ACME, ACME_LATER)
    assert all(not c["across_cases"] for c in _json_candidates(store))
    across = [c for c in _json_candidates(store, "--across-cases") if c["across_cases"]]
    assert [(c["left"]["case"], c["right"]["case"], c["pair"]) for c in across] == [("acme-later", "acme", ["acme-corporation", "acme"])]
    assert across[0]["verdict"] in ("possible", "likely the same")
    text = run("unresolved", "--store", store, "--across-cases").output
    assert "Acme Corporation [acme-later] ~ Acme [acme] may be one organization: " in text


def test_threshold_option_lists_more_and_says_how_many_fell_below(acme):
    store = acme
    lines = run("unresolved", "--store", store).output.splitlines()
    # every pair of each small class of the case is weighed: 8 pairs, one of them listed
    assert lines[0].startswith("What the record leaves unresolved: 1 identity candidate (7 more below the threshold), ")
    assert "  7 more pairs scored below the threshold (`--threshold 0.5`), not listed; `kg unresolved --threshold 0` lists them." in lines
    assert len(_json_candidates(store, "--threshold", "0")) == 8
    bad = run("unresolved", "--store", store, "--threshold", "2")
    assert bad.exit_code == 2 and "Invalid value for '--threshold': 2.0 is not in the range 0<=x<=1." in bad.output
