"""Systems, safeguards and documents named in passing (kg/ingest/kinds.py), read as a user's article would be."""

import pytest

from kg.ingest.extract import extract
from kg.ingest.kinds import KIND_RULES


def found(text):
    x = extract(text, parser="rules")
    return sorted((e.type, e.label) for e in x.table.entities.values() if e.type in ("System", "Safeguard", "InternalDocument"))


@pytest.mark.parametrize("text, expected", [
    ("In its lawsuit, Globex claims the outage was avoidable.", ("InternalDocument", "Lawsuit")),
    ("The fault was in a cooling unit, according to a 40-page report from the regulator.", ("InternalDocument", "40-page report")),
    ("Orbis published its own report on Wednesday.", ("InternalDocument", "Own report")),
    ("She wants the results of the airline's internal investigation.", ("InternalDocument", "Internal investigation")),
    ("The Pryce Review found that nobody was told.", ("InternalDocument", "Pryce Review")),
    ("The outage began with a defective update sent to thousands of tills.", ("System", "Defective update")),
    ("The stolen passwords were for a Veltro portal used for remote access.", ("System", "Veltro portal")),
    ("Fire broke out at the Kestrel Road substation overnight.", ("System", "Kestrel Road substation")),
    ("Staff went back to manual systems for the afternoon.", ("Safeguard", "Manual systems")),
    ("Access was possible because multifactor authentication was missing.", ("Safeguard", "Multifactor authentication")),
    ("Engineers had ignored the code freeze that week.", ("Safeguard", "Code freeze")),
    ("Pilots say the company's antiquated scheduling software caused it.", ("System", "Antiquated scheduling software")),
    ("Its new IT platform locked customers out.", ("System", "New IT platform")),
    ("The board has asked for a separate report on the outage.", ("InternalDocument", "Separate report")),
    ("Three dealers said in SEC filings that sales fell.", ("InternalDocument", "Filings")),
    ("Orbis was told to draw up a crisis plan and a communication protocol.", ("Safeguard", "Crisis plan")),
    ("Orbis was told to draw up a crisis plan and a communication protocol.", ("Safeguard", "Communication protocol")),
    ("Whether the airline kept to its customer service plan is unclear.", ("Safeguard", "Customer service plan")),
    ("The cause was a maintenance update in our core network.", ("System", "Maintenance update")),
    ("The cause was a maintenance update in our core network.", ("System", "Core network")),
    ("Orbis has set up an online portal for dealers.", ("System", "Online portal")),
    ("Users looked at its status page for news.", ("System", "Status page")),
    ("He submitted a screenshot of the conversation.", ("InternalDocument", "Screenshot")),
    ("The failure of the primary database grounded flights.", ("System", "Primary database")),
    ("Staff switched to a backup database.", ("Safeguard", "Backup database")),
    ("Engineers traced it to a \"damaged database file\" on Tuesday.", ("System", "Database file")),
    ("Access to the pilot notification system was revoked.", ("System", "Pilot notification system")),
    ("It did, however, have an emergency response plan in place.", ("Safeguard", "Emergency response plan")),
    ("A faulty command disconnected its backbone routers.", ("System", "Backbone routers")),
    ("The company's DNS servers could not reach the data centers.", ("System", "DNS servers")),
    ("The company's DNS servers could not reach the data centers.", ("System", "Data centers")),
    ("The root cause was a faulty configuration change.", ("System", "Faulty configuration change")),
    ("Border Gateway Protocol, or BGP, was an early suspect.", ("System", "BGP")),
    ("She had given internal Globex documents to a newspaper.", ("InternalDocument", "Internal Globex documents")),
    ("Orbis said it had received a subpoena from the regulator.", ("InternalDocument", "Subpoena")),
    ("Customers have filed 58 class action lawsuits against Orbis.", ("InternalDocument", "58 class action lawsuits")),
    ("The regulator opened a probe into Orbis Software's Veltro file transfer tool.", ("System", "Veltro file transfer tool")),
    ("The gang exploited CVE-2023-12345, a flaw in the tool.", ("System", "CVE-2023-12345")),
    ("An internal auditing tool should have stopped the command.", ("Safeguard", "Internal auditing tool")),
    ("Staff deleted a file from a backup of the booking system.", ("Safeguard", "Backup")),
])

def test_each_row_finds_its_item(text, expected):
    assert expected in found(text)


def test_a_companys_own_system_is_no_named_system():
    assert not [item for item in found("Orbis Freight said the Orbis Freight system was slow. It blamed nobody.") if item[0] == "System"]


