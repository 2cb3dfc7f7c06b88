"""The benchmark scripts' modules, importable by the tests that keep their scoring honest."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def ev():
    """``benchmarks/ingest_eval.py`` as a module (its folder on the path while the module's tests run)."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        yield importlib.import_module("ingest_eval")
    finally:
        sys.path.remove(str(BENCHMARKS))
