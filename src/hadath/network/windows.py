"""Time: an event's date as a day number, window specifications and period labels.

Days are proleptic Gregorian ordinals (`date.toordinal()`), 0 for an undated event.
A window spec is a year (2019), a quarter (2019-Q2), a month (2019-04), a day
(2019-04-04), or a range `A..B` of those (from the start of A to the end of B; either
side may be left open).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

from hadath.errors import HadathError

EVERY = ("month", "quarter", "year")
_SPEC = re.compile(r"^(\d{4})(?:-(?:Q([1-4])|(\d{1,2}))(?:-(\d{1,2}))?)?$", re.I)


def event_day(record: dict, _cache: dict = {}) -> int:
    """The day an event is placed on: its date's start, else its end, else publication; 0 if none."""
    date = record.get("date")
    text = None
    if isinstance(date, dict):
        text = date.get("start") or date.get("end")
    if not text:
        text = record.get("published")
    if not text:
        return 0
    day = _cache.get(text)
    if day is None:
        try:
            day = dt.date.fromisoformat(str(text)[:10]).toordinal()
        except ValueError:
            day = 0
        if len(_cache) < 100_000:
            _cache[text] = day
    return day


def bounds(spec: str) -> tuple[int, int]:
    """First and last day (ordinals) of a year, quarter, month or day spec."""
    m = _SPEC.match(spec.strip())
    if not m:
        raise HadathError(f"{spec!r} is not a date like 2019, 2019-Q2, 2019-04 or 2019-04-04")
    year, quarter, month, day = m.groups()
    y = int(year)
    try:
        if quarter:
            if day:
                raise ValueError
            q = int(quarter)
            first = dt.date(y, 3 * q - 2, 1)
            last = dt.date(y, 3 * q, calendar.monthrange(y, 3 * q)[1])
        elif month and day:
            first = last = dt.date(y, int(month), int(day))
        elif month:
            mo = int(month)
            first = dt.date(y, mo, 1)
            last = dt.date(y, mo, calendar.monthrange(y, mo)[1])
        else:
            first, last = dt.date(y, 1, 1), dt.date(y, 12, 31)
    except ValueError:
        raise HadathError(f"{spec!r} is not a valid date") from None
    return first.toordinal(), last.toordinal()


def since_day(spec: str | None) -> int | None:
    return bounds(spec)[0] if spec else None


def until_day(spec: str | None) -> int | None:
    return bounds(spec)[1] if spec else None


def span(spec: str) -> tuple[int | None, int | None]:
    """A window `A..B`, or a single period `A` (its first to its last day)."""
    if ".." in spec:
        a, b = spec.split("..", 1)
        return since_day(a.strip() or None), until_day(b.strip() or None)
    return bounds(spec)


def iso(day: int) -> str | None:
    return dt.date.fromordinal(day).isoformat() if day > 0 else None


def period_index(day: int, every: str) -> int:
    """A number per month, quarter or year, increasing with time."""
    d = dt.date.fromordinal(day)
    if every == "month":
        return d.year * 12 + d.month - 1
    if every == "quarter":
        return d.year * 4 + (d.month - 1) // 3
    if every == "year":
        return d.year
    raise HadathError(f"unknown period {every!r} (month, quarter or year)")


def period_label(index: int, every: str) -> str:
    if every == "month":
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if every == "quarter":
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    return f"{index:04d}"


def period_bounds(index: int, every: str) -> tuple[int, int]:
    return bounds(period_label(index, every))
