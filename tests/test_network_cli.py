"""`hadath network ...` end to end on the reference fixture."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from hadath.cli import main

FIXTURE = str(Path(__file__).parent / "data" / "network_cafiero.jsonl")


def run(capsys, *args):
    code = main(["network", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_allies_lists_the_backers(capsys):
    code, out, _ = run(capsys, "allies", "Khalifa Haftar", "--events", FIXTURE, "--evidence")
    assert code == 0
    for name in ("Israel", "United Arab Emirates", "Egypt", "France", "Saudi Arabia"):
        assert name in out
    assert "Algeria" not in out and "cafiero-haftar-israel-ar#2" in out
    # the evidence itself, one line per event, with who says so
    assert "«حفتر وعد إسرائيل بمراكز آمنة»" in out
    assert "claimed per Middle East Monitor < unnamed source" in out


def test_rivals_json(capsys):
    code, out, _ = run(capsys, "rivals", "حفتر", "--events", FIXTURE, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["actor"] == "HAFTAR"
    assert [r["name"] for r in data["rivals"]] == ["Algeria"] and data["rivals"][0]["weight"] < 0


def test_path_shows_direct_tie_and_go_between(capsys):
    code, out, _ = run(capsys, "path", "Israel", "Khalifa Haftar", "--events", FIXTURE)
    assert code == 0
    assert "Israel -> Khalifa Haftar: weight +" in out
    assert "Intermediaries" in out and "United Arab Emirates" in out
    code, out, _ = run(capsys, "path", "Israel", "Khalifa Haftar", "--events", FIXTURE, "--evidence")
    assert code == 0 and "الذي تم عبر الإمارات" in out


def test_blocs_summary_series_changes(capsys):
    code, out, _ = run(capsys, "blocs", "--events", FIXTURE, "--rollup", "affiliation")
    assert code == 0 and "3 blocs" in out
    code, out, _ = run(capsys, "summary", "--events", FIXTURE, "--since", "2019")
    assert code == 0 and "Libyan National Army" in out
    code, out, _ = run(capsys, "series", "Haftar", "Israel", "--events", FIXTURE, "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("period,")
    code, out, _ = run(capsys, "changes", "--old", "2014..2016", "--new", "2017..2019",
                       "--events", FIXTURE, "--format", "json")
    data = json.loads(out)
    assert code == 0 and {(r["a"], r["b"]) for r in data["new"]} >= {("DZA", "HAFTAR")}


def test_export_gexf_and_per_year(capsys, tmp_path):
    out_file = tmp_path / "n.gexf"
    code, _, _ = run(capsys, "export", "--events", FIXTURE, "--format", "gexf", "-o", str(out_file))
    assert code == 0 and nx.read_gexf(out_file).number_of_edges() == 16
    code, _, err = run(capsys, "export", "--events", FIXTURE, "--format", "graphml", "--every", "year",
                       "-o", str(tmp_path / "years"))
    assert code == 0
    files = sorted(p.name for p in (tmp_path / "years").iterdir())
    assert files[0] == "network-2014.graphml" and files[-1] == "network-2019.graphml"


@pytest.mark.parametrize("suffix,magic", [(".png", b"\x89PNG"), (".svg", b"<?xml")])
def test_plot_graph_and_timeline(capsys, tmp_path, suffix, magic):
    graph_file, timeline = tmp_path / f"g{suffix}", tmp_path / f"t{suffix}"
    assert run(capsys, "plot", "--events", FIXTURE, "-o", str(graph_file))[0] == 0
    assert run(capsys, "plot", "--events", FIXTURE, "--timeline", "Khalifa Haftar", "-o", str(timeline))[0] == 0
    assert graph_file.read_bytes().startswith(magic) and timeline.read_bytes().startswith(magic)


def test_foreseeable_errors_are_one_line(capsys, tmp_path):
    for args in (["allies", "Nobody", "--events", FIXTURE],
                 ["allies", "Haftar"],
                 ["summary", "--events", FIXTURE, "--since", "last year"],
                 ["plot", "--events", FIXTURE, "-o", str(tmp_path / "x.pdf")]):
        code, _, err = run(capsys, *args)
        assert code == 1 and err.startswith("hadath: error:") and len(err.strip().splitlines()) == 1


def test_db_source_gets_an_iso_lower_bound(capsys, tmp_path, monkeypatch):
    import sys
    import types

    from hadath.network.sources import JsonlEvents
    calls = []

    class Store:
        def __init__(self, path):
            pass

        def iter_events(self, since=None, until=None):
            calls.append((since, until))
            return iter(JsonlEvents(FIXTURE))

    monkeypatch.setitem(sys.modules, "hadath.store", types.SimpleNamespace(Store=Store))
    db = tmp_path / "h.db"
    db.write_bytes(b"")
    code, out, _ = run(capsys, "rivals", "Khalifa Haftar", "--db", str(db), "--since", "2017")
    assert code == 0 and calls == [("2017-01-01", None)] and "Algeria" in out
    code, out, _ = run(capsys, "rivals", "Khalifa Haftar", "--db", str(db), "--since", "2018")
    assert code == 0 and "Algeria" not in out
