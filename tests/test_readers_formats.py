"""Readers: every format, every encoding, and one clear InputError per bad document."""
from __future__ import annotations

import csv
import gzip
import json
import os

import pytest

from hadath.errors import InputError
from hadath.model import Document
from hadath.readers import decode, iter_units, load_unit, read_inputs

ARABIC = "قال وزير الخارجية المصري إن القاهرة ترفض أي تدخل أجنبي في ليبيا."
HTML = """<!DOCTYPE html><html lang="ar"><head><meta charset="{charset}">
<title>شكري يرفض التدخل الأجنبي - سكاي نيوز عربية</title>
<meta property="og:site_name" content="سكاي نيوز عربية"><meta name="author" content="أحمد علي">
<meta property="article:published_time" content="2018-03-04T10:00:00Z"></head>
<body><nav><a href="/">الرئيسية</a> | <a href="/world">العالم</a></nav>
<article><h1>شكري يرفض التدخل الأجنبي</h1>
<p>{text}</p><p>وأضاف الوزير أن الحل السياسي هو السبيل الوحيد لإنهاء الأزمة الليبية، داعيا جميع الأطراف إلى الحوار.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>"""


def one(paths, **kw):
    items = list(read_inputs(paths, **kw))
    assert len(items) == 1, items
    return items[0]


def test_text_file(tmp_path):
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    doc = one([tmp_path / "a.txt"])
    assert isinstance(doc, Document) and doc.id == "a" and doc.text == ARABIC
    assert doc.meta["encoding"] == "utf-8"


def test_utf8_bom(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf" + ARABIC.encode())
    assert one([tmp_path / "a.txt"]).text == ARABIC


@pytest.mark.parametrize("codec,recorded", [("cp1256", "windows-1256"), ("iso-8859-6", "iso-8859-6"),
                                            ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"),
                                            ("utf-16-be", "utf-16-be")])
def test_encodings_detected_with_auto_and_recorded(tmp_path, codec, recorded):
    text = ARABIC.replace("أ", "ا") if codec == "iso-8859-6" else ARABIC   # no hamza forms in ISO-8859-6
    (tmp_path / "a.txt").write_bytes(text.encode(codec))
    doc = one([tmp_path / "a.txt"], encoding="auto")
    assert isinstance(doc, Document), doc
    assert doc.text == text and doc.meta["encoding"] == recorded
    strict = one([tmp_path / "a.txt"])
    assert isinstance(strict, InputError) and "--encoding auto" in strict.reason


def test_windows_1256_in_strict_mode_names_the_encoding(tmp_path):
    (tmp_path / "a.txt").write_bytes(ARABIC.encode("cp1256"))
    err = one([tmp_path / "a.txt"])
    assert isinstance(err, InputError) and "not valid UTF-8" in err.reason and "windows-1256" in err.reason


@pytest.mark.parametrize("data,reason", [
    (b"", "empty document"),
    (b"  \n\t\n", "empty document"),
    (bytes(range(256)) * 8, "binary"),
    (b"%PDF-1.4\n" + b"x" * 100, "binary"),
    ("مصر".encode() + b"\x00\x01\x02" * 20, "binary"),
    (ARABIC.encode()[:-2], "truncated"),
    (ARABIC.encode()[:20] + b"\xff\xfe" + ARABIC.encode()[20:], "not valid UTF-8"),
])
def test_bad_bytes(tmp_path, data, reason):
    (tmp_path / "a.txt").write_bytes(data)
    for encoding in ("utf-8", "auto"):
        err = one([tmp_path / "a.txt"], encoding=encoding)
        assert isinstance(err, InputError) and reason in err.reason, (encoding, err)
        assert "\n" not in str(err)


def test_damaged_utf8_is_not_mistaken_for_windows_1256(tmp_path):
    data = (ARABIC * 5).encode()
    data = data[:50] + b"\xc3" + data[51:]
    (tmp_path / "x.txt").write_bytes(data)
    err = one([tmp_path / "x.txt"], encoding="auto")
    assert isinstance(err, InputError) and "not valid UTF-8" in err.reason


def test_html_page_main_text_and_metadata(tmp_path):
    (tmp_path / "page.html").write_text(HTML.format(charset="utf-8", text=ARABIC), encoding="utf-8")
    doc = one([tmp_path / "page.html"])
    assert isinstance(doc, Document), doc
    assert ARABIC in doc.text and "الرئيسية" not in doc.text and "محفوظة" not in doc.text
    assert doc.meta["title"].startswith("شكري يرفض التدخل الأجنبي")
    assert doc.meta["author"] == "أحمد علي"
    assert doc.meta["outlet"] == "سكاي نيوز عربية"
    assert doc.published == "2018-03-04"
    assert doc.id == "page"


def test_html_declared_windows_1256(tmp_path):
    (tmp_path / "page.htm").write_bytes(HTML.format(charset="windows-1256", text=ARABIC).encode("cp1256"))
    doc = one([tmp_path / "page.htm"])
    assert isinstance(doc, Document) and ARABIC in doc.text and doc.meta["encoding"] == "windows-1256"


def test_html_windows_1256_declared_as_utf8(tmp_path):
    (tmp_path / "page.html").write_bytes(HTML.format(charset="utf-8", text=ARABIC).encode("cp1256"))
    err = one([tmp_path / "page.html"])
    assert isinstance(err, InputError) and "windows-1256" in err.reason
    doc = one([tmp_path / "page.html"], encoding="auto")
    assert isinstance(doc, Document) and ARABIC in doc.text and doc.meta["encoding"] == "windows-1256"


def test_broken_html(tmp_path):
    (tmp_path / "open.html").write_text("<html><body><div><p>" + ARABIC + " " + ARABIC + "<p><b><i>",
                                        encoding="utf-8")
    doc = one([tmp_path / "open.html"])
    assert isinstance(doc, Document) and ARABIC in doc.text
    (tmp_path / "nothing.html").write_text("<html><head><script>var x = 1;</script></head><body><div>",
                                           encoding="utf-8")
    err = one([tmp_path / "nothing.html"])
    assert isinstance(err, InputError) and "no main text" in err.reason


def test_jsonl_with_a_broken_line_goes_on(tmp_path):
    lines = [json.dumps({"id": "x1", "text": ARABIC, "outlet": "العربية", "published": "2018-02-01"},
                        ensure_ascii=False),
             '{"id": "x2", "text": "نص مقطوع',
             json.dumps([1, 2]),
             json.dumps({"id": "x4", "text": ""}),
             "",
             json.dumps({"text": ARABIC + " ثانية"}, ensure_ascii=False)]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([tmp_path / "feed.jsonl"]))
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "InputError", "InputError", "Document"]
    assert items[0].meta["outlet"] == "العربية" and items[0].published == "2018-02-01"
    assert items[1].where.endswith("feed.jsonl:2") and "not valid JSON" in items[1].reason
    assert items[3].reason == "empty document"
    assert items[4].id == "feed-6"


