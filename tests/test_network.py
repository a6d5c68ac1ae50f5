"""The alliance network (issue #8): graph, weighting, roll-ups, time, analysis.

The reference-article checks run twice: on a hand-coded JSONL fixture of the article's
events (tests/data/network_cafiero.jsonl), and on the real extraction pipeline's output
for the article."""
from __future__ import annotations

import copy
import datetime as dt
import sys
import types
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from hadath.errors import HadathError
from hadath.network import analysis
from hadath.network.blocs import describe, signed_louvain
from hadath.network.graph import ActorGraph
from hadath.network.rollup import load_affiliations, make_rollup
from hadath.network.sources import JsonlEvents, open_events
from hadath.network.table import build_table
from hadath.network.weighting import discount, event_weight, score
from hadath.network.windows import bounds, event_day, period_label, span, until_day

FIXTURE = Path(__file__).parent / "data" / "network_cafiero.jsonl"
STATE_ALLIES = {"ISR", "ARE", "EGY", "FRA", "SAU"}


def fixture_records() -> list[dict]:
    return list(JsonlEvents(FIXTURE))


def graph_of(records, rollup="none", since=None, until=None, **kw) -> ActorGraph:
    table = build_table(records)
    return ActorGraph(table, since, until, make_rollup(table, rollup, use_kb=False, **kw))


# --- the reference article, from the fixture and from the real pipeline ------------------

@pytest.fixture(scope="module", params=["fixture", "pipeline"])
def reference_graph(request):
    if request.param == "fixture":
        return graph_of(fixture_records())
    request.getfixturevalue("shared")
    from hadath.model import Document, event_records
    text = request.getfixturevalue("reference_text")
    nlp = request.getfixturevalue("pipeline")
    doc = nlp(Document(id="cafiero-haftar-israel-ar", text=text, published="2019-07-01"))
    return graph_of(event_records(doc))


def _state(graph, node):
    """The country a partner stands for, when it is a state (or the state's government)."""
    attrs = graph.nodes[node]
    return attrs.get("country") if attrs.get("type") in ("state", "government", None) else None


def test_haftar_allies_are_the_five_states_with_positive_weights(reference_graph):
    g = reference_graph
    haftar = analysis.resolve(g, "Khalifa Haftar")
    allies = analysis.allies(g, haftar)
    by_state = {_state(g, r["partner"]): r for r in allies}
    assert STATE_ALLIES <= set(by_state), [r["name"] for r in allies]
    for code in STATE_ALLIES:
        assert by_state[code]["weight"] > 0 and by_state[code]["events"] >= 1
        assert by_state[code]["event_ids"]


def test_israel_haftar_path_has_direct_tie_and_the_uae_between(reference_graph):
    g = reference_graph
    israel, haftar = analysis.resolve(g, "Israel"), analysis.resolve(g, "Khalifa Haftar")
    result = analysis.path(g, israel, haftar)
    assert result["direct"] and any(d["weight"] > 0 for d in result["direct"])
    assert {d["from"] for d in result["direct"]} <= {israel, haftar}
    via = {_state(g, m["node"]) for m in result["intermediaries"]}
    assert "ARE" in via


def test_algeria_haftar_tie_is_negative(reference_graph):
    g = reference_graph
    haftar = analysis.resolve(g, "Khalifa Haftar")
    algeria = [p for p in g.neighbours(haftar) if _state(g, p) == "DZA"]   # the state or its government
    assert algeria and all(g.tie(p, haftar).weight < 0 for p in algeria)
    assert set(algeria) <= {r["partner"] for r in analysis.rivals(g, haftar)}


# --- reading ---------------------------------------------------------------------------------

def test_jsonl_skips_document_and_error_lines():
    records = fixture_records()
    assert len(records) == 21 and all(r["type"] for r in records)


def test_bad_jsonl_line_is_a_one_line_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "AID"}\nnot json\n', encoding="utf-8")
    with pytest.raises(HadathError, match="bad.jsonl:2"):
        list(JsonlEvents(bad))


