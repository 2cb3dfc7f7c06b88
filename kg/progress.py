"""Progress of long runs: one mechanism for build, ingest, unresolved, html and synth.

The library reports through a plain callback, :data:`Progress`::

    progress(task, done, total)

``task`` names what is under way ("reading cases"), ``done`` counts the
units finished and ``total`` is how many there are, or ``None`` when that is
not known. A call with a new ``task`` ends the one before. The library never
draws anything: a function that takes ``progress=`` works the same without it.

The command line passes a :class:`TerminalProgress`, which draws the tasks
with rich on standard error, each with its elapsed time and, when the total
is known, a bar and the time left; it draws nothing when standard error is
not a terminal, so pipes, files and CI logs stay clean.

>>> seen = []
>>> record = lambda task, done, total: seen.append((task, done, total))
>>> [item.upper() for item in counted(record, "reading cases", ["a", "b"])]
['A', 'B']
>>> seen
[('reading cases', 0, 2), ('reading cases', 1, 2), ('reading cases', 2, 2)]
"""

from __future__ import annotations

import sys
import time
from typing import Callable, Iterable, Iterator, TypeVar

__all__ = ["Progress", "TerminalProgress", "stage", "counted", "ticked"]

#: ``progress(task, done, total)``; ``total`` is None when unknown.
Progress = Callable[[str, int, "int | None"], None]

T = TypeVar("T")


def stage(progress: Progress | None, task: str) -> None:
    """Say that ``task`` has begun, its size unknown (a no-op without ``progress``).

    >>> stage(None, "projecting")
    """
    if progress is not None:
        progress(task, 0, None)


def counted(progress: Progress | None, task: str, items: Iterable[T]) -> Iterator[T]:
    """Each of ``items`` in turn, reporting under ``task`` how many are done after each."""
    items = list(items)
    if progress is not None:
        progress(task, 0, len(items))
    for done, item in enumerate(items, 1):
        yield item
        if progress is not None:
            progress(task, done, len(items))


def ticked(progress: Progress | None, task: str, items: Iterable[T], total: int | None = None) -> Iterator[T]:
    """Each of ``items`` in turn, reporting under ``task`` how many are done after each, their number ``total``
    (an estimate, or None when unknown); unlike :func:`counted`, ``items`` are taken one at a time.

    >>> seen = []
    >>> list(ticked(lambda *call: seen.append(call), "reading", iter("ab"))), seen
    (['a', 'b'], [('reading', 0, None), ('reading', 1, None), ('reading', 2, None)])
    """
    if progress is not None:
        progress(task, 0, total)
    for done, item in enumerate(items, 1):
        yield item
        if progress is not None:
            progress(task, done, total)


class TerminalProgress:
    """Tasks drawn with rich on ``stream`` (default stderr): a bar, done/total, elapsed and time left.

    Use it as a context manager around the work, and pass it as ``progress=``::

        with TerminalProgress() as progress:
            build(..., progress=progress)

    Nothing is drawn when the stream is not a terminal (``force`` draws anyway, for tests).
    :attr:`finished` keeps each task's name and elapsed seconds, for a closing summary line.
    """

    def __init__(self, stream=None, *, force: bool | None = None, width: int | None = None):
        self.stream = stream or sys.stderr
        terminal = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = terminal if force is None else force
        self.width = width
        self.finished: list[tuple[str, float]] = []
        self._bar = None
        self._task_name: str | None = None
        self._task_id = None
        self._began = 0.0

    def __enter__(self) -> "TerminalProgress":
        if self.enabled:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress as Bar, SpinnerColumn, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)

            console = Console(file=self.stream, force_terminal=True, width=self.width, highlight=False)
            self._bar = Bar(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("elapsed"), TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
                            console=console, transient=False)
            self._bar.start()
        return self

    def __exit__(self, *exc) -> None:
        self._end_task()
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __call__(self, task: str, done: int = 0, total: int | None = None) -> None:
        if task != self._task_name:
            self._end_task()
            self._task_name = task
            self._began = time.monotonic()
            if self._bar is not None:
                self._task_id = self._bar.add_task(task, total=total)
        if self._bar is not None:
            # a count past its estimate never shows as 100/95: the total grows to meet it
            self._bar.update(self._task_id, completed=done, total=None if total is None else max(total, done))

    def _end_task(self) -> None:
        if self._task_name is None:
            return
        if self._bar is not None:
            task = self._bar.tasks[-1]
            if task.total is None:
                self._bar.update(self._task_id, total=max(task.completed, 1), completed=max(task.completed, 1))
            else:
                self._bar.update(self._task_id, completed=task.total)
        self.finished.append((self._task_name, time.monotonic() - self._began))
        self._task_name = None
        self._task_id = None
