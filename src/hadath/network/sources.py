"""Where event records come from: a JSONL file (`hadath extract --format jsonl`) or the store.

Both are re-iterable, so a caller may read them twice (e.g. to learn affiliations first).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

from hadath.errors import HadathError


class JsonlEvents:
    """Event records from JSON Lines files; lines without a `type` (document, error) are skipped."""

    def __init__(self, *paths: str | Path):
        self.paths = [Path(p) for p in paths]
        for p in self.paths:
            if not p.is_file():
                raise HadathError(f"{p}: no such events file")

    def __iter__(self) -> Iterator[dict]:
        for path in self.paths:
            with path.open("rb") as f:   # bytes: a non-UTF-8 line is one clear error, not a traceback
                for n, raw in enumerate(f, 1):
                    if not raw.strip():
                        continue
                    try:
                        record = json.loads(raw.decode("utf-8-sig"))
                    except UnicodeDecodeError as e:
                        raise HadathError(f"{path}:{n}: not UTF-8 text ({e.reason})") from None
                    except json.JSONDecodeError as e:
                        raise HadathError(f"{path}:{n}: not a JSON line ({e.msg})") from None
                    if isinstance(record, dict) and record.get("type"):
                        yield record


class StoreEvents:
    """Event records from the hadath store (`Store(path).iter_events(since=, until=)`).

    Only `since` is passed on: it is a safe lower bound whichever date the store filters on,
    while the graph places each event by its own date (see docs/NETWORK.md) and filters again.
    """

    def __init__(self, path: str | Path, since: str | None = None):
        self.path, self.since = Path(path), since
        if not self.path.is_file():
            raise HadathError(f"{self.path}: no such database")

    def __iter__(self) -> Iterator[dict]:
        try:
            from hadath.store import Store
        except ImportError:
            raise HadathError("the event store is not available in this installation") from None
        store = Store(self.path)
        try:
            yield from store.iter_events(since=self.since, until=None)
        finally:
            close = getattr(store, "close", None)
            if close:
                close()


def open_events(events: Iterable[str | Path] = (), db: str | Path | None = None,
                since: str | None = None) -> Iterable[dict]:
    """The records of `--events FILE...` or `--db FILE` (exactly one kind)."""
    events = list(events or ())
    if bool(events) == bool(db):
        raise HadathError("give either --events FILE (JSONL event records) or --db FILE (the store)")
    return JsonlEvents(*events) if events else StoreEvents(db, since=since)


def evidence(records: Iterable[dict], event_ids: Iterable[str]) -> dict[str, dict]:
    """The records of these event ids (a second pass over a source, for display)."""
    wanted = set(event_ids)
    found: dict[str, dict] = {}
    if not wanted:
        return found
    for record in records:
        eid = record.get("event_id")
        if eid in wanted:
            found[eid] = record
            if len(found) == len(wanted):
                break
    return found
