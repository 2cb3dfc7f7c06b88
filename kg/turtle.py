"""Canonical Turtle in kg's own order, the same bytes from a build's cases and from any store.

The file is kg's prefixes, then the graph's triples in the order of their lines as the engine writes them in
N-Triples, the lines sorted (code point by code point); each subject's triples are one block, its predicates and
objects in that order, an IRI written with one of kg's prefixes where its local name is plain, ``a`` for
``rdf:type`` (:func:`turtle_of`).

The bytes depend on the triples alone, so a build writes ``kg.ttl`` from the lines of its own cases (each case's
lines sorted and written in the worker that read it) and ``kg export`` writes the same file from any store
(:func:`write_sorted`), without the engine putting the triples in its own order first.

A case's lines are those whose subject is one of its items (``<BASE/SLUG/...>``) or the case itself
(``<BASE/SLUG>``). Sorted, every case's lines are one run, and the runs are in the order of ``SLUG + "/"``
(:func:`case_order`), unless a case's slug is another's followed by a character that sorts between ``/`` and
``>`` (``acme`` and ``acme0``): then their lines interleave (:func:`interleaved`), and a build sorts the whole graph
as ``kg export`` does. A block is one subject's, so the runs' Turtle put one after the other is the whole's.

>>> lines = [b'<https://w3id.org/kg/id/b/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/kg/ontology#Incident> .',
...          b'<https://w3id.org/kg/ontology#A> <urn:p> "2"^^<http://www.w3.org/2001/XMLSchema#integer> .',
...          b'<https://w3id.org/kg/id/a> <urn:p> "y"@en .', b'<https://w3id.org/kg/id/a/y> <urn:p> "z" .',
...          b'<https://w3id.org/kg/id/a/y> <urn:p> "w" .', b'<https://w3id.org/kg/id/a/y> <urn:q> _:b0 .']
>>> import io
>>> out = io.BytesIO()
>>> write_sorted(out, io.BytesIO(b"\\n".join(lines) + b"\\n"))
>>> print(out.getvalue().decode().removeprefix(HEADER), end="")
kgr:a\\/y <urn:p> "w" , "z" ;
\t<urn:q> _:b0 .
kgr:a <urn:p> "y"@en .
kgr:b\\/x a kg:Incident .
kg:A <urn:p> "2"^^xsd:integer .
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

from kg.vocab import BASE_IRI, PREFIXES

__all__ = ["HEADER", "ITEM", "case_of", "turtle_of", "case_order", "interleaved", "write_sorted", "ontology_lines", "turtle_lines", "TurtleParts"]

#: The prefixes, one line each, as every canonical Turtle file starts (for readers that show prefixed names).
HEADER = "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in PREFIXES.items())
#: Where the lines of a case item start; lines of other subjects sort either side of every case's.
ITEM = ("<" + BASE_IRI).encode("utf-8")


def case_of(line: bytes) -> bytes:
    """The slug of the case an N-Triples line's subject is an item of (or is), ``b""`` for any other subject.

    >>> case_of(b'<https://w3id.org/kg/id/acme/incident-1> <p> <o> .'), case_of(b'<https://w3id.org/kg/id/acme> <p> <o> .')
    (b'acme', b'acme')
    >>> case_of(b'<https://w3id.org/kg/ontology#Incident> <p> <o> .'), case_of(b'_:b0 <p> <o> .')
    (b'', b'')
    """
    if not line.startswith(ITEM):
        return b""
    start = len(ITEM)
    end = line.index(b">", start)
    slash = line.find(b"/", start, end)
    return line[start : slash if slash >= 0 else end]


def case_order(slug: str) -> str:
    """The key that puts cases' runs of sorted lines in their order (see the module).

    >>> sorted(["acme", "acme-2", "acme_b"], key=case_order)
    ['acme-2', 'acme', 'acme_b']
    """
    return slug + "/"


def interleaved(slugs) -> bool:
    """Would the sorted lines of these cases interleave: is a slug another's followed by one of ``0-9 : ; < =``?

    >>> interleaved(["acme", "acme-2", "acme_b"]), interleaved(["acme", "acme0"]), interleaved(["synth-00001", "synth-00012"])
    (False, True, False)
    """
    ordered = sorted(slugs)
    for i, slug in enumerate(ordered):
        for other in ordered[i + 1 :]:
            if not other.startswith(slug):
                break
            if "/" < other[len(slug)] < ">":
                return True
    return False


#: A local name written after a prefix: plain characters only (a slash escaped), which every Turtle reader takes.
_LOCAL = re.compile(rb"[A-Za-z0-9_][A-Za-z0-9_/-]*")
#: (namespace, prefix), longest namespace first, so that an IRI takes the most specific prefix.
_NAMESPACES = sorted(((ns.encode("utf-8"), prefix.encode("utf-8")) for prefix, ns in PREFIXES.items()), key=lambda p: -len(p[0]))
_RDF_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


class _Names(dict):
    """A term as N-Triples writes it to its Turtle: an IRI with a prefix where its local name is plain, else as is."""

    def __missing__(self, term: bytes) -> bytes:
        name = term
        if term[0] == 60:  # "<": an IRI
            iri = term[1:-1]
            for namespace, prefix in _NAMESPACES:
                if iri.startswith(namespace) and _LOCAL.fullmatch(iri, len(namespace)):
                    name = prefix + b":" + iri[len(namespace) :].replace(b"/", b"\\/")
                    break
        self[term] = name
        return name


def turtle_of(lines, out) -> None:
    """Sorted N-Triples ``lines`` (bytes, each ending `` .\\n``) as Turtle into the binary file ``out``: a block a
    subject, ``;`` between its predicates and ``,`` between a predicate's objects.

    >>> import io
    >>> out = io.BytesIO()
    >>> turtle_of([b'<urn:s> <urn:p> <urn:a> .\\n', b'<urn:s> <urn:p> <urn:b> .\\n', b'<urn:s> <urn:q> "x y" .\\n'], out)
    >>> print(out.getvalue().decode(), end="")
    <urn:s> <urn:p> <urn:a> , <urn:b> ;
    \t<urn:q> "x y" .
    """
    names, predicates = _Names(), _Names({_RDF_TYPE: b"a"})
    pieces: list[bytes] = []
    append = pieces.append
    subject = predicate = None
    for line in lines:
        s, p, o = line[:-3].split(b" ", 2)  # a subject and a predicate hold no space; every line ends with " .\n"
        if o[0] != 34:  # not a literal: an IRI or a blank node
            o = names[o]
        elif o[-1] == 62:  # a literal that ends with ">": typed, its datatype after the last ^^
            text, _, datatype = o.rpartition(b"^^")
            o = text + b"^^" + names[datatype]
        if s != subject:
            if subject is not None:
                append(b" .\n")
                if len(pieces) > 1 << 16:
                    out.write(b"".join(pieces))
                    pieces.clear()
            append(names[s] + b" " + predicates[p] + b" " + o)
            subject, predicate = s, p
        elif p != predicate:
            append(b" ;\n\t" + predicates[p] + b" " + o)
            predicate = p
        else:
            append(b" , " + o)
    if subject is not None:
        append(b" .\n")
    out.write(b"".join(pieces))


#: Bytes of N-Triples sorted in memory at once: a bigger graph is sorted in runs of this size, kept in temporary
#: files and merged as the Turtle is written. One run is held at a time: 64 MB of lines are about 85 MB as Python
#: bytes (1M triples are 150 MB of N-Triples: three runs, their merge about 7% more CPU than one sort in memory,
#: where 256 MB held every line, and the next run read before the last was written, 240 MB over the dump's own).
SORT_BUDGET = 64 << 20


def write_sorted(out, source, budget: int = SORT_BUDGET) -> None:
    """Canonical Turtle of the N-Triples in the binary file ``source`` (one triple a line, as the engine writes it)
    into the binary file ``out``: the lines sorted in memory, or in runs of about ``budget`` bytes merged.

    >>> import io
    >>> text = b"".join(b"<urn:%d> <urn:p> <urn:o> .\\n" % n for n in (5, 3, 9, 1, 7, 2))
    >>> one, runs = io.BytesIO(), io.BytesIO()
    >>> write_sorted(one, io.BytesIO(text)), write_sorted(runs, io.BytesIO(text), budget=40)
    (None, None)
    >>> one.getvalue() == runs.getvalue(), one.getvalue().decode().removeprefix(HEADER).split(" ", 1)[0]
    (True, '<urn:1>')
    """
    import heapq
    import tempfile

    out.write(HEADER.encode("utf-8"))
    lines = source.readlines(budget)  # N-Triples escapes a carriage return: each line ends with its one line break
    following = source.readline()  # one line, not the next run: is there more?
    lines.sort()  # UTF-8 bytes sort as their code points do
    if not following:
        turtle_of(lines, out)
        return
    with tempfile.TemporaryDirectory(prefix="kg-sort-") as folder:
        runs: list[Path] = []
        while lines:
            runs.append(Path(folder) / f"run-{len(runs)}")
            with open(runs[-1], "wb") as run:
                run.writelines(lines)
            lines = None  # the run written is let go before the next is read
            lines = [following, *source.readlines(budget)] if following else []
            following = source.readline() if following else b""
            lines.sort()
        handles = [open(run, "rb") for run in runs]
        try:
            turtle_of(heapq.merge(*handles), out)
        finally:
            for handle in handles:
                handle.close()


# ---------------------------------------------------------------- a build's kg.ttl from its cases' lines


@lru_cache(maxsize=4)
def ontology_lines(ontology: bytes) -> frozenset[bytes]:
    """The lines of the ``ontology``'s N-Triples as the engine writes them (its blank nodes' labels are the loader's own)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(ontology, format=ox.RdfFormat.N_TRIPLES)
    return frozenset(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).splitlines(keepends=True))


