"""Reading spaCy's parse for reported speech: the reporting verbs, and the subjects, clauses,
spans and negation the rows of :mod:`kg.ingest.speech_rules` share.

Every function takes tokens of one parsed piece of an article and an ``offset`` (where the piece
starts in the article's text) and returns character spans into the article.
"""

from __future__ import annotations

__all__ = ["REPORTING", "LEMMAS", "SUBJECTS", "RELATIVE", "CLAUSES", "doc_text", "token_span", "clause_content", "negation_of",
           "subject_of", "trailing_participle", "subject_lead", "speaker_span", "is_finite", "finite_conjuncts", "clause_parts",
           "own_clause", "trimmed_span", "opens_that"]

#: Reporting verbs by lemma, and the stance each class carries.
REPORTING = {
    "asserts": {
        "say", "tell", "state", "write", "add", "note", "explain", "argue", "insist", "maintain", "claim",
        "warn", "estimate", "announce", "suggest", "report", "allege", "assert", "stress", "emphasize",
        "emphasise", "believe", "contend", "testify", "tweet", "post", "blame", "predict", "reiterate",
        "find", "conclude", "show", "reveal", "indicate", "accept", "recall", "describe", "complain",
        "recommend", "urge", "observe", "declare", "forecast", "read", "promise", "pledge", "vow", "assure",
        "guarantee", "demand", "caution", "respond", "reply", "answer", "speculate", "hint", "imply", "think",
        "fear", "point",
    },
    "confirms": {"confirm", "acknowledge", "admit", "concede", "verify", "agree"},
    "denies": {"deny", "reject", "refute", "dismiss", "rebut"},
    "disputes": {"dispute", "contest", "challenge", "question", "disagree"},
}
LEMMAS = {lemma: stance for stance, lemmas in REPORTING.items() for lemma in lemmas}
SUBJECTS = {"nsubj", "nsubjpass"}
RELATIVE = {"who", "which", "that"}
CLAUSES = {"ccomp", "parataxis"}


def doc_text(doc) -> str:
    """The doc's text, built once: ``Doc.text`` joins every token each time it is read."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def token_span(tokens, offset: int) -> tuple[int, int]:
    # Whitespace the parser hangs on a word (a blanked dateline, an indent) is no part of a span.
    tokens = [t for t in tokens if not t.is_space] or list(tokens)
    return offset + min(t.idx for t in tokens), offset + max(t.idx + len(t) for t in tokens)


def clause_content(head, offset: int, skip=()) -> tuple[tuple[int, int], bool, tuple[int, int] | None]:
    """The clause under ``head`` (without a leading "that" and without ``skip`` subtrees), its negation."""
    later = [c for c in head.children if trailing_participle(c)]
    skipped = {t.i for s in (*skip, *later) for t in s.subtree}
    skipped |= {c.i for v in later for c in head.children if c.dep_ == "cc" and v.i - 2 <= c.i < v.i}
    tokens = [t for t in head.subtree if t.i not in skipped]
    # "said later that C": what comes before the clause's "that" is the reporting verb's, not the claim's.
    mark = next((c for c in head.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    if mark is not None:
        tokens = [t for t in tokens if t.i > mark.i]
    while tokens and (tokens[0].dep_ in ("mark", "punct") or tokens[0].is_space) and tokens[0].lower_ in ("that", ",", ":", "“", '"', "‘", "—", "–", "-"):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    neg = negation_of(head)
    return (token_span(tokens, offset) if tokens else (0, 0)), neg is not None, (token_span([neg], offset) if neg is not None else None)


def negation_of(head):
    """The ``neg`` child that negates ``head``; "not only", "not just" add to a claim, never deny it."""
    doc = head.doc
    return next((c for c in head.children if c.dep_ == "neg" and not (c.i + 1 < len(doc) and doc[c.i + 1].lower_ in ("only", "just", "merely", "simply"))), None)


def subject_of(verb):
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    # "X said A and added B": the second verb speaks with the first's subject.
    if subject is None and trailing_participle(verb):
        return subject_of(verb.head.head)
    while subject is None and verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    # "..., saying B": the participle speaks with its clause's subject; when that clause is a
    # relative one ("the outage that crippled it, accusing B"), with the first subject above it.
    if subject is None and verb.dep_ in ("advcl", "xcomp") and verb.head.i != verb.i:
        subject = next((c for c in verb.head.children if c.dep_ in SUBJECTS), None)
        if subject is not None and subject.lower_ in RELATIVE and verb.dep_ == "advcl":
            subject = next((c for a in verb.head.ancestors if a.pos_ in ("VERB", "AUX") and a.dep_ != "relcl"
                            for c in a.children if c.dep_ in SUBJECTS and c.lower_ not in RELATIVE), subject)
    return subject


#: Verbs of asking, which speak by an infinitive rather than a clause ("... and called on Globex to explain").
_ASKS = {"call", "urge", "ask", "press", "demand"}


def trailing_participle(verb) -> bool:
    """A reporting verb the parser hung on the content of an earlier one, with no subject of its own:
    "X said C, adding that D" and "X confirmed that C and said D". It is X's, and no part of C."""
    head = verb.head
    speaks = any(c.dep_ in CLAUSES for c in verb.children) or (verb.dep_ == "conj" and verb.lemma_.lower() in _ASKS)
    if not (verb.i > head.i and head.dep_ in CLAUSES and head.head.i != head.i and head.head.lemma_.lower() in LEMMAS
            and (verb.lemma_.lower() in LEMMAS or verb.lemma_.lower() in _ASKS) and speaks):
        return False
    if verb.dep_ == "advcl":
        return verb.tag_ == "VBG"
    return verb.dep_ == "conj" and verb.tag_ == head.head.tag_ and not any(c.dep_ in SUBJECTS for c in verb.children)


