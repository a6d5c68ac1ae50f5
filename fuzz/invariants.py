"""What must hold for any input: shared by the fuzz target and tests/test_fuzz_*.py.

Each check raises AssertionError with a short description of what broke.
"""
from __future__ import annotations

import json

# Fields every event record must carry (../shared/eval/FORMAT.md).
RECORD_FIELDS = ("doc_id", "event_id", "type", "mode", "context", "actor", "recipient", "others", "date",
                 "location", "negated", "aux", "certainty", "attribution", "evidence", "trigger", "score",
                 "confidence")
CERTAINTIES = {"asserted", "reported", "claimed", "denied", "hypothetical"}
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def _span(text: str, start, end, what: str) -> None:
    assert isinstance(start, int) and isinstance(end, int), f"{what}: offsets {start!r}, {end!r} not ints"
    assert 0 <= start <= end <= len(text), f"{what}: span {start}..{end} outside 0..{len(text)}"


def check_document(doc) -> None:
    """Sentences, tokens and mentions index into doc.text, in order."""
    text = doc.text
    last = 0
    for n, s in enumerate(doc.sentences):
        _span(text, s.start, s.end, f"sentence {n}")
        assert s.start >= last, f"sentence {n} starts at {s.start}, before the end of the previous ({last})"
        last = s.end
        prev = s.start
        for t in s.tokens:
            _span(text, t.start, t.end, f"token {t.text!r}")
            assert s.start <= t.start and t.end <= s.end, f"token {t.text!r} outside its sentence"
            assert t.start >= prev, f"token {t.text!r} out of order"
            prev = t.end
            assert text[t.start:t.end] == t.text, f"token {t.text!r} != text {text[t.start:t.end]!r}"
    for m in doc.mentions:
        _span(text, m.start, m.end, f"mention {m.text!r}")
        assert text[m.start:m.end] == m.text, f"mention {m.text!r} != text {text[m.start:m.end]!r}"
        assert m.entity is not None, f"mention {m.text!r} without an entity"


def check_records(records: list[dict], text: str) -> None:
    """Every record has the contract's fields, valid offsets and survives a JSON round trip."""
    for r in records:
        line = json.dumps(r, ensure_ascii=False)
        assert "\n" not in line
        assert json.loads(line) == r, "record changes in a JSON round trip"
        missing = [f for f in RECORD_FIELDS if f not in r]
        assert not missing, f"record lacks {missing}"
        assert r["type"] in PLOVER_TYPES, f"unknown type {r['type']!r}"
        assert r["certainty"] in CERTAINTIES, f"unknown certainty {r['certainty']!r}"
        ev = r["evidence"]
        _span(text, ev["start"], ev["end"], "evidence")
        assert text[ev["start"]:ev["end"]] == ev["text"], "evidence text does not match its offsets"
        tr = r["trigger"]
        _span(text, tr["start"], tr["end"], "trigger")
        assert text[tr["start"]:tr["end"]] == tr["text"], f"trigger {tr['text']!r} does not match its offsets"
        for side in ("actor", "recipient", "others"):
            assert isinstance(r[side], list), f"{side} is not a list"
            for ent in r[side]:
                assert ent.get("id") and ent.get("name"), f"{side} entity without id or name: {ent}"
                if ent.get("start") is not None:
                    _span(text, ent["start"], ent["end"], f"{side} {ent.get('text')!r}")
                    assert text[ent["start"]:ent["end"]] == ent["text"], f"{side} text does not match its offsets"
        d = r["date"]
        if d is not None and d.get("start") and d.get("end"):
            assert d["start"] <= d["end"], f"date interval reversed: {d}"
        assert isinstance(r["score"], (int, float)) and isinstance(r["confidence"], (int, float))
