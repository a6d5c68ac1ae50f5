"""The reference article (../shared/examples): events, dates, sources and certainty,
scored with the reference scorer's rules; and `hadath eval` agrees with score.py."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from hadath import evaluate
from hadath.model import Document, event_records

from conftest import REFERENCE, REFERENCE_GOLD


@pytest.fixture(scope="module")
def records(shared, pipeline):
    text = REFERENCE.read_text(encoding="utf-8")
    return event_records(pipeline(Document(id="cafiero", text=text, published="2019-07-01")))


@pytest.fixture(scope="module")
def figures(records):
    gold = json.loads(REFERENCE_GOLD.read_text(encoding="utf-8"))
    return evaluate.score_doc(gold, REFERENCE.read_text(encoding="utf-8"), records)


def test_required_events_found(figures):
    assert figures["required_found"] >= 18, figures["missed"]


def test_precision(figures):
    assert figures["precision"] >= 0.8, figures["false_positive_events"]


def test_dates(figures):
    ok, total = figures["date"]
    assert ok >= 6 and total >= 6, figures


def test_attribution_and_certainty(figures):
    assert figures["attribution"][0] >= 9, figures
    assert figures["certainty"][0] >= 11, figures


def test_author_found(shared, pipeline):
    doc = pipeline(Document(id="c", text=REFERENCE.read_text(encoding="utf-8"), published="2019-07-01"))
    author = [s for s in doc.sources if s.kind == "author"]
    assert author and "كافييرو" in author[0].text


def test_deterministic(shared, pipeline, records):
    again = event_records(pipeline(Document(id="cafiero", text=REFERENCE.read_text(encoding="utf-8"),
                                             published="2019-07-01")))
    assert again == records


def test_eval_matches_reference_scorer(shared, records, tmp_path):
    events = tmp_path / "events.jsonl"
    events.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "doc", str(REFERENCE_GOLD),
                           str(REFERENCE), str(events)], capture_output=True, text=True, check=True)
    theirs = json.loads(proc.stdout.strip().splitlines()[-1])
    ours = evaluate.score_doc(json.loads(REFERENCE_GOLD.read_text(encoding="utf-8")),
                              REFERENCE.read_text(encoding="utf-8"), records)
    for key, value in theirs.items():
        assert ours[key] == (list(value) if isinstance(value, list) else value), key
