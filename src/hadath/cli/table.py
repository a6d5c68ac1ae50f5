"""One readable line per event record: who did what to whom, when, where, and who says so."""
from __future__ import annotations


def _names(side) -> str:
    return ", ".join(e.get("name") or e.get("text") or "?" for e in side) or "-"


def sources_text(record) -> str:
    chain = record.get("attribution") or []
    return " < ".join(s.get("name") or s.get("text") or "?" for s in chain) or "author"


def event_line(record) -> str:
    date = record.get("date") or {}
    when = date.get("start") or "?"
    if date.get("end") and date.get("end") != date.get("start"):
        when += f"..{date['end']}"
    where = (record.get("location") or {}).get("name") or "-"
    flags = "NOT " if record.get("negated") else ""
    aux = f" [{','.join(record['aux'])}]" if record.get("aux") else ""
    mode = f"/{record['mode']}" if record.get("mode") else ""
    return (f"{record['event_id']}\t{flags}{record['type']}{mode}{aux}\t"
            f"{_names(record.get('actor', []))} -> {_names(record.get('recipient', []))}\t"
            f"{when}\t{where}\t{record.get('certainty')} per {sources_text(record)}\t"
            f"«{record.get('trigger', {}).get('text', '')}»")
