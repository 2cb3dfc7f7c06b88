"""The tree rules of reported speech: one handler per row of :data:`SPEECH_RULES`, over the
reading of the parse in :mod:`kg.ingest.speech_tree`.

A handler gets a token of spaCy's parse (a reporting verb, or "according") and returns what it
reads there, the character spans of the speaker and the content with the content's negation, or
None. :mod:`kg.ingest.speech` runs the rows over an article and makes the speeches claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from kg.ingest.speech_tree import (  # the verbs and clauses are re-exported: kg.ingest.speech reads them here
    CLAUSES, LEMMAS, RELATIVE, REPORTING, SUBJECTS, clause_content, clause_parts, doc_text, finite_conjuncts, negation_of, opens_that,
    own_clause, speaker_span, subject_lead, subject_of, token_span, trailing_participle, trimmed_span,
)

__all__ = ["Speech", "SpeechRule", "SPEECH_RULES", "REPORTING", "REJECTS_ACCOUNT", "LEMMAS", "BLAME", "FRAMED",
           "CERTAIN", "CERTAIN_THAT", "CLAUSE_BREAK_BEFORE",
           "SUBJECTS", "CLAUSES", "REQUEST_ONLY", "URGES", "open_quote_mark"]

REJECTS_ACCOUNT = "rejects an account"
_NOUN_CLAUSE = {"claim", "claims", "report", "reports", "suggestion", "suggestions", "idea", "allegation", "allegations", "assertion", "notion"}


@dataclass(frozen=True)
class Speech:
    """One act of reported speech: character spans into the article's text."""

    rule: str
    verb: str  # the reporting verb as written
    stance: str  # the verb's class: asserts, confirms, denies, disputes
    speaker: tuple[int, int]
    content: tuple[int, int]
    frame: tuple[int, int]
    negated: bool  # the content's main verb has a ``neg`` child
    neg: tuple[int, int] | None  # where that negation is
    confidence: float
    wording: str | None = None  # the claim's words when they are not the content as written (a shared subject added)


@dataclass(frozen=True)
class SpeechRule:
    name: str
    match: str  # the tree it matches, in words (for the rule table in docs/ingest.md)
    handler: Callable
    confidence: float



def _says_that(token, offset):
    """A reporting verb with a subject and a clausal complement: "X said (that) C", "“C,” X said"."""
    clause = next((c for c in token.children if c.dep_ in CLAUSES and c.pos_ in ("VERB", "AUX")), None)
    subject = subject_of(token)
    # "Corvid AI, a start-up based in Austin, which said C": the relative pronoun speaks for the
    # organization or person named last before it (kg.ingest.parties.resolve_party); "that" never does.
    if clause is None or subject is None or subject.lower_ == "that" or (subject.lower_ in RELATIVE and token.dep_ != "relcl"):
        return None
    if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause.children):
        return None  # "asked whether C", "said it did not know if C": a question, not a claim
    mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    # A quotation is the speaker's words whole: never split (see kg.ingest.claims.quoted).
    text = doc_text(token.doc)
    quoted = open_quote_mark(text[text.rfind("\n", 0, clause.left_edge.idx) + 1:clause.left_edge.idx + 1]) is not None
    conjuncts = [c for c in finite_conjuncts(clause) if not trailing_participle(c)]
    if not quoted and conjuncts and (mark is None or all(opens_that(c) for c in conjuncts)):
        # "X said A, B and C", "X said that A and that B": a claim each
        return speaker_span(subject, offset), clause_parts(clause, offset), token
    clauses = [c for c in conjuncts if own_clause(c)]
    if quoted and clauses and clauses == conjuncts:
        # “A, and they B,” X said: two sentences joined, each with its own subject, a claim each (words as written)
        return speaker_span(subject, offset), clause_parts(clause, offset, clauses), token
    content, negated, neg = clause_content(clause, offset)
    return speaker_span(subject, offset), content, negated, neg, token


