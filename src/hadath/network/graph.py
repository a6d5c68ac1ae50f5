"""A view of the event table: actors as nodes, directed ties per pair, for one window and roll-up.

Ties are computed in plain Python from the row arrays; networkx objects are made only
on request (`to_networkx`), so a million events stay cheap.
"""
from __future__ import annotations

from array import array

from hadath.network.rollup import Rollup
from hadath.network.table import EventTable
from hadath.network.weighting import QUAD_FIELDS, event_types, type_quads
from hadath.network.windows import iso


class Tie:
    """What a set of events says about one pair: counts, signed weight, dates, evidence.

    Weight and dates are computed at once (C-level loops over the row array); counts by
    type and intermediaries only when asked for, to keep a million-event graph small."""
    __slots__ = ("source", "target", "rows", "weight", "positive", "negative", "first", "last",
                 "_table", "_rollup", "_counts", "_via")

    def __init__(self, table: EventTable, source: str, target: str, rows: array, rollup: Rollup):
        self.source, self.target, self.rows = source, target, rows
        self._table, self._rollup, self._counts, self._via = table, rollup, None, None
        if len(rows) == 1:       # most pairs of a large corpus: one event
            r = rows[0]
            w, d = table.weights[r], table.days[r]
            self.weight, self.positive, self.negative = w, max(w, 0.0), min(w, 0.0)
            self.first = self.last = d
            return
        ws = list(map(table.weights.__getitem__, rows))
        self.weight = float(sum(ws))        # float even when empty: GEXF types a column once
        self.positive = float(sum(filter((0.0).__lt__, ws)))
        self.negative = float(sum(filter((0.0).__gt__, ws)))
        ds = list(map(table.days.__getitem__, rows))
        self.last = max(ds, default=0)
        self.first = min(filter(None, ds), default=0)

    @property
    def type_counts(self) -> list[int]:
        if self._counts is None:
            counts = [0] * len(event_types())
            types = self._table.types
            for r in self.rows:
                code = types[r]
                if code >= 0:
                    counts[code] += 1
            self._counts = counts
        return self._counts

    @property
    def via(self) -> dict[str, int]:
        """Intermediaries named in the events (`others`), as nodes, with their event counts."""
        if self._via is None:
            via: dict[str, int] = {}
            others, node = self._table.others, self._rollup
            for r in self.rows:
                for o in others.get(r, ()):
                    n = node(o)
                    if n != self.source and n != self.target:
                        via[n] = via.get(n, 0) + 1
            self._via = via
        return self._via

    @property
    def events(self) -> int:
        return len(self.rows)

    @property
    def sign(self) -> int:
        return (self.weight > 1e-9) - (self.weight < -1e-9)

    @property
    def types(self) -> dict[str, int]:
        return {t: n for t, n in zip(event_types(), self.type_counts) if n}

    @property
    def quads(self) -> dict[str, int]:
        out = dict.fromkeys(QUAD_FIELDS, 0)
        for code, n in enumerate(self.type_counts):
            if n:
                out[QUAD_FIELDS[type_quads()[code]]] += n
        return out

    @property
    def event_ids(self) -> list[str]:
        ids = self._table.event_ids
        return [ids[r] for r in self.rows]

    def attributes(self) -> dict:
        """Edge attributes (lists and dicts as Python objects; see export.py for scalars)."""
        return {"weight": round(self.weight, 4), "positive": round(self.positive, 4),
                "negative": round(self.negative, 4), "sign": self.sign, "events": self.events,
                **self.quads, "types": self.types, "first": iso(self.first), "last": iso(self.last),
                "via": dict(sorted(self.via.items(), key=lambda kv: -kv[1])),
                "event_ids": self.event_ids}


def _union(parts: list[array]) -> array:
    if len(parts) == 1:
        return parts[0]
    return array("i", sorted(set().union(*parts)))


