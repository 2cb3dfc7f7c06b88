"""Word vectors for claim matching: found by name or setting, never downloaded, and lemmas alone when none."""

import warnings

import numpy as np
import pytest

from kg.ingest.linking import PropositionIndex, content_of, similarity
from kg.ingest.nlp import word_vectors
from kg.ingest.vectors import WordVectors, hash_string, load_vectors, vectors_folder


@pytest.fixture(autouse=True)
def _fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    word_vectors.cache_clear()
    yield
    word_vectors.cache_clear()


def test_a_folder_named_by_the_setting_is_read_and_a_word_near_in_meaning_counts(tmp_path, monkeypatch):
    from spacy.vectors import Vectors

    table = Vectors(shape=(3, 2))
    for word, vector in {"vendor": [1.0, 0.0], "supplier": [0.9, 0.1], "weather": [0.0, 1.0]}.items():
        table.add(word, vector=np.array(vector, dtype="float32"))
    table.to_disk(tmp_path / "vocab")
    monkeypatch.setenv("KG_WORD_VECTORS", str(tmp_path))
    vectors = word_vectors()
    assert vectors.similarity("vendor", "supplier") > 0.9 and vectors.similarity("vendor", "weather") == 0.0
    a, b = content_of("The vendor caused the outage."), content_of("The supplier caused the outage.")
    assert similarity(a, b) < 0.8 < similarity(a, b, vectors=vectors)
    assert similarity(a, content_of("The weather caused the outage."), vectors=vectors) == similarity(a, content_of("The weather caused the outage."))


def test_no_vectors_installed_means_lemmas_alone_and_one_warning(monkeypatch):
    monkeypatch.setenv("KG_WORD_VECTORS", "no_such_vectors_package")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert word_vectors() is None
        assert word_vectors() is None
    assert len(caught) == 1 and "no word vectors installed (no_such_vectors_package)" in str(caught[0].message)
    assert "matched by their words alone" in str(caught[0].message)


def test_a_reply_links_through_words_near_in_meaning_only_with_vectors():
    vectors = WordVectors({"vendor": np.array([1.0, 0.0]), "supplier": np.array([0.95, 0.05])})
    for wv, linked in ((None, None), (vectors, "vendor-blamed")):
        index = PropositionIndex(vectors=wv)
        index.add("vendor-blamed", "The vendor botched the upgrade.", set(), [("jane", "asserts")])
        match = index.match("The supplier botched the upgrade.", set(), party="globex", against=-1, reply=True, link_at=0.7)
        assert match.link == linked


def test_the_installed_table_read_without_spacy_gives_spacys_numbers_and_is_cached(tmp_path):
    spacy_vectors = pytest.importorskip("spacy.vectors")
    from spacy.strings import hash_string as spacys_hash

    vectors = word_vectors()
    if vectors is None:
        pytest.skip("no word vectors installed")
    folder = vectors_folder(vectors._table.folder)
    by_spacy = WordVectors(spacy_vectors.Vectors().from_disk(folder), strings=spacys_hash)
    words = ["outage", "disruption", "Amazon", "shop", "deletion", "loss", "counsel", "lawyer", "Zürich", "qqqzx"]
    assert [hash_string(w) for w in words] == [spacys_hash(w) for w in words]
    assert [vectors.similarity(a, b) for a in words for b in words] == [by_spacy.similarity(a, b) for a in words for b in words]
    assert 0.3 < vectors.similarity("outage", "disruption") < 0.6 and vectors.similarity("outage", "qqqzx") == 0.0
    (cached,) = (tmp_path / "cache").glob("key2row-*.npz")
    again = load_vectors(folder)
    assert again.similarity("outage", "disruption") == vectors.similarity("outage", "disruption")
    cached.write_bytes(b"not an archive")  # a spoilt cache is read past, never trusted
    assert load_vectors(folder).similarity("outage", "disruption") == vectors.similarity("outage", "disruption")


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    from spacy.vectors import Vectors

    table = Vectors(shape=(2, 2))
    table.add("vendor", vector=np.array([1.0, 0.0], dtype="float32"))
    table.add("supplier", vector=np.array([0.6, 0.8], dtype="float32"))
    table.to_disk(tmp_path / "vocab")
    (tmp_path / "blocked").write_text("a file where the cache folder would be")
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "blocked"))
    assert round(load_vectors(tmp_path / "vocab").similarity("vendor", "supplier"), 6) == 0.6
