"""Bad inputs a real crawl produces: each is processed, or refused with one clear line (and an
error record) -- never a traceback, a hang or a lost document.

The corpus is generated in tmp_path by `make_corpus` (nothing is committed). Each case says
what must happen; the same corpus goes through `hadath extract` (one run per case, in
process), `hadath ingest` (one run over the whole folder, errors read back from the store)
and the commands that read a store or an events file. See docs/ROBUSTNESS.md.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import random
import sqlite3
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

import hadath
from hadath.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fuzz"))
from invariants import check_records  # noqa: E402

# The NER model may not be in the package yet: then the knowledge base alone.
NER_MODEL = Path(hadath.__file__).parent / "ner" / "data" / "ner.crfsuite"
NO_NER = [] if NER_MODEL.exists() else ["--no-ner"]

ATTACK = "هاجمت قوات حفتر العاصمة طرابلس يوم الأحد"          # "Haftar's forces attacked Tripoli on Sunday"
ARTICLE = (ATTACK + ". وقال المتحدث باسم الجيش الوطني الليبي إن العملية ستستمر حتى السيطرة على المدينة"
           ". وزار الرئيس المصري ليبيا أمس")                     # ends with a two-byte letter
INVISIBLE_INSIDE_NAME = ["\u200f", "\u200e", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\u061c"]


@dataclass
class Case:
    name: str                          # file name under the corpus folder
    make: Callable[[Path], None]       # writes the file (path given)
    error: str | None = None           # words of the one error line; None: processed
    in_folder: str | None = None       # the words when found by walking a folder, if different
    actors: set = field(default_factory=set)   # actor ids the events must name (when processed)
    skip: Callable[[Path], str | None] = lambda p: None


def _bytes(data: bytes):
    return lambda p: p.write_bytes(data)


def _text(text: str):
    return lambda p: p.write_text(text, encoding="utf-8")


def _seeded(seed: int, n: int, lo: int = 0, hi: int = 256) -> bytes:
    rnd = random.Random(seed)
    return bytes(rnd.randrange(lo, hi) for _ in range(n))


def _link(target: str):
    return lambda p: os.symlink(target, p)


def _loop(p: Path) -> None:
    os.symlink(p.name + ".other", p)
    os.symlink(p.name, p.with_name(p.name + ".other"))


def _fifo(p: Path) -> None:
    os.mkfifo(p)


def _sparse(size: int):
    def make(p: Path) -> None:
        with open(p, "wb") as f:        # a hole: 200 MB on paper, no disk and no time to make
            f.truncate(size)
    return make


def _locked(p: Path) -> None:
    p.write_text(ARTICLE, encoding="utf-8")
    p.chmod(0)


def _readable_anyway(p: Path) -> str | None:
    return "running as root: a chmod 000 file is still readable" if os.access(p, os.R_OK) else None


def _pdf() -> bytes:
    return (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nstream\n"
            + _seeded(1, 2000) + b"\nendstream\n%%EOF\n")


def _jpeg() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + _seeded(2, 3000)


def _no_punctuation() -> str:
    words = ATTACK.split() + ["و", "في", "مع", "بعد", "قبل", "من", "إلى", "على"]
    rnd = random.Random(3)
    return " ".join(rnd.choice(words) for _ in range(6000))   # ~30 000 characters, not one full stop


def _bidi() -> str:
    lines = []
    for mark in INVISIBLE_INSIDE_NAME:
        lines.append(f"هاجمت قوات حف{mark}تر العاصمة طرابلس.")
    lines.append("هاجمت قوات \u202eحفتر\u202c العاصمة طرابلس.")        # override ... pop around the name
    lines.append("هاجمت \u2067قوات حفتر\u2069 العاصمة طرابلس.")        # isolate around the name
    lines.append("هاجمت قوات حفـــتر العاصمة طرابلس.")                  # tatweel inside the name
    return "\n".join(lines) + "\n"


def _diacritics() -> str:
    return "هَاجَمَتْ قُوَّاتُ حَفْتَرَ العَاصِمَةَ طَرَابُلُسَ يَوْمَ الأَحَدِ، وَقَالَ المُتَحَدِّثُ إِنَّ العَمَلِيَّةَ سَتَسْتَمِرُّ."


def _arabizi() -> str:
    return ("Haftar 3am yhajem Trablos w el nas 5ayfin. el UN 2alet inno lazem ywa2fo el 7arb!! "
            "قوات Haftar هاجمت طرابلس. NATO قصف ليبيا 2011. الـ UN طالبت بـ ceasefire فورا 😡🔥")


def _nested_html() -> str:
    return "<html><body>" + "<div>" * 50_000 + "<p>" + (ARTICLE + ". ") * 5 + "</p>"


def _unclosed_html() -> str:
    body = "".join(f"<p>{ARTICLE}. تقرير رقم {i}" for i in range(6))      # no </p> anywhere
    return f"<html><head><meta charset=utf-8><title>خبر</title></head><body><article>{body}<div><span><table><tr><td>"


def _unclosed_title() -> str:
    # An unclosed <title> swallows the page: the browser shows no body either.
    return "<html><head><title>خبر عاجل<body><article><p>" + (ARTICLE + ". ") * 6


def _gzip_cut() -> bytes:
    return gzip.compress((ARTICLE * 50).encode())[:-20]


CASES = [
    Case("empty.txt", _bytes(b""), "empty document"),
    Case("whitespace.txt", _bytes(b" \n\t\r\n   \n"), "empty document"),
    Case("document.pdf", _bytes(_pdf()), "binary file"),
    Case("photo.jpg", _bytes(_jpeg()), "binary file"),
    Case("random.bin", _bytes(_seeded(4, 4096)), "binary file"),
    Case("high-bytes.txt", _bytes(_seeded(5, 4096, 128, 256)), "not valid UTF-8 at byte 0"),
    Case("cp1256-declared-utf8.txt", _bytes((ARTICLE * 3).encode("cp1256")), "looks like windows-1256"),
    Case("utf16le-no-bom.txt", _bytes((ARTICLE * 3).encode("utf-16-le")), "UTF-16 text without BOM (utf-16-le)"),
    Case("utf16be-no-bom.txt", _bytes((ARTICLE * 3).encode("utf-16-be")), "UTF-16 text without BOM (utf-16-be)"),
    Case("utf16-bom.txt", _bytes(ARTICLE.encode("utf-16")), "UTF-16 text, not UTF-8"),
    Case("truncated.txt", _bytes(ARTICLE.encode()[:-1]), "truncated multibyte UTF-8 sequence"),
    Case("mixed-encodings.txt", _bytes(ARTICLE.encode() + b"\n" + ARTICLE.encode("cp1256")),
         f"not valid UTF-8 at byte {len(ARTICLE.encode()) + 1}"),
    Case("damaged.txt.gz", _bytes(_gzip_cut()), "damaged gzip file"),
    Case("huge-line.txt", _sparse(200 * 1024 * 1024), "too large (209,715,200 bytes"),
    Case("deep-nested.html", _text(_nested_html()), "no main text found in the HTML page"),
    Case("unclosed-title.html", _text(_unclosed_title()), "no main text found in the HTML page"),
    Case("no-text-column.csv", _text("id,body\n1,مصر زار ليبيا\n"), 'needs a "text" column'),
    Case("fifo.txt", _fifo, "not a regular file"),
    Case("dangling-link.txt", _link("nowhere.txt"), "broken symbolic link",
         in_folder="symbolic link, not followed"),
    Case("loop-link.txt", _loop, "broken symbolic link", in_folder="symbolic link, not followed"),
    Case("unreadable.txt", _locked, "permission denied", skip=_readable_anyway),
    # processed
    Case("bidi-and-zero-width.txt", _text(_bidi()), actors={"LNA"}),
    Case("full-diacritics.txt", _text(_diacritics()), actors={"LNA"}),
    Case("arabizi-and-latin.txt", _text(_arabizi())),
    # processed in bounded pieces; word salad this long reads as commentary to salience, so
    # no event is demanded of it
    Case("no-punctuation.txt", _text(_no_punctuation())),
    Case("unclosed-tags.html", _text(_unclosed_html()), actors={"LNA"}),
    Case("bom-and-crlf.txt", _bytes(b"\xef\xbb\xbf" + ARTICLE.replace(". ", ".\r\n").encode()), actors={"LNA"}),
]
ERRORS = [c for c in CASES if c.error]
PROCESSED = [c for c in CASES if not c.error]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bad") / "in"
    root.mkdir()
    for case in CASES:
        case.make(root / case.name)
    yield root
    (root / "unreadable.txt").chmod(0o644)


def run(capsys, *argv) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as e:
        code = e.code
    out, err = capsys.readouterr()
    return code, out, err


def no_traceback(*streams: str) -> None:
    for s in streams:
        assert "Traceback" not in s and 'File "' not in s, s


def skipped_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("hadath: skipped ")]


# -- hadath extract: one run per case ------------------------------------------------

@pytest.mark.parametrize("case", ERRORS, ids=lambda c: c.name)
def test_extract_refuses_with_one_line_and_an_error_record(case, corpus, capsys):
    path = corpus / case.name
    if reason := case.skip(path):
        pytest.skip(reason)
    code, out, err = run(capsys, "extract", *NO_NER, path)
    no_traceback(out, err)
    assert code == 1
    lines = err.strip().splitlines()
    assert lines == [f"hadath: skipped {path}: {lines[0].split(': ', 2)[2]}"], err   # one line, naming the file
    assert case.error in lines[0], lines[0]
    records = [json.loads(line) for line in out.splitlines()]
    assert records == [{"record": "error", "where": str(path), "reason": lines[0].split(": ", 2)[2]}]


@pytest.mark.parametrize("case", PROCESSED, ids=lambda c: c.name)
def test_extract_processes_messy_text(case, corpus, capsys):
    path = corpus / case.name
    code, out, err = run(capsys, "extract", *NO_NER, path)
    no_traceback(out, err)
    assert code == 0 and err == "", err
    records = [json.loads(line) for line in out.splitlines()]
    assert all(r["doc_id"] == path.name.split(".")[0] for r in records)
    if case.actors:
        named = {a["id"] for r in records for a in r["actor"] + r["recipient"]}
        assert case.actors <= named, (case.name, named)
    from hadath.readers import read_inputs
    (doc,) = read_inputs([path])
    check_records(records, doc.text)     # offsets into the text as read, evidence and trigger text match


def test_names_with_invisible_characters_still_resolve(corpus, capsys):
    """Every line has حفتر broken by a bidi mark, a zero-width character or tatweel: each one is
    still Haftar's forces (LNA), and the mention's text is the original, marks included."""
    path = corpus / "bidi-and-zero-width.txt"
    code, out, _ = run(capsys, "extract", *NO_NER, path)
    assert code == 0
    text = path.read_text(encoding="utf-8")
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"][:-1]
    lna_lines = set()
    for r in map(json.loads, out.splitlines()):
        for a in r["actor"]:
            if a["id"] == "LNA":
                assert text[a["start"]:a["end"]] == a["text"]
                lna_lines.add(sum(1 for s in starts if s <= a["start"]) - 1)
    assert lna_lines == set(range(len(starts))), sorted(lna_lines)


def test_long_text_without_punctuation_is_cut_into_sentences():
    from hadath.extract import load_pipeline
    from hadath.model import Document
    text = _no_punctuation()
    doc = load_pipeline(ner=not NO_NER)(Document(id="x", text=text))
    assert len(doc.sentences) > 10
    assert max(s.end - s.start for s in doc.sentences) < 5000
    assert doc.sentences[0].start >= 0 and doc.sentences[-1].end <= len(text)


def test_unicode_whitespace_only_is_an_empty_document(tmp_path, capsys):
    path = tmp_path / "spaces.txt"
    path.write_text("\u00a0\u2003\u200b\u3000\n\u00a0", encoding="utf-8")
    code, _, err = run(capsys, "extract", *NO_NER, path)
    assert code == 1 and "empty document" in err


def test_encoding_auto_reads_what_strict_utf8_refuses(corpus, capsys):
    paths = [corpus / n for n in ("cp1256-declared-utf8.txt", "utf16le-no-bom.txt", "utf16be-no-bom.txt",
                                  "utf16-bom.txt")]
    code, out, err = run(capsys, "extract", *NO_NER, "--encoding", "auto", *paths)
    no_traceback(out, err)
    assert code == 0 and err == ""
    records = [json.loads(line) for line in out.splitlines()]
    assert {r["doc_id"] for r in records} == {p.name.split(".")[0] for p in paths}
    assert all("LNA" in {a["id"] for a in r["actor"]} for r in records if r["type"] == "ASSAULT")


# -- JSONL and CSV: one error per broken line or row, the rest is read -----------------

def test_jsonl_with_broken_lines(tmp_path, capsys):
    lines = [
        json.dumps({"id": "ok1", "text": ATTACK + "."}, ensure_ascii=False).encode(),
        b'{"id": "broken", "text": "abc',                                  # 2 cut in the middle
        b"[1, 2]",                                                         # 3 not an object
        b'{"id": "notext"}',                                               # 4
        b'{"id": "num", "text": 5}',                                       # 5
        b'{"id": "blank", "text": "   "}',                                 # 6
        b'{"id": "w1256", "text": "' + ATTACK.encode("cp1256") + b'"}',    # 7 Windows-1256 bytes
        b'{"id": "nul", "text": "a\\u0000b"}',                             # 8
        b"",                                                               # 9 blank line: nothing
        json.dumps({"id": "ok2", "text": ARTICLE}, ensure_ascii=False).encode(),
        b'{"id": "cut", "text": "' + ATTACK.encode()[:-1],                 # 11 the file was cut off
    ]
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\n".join(lines))
    code, out, err = run(capsys, "extract", *NO_NER, path)
    no_traceback(out, err)
    assert code == 1
    expected = {2: "not valid JSON", 3: "must be an object", 4: "must be an object", 5: "must be an object",
                6: "empty document", 7: "not valid UTF-8", 8: "NUL characters", 11: "truncated multibyte"}
    got = skipped_lines(err)
    assert len(got) == len(expected) == len(err.strip().splitlines()), err
    for (n, words), line in zip(sorted(expected.items()), got):
        assert line.startswith(f"hadath: skipped {path}:{n}: ") and words in line, (n, line)
    records = [json.loads(line) for line in out.splitlines()]
    assert {r["doc_id"] for r in records if "type" in r} == {"ok1", "ok2"}
    assert sorted(r["where"] for r in records if r.get("record") == "error") == \
        sorted(f"{path}:{n}" for n in expected)


def test_csv_with_stray_quotes(tmp_path, capsys):
    path = tmp_path / "rows.csv"
    path.write_text("id,text,outlet\n"
                    f'r1,"{ATTACK}.",a\n'
                    f'r2,{ATTACK} "كما قالت" المصادر,b\n'          # quotes inside an unquoted field: fine
                    f'r3,"{ATTACK}"" وقال,c\n'                     # a stray quote: the field runs on
                    f'r4,"{ARTICLE}",d\n', encoding="utf-8")
    code, out, err = run(capsys, "extract", *NO_NER, path)
    no_traceback(out, err)
    assert code == 1
    (line,) = skipped_lines(err)
    assert line.startswith(f"hadath: skipped {path}:4: broken CSV") and "stray quote" in line
    ids = {json.loads(r).get("doc_id") for r in out.splitlines()}
    assert {"r1", "r2"} <= ids


def test_csv_row_after_a_stray_quote_is_read_or_named(tmp_path, capsys):
    path = tmp_path / "rows.csv"
    path.write_text(f'id,text\nr3,"{ATTACK}"" وقال\nr4,"{ARTICLE}"\n', encoding="utf-8")
    code, out, err = run(capsys, "extract", *NO_NER, path)
    ids = {json.loads(r).get("doc_id") for r in out.splitlines()}
    assert "r4" in ids or f"{path}:3" in err


def test_csv_unterminated_quote(tmp_path, capsys):
    path = tmp_path / "open.csv"
    path.write_text(f'id,text\nr1,"{ATTACK}.\nr2,{ARTICLE}\n', encoding="utf-8")
    code, out, err = run(capsys, "extract", *NO_NER, path)
    no_traceback(out, err)
    assert code == 1
    (line,) = err.strip().splitlines()
    assert line.startswith(f"hadath: skipped {path}:2: broken CSV (unexpected end of data")


# -- symlinks -------------------------------------------------------------------------

def test_folder_with_link_loops_is_walked_once(tmp_path, capsys):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    os.symlink("..", root / "sub" / "up")              # a folder loop
    os.symlink("a.txt", root / "sub" / "same.txt")     # a link to a file in the walk
    _loop(root / "loop.txt")
    code, out, err = run(capsys, "extract", *NO_NER, root)
    no_traceback(out, err)
    assert code == 1
    lines = skipped_lines(err)
    assert len(lines) == 4 == len(err.strip().splitlines()), err
    assert any("sub/up: symbolic link to a folder, not followed" in line for line in lines)
    assert sum("symbolic link, not followed" in line for line in lines) == 3
    assert {json.loads(r).get("doc_id") for r in out.splitlines() if '"type"' in r} == {"a"}


# -- hadath ingest: the whole corpus in one run, errors read back from the store ------

@pytest.fixture(scope="module")
def ingested(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "h.db"
    missing = corpus.parent / "no-such-file.txt"
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(["ingest", str(corpus), str(missing), "--db", str(db), "--workers", "1",
                         "--no-progress", *NO_NER])
        except SystemExit as e:
            code = e.code
    return db, code, out.getvalue(), err.getvalue(), missing


def test_ingest_goes_on_and_says_what_it_could_not_read(ingested, corpus):
    db, code, out, err, missing = ingested
    no_traceback(out, err)
    assert code == 0, err
    lines = skipped_lines(err)
    summary = [line for line in err.splitlines() if not line.startswith("hadath: skipped ")]
    assert len(summary) == 1 and "documents added" in summary[0], err
    con = sqlite3.connect(db)
    stored = dict(con.execute('SELECT "where", reason FROM errors').fetchall())
    docs = {Path(p).name for (p,) in con.execute("SELECT path FROM documents")}
    con.close()
    expected = {str(corpus / c.name): (c.in_folder or c.error) for c in ERRORS if not c.skip(corpus / c.name)}
    expected[str(missing)] = "no such file or directory"
    # The second file of the link loop is a link too: found by the walk, named as well.
    expected[str(corpus / "loop-link.txt.other")] = "symbolic link, not followed"
    assert len(lines) == len(expected) == len(stored), "\n".join(lines)
    for where, words in expected.items():
        assert words in stored[where], (where, stored[where])
        (line,) = [line for line in lines if line.startswith(f"hadath: skipped {where}: ")]
        assert line.endswith(stored[where])
    readable_anyway = {c.name for c in ERRORS if c.skip(corpus / c.name)}   # chmod 000, as root
    assert docs == {c.name for c in PROCESSED} | readable_anyway


def test_ingest_stores_the_events_of_messy_text(ingested):
    db = ingested[0]
    con = sqlite3.connect(db)
    rows = con.execute("SELECT d.path, ea.actor_id, ea.text, ea.start, ea.\"end\", d.text FROM event_actors ea "
                       "JOIN events e ON e.id = ea.event_id JOIN documents d ON d.id = e.doc_id").fetchall()
    con.close()
    for case in PROCESSED:
        found = {actor for path, actor, *_ in rows if Path(path).name == case.name}
        assert case.actors <= found, (case.name, found)
    for _, _, text, start, end, doc_text in rows:
        assert doc_text[start:end] == text


def test_ingest_again_adds_nothing_and_counts_no_error_twice(ingested, corpus):
    db, _, _, _, missing = ingested
    con = sqlite3.connect(db)
    before = con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM errors), "
                         "(SELECT count(*) FROM events)").fetchone()
    con.close()
    err = io.StringIO()
    with redirect_stderr(err):
        code = main(["ingest", str(corpus), str(missing), "--db", str(db), "--workers", "1", "--no-progress",
                     *NO_NER])
    assert code == 0
    assert f"0 documents added, {before[0]} already there" in err.getvalue()
    con = sqlite3.connect(db)
    after = con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM errors), "
                        "(SELECT count(*) FROM events)").fetchone()
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
    assert after == before


def test_ingest_of_nothing_readable_fails(tmp_path, capsys):
    code, _, err = run(capsys, "ingest", tmp_path / "no-such-folder", "--db", tmp_path / "h.db",
                       "--workers", "1", "--no-progress", *NO_NER)
    no_traceback(err)
    assert f"hadath: skipped {tmp_path / 'no-such-folder'}: no such file or directory" in err
    assert code == 1


# -- the store's commands, given a bad file as the store or as events ------------------

STORE_COMMANDS = [["stats"], ["events"], ["export", "--format", "jsonl"], ["network", "summary"]]


@pytest.mark.parametrize("command", STORE_COMMANDS, ids=lambda c: c[0])
def test_store_commands_refuse_a_bad_file_as_db_in_one_line(command, corpus, capsys):
    for case in CASES:
        path = corpus / case.name
        if case.skip(path) or case.name == "unreadable.txt":
            continue
        code, out, err = run(capsys, *command, "--db", path)
        no_traceback(out, err)
        assert code == 1, (case.name, err)
        (line,) = err.strip().splitlines()
        assert line.startswith(f"hadath: error: {path}"), line


@pytest.mark.parametrize("command", [["network", "summary", "--events"], ["eval", "--gsr"],
                                     ["eval", "--gold"], ["actors", "find", "--file"]],
                         ids=lambda c: " ".join(c[:2]))
def test_commands_reading_a_file_refuse_bad_ones_in_one_line(command, corpus, capsys):
    for case in ERRORS + [c for c in PROCESSED if command[0] != "actors"]:
        path = corpus / case.name
        # Opening a FIFO waits for its writer, as `cat` does (and lets `--gsr <(...)` work).
        if case.skip(path) or case.name in ("unreadable.txt", "fifo.txt"):
            continue
        code, out, err = run(capsys, *command, path)
        no_traceback(out, err)
        if code == 0:        # an empty events or GSR file is fine, and actors find reads any text
            continue
        assert code in (1, 2), (case.name, err)
        assert len(err.strip().splitlines()) == 1 or err.startswith("Usage:"), (case.name, err)
        assert str(path) in err or path.name in err, (case.name, err)


def test_debug_shows_the_traceback(corpus, capsys):
    from hadath.errors import HadathError
    with pytest.raises(HadathError, match="not a hadath database"):
        main(["--debug", "stats", "--db", str(corpus / "document.pdf")])


def test_extract_goes_on_when_the_pipeline_fails_on_one_document(tmp_path, capsys, monkeypatch):
    import hadath.extract
    real = hadath.extract.load_pipeline

    def fragile(**kw):
        nlp = real(**kw)

        def run_doc(doc):
            if "انهيار" in doc.text:
                raise ValueError("a bug in a component")
            return nlp(doc)
        return run_doc

    monkeypatch.setattr(hadath.extract, "load_pipeline", fragile)
    (tmp_path / "a.txt").write_text("انهيار " + ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    code, out, err = run(capsys, "extract", *NO_NER, tmp_path / "a.txt", tmp_path / "b.txt")
    assert code == 1 and "Traceback" not in err
    assert f"hadath: skipped {tmp_path / 'a.txt'}: extraction failed" in err
    assert any(json.loads(line).get("doc_id") == "b" for line in out.splitlines())


def test_jsonl_with_a_lone_surrogate_escape_is_read(tmp_path, capsys):
    """An emoji cut in two by a crawler leaves "\\ud83d" alone in the JSON: the character becomes
    U+FFFD (one for one, offsets hold) instead of failing when the output is written."""
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "cut", "title": "x\\udc00", "text": "' + ATTACK.replace(" طرابلس", " \\ud83d طرابلس")
                    + '."}\n{"id": "pair", "text": "' + ATTACK + ' \\ud83d\\ude00."}\n', encoding="utf-8")
    code, out, err = run(capsys, "extract", *NO_NER, path)
    no_traceback(out, err)
    assert code == 0 and err == ""
    records = [json.loads(line) for line in out.splitlines()]
    assert {r["doc_id"] for r in records} == {"cut", "pair"}
    from hadath.readers import read_inputs
    texts = {d.id: d.text for d in read_inputs([path])}
    assert "\ufffd" in texts["cut"] and "\U0001F600" in texts["pair"]
    for r in records:
        check_records([r], texts[r["doc_id"]])