class ActorGraph:
    """Directed signed ties between nodes (actors, or roll-up groups) within [since, until]."""

    def __init__(self, table: EventTable, since: int | None = None, until: int | None = None,
                 rollup: Rollup | None = None):
        self.table, self.since, self.until = table, since, until
        self.rollup = rollup or Rollup(table)
        self.edges: dict[tuple[str, str], Tie] = {}
        self._undirected: dict[tuple[str, str], Tie] | None = None
        self._build()

    def _build(self) -> None:
        table, node = self.table, self.rollup
        lo, hi = self.since, self.until
        windowed = lo is not None or hi is not None
        lo = lo if lo is not None else 1
        hi = hi if hi is not None else 10 ** 9
        days = table.days
        if not windowed and type(node) is Rollup:      # the plain graph: one tie per pair as stored
            self.edges = {key: Tie(table, key[0], key[1], rows, node) for key, rows in table.pairs.items()}
            self.nodes = self._nodes()
            return
        grouped: dict[tuple[str, str], list[array]] = {}
        for (a, b), rows in table.pairs.items():
            ga, gb = node(a), node(b)
            if ga == gb:       # inside one roll-up group
                continue
            if windowed:
                rows = array("i", [r for r in rows if lo <= days[r] <= hi])
                if not rows:
                    continue
            key = (ga, gb)
            parts = grouped.get(key)
            if parts is None:
                grouped[key] = [rows]
            else:
                parts.append(rows)
        self.edges = {key: Tie(table, key[0], key[1], _union(parts), node)
                      for key, parts in grouped.items()}
        self.nodes = self._nodes()

    def _nodes(self) -> dict[str, dict]:
        nodes: dict[str, dict] = {}
        for (s, t), tie in self.edges.items():
            for n in (s, t):
                if n not in nodes:
                    nodes[n] = {"partners": 0, "positive": 0.0, "negative": 0.0, "edge_events": 0}
        for (s, t), tie in self.undirected().items():
            for n in (s, t):
                stats = nodes[n]
                stats["partners"] += 1
                stats["edge_events"] += tie.events
                if tie.weight > 0:
                    stats["positive"] += tie.weight
                else:
                    stats["negative"] += tie.weight
        members: dict[str, list[str]] = {}
        aliases: dict[str, set[str]] = {}
        for eid in self.table.entities:
            n = self.rollup(eid)
            if n in nodes:
                aliases.setdefault(n, set()).update(self.table.aliases.get(eid, ()))
                if n != eid:
                    members.setdefault(n, []).append(eid)
        for n, stats in nodes.items():
            attrs = {"name": n, "name_ar": "", "country": None, "sector": None, "type": None,
                     "wikidata": None}
            attrs.update({k: v for k, v in self.rollup.attributes(n).items() if k != "affiliations"})
            attrs.update(stats)
            attrs["positive"] = round(attrs["positive"], 4)
            attrs["negative"] = round(attrs["negative"], 4)
            attrs["members"] = sorted(members.get(n, ()))
            attrs["aliases"] = sorted(aliases.get(n, ()))
            nodes[n] = attrs
        return nodes

    def undirected(self) -> dict[tuple[str, str], Tie]:
        """One tie per unordered pair (key sorted), over the events of both directions."""
        if self._undirected is None:
            parts: dict[tuple[str, str], list[array]] = {}
            for (s, t), tie in self.edges.items():
                parts.setdefault((s, t) if s < t else (t, s), []).append(tie.rows)
            self._undirected = {k: Tie(self.table, k[0], k[1], _union(p), self.rollup)
                                for k, p in parts.items()}
        return self._undirected

    def tie(self, a: str, b: str) -> Tie | None:
        """The undirected tie between two nodes, if any."""
        return self.undirected().get((a, b) if a < b else (b, a))

    def neighbours(self, node: str) -> dict[str, Tie]:
        out = {}
        for (s, t), tie in self.undirected().items():
            if s == node:
                out[t] = tie
            elif t == node:
                out[s] = tie
        return out

    def name(self, node: str) -> str:
        attrs = self.nodes.get(node) or self.table.entities.get(node) or {}
        return attrs.get("name") or node

    def to_networkx(self, directed: bool = True):
        import networkx as nx
        g = nx.DiGraph() if directed else nx.Graph()
        for n, attrs in self.nodes.items():
            g.add_node(n, **attrs)
        ties = self.edges if directed else self.undirected()
        for (s, t), tie in ties.items():
            g.add_edge(s, t, **tie.attributes())
        return g
