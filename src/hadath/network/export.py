"""Writing a graph view for Gephi, Cytoscape and scripts: GEXF, GraphML, JSON, CSV.

GEXF and GraphML hold scalar attributes only: lists and dicts (event ids, counts by type,
intermediaries, members, aliases) are written as JSON strings, and None as "".
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import IO

from hadath.errors import HadathError
from hadath.network.graph import ActorGraph

FORMATS = ("gexf", "graphml", "json", "csv")
NODE_FIELDS = ("name", "name_ar", "country", "sector", "type", "wikidata", "partners", "positive",
               "negative", "edge_events", "members", "aliases")
EDGE_FIELDS = ("weight", "positive", "negative", "sign", "events", "verbal_cooperation",
               "material_cooperation", "verbal_conflict", "material_conflict", "types", "first",
               "last", "via", "event_ids")


def scalar(value):
    """A value GEXF/GraphML can hold: str, int, float or bool."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict, set)):
        return json.dumps(sorted(value) if isinstance(value, set) else value, ensure_ascii=False)
    return value


def scalar_graph(graph: ActorGraph):
    """A networkx DiGraph with only scalar attributes; `label` is the English name."""
    import networkx as nx
    g = nx.DiGraph()
    for n, attrs in graph.nodes.items():
        g.add_node(n, label=attrs.get("name") or n, **{k: scalar(attrs.get(k)) for k in NODE_FIELDS})
    for (s, t), tie in graph.edges.items():
        attrs = tie.attributes()
        g.add_edge(s, t, **{k: scalar(attrs[k]) for k in EDGE_FIELDS})
    return g


def as_json(graph: ActorGraph, meta: dict | None = None) -> dict:
    """Nodes and edges with their lists intact."""
    return {"meta": meta or {},
            "nodes": [{"id": n, **attrs} for n, attrs in graph.nodes.items()],
            "edges": [{"source": s, "target": t, "source_name": graph.name(s),
                       "target_name": graph.name(t), **tie.attributes()}
                      for (s, t), tie in graph.edges.items()]}


def _csv(rows: list[dict], fields: list[str]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore")
    w.writeheader()
    for row in rows:
        w.writerow({k: scalar(row.get(k)) for k in fields})
    return buf.getvalue()


def edges_csv(graph: ActorGraph) -> str:
    data = as_json(graph)
    return _csv(data["edges"], ["source", "target", "source_name", "target_name", *EDGE_FIELDS])


def nodes_csv(graph: ActorGraph) -> str:
    return _csv(as_json(graph)["nodes"], ["id", *NODE_FIELDS])


def write(graph: ActorGraph, fmt: str, out: str | Path | None, stdout: IO[bytes] | None = None,
          meta: dict | None = None) -> list[Path]:
    """Write `graph` in `fmt` to the path `out` (or to `stdout`); the paths written.

    CSV writes the edge table; with a path it also writes the node table beside it
    (`NAME.nodes.csv`)."""
    import networkx as nx
    if fmt not in FORMATS:
        raise HadathError(f"unknown format {fmt!r} ({', '.join(FORMATS)})")
    if fmt == "gexf":
        data = b"".join(line.encode("utf-8") + b"\n" for line in nx.generate_gexf(scalar_graph(graph)))
    elif fmt == "graphml":
        data = b"".join(line.encode("utf-8") + b"\n" for line in nx.generate_graphml(scalar_graph(graph)))
    elif fmt == "json":
        data = (json.dumps(as_json(graph, meta), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    else:
        data = edges_csv(graph).encode("utf-8")
    if out is None or str(out) == "-":
        stdout.write(data)
        return []
    path = Path(out)
    path.write_bytes(data)
    written = [path]
    if fmt == "csv":
        nodes = path.with_name(path.stem + ".nodes.csv")
        nodes.write_text(nodes_csv(graph), encoding="utf-8")
        written.append(nodes)
    return written
