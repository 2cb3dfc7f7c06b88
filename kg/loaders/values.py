"""A case file's values → RDF literals: text, dates and their bounds, counts, flags, confidences, URLs.

Each function takes the :class:`~kg.case.Item` the value is in and its key, so a bad value
is refused with the file, the line and the key. The value kinds are the ontology's
``kg:valueKind`` (see :func:`kg.ontology.case_schema`).
"""

from __future__ import annotations

import calendar
import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.case import Item, brief
from kg.loaders.ntriples import Text, Typed, integer

__all__ = [
    "text_value", "date_literal", "calendar_bounds", "check_date_bounds", "literal", "external_iri", "confidence",
    "MAX_DECIMAL_PLACES", "WIKIDATA_ENTITY",
]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def text_value(item: Item, key: str, value: Any) -> str:
    if isinstance(value, (dict, list)) or value is None:
        shape = "a mapping" if isinstance(value, dict) else "a list" if isinstance(value, list) else "empty"
        raise item.error(f"{brief(key)} must be text, not {shape}", key)
    text = str(value).strip()
    if not text:
        raise item.error(f"{brief(key)} must not be empty", key)
    return text


def date_literal(item: Item, key: str, value: Any) -> Typed:
    text = str(value).strip()
    if not _DATE.match(text):
        raise item.error(f"{brief(key)} must be a date as YYYY-MM-DD, YYYY-MM or YYYY, not {brief(value)}", key)
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(text)]
    try:
        calendar_bounds(text)
    except ValueError as e:
        raise item.error(f"{brief(key)} is not a real date: {brief(value)} ({e})", key) from e
    return Typed(text, str(datatype))


def calendar_bounds(text: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day a YYYY, YYYY-MM or YYYY-MM-DD date covers; ValueError if there is none.

    >>> calendar_bounds("2024-02")
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    >>> calendar_bounds("2025-02-30")
    Traceback (most recent call last):
    ValueError: day is out of range for month
    """
    year = int(text[:4])
    if len(text) == 4:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    month = int(text[5:7])
    if len(text) == 7:
        datetime.date(year, month, 1)
        return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])
    day = datetime.date(year, month, int(text[8:10]))
    return day, day


def check_date_bounds(item: Item) -> None:
    """``notBefore`` may not come after ``notAfter``, nor ``date`` fall outside them."""
    bounds = {key: item.fields[key] for key in ("notBefore", "date", "notAfter") if isinstance(item.fields.get(key), str)}
    try:
        spans = {key: calendar_bounds(str(value).strip()) for key, value in bounds.items()}
    except ValueError:
        return  # reported by date_literal
    if "notBefore" in spans and "notAfter" in spans and spans["notBefore"][0] > spans["notAfter"][1]:
        raise item.error(f"'notBefore' {bounds['notBefore']} is later than 'notAfter' {bounds['notAfter']}", "notBefore")
    if "date" in spans:
        if "notBefore" in spans and spans["date"][1] < spans["notBefore"][0]:
            raise item.error(f"'date' {bounds['date']} is earlier than 'notBefore' {bounds['notBefore']}", "date")
        if "notAfter" in spans and spans["date"][0] > spans["notAfter"][1]:
            raise item.error(f"'date' {bounds['date']} is later than 'notAfter' {bounds['notAfter']}", "date")


#: A Wikidata item's id, as a researcher copies it from the item's page.
_WIKIDATA_ID = re.compile(r"^(?:wd:)?(Q[1-9][0-9]*)$")
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"


def external_iri(item: Item, key: str, value: Any) -> URIRef:
    """An external identifier: a Wikidata id (``Q42`` or ``wd:Q42``) or any absolute http(s) IRI. Nothing is fetched."""
    text = text_value(item, key, value)
    wikidata = _WIKIDATA_ID.match(text)
    if wikidata:
        return URIRef(WIKIDATA_ENTITY + wikidata.group(1))
    if not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", text) or not _valid_iri(text):
        raise item.error(f"{brief(key)} must be a Wikidata id such as Q42, or an absolute http(s) IRI, not {brief(value)}", key)
    return URIRef(text)


def _valid_iri(text: str) -> bool:
    """Is ``text`` an IRI the store's engine takes (RFC 3987, as Oxigraph parses it)? Asked here, so that a case's
    bad IRI (a control character, a bad host or percent escape) is refused at its file and line, not by the store's
    loader at a line of the build's N-Quads.

    >>> _valid_iri("https://example.org/a%20b"), _valid_iri("https://example.org/a\\x01b"), _valid_iri("http://[bad")
    (True, False, False)
    """
    import pyoxigraph as ox

    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


def literal(item: Item, key: str, kind: str, value: Any) -> Text | Typed | Literal:
    """A case value of the ontology's ``kind`` as a literal (plain text terms: :mod:`kg.loaders.ntriples`)."""
    if kind == "string":
        return Text(text_value(item, key, value))
    if kind == "date":
        return date_literal(item, key, value)
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            raise item.error(f"{brief(key)} must be a whole number, not {brief(value)}", key)
        if value < 0:  # every whole-number key is a count
            raise item.error(f"{brief(key)} must be a whole number of 0 or more, not {brief(value)}", key)
        return integer(value)
    if kind == "boolean":
        if not isinstance(value, bool):
            raise item.error(f"{brief(key)} must be true or false, not {brief(value)}", key)
        return Typed("true" if value else "false", str(XSD.boolean))
    if kind == "decimal":
        return Literal(confidence(item, key, value), datatype=XSD.decimal)
    if kind == "anyURI":
        text = text_value(item, key, value)
        if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$", text):
            raise item.error(f"{brief(key)} must be an absolute URL, not {brief(value)}", key)
        return Typed(text, str(XSD.anyURI))
    raise item.error(f"ontology declares unknown value kind {brief(kind)} for {brief(key)}", key)


#: decimal places a confidence may have: 1e-999999999 is twelve characters but a billion digits as xsd:decimal
MAX_DECIMAL_PLACES = 15


def confidence(item: Item, key: str, value: Any) -> Decimal:
    try:
        number = Decimal(str(value))
    except InvalidOperation as e:
        raise item.error(f"{brief(key)} must be a number between 0 and 1, not {brief(value)}", key) from e
    if isinstance(value, bool) or not number.is_finite() or not (0 <= number <= 1):
        raise item.error(f"{brief(key)} must be a number between 0 and 1, not {brief(value)}", key)
    sign, digits, exponent = number.as_tuple()  # not normalize(): the context's precision would round it to 0
    trailing_zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    if number and exponent + trailing_zeros < -MAX_DECIMAL_PLACES:
        raise item.error(f"{brief(key)} must be a number between 0 and 1 with at most {MAX_DECIMAL_PLACES} decimal "
                         f"places, not {brief(value)}", key)
    return number
