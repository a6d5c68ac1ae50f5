"""Incremental corroboration: a store fed in batches equals one fed at once and a full recompute."""
from __future__ import annotations

import random
import sqlite3
import sys
from pathlib import Path

import pytest

from hadath.store import corroborate
from hadath.store.db import connect_writer
from hadath.store.dump import dump_file as dump
from hadath.store.ingest import ingest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_store_fake import sentence  # noqa: E402
from test_store_ingest import FAKE, _feed  # noqa: E402


def syndicated_rows(n: int = 240, seed: int = 3) -> list[dict]:
    """Articles made of a few shared neutral paragraphs (no actor: no event) and event
    sentences, many of them re-published with a dateline, a footer or one sentence changed,
    sometimes earlier than the article they copy: copies whose events differ, copy groups
    that merge, and originals that arrive after their copies."""
    rng = random.Random(seed)
    paragraphs = [" ".join(f"بند{rng.randint(0, 400)}" for _ in range(rng.randint(25, 60))) + "."
                  for _ in range(12)]
    rows: list[dict] = []
    for i in range(n):
        day = f"2018-03-{rng.randint(1, 20):02d}"
        if rows and rng.random() < 0.45:
            base = rng.choice(rows)
            parts = base["text"].split(". ")
            edit = rng.random()
            if edit < 0.3:
                parts[rng.randrange(len(parts))] = sentence(rng)[:-1]
            text = ". ".join(parts)
            text = f"(وكالات) {text}" if edit < 0.6 else f"{text} المصدر{i}"
        else:
            text = " ".join(rng.sample(paragraphs, rng.randint(1, 2)) + [sentence(rng) for _ in range(rng.randint(1, 3))])
            if rng.random() < 0.2:
                text += f" مجهولون هاجم موكبا رقم {i}."   # an event with no actor: no cluster key
        rows.append({"id": f"s{i:03d}", "text": text, "published": day, "outlet": f"outlet {rng.randint(0, 5)}"})
    rng.shuffle(rows)
    return rows


@pytest.mark.parametrize("band_size", [corroborate.MAX_BAND_SIZE, 3])
def test_batches_equal_one_run_and_a_full_recompute(tmp_path, monkeypatch, band_size):
    # A band size of 3 makes bands turn to boilerplate as batches come: copy pairs are lost too.
    monkeypatch.setattr(corroborate, "MAX_BAND_SIZE", band_size)
    rows = syndicated_rows()
    feeds = [_feed(tmp_path / f"batch{k}.jsonl", rows[k::5]) for k in range(5)]
    one = tmp_path / "one.db"
    ingest(feeds, one, workers=1, options=FAKE)

    passes, moved, lost = [], [], []
    real_finalize, real_scope = corroborate.finalize, corroborate._cluster_scope

    def spy_scope(con, since, changed):
        old = [d for d in changed if d <= since]   # documents of earlier batches whose copy_of changed
        moved.extend(old)
        # A copy is an original again only when its group split (a pair lost to a band grown too big).
        lost.extend(d for d in old if con.execute("SELECT copy_of FROM documents WHERE id=?", (d,)).fetchone()[0]
                    is None and con.execute("SELECT 1 FROM documents WHERE copy_of=?", (d,)).fetchone() is None)
        return real_scope(con, since, changed)

    monkeypatch.setattr(corroborate, "finalize", lambda *a, **k: passes.append(real_finalize(*a, **k)) or passes[-1])
    monkeypatch.setattr(corroborate, "_cluster_scope", spy_scope)
    batched = tmp_path / "batched.db"
    for feed in feeds:
        ingest([feed], batched, workers=1, options=FAKE)
    assert [p["full"] for p in passes] == [True, False, False, False, False]
    assert dump(batched) == dump(one)

    # Not vacuous: old documents changed group, and clusters span batches.
    assert moved and (lost if band_size == 3 else True)
    con = sqlite3.connect(batched)
    assert con.execute("SELECT count(*) FROM documents WHERE copy_of IS NOT NULL").fetchone()[0] > 10
    assert con.execute("SELECT count(*) FROM (SELECT e.cluster_id FROM events e JOIN documents d ON d.id = e.doc_id "
                       "GROUP BY e.cluster_id HAVING count(DISTINCT d.run_id) > 1)").fetchone()[0] > 10
    con.close()

    con = connect_writer(batched)
    assert corroborate.finalize(con, full=True)["full"]
    con.close()
    assert dump(batched) == dump(one)


def test_a_new_window_or_no_mark_means_a_full_pass(tmp_path):
    db = tmp_path / "h.db"
    ingest([_feed(tmp_path / "a.jsonl", syndicated_rows(20))], db, workers=1, options=FAKE)
    con = connect_writer(db)
    assert not corroborate.finalize(con)["full"]
    assert corroborate.finalize(con, window=5)["full"]
    assert not corroborate.finalize(con, window=5)["full"]
    con.execute("DELETE FROM meta WHERE key=?", (corroborate.MARK,))   # a store corroborated by hadath 0.1
    assert corroborate.finalize(con, window=5)["full"]
    con.close()


def test_a_crash_before_commit_leaves_the_work_to_the_next_ingest(tmp_path, monkeypatch):
    rows = syndicated_rows(60)
    first, second = _feed(tmp_path / "a.jsonl", rows[:30]), _feed(tmp_path / "b.jsonl", rows[30:])
    one = tmp_path / "one.db"
    ingest([first, second], one, workers=1, options=FAKE)
    db = tmp_path / "h.db"
    ingest([first], db, workers=1, options=FAKE)
    real = corroborate.cluster_events

    def crash(*a, **k):
        real(*a, **k)
        raise RuntimeError("power cut")

    monkeypatch.setattr(corroborate, "cluster_events", crash)
    with pytest.raises(RuntimeError):
        ingest([second], db, workers=1, options=FAKE)
    monkeypatch.undo()
    con = sqlite3.connect(db)
    assert con.execute("SELECT value FROM meta WHERE key='dirty'").fetchone() == ("1",)
    con.close()
    ingest([second], db, workers=1, options=FAKE)   # adds nothing, but finishes the corroboration
    assert dump(db) == dump(one)


def test_a_version_2_store_gains_the_indexes_and_one_full_pass(tmp_path):
    db = tmp_path / "h.db"
    ingest([_feed(tmp_path / "a.jsonl", syndicated_rows(20))], db, workers=1, options=FAKE)
    expected = dump(db)
    con = sqlite3.connect(db)                     # make it the store of hadath 0.2 (schema 2, no mark)
    con.executescript("DROP INDEX doc_bands_doc; DROP INDEX documents_copy_of; DELETE FROM meta WHERE key='corroborated';"
                      "UPDATE meta SET value='2' WHERE key='schema_version';")
    con.close()
    con = connect_writer(db)                      # what ingest does first: migrate
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"doc_bands_doc", "documents_copy_of"} <= indexes
    assert corroborate.finalize(con)["full"]
    con.close()
    assert dump(db) == expected
