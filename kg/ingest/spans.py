"""The fields every drafted item carries about the words it came from: span, note, quote."""

from __future__ import annotations

import re

__all__ = ["excerpt", "span_fields", "quote"]

#: Characters of context kept before and after a quotation.
_CONTEXT = 32


def excerpt(text: str, start: int, end: int) -> str:
    snippet = re.sub(r"\s+", " ", text[start:end]).strip()
    return snippet if len(snippet) <= 160 else snippet[:157] + "…"


def span_fields(text: str, start: int, end: int, source_id: str, confidence: float, note: str, *, review_key: str = "status") -> dict:
    return {
        review_key: "pending",
        "confidence": round(float(confidence), 2),
        "span": [start, end],
        "extractedFrom": source_id,
        "note": f"{note}: “{excerpt(text, start, end)}”",
    }


def quote(text: str, start: int, end: int) -> dict:
    return {"exact": text[start:end], "prefix": text[max(0, start - _CONTEXT):start], "suffix": text[end:end + _CONTEXT]}