def test_backup_systems_are_a_safeguard_not_a_system():
    assert found("Controllers had the back-up computer systems to hand.") == [("Safeguard", "Back-up computer systems")]


def test_a_document_named_again_is_one_item():
    text = "In a letter to the board, Orbis said sorry. The letter was short."
    assert found(text) == [("InternalDocument", "Letter")]


def test_every_row_is_named_and_described():
    assert len({rule.name for rule in KIND_RULES}) == len(KIND_RULES)
    assert all(rule.describe and 0 < rule.confidence < 1 for rule in KIND_RULES)


def test_an_update_told_by_what_it_changed_is_a_system():
    assert ("System", "Firewall upgrade") in found("The outage followed a firewall upgrade at the exchange.")


def test_software_told_by_what_it_does_is_never_a_names_nor_an_adverbs():
    # "The Orbis IT system" is the named system row's, whole: never "IT system" alone.
    text = "The hack reached all externally facing systems. The Orbis IT system failed. Orbis said the booking system was slow."
    assert [label for kind, label in found(text) if kind == "System"] == ["Booking system", "Orbis IT system"]


@pytest.mark.parametrize("parser", ["rules", "spacy"])
def test_a_companys_name_inside_a_faulty_update_and_a_misconfigured_element(parser):
    text = ("Globex said it was sorry. Orbis said a faulty Globex update crashed its tills on Monday. "
            "The regulator said a \"misconfigured network element\" set off the shutdown.")
    x = extract(text, parser=parser)
    systems = sorted(e.label for e in x.table.entities.values() if e.type == "System")
    assert systems == ["Faulty Globex update", "Misconfigured network element"]
    assert ("Organization", "Globex") in {(e.type, e.label) for e in x.table.entities.values()}


@pytest.mark.parametrize("parser", ["rules", "spacy"])
def test_a_document_from_someone_is_theirs_and_told_again_is_the_same(parser):
    text = ("Jane Roe, the committee's chair, said sorry. The letter from Jane Roe to the bank was published on Monday. "
            "The bank said the letter was unfair.")
    x = extract(text, parser=parser)
    documents = [e for e in x.table.entities.values() if e.type == "InternalDocument"]
    assert [(d.label, len(d.spans)) for d in documents] == [("Letter", 2)]
    assert x.table.entities[documents[0].fields["author"]].label == "Jane Roe"


def test_a_document_by_an_organization_speaks_as_it():
    text = "The preliminary report by Orbis Consulting was published on Monday. The report says that testing was too short."
    x = extract(text, parser="spacy")
    assert [(c.party.label, c.stance) for c in x.claims if "testing" in c.proposition.lower()] == [("Orbis Consulting", "asserts")]


def test_a_database_word_before_another_noun_is_no_database():
    assert not [item for item in found("A recent database change went wrong.") if item[0] == "System"]


@pytest.mark.parametrize("parser", ["rules", "spacy"])
def test_a_systems_name_with_a_particle_is_one_name_and_its_short_name_an_alias(parser):
    text = ("The failure of the Notice to Pilots system, or NTP, grounded flights. The regulator said so. "
            "Staff deleted files that led to the Notice to Pilots (NTP) system outage on Monday.")
    x = extract(text, parser=parser)
    systems = [(e.label, sorted(e.aliases)) for e in x.table.entities.values() if e.type == "System"]
    assert systems[0] == ("Notice to Pilots system", ["NTP", "Notice to Pilots", "Notice to Pilots (NTP) system"])
    # the parser's names for a part of it ("Notice", "Pilots") are no items of their own
    assert not [e.label for e in x.table.entities.values() if e.label in ("Notice", "Pilots")]


@pytest.mark.parametrize("parser", ["rules", "spacy"])
def test_a_vpn_and_a_computer_network_are_systems_never_names(parser):
    text = ("The password belonged to an inactive virtual private network (VPN) account that let staff reach "
            "the company's computer network. Hackers used the dormant VPN account again.")
    x = extract(text, parser=parser)
    found = sorted((e.type, e.label, tuple(e.aliases)) for e in x.table.entities.values())
    assert found == [("System", "Computer network", ()), ("System", "Virtual private network (VPN)", ("VPN",))]


def test_emergency_procedures_staff_start_are_no_safeguard():
    assert found("With more notice airlines could have started emergency procedures earlier.") == []


