"""Faults: Ctrl-C, a read-only or full store, a full output disk -- one clear line each, a
non-zero exit status, and a store that is not corrupted and finishes on the next run.

Already covered elsewhere (not repeated here): SIGKILL half-way then resume equals one clean
run (tests/test_store_ingest.py::test_sigkill_half_way_then_resume_equals_one_clean_run), and
the library-level read-only and full-disk errors in the same file. These tests go through the
command line, as a user meets the fault.
"""
from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import redirect_stderr
from pathlib import Path

import pytest

from hadath.cli import main
from hadath.store.dump import dump_file as dump

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FAKE = ["--pipeline", "test_store_fake:load", "--no-progress"]
HADATH = [sys.executable, "-c", "import sys; from hadath.cli import main; sys.exit(main())"]
ENV = {**os.environ, "PYTHONPATH": f"{TESTS}{os.pathsep}{ROOT / 'src'}"}

sys.path.insert(0, str(TESTS))
from test_store_fake import make_corpus  # noqa: E402


def cli(*argv) -> tuple[int, str]:
    err = io.StringIO()
    with redirect_stderr(err):
        try:
            code = main([str(a) for a in argv])
        except SystemExit as e:
            code = e.code
    return code, err.getvalue()


def integrity(db) -> str:
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def one_error_line(err: str, *words: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith("hadath: error: ") and all(w in lines[0] for w in words), lines[0]
    return lines[0]


@pytest.fixture
def small_corpus(tmp_path):
    root = tmp_path / "corpus"
    make_corpus(root, 200)
    return root


def test_ctrl_c_stops_cleanly_and_the_same_command_finishes(small_corpus, tmp_path):
    db = tmp_path / "h.db"
    args = ["ingest", small_corpus, "--db", db, "--workers", "2", "--time-limit", "5", *FAKE]
    proc = subprocess.Popen([*HADATH, *map(str, args)], env={**ENV, "HADATH_FAKE_DELAY": "0.1"},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stored, deadline = 0, time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and not stored:
        time.sleep(0.05)
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            con.close()
        except sqlite3.Error:
            pass
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted; run the same command again" in err
    assert integrity(db) == "ok"
    con = sqlite3.connect(db)
    assert con.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]
    partial = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    con.close()
    code, err = cli(*args)
    assert code == 0, err
    con = sqlite3.connect(db)
    total, distinct = con.execute("SELECT count(*), count(DISTINCT hash) FROM documents").fetchone()
    con.close()
    assert total == distinct and total >= partial
    assert f"{partial} already there" in err


def test_read_only_store_is_one_line_and_untouched(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("مصر زار ليبيا.", encoding="utf-8")
    db = tmp_path / "h.db"
    assert cli("ingest", tmp_path / "in", "--db", db, "--workers", "1", *FAKE)[0] == 0
    before = dump(db)
    (tmp_path / "in" / "b.txt").write_text("روسيا هاجم تركيا.", encoding="utf-8")
    import hadath.store.db as dbmod
    real = sqlite3.connect

    def read_only(path, *a, **kw):   # root ignores file modes: the file opens read-only instead
        return real(f"file:{path}?mode=ro", *a, uri=True, **{k: v for k, v in kw.items() if k != "uri"})

    monkeypatch.setattr(dbmod.sqlite3, "connect", read_only)
    code, err = cli("ingest", tmp_path / "in", "--db", db, "--workers", "1", *FAKE)
    monkeypatch.undo()
    assert code == 1
    one_error_line(err, str(db), "read-only")
    assert dump(db) == before and integrity(db) == "ok"


def test_read_only_folder_still_answers_queries(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("مصر زار ليبيا في القاهرة.", encoding="utf-8")
    db = tmp_path / "store" / "h.db"
    db.parent.mkdir()
    assert cli("ingest", tmp_path / "in", "--db", db, "--workers", "1", *FAKE)[0] == 0
    os.chmod(db.parent, 0o555)
    try:
        r = subprocess.run([*HADATH, "stats", "--db", str(db)], capture_output=True, text=True, env=ENV,
                           timeout=120)
    finally:
        os.chmod(db.parent, 0o755)
    assert r.returncode == 0 and "1 documents" in r.stdout and "Traceback" not in r.stderr


def test_full_disk_during_ingest_is_one_line_and_the_next_run_finishes(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"{i}.txt").write_text(f"مصر زار ليبيا. تقرير {i}", encoding="utf-8")
    db = tmp_path / "h.db"
    assert cli("ingest", tmp_path / "in", "--db", db, "--workers", "1", *FAKE)[0] == 0
    for i in range(40):
        (tmp_path / "more" / f"{i}.txt").parent.mkdir(exist_ok=True)
        (tmp_path / "more" / f"{i}.txt").write_text("روسيا هاجم تركيا في القاهرة. " * 60 + str(i), encoding="utf-8")
    import hadath.store.ingest as ingmod
    real = ingmod.connect_writer

    def small_disk(path):          # the disk fills up a few pages after the current size
        con = real(path)
        con.execute(f"PRAGMA max_page_count={con.execute('PRAGMA page_count').fetchone()[0] + 8}")
        return con

    monkeypatch.setattr(ingmod, "connect_writer", small_disk)
    code, err = cli("ingest", tmp_path / "more", "--db", db, "--workers", "1", "--time-limit", "5", *FAKE)
    monkeypatch.undo()
    assert code == 1
    line = one_error_line("\n".join(x for x in err.splitlines() if not x.startswith("hadath: skipped")),
                          str(db), "disk full", "run the same command again")
    assert integrity(db) == "ok"
    code, err = cli("ingest", tmp_path / "more", "--db", db, "--workers", "1", *FAKE)
    assert code == 0, (line, err)
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 43
    con.close()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("argv", [["extract", "--no-ner"], ["events", "--format", "jsonl", "--db"]],
                         ids=["extract", "events"])
def test_full_output_disk_is_one_line_and_a_failure(argv, tmp_path):
    """stdout on a full disk (shell `> /dev/full`): one line and exit 1, not a traceback."""
    (tmp_path / "a.txt").write_text("هاجمت قوات حفتر العاصمة طرابلس يوم الأحد.", encoding="utf-8")
    db = tmp_path / "h.db"
    assert cli("ingest", tmp_path / "a.txt", "--db", db, "--workers", "1", "--no-ner", "--no-progress")[0] == 0
    target = [tmp_path / "a.txt"] if argv[0] == "extract" else [db]
    with open("/dev/full", "w") as full:
        r = subprocess.run([*HADATH, *argv, *map(str, target)], stdout=full, stderr=subprocess.PIPE,
                           text=True, env=ENV, timeout=120)
    assert r.returncode == 1
    one_error_line(r.stderr, "No space left on device")


def test_export_through_a_symbolic_link_writes_its_target(tmp_path):
    (tmp_path / "a.txt").write_text("مصر زار ليبيا.", encoding="utf-8")
    db = tmp_path / "h.db"
    assert cli("ingest", tmp_path / "a.txt", "--db", db, "--workers", "1", *FAKE)[0] == 0
    real = tmp_path / "exports" / "events.jsonl"
    real.parent.mkdir()
    link = tmp_path / "latest.jsonl"
    link.symlink_to(real)
    assert cli("export", "--db", db, "--format", "jsonl", "--out", link)[0] == 0
    assert link.is_symlink() and real.exists()


def test_export_to_a_missing_folder_is_one_line(tmp_path):
    (tmp_path / "a.txt").write_text("مصر زار ليبيا.", encoding="utf-8")
    db = tmp_path / "h.db"
    assert cli("ingest", tmp_path / "a.txt", "--db", db, "--workers", "1", *FAKE)[0] == 0
    for fmt in ("jsonl", "csv", "plover", "parquet"):
        out = tmp_path / "nowhere" / f"x.{fmt}"
        code, err = cli("export", "--db", db, "--format", fmt, "--out", out)
        assert code == 1
        one_error_line(err, str(out), "cannot write the export")
        assert not out.parent.exists()