def test_csv_with_metadata_and_a_stray_quote(tmp_path):
    path = tmp_path / "t.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text", "outlet", "published"])
        w.writerow(["r1", ARABIC + '\nسطر ثان، "مقتبس"', "فرانس 24", "2018-01-02"])
        f.write('r2,"نص بلا نهاية, فرانس 24,2018-01-03\n')
    items = list(read_inputs([path]))
    assert isinstance(items[0], Document) and items[0].meta["outlet"] == "فرانس 24" and items[0].id == "r1"
    assert "مقتبس" in items[0].text and items[0].published == "2018-01-02"
    assert isinstance(items[1], InputError) and "CSV" in items[1].reason and len(items) == 2
    (tmp_path / "u.csv").write_text('id,text\nr1,a "quoted" word here\nr2,x,y\n', encoding="utf-8")
    items = list(read_inputs([tmp_path / "u.csv"]))
    assert isinstance(items[0], Document) and isinstance(items[1], InputError)
    assert "expected 2 fields" in items[1].reason
    (tmp_path / "notext.csv").write_text("id,body\n1,x\n", encoding="utf-8")
    assert "text" in one([tmp_path / "notext.csv"]).reason


def test_gzip_of_every_format(tmp_path):
    with gzip.open(tmp_path / "a.txt.gz", "wb") as f:
        f.write(ARABIC.encode())
    with gzip.open(tmp_path / "b.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "j", "text": ARABIC}, ensure_ascii=False) + "\n")
    with gzip.open(tmp_path / "c.csv.gz", "wt", encoding="utf-8") as f:
        f.write(f"id,text\nc,{ARABIC}\n")
    with gzip.open(tmp_path / "d.html.gz", "wt", encoding="utf-8") as f:
        f.write(HTML.format(charset="utf-8", text=ARABIC))
    docs = list(read_inputs([tmp_path]))
    assert [d.id for d in docs] == ["a", "j", "c", "d"]
    assert all(ARABIC in d.text for d in docs)
    (tmp_path / "broken.txt.gz").write_bytes(gzip.compress(ARABIC.encode())[:-10])
    err = one([tmp_path / "broken.txt.gz"])
    assert isinstance(err, InputError) and "gzip" in err.reason


def test_size_limit_also_after_decompression(tmp_path):
    with gzip.open(tmp_path / "bomb.txt.gz", "wb") as f:
        f.write(b"a" * 100_000)
    err = one([tmp_path / "bomb.txt.gz"], max_bytes=10_000)
    assert isinstance(err, InputError) and "too large" in err.reason
    (tmp_path / "big.jsonl").write_text(json.dumps({"text": "x" * 20_000}) + "\n" + json.dumps({"text": "ok"}) + "\n")
    items = list(read_inputs([tmp_path / "big.jsonl"], max_bytes=10_000))
    assert isinstance(items[0], InputError) and "too large" in items[0].reason
    assert isinstance(items[1], Document) and items[1].text == "ok"


def test_symlinks_missing_files_and_fifos(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (tmp_path / "target.txt").write_text(ARABIC, encoding="utf-8")
    (folder / "link.txt").symlink_to(tmp_path / "target.txt")
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    os.mkfifo(folder / "pipe.txt")
    items = list(read_inputs([folder, tmp_path / "missing.txt"]))
    reasons = {os.path.basename(i.where): i.reason for i in items}
    assert all(isinstance(i, InputError) for i in items)
    assert "symbolic link" in reasons["link.txt"] and "symbolic link" in reasons["dangling.txt"]
    assert "symbolic link" in reasons["loop"]
    assert "not a regular file" in reasons["pipe.txt"]
    assert reasons["missing.txt"] == "no such file or directory"
    # Named on the command line, a link is followed; a dangling one is named as such.
    assert isinstance(one([folder / "link.txt"]), Document)
    assert "broken symbolic link" in one([folder / "dangling.txt"]).reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "a.txt").chmod(0)
    err = one([tmp_path / "a.txt"])
    assert isinstance(err, InputError) and err.reason == "permission denied"


def test_units_are_cheap_and_picklable(tmp_path):
    import pickle
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "x", "text": ARABIC}, ensure_ascii=False) + "\n",
                                         encoding="utf-8")
    (tmp_path / "p.html").write_text(HTML.format(charset="utf-8", text=ARABIC), encoding="utf-8")
    units = list(iter_units([tmp_path]))
    assert [u.kind for u in units] == ["jsonl", "html"]
    assert units[1].data is None                 # files are read by the worker, not the walker
    doc = load_unit(pickle.loads(pickle.dumps(units[0])))
    assert doc.id == "x"


