"""Ingest mechanics: idempotence, resume after SIGKILL, errors, limits, corroboration, queries."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hadath.errors import HadathError
from hadath.store import Store
from hadath.store.dump import dump_file as dump
from hadath.store.ingest import Options, ingest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FAKE = Options(pipeline="test_store_fake:load", time_limit=5)
HADATH = [sys.executable, "-c", "import sys; from hadath.cli import main; sys.exit(main())"]

sys.path.insert(0, str(TESTS))
from test_store_fake import make_corpus  # noqa: E402


def run_cli(*args, env=None, **kw):
    env = {**os.environ, "PYTHONPATH": f"{TESTS}{os.pathsep}{ROOT / 'src'}", **(env or {})}
    return subprocess.run([*HADATH, *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=600, **kw)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    counts = make_corpus(root, 1000)
    return root, counts


@pytest.fixture(scope="module")
def clean_db(corpus, tmp_path_factory):
    root, _ = corpus
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    report = ingest([root], db, workers=2, options=FAKE)
    return db, report


def test_clean_run_stores_every_good_document_and_one_error_per_bad_one(clean_db, corpus):
    db, report = clean_db
    _, counts = corpus
    assert report.documents == counts["good"] == 1000
    assert report.errors == counts["bad"]
    with Store(db) as s:
        errors = dict(s.errors())
        stats = s.stats()
    assert len(errors) == counts["bad"]
    assert any("feed.jsonl:" in w and "JSON" in r for w, r in errors.items())
    assert any(w.endswith("empty.txt") and r == "empty document" for w, r in errors.items())
    assert any(w.endswith("binary.txt") and "binary" in r for w, r in errors.items())
    assert any(w.endswith("cp1256.txt") and "windows-1256" in r for w, r in errors.items())
    assert any(w.endswith("crash.txt") and "extraction failed: ValueError" in r for w, r in errors.items())
    assert stats["documents"] == 1000 and stats["reports"] > 1000 and not stats["stale"]


def test_second_run_adds_nothing(clean_db, corpus, tmp_path):
    db, _ = clean_db
    before = dump(db)
    report = ingest([corpus[0]], db, workers=1, options=FAKE)
    assert (report.documents, report.events) == (0, 0)
    assert report.skipped == 1000
    assert dump(db) == before


def test_sigkill_half_way_then_resume_equals_one_clean_run(clean_db, corpus, tmp_path):
    root, _ = corpus
    db = tmp_path / "killed.db"
    args = ("ingest", root, "--db", db, "--workers", "2", "--pipeline", "test_store_fake:load",
            "--time-limit", "5", "--no-progress")
    env = {**os.environ, "PYTHONPATH": f"{TESTS}{os.pathsep}{ROOT / 'src'}", "HADATH_FAKE_DELAY": "0.01"}
    proc = subprocess.Popen([*HADATH, *map(str, args)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    stored = 0
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
                stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
                con.close()
            except sqlite3.Error:
                continue
            if stored >= 400:
                break
    os.killpg(proc.pid, signal.SIGKILL)   # the ingest and its workers, at once
    proc.wait()
    assert 0 < stored < 1000, "the ingest should have been killed half-way"
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    resumed = run_cli(*args)
    assert resumed.returncode == 0, resumed.stderr
    assert dump(db) == dump(clean_db[0])
    again = run_cli(*args)
    assert "0 documents added, 1000 already there" in again.stderr
    assert dump(db) == dump(clean_db[0])


def test_bad_inputs_give_one_line_each_and_the_batch_goes_on(tmp_path):
    good = write(tmp_path / "in" / "good.txt", "مصر زار ليبيا في القاهرة.")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "zeros.bin").write_bytes(b"\x00" * 100 + b"\x01\x02")
    (tmp_path / "in" / "u16.txt").write_bytes("روسيا هاجم تركيا.".encode("utf-16-le"))
    (tmp_path / "in" / "trunc.txt").write_bytes("مصر زار ليبيا".encode()[:-1])
    (tmp_path / "in" / "rows.csv").write_text('id,text\n1,"مصر زار ليبيا\n2,روسيا هاجم تركيا\n', encoding="utf-8")
    (tmp_path / "in" / "page.html").write_text("<html><body><p>مصر زار ليبيا في طرابلس يوم الأحد، في إطار "
                                                "جهود التهدئة بين الطرفين.<div><span>", encoding="utf-8")
    (tmp_path / "in" / "link.txt").symlink_to(good)
    (tmp_path / "in" / "slow.txt").write_text("مصر زار ليبيا بطيء جدا.", encoding="utf-8")
    db = tmp_path / "h.db"
    r = run_cli("ingest", tmp_path / "in", "--db", db, "--workers", "1", "--pipeline", "test_store_fake:load",
                "--time-limit", "1", "--no-progress")
    assert r.returncode == 0, r.stderr
    lines = [line for line in r.stderr.splitlines() if line.startswith("hadath: skipped")]
    reasons = "\n".join(lines)
    assert len(lines) == 7, reasons
    for name, words in [("empty.txt", "empty"), ("zeros.bin", "binary"), ("u16.txt", "UTF-16"),
                        ("trunc.txt", "truncated"), ("rows.csv", "CSV"), ("link.txt", "symbolic link"),
                        ("slow.txt", "longer than 1 s")]:
        assert any(name in line and words in line for line in lines), (name, reasons)
    assert "Traceback" not in r.stderr
    with Store(db) as s:
        assert len(list(s.errors())) == 7
        assert s.stats()["documents"] == 3    # good.txt, the row after the stray quote, the broken HTML page
    # With --encoding auto the UTF-16 file is read, and its encoding recorded.
    r = run_cli("ingest", tmp_path / "in" / "u16.txt", "--db", db, "--encoding", "auto", "--workers", "1",
                "--pipeline", "test_store_fake:load", "--no-progress")
    assert r.returncode == 0, r.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT encoding FROM documents WHERE doc_key='u16'").fetchone() == ("utf-16-le",)
    assert con.execute("SELECT count(*) FROM errors WHERE \"where\" LIKE '%u16.txt'").fetchone() == (0,)
    con.close()


def test_size_limit(tmp_path):
    write(tmp_path / "in" / "big.txt", "مصر زار ليبيا. " * 1000)
    db = tmp_path / "h.db"
    report = ingest([tmp_path / "in"], db, workers=1,
                    options=Options(pipeline="test_store_fake:load", max_chars=1000))
    assert report.errors == 1 and report.documents == 0
    with Store(db) as s:
        assert "too long" in dict(s.errors())[str(tmp_path / "in" / "big.txt")]


def test_read_only_database_is_one_clear_error(tmp_path, monkeypatch):
    write(tmp_path / "in" / "a.txt", "مصر زار ليبيا.")
    db = tmp_path / "h.db"
    ingest([tmp_path / "in"], db, workers=1, options=FAKE)
    before = dump(db)
    write(tmp_path / "in" / "b.txt", "روسيا هاجم تركيا.")
    import hadath.store.db as dbmod
    real = sqlite3.connect

    def read_only(path, *a, **kw):   # root ignores file modes: open the file read-only instead
        return real(f"file:{path}?mode=ro", *a, uri=True, **{k: v for k, v in kw.items() if k != "uri"})

    monkeypatch.setattr(dbmod.sqlite3, "connect", read_only)
    with pytest.raises(HadathError, match="read-only"):
        ingest([tmp_path / "in"], db, workers=1, options=FAKE)
    monkeypatch.undo()
    assert dump(db) == before


def test_full_disk_is_one_clear_error_and_no_corruption(tmp_path, monkeypatch):
    for i in range(3):
        write(tmp_path / "in" / f"{i}.txt", f"مصر زار ليبيا. تقرير {i}")
    db = tmp_path / "h.db"
    ingest([tmp_path / "in"], db, workers=1, options=FAKE)
    for i in range(50):
        write(tmp_path / "in2" / f"{i}.txt", "روسيا هاجم تركيا في القاهرة. " * 50 + str(i))
    import hadath.store.ingest as ingmod
    real = ingmod.connect_writer

    def small_disk(path):
        con = real(path)
        pages = con.execute("PRAGMA page_count").fetchone()[0]
        con.execute(f"PRAGMA max_page_count={pages + 8}")
        return con

    monkeypatch.setattr(ingmod, "connect_writer", small_disk)
    with pytest.raises(HadathError, match="disk full"):
        ingest([tmp_path / "in2"], db, workers=1, options=FAKE)
    monkeypatch.undo()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] >= 3
    con.close()
    report = ingest([tmp_path / "in2"], db, workers=1, options=FAKE)   # space again: it finishes
    assert report.documents + report.skipped == 50


def test_cli_errors_are_one_line(tmp_path):
    r = run_cli("stats", "--db", tmp_path / "none.db")
    assert r.returncode == 1 and r.stderr.strip().count("\n") == 0 and "no such database" in r.stderr
    (tmp_path / "junk.db").write_bytes(b"this is not sqlite at all" * 100)
    r = run_cli("stats", "--db", tmp_path / "junk.db")
    assert r.returncode == 1 and "Traceback" not in r.stderr and "not a hadath database" in r.stderr


def test_newer_schema_is_refused(tmp_path):
    db = tmp_path / "h.db"
    write(tmp_path / "in" / "a.txt", "مصر زار ليبيا.")
    ingest([tmp_path / "in"], db, workers=1, options=FAKE)
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    con.commit()
    con.close()
    with pytest.raises(HadathError, match="newer"):
        ingest([tmp_path / "in"], db, workers=1, options=FAKE)
    with pytest.raises(HadathError, match="upgrade hadath"):
        Store(db)


# -- corroboration -----------------------------------------------------------------------

def _feed(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


STORY = ("حفتر زار القاهرة والتقى مصر في إطار جهود التهدئة وسط توتر متزايد بعد أسابيع من المفاوضات "
         "في خطوة مفاجئة رغم الانتقادات الدولية في ظل الأزمة الاقتصادية على هامش القمة. "
         "وقال مسؤول إن الزيارة تناولت الوضع الأمني في ليبيا والحدود المشتركة بين البلدين.")
OTHER = "روسيا انتقد تركيا بسبب موقفها من الأزمة السورية، وقال متحدث إن الخلاف سيستمر طويلا بين البلدين."


def test_copies_and_clusters(tmp_path):
    rows = [
        {"id": "a", "text": STORY, "published": "2018-03-01", "outlet": "سكاي نيوز عربية"},
        {"id": "b", "text": "القاهرة (وكالات) - " + STORY, "published": "2018-03-01", "outlet": "فرانس 24"},
        {"id": "c", "text": "في خبر منفصل تماما، مصر التقى حفتر صباح اليوم لبحث الملف الليبي.",
         "published": "2018-03-02", "outlet": "العربية"},
        {"id": "d", "text": "حفتر التقى مصر مرة أخرى بعد شهر لبحث الملف الليبي من جديد.",
         "published": "2018-04-10", "outlet": "العربية"},
        {"id": "e", "text": OTHER, "published": "2018-03-01", "outlet": "العربية"},
    ]
    feed = _feed(tmp_path / "feed.jsonl", rows)
    db = tmp_path / "h.db"
    ingest([feed], db, workers=1, options=FAKE)
    con = sqlite3.connect(db)
    copies = con.execute("SELECT d.doc_key, o.doc_key FROM documents d JOIN documents o ON o.id = d.copy_of").fetchall()
    assert copies == [("b", "a")]
    meetings = con.execute("SELECT label, reports, documents, independent, outlets FROM clusters "
                           "WHERE type='CONSULT' ORDER BY day_start").fetchall()
    con.close()
    # a, b (a copy) and c report one meeting: 3 documents, 2 independent, 3 outlets; d is a month later.
    first = meetings[0]
    assert first[2:] == (3, 2, 3)
    assert meetings[-1][1:3] == (1, 1)
    with Store(db) as s:
        events = list(s.iter_events(type="CONSULT"))
        labels = {r["doc_id"]: r["cluster"] for r in events}
        assert labels["a"] == labels["b"] == labels["c"] != labels["d"]
        assert s.stats()["corroborated"] >= 1
        top = next(s.iter_clusters(min_independent=2))
        assert top["cluster"] == labels["a"] and top["type"] == "CONSULT"
        assert top["actors"] == ["EGY", "Q6583542"] and top["days"] == ["2018-03-01", "2018-03-02"]
        # "زار ... والتقى": two reports in each of a and b, one in c.
        assert [(i["doc_id"], i["outlet"], i["copy_of"]) for i in top["items"]] == [
            ("a", "سكاي نيوز عربية", None)] * 2 + [("b", "فرانس 24", "a")] * 2 + [("c", "العربية", None)]
        assert (top["reports"], top["documents"], top["independent"], top["outlets"]) == (5, 3, 2, 3)
    # A wider window joins the April meeting too, and the store is reclustered on the next run.
    ingest([feed], db, workers=1, options=FAKE, window=60)
    with Store(db) as s:
        labels = {r["doc_id"]: r["cluster"] for r in s.iter_events(type="CONSULT")}
        assert labels["a"] == labels["d"]


# -- queries -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("small")
    rows = [
        {"id": "a", "text": STORY, "published": "2018-03-01", "outlet": "سكاي نيوز عربية"},
        {"id": "e", "text": "روسيا انتقد تركيا بسبب موقفها من الأزمة السورية نقلا عن رويترز.", "published": "2018-05-01",
         "outlet": "العربية"},
        {"id": "f", "text": 'الجيش الإسرائيلي هاجم "ليبيا" في طرابلس.', "published": "2018-06-01",
         "outlet": "فرانس 24"},
    ]
    db = tmp / "h.db"
    ingest([_feed(tmp / "feed.jsonl", rows)], db, workers=1, options=FAKE)
    return db


def test_iter_events_filters(small_store):
    with Store(small_store) as s:
        every = list(s.iter_events())
        ids = lambda **f: sorted({r["doc_id"] for r in s.iter_events(**f)})  # noqa: E731
        assert {r["doc_id"] for r in every} == {"a", "e", "f"}
        assert ids(actor="Haftar") == ["a"]
        assert ids(actor="حفتر") == ["a"]
        assert ids(actor="ISR") == ["f"]                   # by country code
        assert ids(type="ASSAULT") == ["f"]
        assert ids(type="accuse,assault") == ["e", "f"]
        assert ids(since="2018-04-01") == ["e", "f"]
        assert ids(until="2018-04-01") == ["a"]
        assert ids(source="رويترز") == ["e"]                # an attribution link
        assert ids(source="فرانس") == ["f"]                 # the outlet
        assert ids(certainty="reported") == ["e"]
        assert ids(search="الحدود") == ["a"]                # found under its clitic forms too
        assert ids(search="والحدود المشتركة") == ["a"]
        assert ids(search="طرابلس", type="ASSAULT") == ["f"]
        with pytest.raises(HadathError):
            list(s.iter_events(certainty="sure"))


def test_records_follow_the_event_format(small_store, shared):
    required = ["doc_id", "event_id", "type", "mode", "context", "actor", "recipient", "others", "date",
                "location", "negated", "aux", "certainty", "attribution", "evidence", "trigger", "score",
                "confidence"]
    with Store(small_store) as s:
        records = list(s.iter_events())
    for r in records:
        assert all(k in r for k in required)
        assert r["event_id"].startswith(r["doc_id"] + "#")
        assert r["run"] == 1 and r["cluster"]
    f = next(r for r in records if r["doc_id"] == "f")
    assert f["actor"][0] | {} == {"id": "IDF", "name": "Israel Defense Forces", "name_ar": "الجيش الإسرائيلي",
                                  "country": "ISR", "sector": "MIL", "type": "armed_group", "wikidata": "Q49154",
                                  "aliases": [], "text": "الجيش الإسرائيلي", "start": 0, "end": 16}
    assert f["evidence"]["text"] == 'الجيش الإسرائيلي هاجم "ليبيا" في طرابلس.'
    assert f["location"] == {"name": "Tripoli", "country": "LBY", "text": "طرابلس"}
    assert f["framing"] == ["scare_quotes"]
    e = next(r for r in records if r["doc_id"] == "e")
    assert [a["name"] for a in e["attribution"]] == ["العربية", "Reuters"]
    assert e["certainty"] == "reported"


def test_cli_events_and_stats(small_store):
    r = run_cli("events", "--db", small_store, "--type", "ASSAULT")
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("\n") == 1 and "ASSAULT" in r.stdout and "Israel Defense Forces -> Libya" in r.stdout
    r = run_cli("events", "--db", small_store, "--format", "jsonl", "--actor", "Russia")
    assert [json.loads(line)["doc_id"] for line in r.stdout.splitlines()] == ["e"]
    r = run_cli("stats", "--db", small_store)
    assert r.returncode == 0 and "3 documents" in r.stdout and "Khalifa Haftar" in r.stdout


def test_queries_while_an_ingest_writes(tmp_path):
    """WAL: a reader sees committed batches while the writer holds its transaction."""
    from hadath.store.db import connect_writer, transaction
    db = tmp_path / "h.db"
    write(tmp_path / "in" / "a.txt", "مصر زار ليبيا.")
    ingest([tmp_path / "in"], db, workers=1, options=FAKE)
    writer = connect_writer(db)
    with transaction(writer):
        writer.execute("INSERT INTO errors (\"where\", reason) VALUES ('x', 'y')")
        with Store(db) as s:                      # would block or fail without WAL
            assert len(list(s.iter_events())) == 1
            assert list(s.errors()) == []
    writer.close()


# -- the real pipeline, end to end --------------------------------------------------------

def test_real_pipeline_end_to_end(tmp_path, pipeline):
    from hadath.model import event_records
    from hadath.readers import read_inputs
    examples = ROOT / "examples"
    db = tmp_path / "h.db"
    report = ingest([examples], db, workers=1)
    assert report.errors == 0 and report.documents == len(list(examples.glob("*.txt")))
    expected = {}
    for doc in read_inputs([examples]):
        for rec in event_records(pipeline(doc)):
            expected[rec["event_id"]] = rec
    with Store(db) as s:
        stored = {r["event_id"]: r for r in s.iter_events()}
    assert stored.keys() == expected.keys()
    for key, rec in expected.items():
        got = stored[key]
        for field in rec:
            if field == "attribution":
                assert [{k: a[k] for k in ("name", "kind", "id", "text")} for a in got[field]] == rec[field]
            else:
                assert got[field] == rec[field], (key, field)


def test_the_store_never_ingests_itself(tmp_path):
    write(tmp_path / "a.txt", "مصر زار ليبيا.")
    db = tmp_path / "h.db"
    ingest([tmp_path], db, workers=1, options=FAKE)
    report = ingest([tmp_path], db, workers=1, options=FAKE)
    assert (report.documents, report.errors, report.skipped) == (0, 0, 1)


def test_runs_record_versions_configuration_and_inputs(small_store):
    con = sqlite3.connect(small_store)
    versions, config, inputs, status = con.execute("SELECT versions, config, inputs, status FROM runs").fetchone()
    manifest = con.execute("SELECT path, size FROM run_inputs").fetchall()
    con.close()
    versions, config = json.loads(versions), json.loads(config)
    assert versions["hadath"] and versions["pipeline"] == "test_store_fake:load"
    assert {"kb", "extract", "text"} <= versions["data"].keys()       # fingerprints of lexicons and models
    assert config["window"] == 3 and config["encoding"] == "utf-8" and config["time_limit"] == 5
    assert status == "done" and json.loads(inputs)[0].endswith("feed.jsonl")
    assert len(manifest) == 1 and manifest[0][1] > 0


def test_a_foreign_sqlite_file_is_never_written_into(tmp_path):
    db = tmp_path / "other.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE accounts (id INTEGER)")
    con.commit()
    con.close()
    write(tmp_path / "in" / "a.txt", "مصر زار ليبيا.")
    with pytest.raises(HadathError, match="not a hadath store"):
        ingest([tmp_path / "in"], db, workers=1, options=FAKE)
    with pytest.raises(HadathError, match="not a hadath database"):
        Store(db)
    (tmp_path / "empty.db").write_bytes(b"")
    with pytest.raises(HadathError, match="not a hadath database"):
        Store(tmp_path / "empty.db")


def test_ingest_of_nothing_readable_exits_1(tmp_path):
    r = run_cli("ingest", tmp_path / "no-such-folder", "--db", tmp_path / "h.db", "--workers", "1",
                "--pipeline", "test_store_fake:load", "--no-progress")
    assert r.returncode == 1 and "no such file or directory" in r.stderr and "Traceback" not in r.stderr


def test_attribution_links_say_how_the_claim_travels(small_store, tmp_path):
    with Store(small_store) as s:
        e = next(r for r in s.iter_events() if r["doc_id"] == "e")
    assert [(a["name"], a["relation"]) for a in e["attribution"]] == [("العربية", "reported"),
                                                                      ("Reuters", "paraphrased")]
    quote = 'وقال مسؤول نقلا عن رويترز: «روسيا هدد تركيا بعقوبات قاسية جدا» في المؤتمر.'
    db = tmp_path / "q.db"
    ingest([_feed(tmp_path / "q.jsonl", [{"id": "q", "text": quote, "outlet": "العربية"}])], db, workers=1,
           options=FAKE)
    with Store(db) as s:
        (q,) = list(s.iter_events())
    assert [a["relation"] for a in q["attribution"]] == ["reported", "quoted"]


def test_migrations_run_in_order_with_the_version_bump(tmp_path, monkeypatch):
    import hadath.store.db as dbmod
    import hadath.store.schema as schema
    db = tmp_path / "h.db"
    write(tmp_path / "in" / "a.txt", "مصر زار ليبيا.")
    ingest([tmp_path / "in"], db, workers=1, options=FAKE)
    nxt = schema.SCHEMA_VERSION + 1
    monkeypatch.setattr(schema, "SCHEMA_VERSION", nxt)
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", nxt)
    monkeypatch.setattr(schema, "MIGRATIONS", {nxt: "ALTER TABLE documents ADD COLUMN summary TEXT;"})
    con = dbmod.connect_writer(db)
    assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == (str(nxt),)
    assert con.execute("SELECT count(summary), count(*) FROM documents").fetchone() == (0, 1)
    con.close()
    with Store(db) as s:                          # the migrated store reads as before
        assert len(list(s.iter_events())) == 1


def test_a_version_1_store_gains_actor_aliases(tmp_path):
    import hadath.store.db as dbmod
    db = tmp_path / "h.db"
    write(tmp_path / "in" / "a.txt", "مصر زار ليبيا.")
    ingest([tmp_path / "in"], db, workers=1, options=FAKE)
    con = sqlite3.connect(db)                     # make it the store of hadath 0.1 (schema 1)
    con.executescript("ALTER TABLE actors DROP COLUMN aliases; UPDATE meta SET value='1' WHERE key='schema_version';")
    con.close()
    dbmod.connect_writer(db).close()              # what ingest does first: migrate
    with Store(db) as s:
        (rec,) = list(s.iter_events())
    assert rec["actor"] and all(a["aliases"] == [] for a in rec["actor"] + rec["recipient"])


def test_cli_events_csv_is_the_dyadic_table(small_store):
    import csv as csvmod
    import io
    r = run_cli("events", "--db", small_store, "--format", "csv", "--type", "ASSAULT")
    rows = list(csvmod.DictReader(io.StringIO(r.stdout)))
    assert [(x["actor1_code"], x["actor2_code"], x["event_type"]) for x in rows] == [("ISRMIL", "LBY", "ASSAULT")]
