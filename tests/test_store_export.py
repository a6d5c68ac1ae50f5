"""Exports open in their natural readers, and the PLOVER export follows the PLOVER data fields."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from hadath.store import Store
from hadath.store.export import export
from hadath.store.ingest import Options, ingest

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))

FAKE = Options(pipeline="test_store_fake:load", time_limit=5)

# The PLOVER manual's "Data Fields" chapter (PLOVER_MANUAL.tex, tables tab:json, tab:actorinfo,
# tab:textinfo, tab:citeinfo, tab:locations). Providers may add fields: ours live under "hadath".
PLOVER_FIELDS = {"id", "has_event", "date", "time", "enddate", "endtime", "actor", "recipient", "event",
                 "event_loc", "event_text", "quad_code", "event_scale", "mode", "context", "link", "text",
                 "text_info", "cite_info", "coder", "coded_date", "coded_time", "comment"}
PLOVER_REQUIRED = {"id", "date", "actor", "event"}
ENTITY_FIELDS = {"code", "sector", "entity_text", "identifier_id", "identifier_text", "religion", "ethnicity",
                 "office", "gender", "age"}
TEXT_INFO_FIELDS = {"sequence", "start", "end", "text_story"}
CITE_FIELDS = {"corpus", "citation", "url", "title", "language", "publication", "license", "copyright", "coder",
               "codebook", "version"}
LOCATION_FIELDS = {"extracted_place", "resolved_place", "geonameid", "lat", "lon", "city", "district", "province",
                   "country", "country_code", "feature_class", "feature_code", "resolution"}
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def validate_plover(rec: dict) -> None:
    assert PLOVER_REQUIRED <= rec.keys()
    assert rec.keys() - {"hadath"} <= PLOVER_FIELDS, rec.keys() - PLOVER_FIELDS
    assert isinstance(rec["id"], str) and rec["id"]
    assert rec["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", rec["date"])
    if "enddate" in rec:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", rec["enddate"])
    assert isinstance(rec["event"], list) and set(rec["event"]) <= PLOVER_TYPES and rec["event"]
    for side in ("actor", "recipient"):
        assert isinstance(rec.get(side, []), list)
        for ent in rec.get(side, []):
            assert ent.keys() <= ENTITY_FIELDS
            assert isinstance(ent["code"], str) and len(ent["code"]) in (0, 3)
            assert isinstance(ent["sector"], str) and len(ent["sector"]) in (0, 3, 6)
    assert rec["quad_code"] in (1, 2, 3, 4)
    assert isinstance(rec["event_scale"], (int, float)) and -10 <= rec["event_scale"] <= 10
    assert isinstance(rec["mode"], list) and isinstance(rec["context"], list)
    assert all(isinstance(t, str) for t in rec.get("event_text", []))
    assert rec.get("text_info", {}).keys() <= TEXT_INFO_FIELDS
    assert rec.get("cite_info", {}).keys() <= CITE_FIELDS
    assert rec.get("event_loc", {}).keys() <= LOCATION_FIELDS
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", rec["coded_date"])


def test_plover_field_names_match_the_manual(shared):
    """The field lists above are those of the manual's tables."""
    tex = (shared / "data" / "plover" / "PLOVER_MANUAL.tex").read_text(encoding="utf-8")
    chapter = tex[tex.index("\\chapter{Data Fields}"):tex.index("\\section{Adding to PLOVER")]
    names = {m.replace("\\_", "_") for m in re.findall(r"^([a-z][a-z\\_]*) &", chapter, re.M)}
    assert PLOVER_FIELDS | ENTITY_FIELDS | TEXT_INFO_FIELDS | CITE_FIELDS | LOCATION_FIELDS <= names | {"comment"}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("export")
    rows = [
        {"id": "a", "text": "مصر وتركيا دعم ليبيا في طرابلس في خطوة مفاجئة.", "published": "2018-03-01",
         "outlet": "العربية", "url": "https://example.org/a", "title": "خبر"},
        {"id": "b", "text": 'الجيش الإسرائيلي هاجم "ليبيا" نقلا عن رويترز.', "published": "2018-03-02",
         "outlet": "فرانس 24"},
        {"id": "c", "text": "روسيا زار في إطار جهود التهدئة.", "outlet": "فرانس 24"},
    ]
    feed = tmp / "feed.jsonl"
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    db = tmp / "h.db"
    ingest([feed], db, workers=1, options=FAKE)
    return db


