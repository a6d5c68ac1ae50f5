"""`hadath actors candidates`: unknown names found by NER, most frequent first, as TSV."""
from __future__ import annotations

from hadath.cli import main

TEXT = ("وقال القيادي في الحركة مراد بوخريصة إن الحركة سترفض الاتفاق.\n"
        "وأضاف مراد بوخريصة أن الحركة ستواصل الاحتجاج.\n"
        "والتقى مراد بوخريصة مع وزير الخارجية التونسي في تونس.\n")


def test_candidates_lists_a_repeated_unknown_person(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    code = main(["actors", "candidates", str(tmp_path), "--min-count", "2"])
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = out.strip().splitlines()
    assert lines[0].split("\t") == ["name_ar", "type", "count", "name_en", "example"]
    rows = [line.split("\t") for line in lines[1:]]
    assert any("بوخريصة" in r[0] and int(r[2]) >= 2 and r[3] for r in rows), rows


def test_candidates_needs_files_or_a_store(capsys):
    assert main(["actors", "candidates"]) == 2
    assert "give files" in capsys.readouterr().err