def _tag_after(token, offset):
    """A reporting verb that closes its sentence after a comma: "C, she stressed", "“C,” the report said",
    when the parser hangs the verb off the claim instead of the claim off the verb."""
    subject = subject_of(token)
    # An object before the subject is the quotation misread ('“The findings detail ...,” the department concluded').
    if subject is None or subject.lower_ in RELATIVE or subject.i > token.i or any(
            c.dep_ in CLAUSES | {"xcomp"} or (c.dep_ == "dobj" and c.i > subject.i) for c in token.children):
        return None
    sent = token.sent
    # Up to the full stop after the verb: the parser may run the sentence on into the next one.
    stop = next((t.i for t in sent if t.i > token.i and t.text in (".", "!", "?")), sent.end)
    if any(not t.is_punct and not t.is_space for t in sent if token.i < t.i < stop and t.head.i != token.i and t.head.head.i != token.i):
        return None
    comma = subject.left_edge.i - 1
    while comma > sent.start and sent.doc[comma].text in "“”\"'’":
        comma -= 1
    if comma <= sent.start or sent.doc[comma].text != ",":
        return None
    words = [t for t in sent if t.i < comma]
    root = next((t for t in words if t.head.i >= comma or t.head.i == t.i), None)
    if root is None:
        return None
    content, negated, neg = trimmed_span(words, root, offset)
    return speaker_span(subject, offset), content, negated, neg, token