def test_decode_keeps_its_contract():
    assert decode(ARABIC.encode(), "x") == (ARABIC, "utf-8")
    with pytest.raises(InputError):
        decode(b"\xff\xfe" + ARABIC.encode("utf-16-le"), "x")
    assert decode(b"\xff\xfe" + ARABIC.encode("utf-16-le"), "x", "auto") == (ARABIC, "utf-16")


def test_csv_in_windows_1256_streamed_with_auto(tmp_path):
    rows = "id,text,outlet\n" + "".join(f"r{i},{ARABIC} {i},العربية\n" for i in range(5000))
    (tmp_path / "t.csv").write_bytes(rows.encode("cp1256"))
    docs = list(read_inputs([tmp_path / "t.csv"], encoding="auto"))
    assert len(docs) == 5000 and all(isinstance(d, Document) for d in docs)
    assert docs[-1].text == f"{ARABIC} 4999" and docs[-1].meta == {
        "outlet": "العربية", "path": str(tmp_path / "t.csv"), "encoding": "windows-1256"}
    err = one([tmp_path / "t.csv"])
    assert isinstance(err, InputError) and "windows-1256" in err.reason


def test_unreadable_file_even_as_root(tmp_path, monkeypatch):
    import hadath.readers as readers
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARABIC, encoding="utf-8")

    def refuse(path, gz):
        if path.name == "a.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, "rb")

    monkeypatch.setattr(readers, "_open_binary", refuse)
    items = list(read_inputs([tmp_path]))
    assert isinstance(items[0], InputError) and items[0].reason == "permission denied"
    assert isinstance(items[1], Document)


def test_rows_after_a_stray_quote_are_read_again(tmp_path):
    (tmp_path / "t.csv").write_text(f'id,text\nr1,"{ARABIC}"" وقال\nr2,"{ARABIC}"\nr3,{ARABIC}\n', encoding="utf-8")
    items = list(read_inputs([tmp_path / "t.csv"]))
    assert isinstance(items[0], InputError) and items[0].where.endswith("t.csv:2") and "stray quote" in items[0].reason
    assert [d.id for d in items[1:]] == ["r2", "r3"]


def test_unicode_spaces_only_is_empty(tmp_path):
    (tmp_path / "s.txt").write_text("\u00a0\u2003\u200b\u3000\n\u00a0", encoding="utf-8")
    assert one([tmp_path / "s.txt"]).reason == "empty document"
