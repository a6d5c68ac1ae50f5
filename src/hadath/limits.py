"""Per-document limits, so that no document can stall a batch."""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

DEFAULT_TIME_LIMIT = 60.0          # seconds per document
DEFAULT_MAX_CHARS = 2_000_000      # characters per document, after decoding
RING_AGAIN = 0.2                   # seconds between alarms once the time limit has passed


class TimeLimitExceeded(BaseException):
    """Not an Exception: no `except Exception` inside a component may swallow it."""


@contextmanager
def time_limit(seconds: float | None):
    """Raise TimeLimitExceeded in this thread once `seconds` have passed (an alarm, so it
    works where Python code runs; Unix main thread only, elsewhere no limit)."""
    if not seconds or not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return
    armed = True

    def ring(signum, frame):
        if armed:
            raise TimeLimitExceeded()

    previous = signal.signal(signal.SIGALRM, ring)
    # The alarm rings again every RING_AGAIN seconds until the block ends: an exception raised
    # where Python cannot pass it on (a gc callback, a __del__) is lost, and must not be the last.
    signal.setitimer(signal.ITIMER_REAL, seconds, RING_AGAIN)
    try:
        yield
    finally:
        try:
            armed = False   # an alarm ringing here still reaches the cleanup below
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
