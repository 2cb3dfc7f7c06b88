"""Progress on a terminal: a bar on stderr for long runs, nothing when stderr is not a TTY.

:class:`TerminalProgress` is a ``progress=`` callback for :func:`kg.build.build`
and :func:`kg.synth.synthesize`: called with a message it prints the message;
its :meth:`~TerminalProgress.step` draws a bar of done/total.
"""

from __future__ import annotations

import sys
import time

__all__ = ["TerminalProgress"]


class TerminalProgress:
    """Messages and a bar on ``stream`` (default stderr), only when it is a terminal."""

    def __init__(self, stream=None, width: int = 30):
        self.stream = stream or sys.stderr
        self.width = width
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self._drawn = False
        self._last = 0.0

    def __call__(self, message: str) -> None:
        if not self.enabled:
            return
        self._finish_bar()
        self.stream.write(f"  {message}…\n")
        self.stream.flush()

    def step(self, done: int, total: int, label: str = "") -> None:
        """Draw ``done`` of ``total``; redrawn at most ten times a second, and at the end."""
        if not self.enabled or total <= 0:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        filled = int(self.width * done / total)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r  [{bar}] {done}/{total} {label[-40:]:<40}")
        self.stream.flush()
        self._drawn = True
        if done >= total:
            self._finish_bar()

    def _finish_bar(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False
