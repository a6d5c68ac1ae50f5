"""Exports: GEXF and GraphML load in networkx with every attribute; JSON and CSV are complete."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest

from hadath.errors import HadathError
from hadath.network import export
from hadath.network.graph import ActorGraph
from hadath.network.rollup import make_rollup
from hadath.network.sources import JsonlEvents
from hadath.network.table import build_table

FIXTURE = Path(__file__).parent / "data" / "network_cafiero.jsonl"


@pytest.fixture(scope="module", params=["none", "affiliation"])
def graph(request):
    table = build_table(JsonlEvents(FIXTURE))
    return ActorGraph(table, rollup=make_rollup(table, request.param, use_kb=False))


@pytest.mark.parametrize("fmt,reader", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_gexf_and_graphml_keep_every_attribute(graph, tmp_path, fmt, reader):
    path = tmp_path / f"g.{fmt}"
    assert export.write(graph, fmt, path) == [path]
    loaded = reader(path)
    expected = export.scalar_graph(graph)
    assert loaded.is_directed()
    assert set(loaded.nodes) == set(expected.nodes)
    assert set(loaded.edges) == set(expected.edges)
    for n, attrs in expected.nodes(data=True):
        got = loaded.nodes[n]
        for key, value in attrs.items():
            assert got[key] == pytest.approx(value) if isinstance(value, float) else got[key] == value, key
    for s, t, attrs in expected.edges(data=True):
        got = loaded.edges[s, t]
        for key, value in attrs.items():
            assert got[key] == pytest.approx(value) if isinstance(value, float) else got[key] == value, key
        # lists come back as JSON strings
        assert json.loads(got["event_ids"]) == graph.edges[s, t].event_ids
        assert json.loads(got["types"]) == graph.edges[s, t].types


def test_every_attribute_is_exported(graph):
    g = export.scalar_graph(graph)
    _, _, attrs = next(iter(g.edges(data=True)))
    assert set(attrs) == set(export.EDGE_FIELDS)
    _, attrs = next(iter(g.nodes(data=True)))
    assert set(attrs) == set(export.NODE_FIELDS) | {"label"}
    for _, attrs in g.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in attrs.values())


def test_arabic_names_survive_gexf(graph, tmp_path):
    path = tmp_path / "g.gexf"
    export.write(graph, "gexf", path)
    loaded = nx.read_gexf(path)
    assert loaded.nodes["ISR"]["name_ar"] == "إسرائيل"


def test_json_keeps_lists(graph):
    buf = io.BytesIO()
    export.write(graph, "json", None, buf, meta={"rollup": "x"})
    data = json.loads(buf.getvalue())
    assert data["meta"] == {"rollup": "x"}
    edge = next(e for e in data["edges"] if e["source"] == "DZA")
    assert edge["weight"] < 0 and isinstance(edge["event_ids"], list)
    assert len(data["nodes"]) == len(graph.nodes) and len(data["edges"]) == len(graph.edges)


def test_csv_edges_and_nodes(graph, tmp_path):
    path = tmp_path / "edges.csv"
    written = export.write(graph, "csv", path)
    assert written == [path, tmp_path / "edges.nodes.csv"]
    edges = list(csv.DictReader(path.open(encoding="utf-8")))
    nodes = list(csv.DictReader(written[1].open(encoding="utf-8")))
    assert len(edges) == len(graph.edges) and len(nodes) == len(graph.nodes)
    row = next(r for r in edges if r["source"] == "DZA")
    assert float(row["weight"]) < 0 and json.loads(row["event_ids"])


def test_unknown_format(graph):
    with pytest.raises(HadathError):
        export.write(graph, "dot", None, io.BytesIO())