def test_exactly_one_source_is_required(tmp_path):
    with pytest.raises(HadathError):
        open_events([], None)
    with pytest.raises(HadathError):
        open_events([FIXTURE], tmp_path / "x.db")
    with pytest.raises(HadathError, match="no such"):
        open_events([tmp_path / "missing.jsonl"])


def test_store_source_reads_iter_events_lazily(tmp_path, monkeypatch):
    calls = []

    class Store:
        def __init__(self, path):
            self.path = path

        def iter_events(self, since=None, until=None):
            calls.append((since, until))
            return iter(fixture_records())

    monkeypatch.setitem(sys.modules, "hadath.store", types.SimpleNamespace(Store=Store))
    db = tmp_path / "h.db"
    db.write_bytes(b"")
    table = build_table(open_events(db=db, since="2015"))
    assert table.records == 21 and calls == [("2015", None)]


# --- weighting -----------------------------------------------------------------------------

def test_scores_follow_plover_with_mode():
    assert score("AID", None) == 10 and score("ASSAULT", "aerial") == -9.5
    assert score("ACCUSE", None) == -3          # the manual's +3 read as a typo
    assert score("NOT_A_TYPE", None) == 0


def test_discount_takes_the_smallest_factor():
    assert discount("asserted") == 1.0
    assert discount("reported") == 0.75
    assert discount("reported", ["outlet", "anonymous"]) == 0.5
    assert discount("asserted", (), ["future"]) == 0.5
    assert discount("denied") == 0.0


def test_anonymous_claim_counts_less_than_asserted_fact():
    base = {"type": "AGREE", "certainty": "asserted", "attribution": []}
    claim = {**base, "certainty": "claimed",
             "attribution": [{"kind": "outlet"}, {"kind": "anonymous"}]}
    assert event_weight(base) == 2.5 and event_weight(claim) == 1.25


def test_negated_events_are_left_out():
    records = fixture_records()
    records[2]["negated"] = True
    table = build_table(records)
    assert table.skipped["negated"] == 1 and len(table.event_ids) == 20


# --- graph -----------------------------------------------------------------------------------

def test_edge_attributes_and_evidence():
    g = graph_of(fixture_records())
    tie = g.edges[("ISR", "LNA")]
    attrs = tie.attributes()
    assert attrs["events"] == 3 and attrs["types"] == {"SUPPORT": 2, "AID": 1}
    assert attrs["material_cooperation"] == 1 and attrs["verbal_cooperation"] == 2
    # SUPPORT asserted (5) + AID reported (10 x 0.75) + SUPPORT reported (5 x 0.75)
    assert attrs["weight"] == pytest.approx(5 + 7.5 + 3.75)
    assert attrs["first"] == "2015-01-01" and attrs["last"] == "2019-07-01"
    assert set(attrs["event_ids"]) == {"cafiero-haftar-israel-ar#2", "cafiero-haftar-israel-ar#11",
                                       "cafiero-haftar-israel-ar#19"}
    assert g.nodes["HAFTAR"]["name_ar"] == "خليفة حفتر" and g.nodes["HAFTAR"]["country"] == "LBY"


def test_reciprocal_event_links_both_ways_and_counts_once():
    g = graph_of(fixture_records())
    assert ("HAFTAR", "MOSSAD") in g.edges and ("MOSSAD", "HAFTAR") in g.edges
    assert g.tie("HAFTAR", "MOSSAD").events == 1
    assert g.tie("HAFTAR", "MOSSAD").weight == pytest.approx(2.5)


def test_affiliation_rollup_merges_haftar_into_lna_without_double_counting():
    g = graph_of(fixture_records(), "affiliation")
    assert "HAFTAR" not in g.nodes and "HAFTAR" in g.nodes["LNA"]["members"]
    assert {"ISR_MIL", "MOSSAD"} <= set(g.nodes["ISR"]["members"])
    # event #2 names both Haftar and the LNA as recipients: one event, not two
    tie = g.tie("ISR", "LNA")
    assert len(tie.event_ids) == len(set(tie.event_ids))
    assert "cafiero-haftar-israel-ar#2" in tie.event_ids
    assert analysis.resolve(g, "Khalifa Haftar") == "LNA"
    assert all(s != t for s, t in g.edges)


