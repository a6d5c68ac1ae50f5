"""Per-document limits, so that no document can stall a batch."""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

DEFAULT_TIME_LIMIT = 60.0          # seconds per document
DEFAULT_MAX_CHARS = 2_000_000      # characters per document, after decoding


class TimeLimitExceeded(BaseException):
    """Not an Exception: no `except Exception` inside a component may swallow it."""


@contextmanager
def time_limit(seconds: float | None):
    """Raise TimeLimitExceeded in this thread once `seconds` have passed (an alarm, so it
    works where Python code runs; Unix main thread only, elsewhere no limit)."""
    if not seconds or not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def ring(signum, frame):
        raise TimeLimitExceeded()

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