def test_routers_with_no_word_of_what_they_are_for_are_not_told():
    assert not [item for item in found("A fault caused some of our routers to malfunction.") if item[0] == "System"]


@pytest.mark.parametrize("parser", ["rules", "spacy"])
def test_platforms_a_company_owns_are_systems_wherever_the_article_names_them(parser):
    text = ("Globex apps down\n\nOn Monday, users of Globex and of other platforms it owns, Orbchat and Veltrogram among "
            "them, could not log in. Orbchat users could not send messages. Globex said it was sorry.")
    x = extract(text, parser=parser)
    kinds = {e.label: e.type for e in x.table.entities.values()}
    assert (kinds.get("Orbchat"), kinds.get("Veltrogram"), kinds.get("Globex")) == ("System", "System", "Organization")


@pytest.mark.parametrize("parser", ["rules", "spacy"])
def test_a_publishers_name_inside_a_documents_words_leaves_the_document(parser):
    text = "Globex said on Monday its app was down. Jane Roe, its chief executive, said in a Globex post: \"Sorry.\""
    x = extract(text, parser=parser)
    assert ("InternalDocument", "Globex post") in {(e.type, e.label) for e in x.table.entities.values()}
    assert ("Organization", "Globex") in {(e.type, e.label) for e in x.table.entities.values()}


def test_a_products_own_name_before_a_software_head_is_its_alias_and_a_count_of_thousands_is_no_document():
    x = extract("The outage began in Orbis's Bot Shield system. Orbis received 40,000 complaints.", parser="rules")
    systems = [e for e in x.table.entities.values() if e.type == "System"]
    assert [(e.label, e.aliases) for e in systems] == [("Bot Shield system", ["Bot Shield"])]
    assert not [e for e in x.table.entities.values() if e.type == "InternalDocument"]


def test_a_document_told_again_with_its_or_the_is_the_one_named_before():
    text = "In a regulatory filing, Orbis said it faced lawsuits. Orbis confirmed in its filing that it had paid nothing."
    assert found(text) == [("InternalDocument", "Regulatory filing")]


def _with_parser_organization(text, name):
    """``text``'s table after the kind rules, the parser having called every ``name`` an organization."""
    from kg.ingest.entities import EntityTable
    from kg.ingest.gazetteer import Gazetteer
    from kg.ingest.kinds import find_kinds
    from kg.vocab import CLS

    table = EntityTable(text, Gazetteer([]))
    spans = [(i, i + len(name)) for i in range(len(text)) if text.startswith(name, i)]
    entity = table.new(CLS.Organization, name, *spans[0], rule="named entity (parser)", confidence=0.6)
    for span in spans[1:]:
        table.mention(entity, *span)
    find_kinds(table, text)
    return sorted((e.type, e.label, len(e.spans)) for e in table.entities.values() if e.type in ("System", "Organization"))


def test_a_parser_organization_only_ever_a_systems_name_is_that_system():
    text = ("The agency found the problem with Pilotnet overnight. Contractors deleted a file in a backup of the "
            "Pilotnet system, which warns pilots. Before the Pilotnet chaos, airlines had cancelled flights.")
    assert _with_parser_organization(text, "Pilotnet") == [("System", "Pilotnet system", 3)]


def test_a_parser_organization_that_speaks_keeps_its_system_told_by_no_name_of_its_own():
    text = "Pilotnet said the Pilotnet system was slow. A Pilotnet spokesperson apologised."
    assert _with_parser_organization(text, "Pilotnet") == [("Organization", "Pilotnet", 3)]


@pytest.mark.parametrize("parser", ["rules", "spacy"])
def test_a_preposition_inside_a_systems_name_never_cuts_the_name(parser):
    text = "Staff restored the Notice to Airmen (NOTAM) system on Wednesday. The Notice to Pilots (NTP) system kept running."
    systems = sorted((e.label, len(e.spans)) for e in extract(text, parser=parser).table.entities.values() if e.type == "System")
    assert systems == [("Notice to Airmen (NOTAM) system", 1), ("Notice to Pilots (NTP) system", 1)]


@pytest.mark.parametrize("text, expected", [
    ("The agency said that a preliminary review had determined that contracted workers deleted files.", ("InternalDocument", "Preliminary review")),
    ("An initial investigation found the failure was caused by bad flight data.", ("InternalDocument", "Initial investigation")),
])
def test_an_investigation_or_review_that_finds_is_a_document_never_a_safeguard(text, expected):
    assert expected in found(text)
    assert not [label for kind, label in found(text) if kind == "Safeguard"]