def test_affiliation_rollup_from_a_mapping_file(tmp_path):
    records = fixture_records()
    for r in records:
        for side in ("actor", "recipient", "others"):
            for e in r[side]:
                e.pop("affiliations", None)
    mapping = tmp_path / "aff.yaml"
    mapping.write_text("HOR: LNA\nISR_MIL: [ISR]\n", encoding="utf-8")
    g = graph_of(records, "affiliation", affiliations=load_affiliations(mapping))
    assert "HOR" not in g.nodes and "HAFTAR" in g.nodes and "ISR_MIL" not in g.nodes


def test_affiliation_rollup_keeps_armed_groups_out_of_their_state(tmp_path):
    mapping = tmp_path / "aff.yaml"
    mapping.write_text("LNA: LBY\nGNA: LBY\nLBY_STATE: LBY\n", encoding="utf-8")
    records = fixture_records()
    records.append(_event(99, "SUPPORT", "GNA", "UN", "2019-01-01"))
    records[-1]["actor"][0].update(type="government")
    records.append(_event(100, "AID", "LBY", "UN", "2019-01-01"))
    records[-1]["actor"][0].update(type="state")
    g = graph_of(records, "affiliation", affiliations=load_affiliations(mapping))
    assert "LNA" in g.nodes            # an armed group is not its state
    assert "GNA" not in g.nodes and "GNA" in g.nodes["LBY"]["members"]   # a government is


def test_country_rollup():
    g = graph_of(fixture_records(), "country")
    assert {"ISR", "LBY", "UN"} <= set(g.nodes)
    assert g.nodes["ISR"]["name"] == "Israel" and "MOSSAD" in g.nodes["ISR"]["members"]
    assert g.tie("ISR", "LBY").weight > 0
    assert analysis.resolve(g, "Khalifa Haftar") == "LBY"


def test_window_keeps_only_dated_events_inside():
    g = graph_of(fixture_records(), since=bounds("2015")[0], until=until_day("2016"))
    assert set(g.undirected()) == {("HAFTAR", "ISR"), ("ISR", "LNA"), ("HAFTAR", "MOSSAD")}
    assert g.tie("HAFTAR", "ISR").event_ids == ["cafiero-haftar-israel-ar#9"]


# --- time --------------------------------------------------------------------------------------

def test_window_specs():
    import datetime as dt
    assert [dt.date.fromordinal(d).isoformat() for d in bounds("2019-Q2")] == ["2019-04-01", "2019-06-30"]
    assert [dt.date.fromordinal(d).isoformat() for d in bounds("2020-02")] == ["2020-02-01", "2020-02-29"]
    lo, hi = span("2015..2016-06")
    assert dt.date.fromordinal(lo).isoformat() == "2015-01-01"
    assert dt.date.fromordinal(hi).isoformat() == "2016-06-30"
    assert span("..2016")[0] is None
    assert period_label(2019 * 4 + 1, "quarter") == "2019-Q2"
    for bad in ("19", "2019-13", "2019-Q5", "yesterday"):
        with pytest.raises(HadathError):
            bounds(bad)


def test_event_day_prefers_event_date_then_publication():
    assert event_day({"date": {"start": None, "end": "2016-12-31"}}) == bounds("2016-12-31")[0]
    assert event_day({"date": None, "published": "2019-07-01"}) == bounds("2019-07-01")[0]
    assert event_day({"date": None}) == 0


def test_trajectory_of_a_pair_has_no_holes():
    g = graph_of(fixture_records())
    rows = analysis.trajectory(g, "HAFTAR", "year", partner="ISR")
    assert [r["period"] for r in rows] == ["2015", "2016", "2017", "2018", "2019"]
    assert rows[1]["events"] == 0 and rows[0]["weight"] > 0


