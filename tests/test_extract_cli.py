"""`hadath extract`: the event contract, offsets, and bad input that never stops a batch."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from hadath.cli import main

FIELDS = {"doc_id", "event_id", "type", "mode", "context", "actor", "recipient", "others", "date",
          "location", "negated", "aux", "certainty", "attribution", "evidence", "trigger", "score",
          "confidence"}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
          "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}

ARTICLE = ("قالت وزارة الخارجية المصرية إن القاهرة تدعم الحكومة الليبية.\n"
           "وفي بنغازي، شن الجيش الوطني الليبي غارات جوية على مواقع المسلحين أمس.\n"
           "وتظاهر آلاف المحتجين في طرابلس ضد الحكومة يوم الجمعة.\n")


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def records(out):
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_events_follow_the_contract(tmp_path, capsys):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out, err = run(capsys, "extract", str(path), "--published", "2019-07-01")
    assert code == 0, err
    events = [r for r in records(out) if "type" in r]
    assert events, "no events found in a plain news text"
    for ev in events:
        assert FIELDS <= set(ev), FIELDS - set(ev)
        assert ev["type"] in PLOVER
        assert ev["doc_id"] == "article"
        assert ev["certainty"] in {"asserted", "reported", "claimed", "denied", "hypothetical"}
        evd, trig = ev["evidence"], ev["trigger"]
        assert ARTICLE[evd["start"]:evd["end"]] == evd["text"]
        assert ARTICLE[trig["start"]:trig["end"]] == trig["text"]
        for side in ("actor", "recipient", "others"):
            for ent in ev[side]:
                assert ARTICLE[ent["start"]:ent["end"]] == ent["text"]
    types = {ev["type"] for ev in events}
    assert "ASSAULT" in types and "PROTEST" in types


def test_jsonl_input_uses_its_ids_and_dates(tmp_path, capsys):
    path = tmp_path / "batch.jsonl"
    rows = [{"id": "a1", "text": "هاجم مسلحون مركزا للشرطة في بغداد أمس.", "published": "2018-03-02"},
            {"id": "a2", "text": "تظاهر مئات الطلاب في الجزائر العاصمة."}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    code, out, err = run(capsys, "extract", str(path))
    assert code == 0, err
    events = records(out)
    assert {e["doc_id"] for e in events} == {"a1", "a2"}
    assault = next(e for e in events if e["doc_id"] == "a1" and e["type"] == "ASSAULT")
    assert assault["date"]["start"] == "2018-03-01"


def test_bad_files_get_one_line_each_and_the_batch_goes_on(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    cp1256 = tmp_path / "cp1256.txt"
    cp1256.write_bytes("تظاهر آلاف المحتجين في طرابلس ضد الحكومة".encode("cp1256"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    code, out, err = run(capsys, "extract", str(cp1256), str(empty), str(good), str(binary))
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 3 and "Traceback" not in err
    assert "cp1256.txt" in lines[0] and "UTF-8" in lines[0] and "windows-1256" in lines[0]
    assert "empty.txt" in lines[1] and "empty" in lines[1]
    assert "image.txt" in lines[2] and "binary" in lines[2]
    recs = records(out)
    assert any(r.get("doc_id") == "good" and "type" in r for r in recs)
    assert sum(1 for r in recs if r.get("record") == "error") == 3


def test_encoding_auto_reads_windows_1256(tmp_path, capsys):
    path = tmp_path / "legacy.txt"
    path.write_bytes("وتظاهر آلاف المحتجين في طرابلس ضد الحكومة.".encode("cp1256"))
    code, out, err = run(capsys, "extract", str(path), "--encoding", "auto")
    assert code == 0, err
    assert any(r["type"] == "PROTEST" for r in records(out))


def test_table_format_shows_sources_and_certainty(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("وقال مصدر عسكري لوكالة رويترز إن الجيش الوطني الليبي شن غارات جوية على مواقع المسلحين.",
                    encoding="utf-8")
    code, out, err = run(capsys, "extract", str(path), "--format", "table")
    assert code == 0, err
    line = next(line for line in out.splitlines() if "ASSAULT" in line)
    assert "reported per" in line and "unnamed military source" in line


def test_no_traceback_for_a_missing_file(capsys):
    code, out, err = run(capsys, "extract", "/nonexistent/file.txt")
    assert code == 1
    assert "no such file" in err and "Traceback" not in err


def test_bad_published_date_is_a_usage_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "hadath", "extract", str(path), "--published", "July"],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "not a date" in proc.stderr and "Traceback" not in proc.stderr


def test_limits_skip_one_document_and_the_batch_goes_on(tmp_path, capsys):
    long = tmp_path / "long.txt"
    long.write_text("هاجم مسلحون مركزا للشرطة " * 2000, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    code, out, err = run(capsys, "extract", str(long), str(good), "--max-chars", "10000")
    assert code == 1 and "Traceback" not in err
    assert err.strip().splitlines() == [f"hadath: skipped {long}: too long (50,000 characters; the limit "
                                        "is 10,000, see --max-chars)"]
    assert any(r.get("doc_id") == "good" and "type" in r for r in records(out))


def test_time_limit_skips_a_slow_document(tmp_path, capsys):
    # 600,000 characters without punctuation take seconds; the limit is a small fraction of that
    slow = tmp_path / "slow.txt"
    slow.write_text("هاجم مسلحون مركزا للشرطة في بغداد وقتل جنود " * 14000, encoding="utf-8")
    code, out, err = run(capsys, "extract", str(slow), "--time-limit", "0.5", "--no-ner")
    assert code == 1 and "Traceback" not in err
    assert err.strip() == f"hadath: skipped {slow}: took longer than 0.5 s (see --time-limit); skipped"