def _claims_to(token, offset):
    """ "X claimed to have stolen C": the infinitive's claim, worded with its subject."""
    if token.lemma_.lower() not in ("claim", "purport", "profess"):
        return None
    subject = subject_of(token)
    clause = next((c for c in token.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    if subject is None or clause is None or subject.lower_ in RELATIVE:
        return None
    tokens = [t for t in clause.subtree if not (t.dep_ == "aux" and t.lower_ == "to")]
    content, negated, neg = trimmed_span(tokens, clause, offset)
    text = doc_text(token.doc)
    lead = subject_lead(subject)
    words = text[content[0] - offset:content[1] - offset]
    wording = f"{lead} {'had' + words[4:] if words.startswith('have ') else words}"
    return speaker_span(subject, offset), [(content, negated, neg, wording)], token


#: Verb phrases that state a position without a clause: (lemma, the object or particle that makes it one).
_POSITIONS = {("take", "credit"), ("take", "responsibility"), ("claim", "credit"), ("claim", "responsibility"),
              ("put", "blame"), ("put", "down"), ("lay", "blame"), ("lay", "responsibility"), ("defend", None)}


def _takes_position(token, offset):
    """ "X took credit for C", "X put the blame on Y", "X put the blackout down to Y", "X defended its
    planning": the verb phrase, worded with its subject."""
    lemma = token.lemma_.lower()
    objects = {c.lemma_.lower() for c in token.children if c.dep_ in ("dobj", "prt")}
    if not any(lemma == verb and (what is None and objects or what in objects) for verb, what in _POSITIONS):
        return None
    subject = subject_of(token)
    if subject is None or subject.lower_ in RELATIVE or subject.pos_ == "PRON" and subject.lower_ not in ("it", "they"):
        return None
    tokens = [token] + [t for c in token.children if c.dep_ in ("dobj", "prt", "prep", "dative", "advmod") and c.i > token.i for t in c.subtree]
    content, _, _ = trimmed_span(sorted(tokens, key=lambda t: t.i), token, offset)
    text = doc_text(token.doc)
    lead = subject_lead(subject)
    return speaker_span(subject, offset), [(content, False, None, f"{lead} {text[content[0] - offset:content[1] - offset]}")], token


_ACCOUNTS = {"account", "claim", "claims", "report", "reports", "story", "version", "allegation", "allegations", "characterisation", "characterization", "suggestion"}


def _calls(token, offset):
    """ "X called the account “misinformation”" (disputes it), "X called the boss “overpaid”" (the boss is overpaid)."""
    if token.lemma_.lower() not in ("call", "brand", "label", "dub"):
        return None
    subject = subject_of(token)
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    what = next((c for c in token.children if c.dep_ == "oprd" and c.i > (obj.i if obj is not None else token.i)), None)
    words = [t for t in what.subtree] if what is not None else []
    lead = obj.left_edge if obj is not None else None
    if obj is None and what is not None:
        # 'called the outage “unacceptable”': the parser hangs the object on the word it is called
        obj = next((c for c in what.children if c.dep_ in ("npadvmod", "compound", "nsubj") and c.pos_ in ("NOUN", "PROPN", "PRON") and c.i < what.i), None)
        if obj is not None:
            words = [t for t in words if t.i > obj.right_edge.i]
            lead = what.left_edge if what.left_edge.i < obj.i and what.left_edge.dep_ == "det" else obj.left_edge
    if subject is None or obj is None or what is None or subject.lower_ in RELATIVE or not words:
        return None
    text = doc_text(token.doc)
    thing = text[lead.idx:obj.right_edge.idx + len(obj.right_edge)]
    content, _, _ = trimmed_span(words, what, offset)
    called = text[content[0] - offset:content[1] - offset].strip("“”\"")
    if obj.lower_ in _ACCOUNTS:  # a stance on the account named before (kg.ingest.attribution.find_claims)
        whole, _, _ = trimmed_span([t for t in token.subtree if obj.left_edge.i <= t.i <= what.right_edge.i], what, offset)
        return speaker_span(subject, offset), [(whole, False, None, None)], token, "disputes"
    return speaker_span(subject, offset), [(content, False, None, f"{thing} is {called}")], token


def _colon(token, offset):
    """A reporting verb whose words follow a colon: "X said in a statement: C"."""
    subject = subject_of(token)
    if subject is None or any(c.dep_ in CLAUSES for c in token.children):
        return None
    after = [t for t in token.sent if t.i > token.i]
    colon = next((t for t in after if t.text == ":"), None)
    if colon is None:
        return None
    words = [t for t in after if t.i > colon.i and not (t.is_punct and t.i == token.sent.end - 1)]
    if len(words) < 3:
        return None
    root = next((t for t in words if t.head.i < words[0].i or t.head.i > words[-1].i or t.head.i == t.i), words[0])
    neg = negation_of(root)
    content = token_span([t for t in words if not (t.is_punct and t.text in "“”\"")], offset)
    return speaker_span(subject, offset), content, neg is not None, (token_span([neg], offset) if neg is not None else None), token


def _denies_noun(token, offset):
    """A denial of a noun's clause: "X denied reports that C", "X rejected the claim that C"."""
    subject = subject_of(token)
    obj = next((c for c in token.children if c.dep_ == "dobj" and c.lower_ in _NOUN_CLAUSE), None)
    if subject is None or obj is None:
        return None
    clause = next((c for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl") and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)), None)
    if clause is None:
        return None
    content, negated, neg = clause_content(clause, offset)
    return speaker_span(subject, offset), content, negated, neg, token


def _according_to(token, offset):
    """ "According to X, C" and "C, according to X": the clause ``according`` modifies."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if obj is None:
        return None
    head = token.head
    if head.i == token.i:
        return None
    content, negated, neg = clause_content(head, offset, skip=[token])
    return token_span(obj.subtree, offset), content, negated, neg, token


BLAME = {"accuse", "blame", "fault", "criticise", "criticize", "charge", "denounce", "condemn"}
#: Verbs that report speech only in the frame of their own rule ("called it false", "purported to").
FRAMED = {"call", "brand", "label", "dub", "purport", "profess", "take", "put", "lay", "defend", "ask", "press", "attack"}


def _accuses(token, offset):
    """ "X accused Y of C-ing", "X blamed Y for C", "X faulted Y for failing to C": the accusation, verb included."""
    if token.lemma_.lower() not in BLAME:
        return None
    subject = subject_of(token)
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    reason = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "for") and c.i > (obj.i if obj is not None else token.i)), None)
    if subject is None or obj is None or reason is None:
        return None
    tokens = [token] + [t for c in (obj, reason) for t in c.subtree]
    return speaker_span(subject, offset), token_span(tokens, offset), False, None, token


def _blames(token, offset):
    """ "X blamed the storm", "X blamed it on Y", "X attacked Y over C", "X pointed to C": what X holds
    to blame, with no clause of its own; the verb phrase, worded with its subject."""
    lemma = token.lemma_.lower()
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    preps = {c.lower_: c for c in token.children if c.dep_ == "prep" and c.i > (obj.i if obj is not None else token.i)}
    if lemma == "blame" and obj is not None and obj.pos_ != "PRON":
        parts = [obj, *(p for w, p in preps.items() if w == "on")]  # "blamed the outage on a faulty update"
    elif lemma == "blame" and obj is not None and "on" in preps:
        parts = [obj, preps["on"]]  # "blamed it on the storm"
    elif lemma == "attack" and obj is not None and ("over" in preps or "for" in preps):
        parts = [obj, preps.get("over") or preps["for"]]  # never "attacked the servers on Monday"
    elif lemma == "point" and obj is None and "to" in preps:
        parts = [preps["to"]]
    else:
        return None
    subject = subject_of(token)
    if subject is None or any(c.dep_ in CLAUSES for c in token.children) or subject.lower_ == "that" \
            or (subject.lower_ in RELATIVE and token.dep_ != "relcl") or subject.pos_ == "PRON" and subject.lower_ not in ("it", "they", *RELATIVE):
        return None
    tokens = sorted([token, *(t for c in parts for t in c.subtree)], key=lambda t: t.i)
    content, _, _ = trimmed_span(tokens, token, offset)
    text = doc_text(token.doc)
    lead = subject_lead(subject) if subject.lower_ not in RELATIVE else None
    wording = f"{lead} {text[content[0] - offset:content[1] - offset]}" if lead else None
    return speaker_span(subject, offset), [(content, False, None, wording)], token


_DESCRIBE = {"describe", "characterise", "characterize", "portray", "depict"}


def _describes_as(token, offset):
    """ "X described the incident as rare": the verb phrase, verb included (a view of the thing)."""
    if token.lemma_.lower() not in _DESCRIBE:
        return None
    subject = subject_of(token)
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    if subject is None or obj is None or subject.lower_ in RELATIVE:
        return None
    how = next((c for c in token.children if c.i > obj.i and any(t.lower_ == "as" for t in c.subtree) and c.dep_ in ("advcl", "prep", "oprd", "advmod", "acomp")), None)
    if how is None:
        return None
    tokens = [token] + [t for c in (obj, how) for t in c.subtree]
    return speaker_span(subject, offset), token_span(tokens, offset), False, None, token


_URGE = {"urge", "ask", "press", "call"}
#: Verbs that report nothing but a request: only the request rule reads them ("Asked whether C, X said ...").
REQUEST_ONLY = {"ask", "press"}
URGES = "urges"


def _urges(token, offset):
    """ "X called on Y to C", "X urged Y to C", "X asked Y to C", "X called for C": the request, verb included."""
    lemma = token.lemma_.lower()
    if lemma not in _URGE:
        return None
    # "X called for an inquiry", "X called for Rue to resign": what is called for is the position.
    wanted = next((c for c in token.children if lemma == "call" and c.lower_ == "for" and c.dep_ in ("prep", "advcl", "mark")
                   or lemma == "call" and c.dep_ == "advcl" and any(m.lower_ == "for" for m in c.children)), None)
    subject = subject_of(token)
    if wanted is not None and subject is not None and subject.lower_ not in RELATIVE:
        return speaker_span(subject, offset), token_span([token, *wanted.subtree], offset), False, None, token
    whom = next((c for c in token.children if c.dep_ == "dobj" or (lemma == "call" and c.dep_ == "prep" and c.lower_ == "on")), None)
    clause = next((c for c in token.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and any(a.lower_ == "to" for a in c.children)), None)
    if subject is None or whom is None or clause is None or subject.lower_ in RELATIVE or clause.i < whom.i:
        return None
    tokens = [token] + [t for c in (whom, clause) for t in c.subtree]
    return speaker_span(subject, offset), token_span(tokens, offset), False, None, token


_REJECT = {"reject", "dispute", "deny", "dismiss", "contest", "refute", "rebut"}
#: The words an account is named by when a denial points back at it ("rejected the claim").
_ACCOUNT_OBJECT = re.compile(r"(?:that|this)|(?:(?:the|that|this|those|these|such)[ ]|[\w-]+(?:[ ][\w-]+)?['’]s?[ ])(?:[a-z-]+[ ]){0,2}(?:account|accounts|claim|claims|allegation|allegations|accusation|accusations|characteri[sz]ation|suggestion|suggestions|report|reports|version|criticism|charge|charges)$", re.IGNORECASE)


def _rejects_account(token, offset):
    """ "X rejected the claim", "Y dismissed those accusations": a stance on the account told before
    (the claim it points back at is found when the claims are made: :func:`parsed_claims`)."""
    if token.lemma_.lower() not in _REJECT or any(c.dep_ in CLAUSES for c in token.children):
        return None
    subject = subject_of(token)
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    if subject is None or obj is None or subject.lower_ in RELATIVE or any(c.dep_ in ("acl", "relcl", "ccomp") for c in obj.children):
        return None
    words = doc_text(token.doc)[obj.left_edge.idx:obj.right_edge.idx + len(obj.right_edge)]
    if not _ACCOUNT_OBJECT.fullmatch(words):
        return None
    return speaker_span(subject, offset), [(token_span(obj.subtree, offset), False, None, None)], token


#: Adjectives of certainty that report a party's claim: "X was adamant that C", "X is confident C".
CERTAIN = {"adamant", "confident", "certain", "sure", "convinced", "clear", "insistent", "positive"}
CERTAIN_THAT = "is certain that"


def _certain_that(token, offset):
    """ "X was adamant that C", "X is confident (that) C": C, X's (never "it is clear that C": no speaker)."""
    if token.lower_ not in CERTAIN or token.dep_ != "acomp":
        return None
    be = token.head
    subject = subject_of(be)
    # The clause hangs from the adjective or, as the parser often has it, from the copula after it.
    clause = next((c for c in [*token.children, *be.children] if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and c.i > token.i), None)
    if subject is None or clause is None or subject.lower_ in RELATIVE | {"it", "this", "that"}:
        return None
    if any(c.dep_ == "neg" for c in be.children) or any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause.children):
        return None  # "was not sure whether C": a doubt, not a claim
    content, negated, neg = clause_content(clause, offset)
    return speaker_span(subject, offset), content, negated, neg, token


#: The tree rules, tried on every token in order; the first that reads a token wins.
SPEECH_RULES = [
    SpeechRule("says that", "a reporting verb (lemma) with an `nsubj` and a `ccomp`/`parataxis` clause", _says_that, 0.85),
    SpeechRule("denies the claim that", "a denial verb whose `dobj` (claim, report, allegation ...) has a that-clause", _denies_noun, 0.8),
    SpeechRule("colon frame", "a reporting verb with an `nsubj`, no clause, and a colon after it: the words after the colon", _colon, 0.8),
    SpeechRule("accuses", "accuse, blame, fault ... with an `nsubj`, a `dobj` and an of/for phrase: the accusation, verb included", _accuses, 0.7),
    SpeechRule("blames", "blame with a `dobj` (and an on-phrase), attack with a `dobj` and an over/for phrase, point with a to-phrase; "
               "no clause: the verb phrase, worded with its `nsubj`", _blames, 0.65),
    SpeechRule("according to", "`according` → `to` → `pobj` X: the clause `according` modifies", _according_to, 0.8),
    SpeechRule("claims to", "claim, purport ... with an `nsubj` and an `xcomp` infinitive: the infinitive, worded with the subject", _claims_to, 0.7),
    SpeechRule("calls it", "call, brand, label ... with a `dobj` and an `oprd`: an account called false is disputed, else 'the object is what it was called'", _calls, 0.65),
    SpeechRule("takes a position", "took credit/responsibility for, put the blame on, put X down to, defended: the verb phrase, worded with its `nsubj`", _takes_position, 0.65),
    SpeechRule("describes as", "describe, characterise ... with an `nsubj`, a `dobj` and an as-phrase: the verb phrase", _describes_as, 0.7),
    SpeechRule(URGES, "urge, ask, press with a `dobj` (call with `on`) and a to-infinitive `xcomp`: the request, verb included", _urges, 0.65),
    SpeechRule(REJECTS_ACCOUNT, "a denial verb whose `dobj` is an account told before (the claim, those allegations), no clause: a stance on that claim (the verb's)", _rejects_account, 0.7),
    SpeechRule(CERTAIN_THAT, "an adjective of certainty (adamant, confident, sure ...) as `acomp` of a verb with an `nsubj`, and a `ccomp` clause: the clause", _certain_that, 0.7),
    SpeechRule("tag after", "a reporting verb with an `nsubj` after a comma, closing the sentence with no clause of its own: the words before the comma", _tag_after, 0.75),
]


#: A clause ends right before: another party's speech inside a content starts a clause of its own
#: ("..., and sellers say", "..., according to"), not the content's own subject ("said 16 firms had reported ...").
CLAUSE_BREAK_BEFORE = re.compile(r"(?:[,;:—–]|\b(?:and|but|while|whereas))[ ]*$")


def open_quote_mark(before: str) -> str | None:
    """The closing mark of a quotation open at the end of ``before``, if one is."""
    if before.count("“") > before.count("”"):
        return "”"
    return '"' if before.count('"') % 2 else None