def turtle_lines(store, chunks: list, ontology: bytes) -> None:
    """Each case's canonical Turtle (:mod:`kg.turtle`) from ``store``, which holds the ``ontology``'s
    N-Triples and ``chunks``.

    Sorted, a case's lines are the run from ``<BASE/SLUG/`` to ``<BASE/SLUG>`` (cases whose runs would interleave are
    found in the main process, which then sorts the whole graph). A case whose N-Triples hold a blank node (the loader
    would label it afresh), or lines of a case item that is in none of ``chunks``, leaves every ``turtle`` None.
    """
    import io

    import pyoxigraph as ox

    lines = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).splitlines(keepends=True)
    lines.sort()
    first, last = bisect_left(lines, ITEM), bisect_left(lines, ITEM[:-1] + b"0")  # every case item's line: ITEM ends with "/"
    known = ontology_lines(ontology)
    other = [line for line in (*lines[:first], *lines[last:]) if line not in known and b"_:" not in line]
    taken = 0
    for chunk in chunks:
        start = ITEM + chunk.slug.encode("utf-8")
        begin, end = bisect_left(lines, start + b"/", first, last), bisect_left(lines, start + b"?", first, last)  # "?" follows ">"
        written = io.BytesIO()
        turtle_of(lines[begin:end], written)
        chunk.turtle = written.getvalue()
        taken += end - begin
    if taken != last - first or any(b"_:" in chunk.ntriples for chunk in chunks):
        for chunk in chunks:
            chunk.turtle = None
    chunks[0].other = other