def test_summary_series():
    g = graph_of(fixture_records())
    rows = analysis.summary_series(g, "year")
    assert rows[0]["period"] == "2014" and rows[-1]["period"] == "2019"
    assert sum(r["events"] for r in rows) == 21
    assert next(r for r in rows if r["period"] == "2017")["negative"] < 0


def _event(n, typ, actor, recipient, date, **kw):
    ent = {a: {"id": a, "name": a.title()} for a in {actor, recipient}}
    return {"event_id": f"t#{n}", "type": typ, "actor": [ent[actor]], "recipient": [ent[recipient]],
            "date": {"start": date, "end": date}, "certainty": "asserted", **kw}


def test_changes_between_windows():
    records = [_event(0, "SUPPORT", "A", "B", "2015-03-01"),   # A-B: friends, then enemies
               _event(1, "ASSAULT", "A", "B", "2017-03-01"),
               _event(2, "AID", "A", "C", "2015-05-01"),       # A-C: broken
               _event(3, "CONSULT", "C", "D", "2017-05-01")]   # C-D: new
    table = build_table(records)
    old = ActorGraph(table, *span("2015..2016"))
    new = ActorGraph(table, *span("2017..2018"))
    result = analysis.changes(old, new)
    assert [(r["a"], r["b"]) for r in result["new"]] == [("C", "D")]
    assert [(r["a"], r["b"]) for r in result["broken"]] == [("A", "C")]
    assert [(r["a"], r["b"]) for r in result["reversed"]] == [("A", "B")]
    rev = result["reversed"][0]
    assert rev["old_weight"] > 0 > rev["new_weight"] and rev["event_ids"] == ["t#1"]


# --- analysis -----------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["Khalifa Haftar", "khalifa haftar", "HAFTAR", "خليفة حفتر", "حفتر",
                                   "Q5966433"])
def test_resolve_by_id_english_arabic_or_surface(query):
    assert analysis.resolve(graph_of(fixture_records()), query) == "HAFTAR"


def test_resolve_errors():
    g = graph_of(fixture_records())
    with pytest.raises(HadathError, match="did you mean 'Khalifa Haftar'"):
        analysis.resolve(g, "Khalifa Hafter")
    records = fixture_records()
    twin = copy.deepcopy(records[2])
    twin["actor"][0].update(id="ISR2")          # another actor called "Israel"
    with pytest.raises(HadathError, match="ambiguous"):
        analysis.resolve(graph_of(records + [twin]), "Israel")


def test_a_state_name_finds_its_government_when_the_state_is_absent():
    records = fixture_records()
    for r in records:
        for e in r["actor"]:
            if e["id"] == "DZA":
                e.update(id="DZA_GOV", name="Government of Algeria", type="government")
    g = graph_of(records)
    assert analysis.resolve(g, "dza") == "DZA_GOV"


def test_rivals_rank_most_hostile_first():
    g = graph_of(fixture_records(), "affiliation")
    rivals = analysis.rivals(g, "LNA")
    assert [r["partner"] for r in rivals] == ["GNA", "DZA"]


def test_path_without_direct_tie_goes_through_partners():
    g = graph_of(fixture_records())
    result = analysis.path(g, "FRA", "UN")
    assert result["direct"] == []
    assert result["paths"] and all(h["to"] for h in result["paths"][0])
    chain = [result["paths"][0][0]["from"]] + [h["to"] for h in result["paths"][0]]
    assert chain[0] == "FRA" and chain[-1] == "UN" and "GNA" in chain


def test_blocs_on_the_reference_fixture():
    g = graph_of(fixture_records())
    blocs = signed_louvain(g)
    where = {n: i for i, b in enumerate(blocs) for n in b}
    assert where["HAFTAR"] == where["ISR"] == where["EGY"] == where["ARE"] == where["FRA"] == where["SAU"]
    assert where["DZA"] != where["HAFTAR"]
    assert where["UN"] == where["GNA"] != where["HAFTAR"]
    rolled = graph_of(fixture_records(), "affiliation")
    blocs = signed_louvain(rolled)
    assert {"LNA", "ISR", "EGY", "ARE", "FRA", "SAU", "HOR"} in blocs
    info = describe(rolled, blocs)
    assert info["frustration"] == 0 and info["blocs"][0]["size"] == 7