def subject_lead(subject) -> str:
    """The subject's words that lead a claim worded with them: without a relative clause or an
    apposition ("Aelec, which includes Endesa," and "The regulator, Ofnet," lead as "Aelec", "The regulator")."""
    inner = {t.i for c in subject.children if c.dep_ in ("relcl", "acl", "appos") and c.i > subject.i for t in c.subtree}
    tokens = [t for t in subject.subtree if t.i not in inner]
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    text = doc_text(subject.doc)
    return text[tokens[0].idx:tokens[-1].idx + len(tokens[-1])]


def speaker_span(subject, offset: int) -> tuple[int, int]:
    # A relative clause or apposition after the name ("Jane Roe, who leads the team,") is not the speaker's name.
    tokens = [t for t in subject.subtree if not any(a.dep_ in ("relcl", "acl") and a.head.i >= subject.i and t in a.subtree for a in subject.children)]
    return token_span(tokens or [subject], offset)


_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


def is_finite(verb) -> bool:
    """A verb with its own tense ("is trying", "does not understand"), not one sharing a modal ("or be sacked")."""
    return verb.tag_ in _FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE_TAGS for c in verb.children)


def finite_conjuncts(verb) -> list:
    """The finite verbs coordinated with ``verb`` after it, nested chains flattened."""
    found = []
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i > verb.i and is_finite(c):
            found += [c, *finite_conjuncts(c)]
    return found


def clause_parts(clause, offset: int, conjuncts=None) -> list[tuple]:
    """The clause's coordinated claims, each ``(content, negated, neg, wording)``: "Delta is spreading
    misinformation, does not understand security and is shifting blame" is three, the later ones
    worded with the first's subject ("Delta does not understand security")."""
    conjuncts = finite_conjuncts(clause) if conjuncts is None else conjuncts
    if not conjuncts:
        return [(*clause_content(clause, offset), None)]
    own = {t.i for c in conjuncts for t in c.subtree} | {c.i for c in clause.children if c.dep_ == "cc" and c.i > conjuncts[0].i - 3}
    first = [t for t in clause.subtree if t.i not in own and t.i < conjuncts[0].i]
    subject = next((c for c in clause.children if c.dep_ in SUBJECTS), None)
    text = doc_text(clause.doc)
    parts = [(*trimmed_span(first, clause, offset), None)]
    for conj in conjuncts:
        later = {t.i for c in conjuncts if conj in c.ancestors for t in c.subtree}
        tokens = [t for t in conj.subtree if t.i not in later and not (t.dep_ == "cc" and t.i < conj.i)]
        content, negated, neg = trimmed_span(tokens, conj, offset)
        wording = None
        if subject is not None and not any(c.dep_ in SUBJECTS for c in conj.children):
            lead = subject_lead(subject)
            wording = f"{lead} {text[content[0] - offset:content[1] - offset]}"
        parts.append((content, negated, neg, wording))
    return [p for p in parts if p[0][1] - p[0][0] >= 3]


def own_clause(verb) -> bool:
    """A coordinated verb with its own subject after a comma and "and"/"but": "..., and they refused"."""
    doc = verb.doc
    cc = next((c for c in verb.head.children if c.dep_ == "cc" and c.i < verb.i), None) if verb.dep_ == "conj" else None
    return (cc is not None and cc.lower_ in ("and", "but") and cc.i > 0 and doc[cc.i - 1].text == ","
            and any(c.dep_ in SUBJECTS for c in verb.children))


def trimmed_span(tokens, head, offset: int):
    """``tokens`` without leading marks and trailing punctuation, and the negation of ``head``."""
    while tokens and (tokens[0].is_punct or tokens[0].is_space or (tokens[0].dep_ in ("mark", "cc") and tokens[0].lower_ in ("that", "and", "but"))):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    neg = negation_of(head)
    return (token_span(tokens, offset) if tokens else (0, 0)), neg is not None, (token_span([neg], offset) if neg is not None else None)


def opens_that(verb) -> bool:
    """Does ``verb`` open its own "that" clause ("... and that B")?"""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)