def test_plover_export_is_json_and_valid(store, tmp_path):
    out = tmp_path / "events.plover.json"
    with Store(store) as s:
        n = export(s, "plover", str(out))
    records = json.loads(out.read_text(encoding="utf-8"))
    assert len(records) == n == 3
    for rec in records:
        validate_plover(rec)
    b = next(r for r in records if r["id"] == "b#0")
    assert b["actor"] == [{"code": "ISR", "sector": "MIL", "entity_text": "الجيش الإسرائيلي",
                           "identifier_id": "Q49154", "identifier_text": "Israel Defense Forces"}]
    assert b["event"] == ["ASSAULT"] and b["quad_code"] == 4 and b["date"] == "2018-03-02"
    assert [a["name"] for a in b["hadath"]["attribution"]] == ["فرانس 24", "Reuters"]
    a = next(r for r in records if r["id"] == "a#0")
    assert a["event_loc"] == {"extracted_place": "طرابلس", "resolved_place": "Tripoli", "country_code": "LBY"}
    assert a["cite_info"]["url"] == "https://example.org/a"
    c = next(r for r in records if r["id"] == "c#0")
    assert c["date"] is None            # no date in the text, none published: unknown, not invented


def test_csv_and_parquet_open_in_pandas_one_row_per_dyad(store, tmp_path):
    pd = pytest.importorskip("pandas")
    with Store(store) as s:
        n_csv = export(s, "csv", str(tmp_path / "e.csv"))
        n_pq = export(s, "parquet", str(tmp_path / "e.parquet"))
    table = pd.read_csv(tmp_path / "e.csv")
    parquet = pd.read_parquet(tmp_path / "e.parquet")
    assert len(table) == len(parquet) == n_csv == n_pq
    # "مصر وتركيا دعم ليبيا": the fake pipeline takes the nearest actor before the verb only.
    a = table[table.event_id == "a#0"]
    assert list(a.actor2_code) == ["LBY"]
    b = parquet[parquet.event_id == "b#0"].iloc[0]
    assert (b.actor1_code, b.actor2_code, b.event_type, b.quad_code, b.score) == ("ISRMIL", "LBY", "ASSAULT", 4, -9.0)
    assert b.source == "فرانس 24 < Reuters"
    c = table[table.event_id == "c#0"].iloc[0]
    assert c.actor1_code == "RUS" and pd.isna(c.actor2_code)
    assert list(table.columns) == list(parquet.columns)


def test_dyads_multiply_sides():
    from hadath.store.export import dyads
    record = {"event_id": "x#0", "doc_id": "x", "type": "CONSULT", "evidence": {"text": ""},
              "actor": [{"id": "EGY", "country": "EGY"}, {"id": "TUR", "country": "TUR", "sector": "GOV"}],
              "recipient": [{"id": "LBY", "country": "LBY"}, {"id": "UN", "country": "IGO", "sector": "IGO"}]}
    rows = list(dyads(record))
    assert [(r["actor1_code"], r["actor2_code"]) for r in rows] == [
        ("EGY", "LBY"), ("EGY", "IGOIGO"), ("TURGOV", "LBY"), ("TURGOV", "IGOIGO")]


def test_jsonl_export_and_cli(store, tmp_path):
    from test_store_ingest import run_cli
    r = run_cli("export", "--db", store, "--format", "jsonl", "--type", "ASSAULT")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert [x["event_id"] for x in lines] == ["b#0"]
    r = run_cli("export", "--db", store, "--format", "parquet")
    assert r.returncode == 1 and "needs --out" in r.stderr and "Traceback" not in r.stderr
    out = tmp_path / "p.json"
    r = run_cli("export", "--db", store, "--format", "plover", "--out", out)
    assert r.returncode == 0 and len(json.loads(out.read_text(encoding="utf-8"))) == 3
    assert not (tmp_path / "p.json.part").exists()