def test_blocs_recover_two_balanced_factions():
    records, n = [], 0
    factions = (["A1", "A2", "A3", "A4"], ["B1", "B2", "B3", "B4"])
    for side in factions:
        for i, x in enumerate(side):
            for y in side[i + 1:]:
                records.append(_event(n, "COOPERATE", x, y, "2018-01-01"))
                n += 1
    for x, y in zip(*factions):
        records.append(_event(n, "ASSAULT", x, y, "2018-01-01"))
        n += 1
    records.append(_event(n, "CONSULT", "A1", "B1", "2018-01-01"))   # one cross-bloc contact
    blocs = signed_louvain(graph_of(records))
    assert sorted(map(sorted, blocs)) == [sorted(factions[0]), sorted(factions[1])]


def test_generic_agents_without_country_are_left_out():
    soldier = {"id": "AGENT_MIL_PERSON", "name": "soldier or officer", "type": "agent", "country": None}
    officials = {"id": "EGY-GOV", "name": "Egyptian officials", "type": "agent", "country": "EGY"}
    israel = {"id": "ISR", "name": "Israel", "type": "state", "country": "ISR"}
    records = [{"event_id": "g#0", "type": "SUPPORT", "actor": [israel], "recipient": [soldier]},
               {"event_id": "g#1", "type": "CONSULT", "actor": [officials], "recipient": [israel]}]
    table = build_table(records)
    assert set(table.pairs) == {("EGY-GOV", "ISR")} and table.generic == 1
    assert ("ISR", "AGENT_MIL_PERSON") in build_table(records, keep_generic=True).pairs


# --- invariants on random corpora -----------------------------------------------------------


_IDS = ["A", "B", "C", "D", "E"]
_entity = st.sampled_from(_IDS).map(lambda i: {"id": i, "name": i, "type": "state", "country": "C" + i})
_record = st.fixed_dictionaries({
    "type": st.sampled_from(["AID", "SUPPORT", "ASSAULT", "REQUEST", "CONSULT", "BOGUS"]),
    "actor": st.lists(_entity, min_size=1, max_size=3),
    "recipient": st.lists(_entity, max_size=2),
    "certainty": st.sampled_from(["asserted", "reported", "claimed", "denied"]),
    "date": st.one_of(st.none(), st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2016, 12, 31))
                      .map(lambda d: {"start": d.isoformat(), "end": None})),
})


@settings(max_examples=60, deadline=None)
@given(st.lists(_record, max_size=25))
def test_yearly_windows_partition_the_dated_evidence(records):
    for n, r in enumerate(records):
        r["event_id"] = f"r#{n}"
    table = build_table(records)
    whole = ActorGraph(table)
    dated = {k: {table.event_ids[r] for r in t.rows if table.days[r]} for k, t in whole.edges.items()}
    per_year: dict = {}
    for year in ("2014", "2015", "2016"):
        for k, t in ActorGraph(table, *span(year)).edges.items():
            assert not per_year.get(k, set()) & set(t.event_ids)      # no event in two years
            per_year.setdefault(k, set()).update(t.event_ids)
    assert {k: v for k, v in dated.items() if v} == per_year
    for (s, t), tie in whole.edges.items():
        assert s != t and len(set(tie.rows)) == len(tie.rows)
        assert tie.weight == pytest.approx(tie.positive + tie.negative)
    # an undirected tie holds each event of either direction once
    for (a, b), tie in whole.undirected().items():
        both: set = set()
        for key in ((a, b), (b, a)):
            if key in whole.edges:
                both |= set(whole.edges[key].rows)
        assert sorted(tie.rows) == sorted(both)
    country = ActorGraph(table, rollup=make_rollup(table, "country"))
    assert all(s != t for s, t in country.edges)