class TurtleParts:
    """The main process's side of a build's ``kg.ttl``: each case's lines kept in a file in ``folder`` as they come,
    then written in order with the lines of other subjects (:meth:`write`)."""

    def __init__(self, folder: Path):
        self._file = open(folder / ".kg.ttl.parts", "w+b")
        self._where: dict[str, tuple[int, int]] = {}
        self._other: set[bytes] = set()
        self.usable = True

    def add(self, chunk) -> None:
        """A read case's lines (:class:`kg.build.CaseChunk` ``turtle`` and ``other``)."""
        if chunk.turtle is None or not self.usable:
            self.usable = False
            return
        self._where[chunk.slug] = (self._file.tell(), len(chunk.turtle))
        self._file.write(chunk.turtle)
        self._other.update(chunk.other)

    def ready(self) -> bool:
        """Can :meth:`write` make ``kg.ttl`` from the cases' lines? Not when a case's lines could not be told
        apart, nor when two cases' lines would interleave once sorted (slugs such as ``mini`` and ``mini0``)."""
        return self.usable and not interleaved(self._where)

    def write(self, path: Path, ontology: bytes) -> bool:
        """``kg.ttl`` into ``path``: the lines of other subjects (the ``ontology``'s N-Triples loaded as the store
        loads them, and what cases added) either side of every case's, the cases in order. False, and nothing
        written, when the cases' lines would interleave or a case's lines could not be told apart."""
        import pyoxigraph as ox

        if not self.usable or interleaved(self._where):
            return False
        store = ox.Store()
        if b"_:" in ontology:  # as the store was given it (kg.backends): parsed, so that its blank nodes keep their labels
            store.extend(ox.parse(ontology, format=ox.RdfFormat.N_QUADS))
        else:
            store.bulk_load(ontology, format=ox.RdfFormat.N_TRIPLES)
        if self._other:
            store.bulk_load(b"".join(sorted(self._other)), format=ox.RdfFormat.N_TRIPLES)
        other = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).splitlines(keepends=True)
        other.sort()
        split = bisect_left(other, ITEM)  # the rest sort after every case item's line, as none starts with ITEM
        self._file.flush()
        with open(path, "wb") as out:
            out.write(HEADER.encode("utf-8"))
            turtle_of(other[:split], out)
            for slug in sorted(self._where, key=case_order):
                offset, length = self._where[slug]
                self._file.seek(offset)
                out.write(self._file.read(length))
            turtle_of(other[split:], out)
        return True

    def close(self) -> None:
        self._file.close()
