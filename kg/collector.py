"""Python's cyclic garbage collector, paused where kg makes many small objects that make no cycles."""

from __future__ import annotations

import gc
from contextlib import contextmanager

__all__ = ["no_collection"]


@contextmanager
def no_collection():
    """Python's cyclic garbage collector paused: making hundreds of thousands of rows, pairs or levels (tuples and
    small objects, which it tracks) otherwise sets it off every 700 of them to walk every object alive. They make no
    cycles, so nothing is left for it. Usable as a decorator too.

    >>> import gc
    >>> with no_collection():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
