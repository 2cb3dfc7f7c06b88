"""The lemmas of a claim's words, for matching claims (:mod:`kg.ingest.linking`) and telling their aspects
(:mod:`kg.ingest.aspects`): without a parser (:func:`simple_lemmas`: endings off, the base form the most
common English word among the guesses) or from the English pipeline (:func:`parser_lemmas`)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

__all__ = ["Lemmatizer", "simple_lemmas", "parser_lemmas"]

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['’][a-z]+)?|\d+")
_IRREGULAR = {
    "written": "write", "wrote": "write", "was": "be", "were": "be", "been": "be", "is": "be", "are": "be",
    "had": "have", "has": "have", "did": "do", "done": "do", "took": "take", "taken": "take", "made": "make",
    "went": "go", "gone": "go", "gave": "give", "given": "give", "ran": "run", "began": "begin", "begun": "begin",
    "broke": "break", "broken": "break", "knew": "know", "known": "know", "saw": "see", "seen": "see",
    "used": "use", "tied": "tie", "children": "child", "people": "person", "men": "man", "women": "woman", "data": "data",
}
#: Closed-class words (negation, pronouns, articles, prepositions, conjunctions) take no "-ed" or "-ing", so none
#: is the base form under one: "noted" is no "not", "hissed" no "his".
_FUNCTION_WORDS = frozenset("not no nor them her his its of as in on at to by but than the an and or".split())


def _restore_e(stem: str) -> str:
    """The base form under "-ed"/"-ing": a doubled consonant off ("stopp"), a silent e back ("cod", "relat")."""
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]
    if re.search(r"(?:[^aeiou][aeiou][cdgkmvz]|[aeiou]s|v|at|ut|iz|[ae]ng|rg|dg|nc|ir|ur)$", stem):
        return stem + "e"
    return stem


@lru_cache(maxsize=8192)
def _zipf(word: str) -> float:
    """How common ``word`` is in English (``wordfreq``'s Zipf scale; -1 without wordfreq)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # the ingest extra brings it
        return -1.0
    return zipf_frequency(word, "en")


def _base_under(stem: str) -> str:
    """The base form under "-ed"/"-ing": of the stem as cut, with a silent e back ("cod" → "code") and with a
    doubled consonant off ("controll" → "control"), the one most common in English but never a function word;
    without word frequencies, :func:`_restore_e`'s guess. A stem that is no word ("issu", "agre") gave every
    claim that said it a rare word of its own, so "issued" never met "issue".

    >>> [_base_under(s) for s in ["issu", "agre", "controll", "travell", "cod", "blam", "claim", "stopp"]]
    ['issue', 'agree', 'control', 'travel', 'code', 'blame', 'claim', 'stop']
    >>> [_base_under(s) for s in ["not", "them", "hiss"]]
    ['note', 'theme', 'hiss']
    """
    options = [_restore_e(stem), stem, stem + "e"] + ([stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else [])
    options = [o for o in options if o not in _FUNCTION_WORDS] or options
    guess = options[0]
    best = max(options, key=_zipf)  # the first of equals: the guess
    return best if _zipf(best) > _zipf(guess) else guess


def _stem(word: str) -> str:
    """A rough lemma for English words: plural, past and gerund endings off.

    >>> [_stem(w) for w in ["incidents", "changes", "involved", "coding", "policies", "written", "glass", "blamed", "claimed"]]
    ['incident', 'change', 'involve', 'code', 'policy', 'write', 'glass', 'blame', 'claim']
    >>> [_stem(w) for w in ["issued", "filed", "controlled", "focused", "hoped"]]
    ['issue', 'file', 'control', 'focus', 'hope']
    """
    w = word.lower().replace("’", "'")
    w = re.sub(r"'s$", "", w)
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    for ending, shortest in (("ing", 6), ("ed", 5)):
        if len(w) >= shortest and w.endswith(ending):
            return _base_under(w[: -len(ending)])
    if len(w) > 3 and w.endswith("es") and re.search(r"(?:ch|sh|x|ss|zz)es$", w):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def simple_lemmas(text: str) -> list[str]:
    """The lemmas of ``text``'s words, without a parser: hyphenated words split, endings off.

    The pipeline passes the parser's lemmas instead when it has them; this keeps the matcher a
    pure function for tests and for texts read from case files.

    >>> simple_lemmas("Junior engineers must have AI-assisted changes signed off.")
    ['junior', 'engineer', 'must', 'have', 'ai', 'assist', 'change', 'sign', 'off']
    """
    return [_stem(w) for w in _WORD.findall(text.replace("-", " "))]


#: Texts → their lemmas, one list per text, in order.
Lemmatizer = Callable[[list[str]], list[list[str]]]


def parser_lemmas(texts: list[str]) -> list[list[str]]:
    """The lemmas of each text from the English pipeline ``kg ingest`` parses with (batched).

    An irregular verb takes the parser's lemma ("went" → "go", "written" → "write"); every other
    word the simple one, which keeps "coding" beside "code" where the model cuts it to "cod".
    """
    from kg.ingest.nlp import load, model_name

    nlp = load(model_name())
    unused = [name for name in ("parser", "ner") if name in nlp.pipe_names]
    found = []
    for doc in nlp.pipe(texts, disable=unused):
        lemmas = []
        for token in doc:
            lemma = token.lemma_.lower()
            simple = simple_lemmas(token.text)
            if token.pos_ in ("VERB", "AUX") and lemma.isalpha() and not token.lower_.startswith(lemma):
                lemmas.append(lemma)  # an irregular form
            elif len(simple) == 1 and lemma.isalpha() and _zipf(lemma) > _zipf(simple[0]):
                lemmas.append(lemma)  # the parser's word where the simple one is rarer ("chaos", not "chao")
            else:
                lemmas += simple
        found.append(lemmas)
    return found
