"""Questions to the graph: who an actor is, its allies and rivals, how two actors connect,
how ties change between two windows, and a tie's trajectory over time."""
from __future__ import annotations

import difflib

from hadath.errors import HadathError
from hadath.network.graph import ActorGraph, Tie
from hadath.network.windows import iso, period_bounds, period_index, period_label


def _norm_ar(s: str) -> str:
    from hadath.text import normalize
    return " ".join(normalize(s).split())


def resolve(graph: ActorGraph, query: str) -> str:
    """The node an actor query names: by id or Wikidata id, English name, Arabic name or a
    surface form seen in the texts (case-insensitive, Arabic normalised)."""
    q = query.strip()
    if not q:
        raise HadathError("empty actor name")
    qf, qa = q.casefold(), _norm_ar(q)
    best: dict[str, int] = {}          # node -> best match rank

    def hit(node: str, rank: int) -> None:
        if rank > best.get(node, 0):
            best[node] = rank

    table, node_of = graph.table, graph.rollup
    for n, attrs in graph.nodes.items():       # roll-up nodes (a country code, a root)
        if n.casefold() == qf:
            hit(n, 4)
        if (attrs.get("name") or "").casefold() == qf:
            hit(n, 3)
    for eid, e in table.entities.items():
        n = node_of(eid)
        if eid.casefold() == qf or (e.get("wikidata") or "").casefold() == qf:
            hit(n, 4)
        elif (e.get("name") or "").casefold() == qf or (
                e.get("name_ar") and _norm_ar(e["name_ar"]) == qa):
            hit(n, 3)
        elif any(_norm_ar(a) == qa for a in table.aliases.get(eid, ())):
            hit(n, 2)
    if not best:        # a state no event names, but whose government or state node is here
        n = _state_stand_in(graph, q)
        if n is not None:
            return n
        names = {e.get("name") or eid for eid, e in table.entities.items()}
        close = difflib.get_close_matches(q, sorted(names), n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise HadathError(f"no actor matches {query!r}{hint}")
    top = max(best.values())
    nodes = sorted(n for n, r in best.items() if r == top)
    if len(nodes) > 1:
        listed = ", ".join(f"{graph.name(n)} [{n}]" for n in nodes[:6])
        raise HadathError(f"{query!r} is ambiguous: {listed}; give an id")
    return nodes[0]


STAND_IN_TYPES = ("state", "government")     # what may answer for a state's name, in order


def _state_stand_in(graph: ActorGraph, query: str) -> str | None:
    """For a state's name (or ISO code) that no record names: its state or government node,
    when the graph has exactly one of the first kind found ("Algeria" -> the Algerian
    government). The country comes from the knowledge base, or the query itself as a code."""
    country = query.upper() if len(query) == 3 and query.isalpha() else None
    if country is None:
        try:
            from hadath.kb import load_kb
            found = load_kb().search(query, limit=1)
        except (ImportError, AttributeError, HadathError, OSError):
            found = []
        if found and getattr(found[0], "type", None) == "state":
            country = found[0].country
    if not country:
        return None
    for kind in STAND_IN_TYPES:
        nodes = [n for n, a in graph.nodes.items() if a.get("country") == country and a.get("type") == kind]
        if len(nodes) == 1:
            return nodes[0]
        if nodes:
            listed = ", ".join(f"{graph.name(n)} [{n}]" for n in sorted(nodes)[:6])
            raise HadathError(f"{query!r} is ambiguous: {listed}; give an id")
    return None


def partner_row(graph: ActorGraph, node: str, partner: str, tie: Tie) -> dict:
    out_tie = graph.edges.get((node, partner))
    in_tie = graph.edges.get((partner, node))
    attrs = graph.nodes.get(partner, {})
    return {"partner": partner, "name": attrs.get("name") or partner, "name_ar": attrs.get("name_ar") or "",
            "weight": round(tie.weight, 4), "events": tie.events,
            "out_weight": round(out_tie.weight, 4) if out_tie else 0.0,
            "in_weight": round(in_tie.weight, 4) if in_tie else 0.0,
            **tie.quads, "first": iso(tie.first), "last": iso(tie.last), "event_ids": tie.event_ids}


def allies(graph: ActorGraph, node: str, limit: int | None = None) -> list[dict]:
    """Partners with a positive net tie (both directions together), strongest first."""
    rows = [partner_row(graph, node, p, t) for p, t in graph.neighbours(node).items() if t.sign > 0]
    rows.sort(key=lambda r: (-r["weight"], -r["events"], r["name"]))
    return rows[:limit] if limit else rows


def rivals(graph: ActorGraph, node: str, limit: int | None = None) -> list[dict]:
    """Partners with a negative net tie, most hostile first."""
    rows = [partner_row(graph, node, p, t) for p, t in graph.neighbours(node).items() if t.sign < 0]
    rows.sort(key=lambda r: (r["weight"], -r["events"], r["name"]))
    return rows[:limit] if limit else rows


def _hop(graph: ActorGraph, a: str, b: str) -> dict:
    tie = graph.tie(a, b)
    return {"from": a, "to": b, "from_name": graph.name(a), "to_name": graph.name(b),
            "weight": round(tie.weight, 4), "events": tie.events, "event_ids": tie.event_ids}


def path(graph: ActorGraph, a: str, b: str, max_paths: int = 5) -> dict:
    """How two actors connect: their direct ties (each direction), the intermediaries named
    in those events (`others`, e.g. a go-between), and the shortest indirect paths."""
    import networkx as nx

    direct = []
    for s, t in ((a, b), (b, a)):
        tie = graph.edges.get((s, t))
        if tie:
            direct.append({"from": s, "to": t, "from_name": graph.name(s), "to_name": graph.name(t),
                           **tie.attributes()})
    both = graph.tie(a, b)
    intermediaries = []
    if both:
        for n, count in sorted(both.via.items(), key=lambda kv: (-kv[1], kv[0])):
            intermediaries.append({"node": n, "name": graph.name(n), "events": count})
    g = nx.Graph()
    g.add_edges_from(graph.undirected())
    if g.has_edge(a, b):
        g.remove_edge(a, b)
    paths = []
    if a in g and b in g and a != b:
        try:
            for p in nx.all_shortest_paths(g, a, b):
                paths.append([_hop(graph, x, y) for x, y in zip(p, p[1:])])
                if len(paths) >= max_paths:
                    break
        except nx.NetworkXNoPath:
            pass
    paths.sort(key=lambda hops: -min(abs(h["weight"]) for h in hops))
    return {"source": a, "target": b, "source_name": graph.name(a), "target_name": graph.name(b),
            "direct": direct, "intermediaries": intermediaries, "paths": paths}


def changes(old: ActorGraph, new: ActorGraph, min_events: int = 1) -> dict:
    """Ties that appear, disappear or change sign between two windows (undirected pairs)."""
    def present(graph):
        return {k: t for k, t in graph.undirected().items() if t.events >= min_events}

    before, after = present(old), present(new)

    def row(key):
        o, n = before.get(key), after.get(key)
        name = new.name if key[0] in new.nodes else old.name
        name2 = new.name if key[1] in new.nodes else old.name
        return {"a": key[0], "b": key[1], "a_name": name(key[0]), "b_name": name2(key[1]),
                "old_weight": round(o.weight, 4) if o else 0.0, "old_events": o.events if o else 0,
                "new_weight": round(n.weight, 4) if n else 0.0, "new_events": n.events if n else 0,
                "event_ids": (n or o).event_ids}

    new_ties = sorted((row(k) for k in after.keys() - before.keys()), key=lambda r: -abs(r["new_weight"]))
    broken = sorted((row(k) for k in before.keys() - after.keys()), key=lambda r: -abs(r["old_weight"]))
    reversed_ = sorted((row(k) for k in before.keys() & after.keys()
                        if before[k].sign * after[k].sign < 0),
                       key=lambda r: -abs(r["new_weight"] - r["old_weight"]))
    return {"new": new_ties, "broken": broken, "reversed": reversed_}


def trajectory(graph: ActorGraph, node: str, every: str, partner: str | None = None) -> list[dict]:
    """Per period, the net weight and events of `node`'s ties (with one partner, or each).

    Periods with no event between the first and the last are listed with zeros, so the
    trajectory has no holes."""
    table, days = graph.table, graph.table.days
    ties = graph.neighbours(node)
    if partner is not None:
        ties = {partner: ties[partner]} if partner in ties else {}
    cells: dict[tuple[int, str], list[int]] = {}
    for p, tie in ties.items():
        for r in tie.rows:
            if days[r]:
                cells.setdefault((period_index(days[r], every), p), []).append(r)
    if not cells:
        return []
    from array import array
    periods = [i for i, _ in cells]
    out = []
    for index in range(min(periods), max(periods) + 1):
        lo, hi = period_bounds(index, every)
        for p in sorted(ties, key=lambda p: graph.name(p)):
            rows = cells.get((index, p))
            if rows is None:
                if partner is None:
                    continue
                out.append({"period": period_label(index, every), "start": iso(lo), "end": iso(hi),
                            "partner": p, "name": graph.name(p), "weight": 0.0, "events": 0,
                            "event_ids": []})
                continue
            tie = Tie(table, node, p, array("i", rows), graph.rollup)
            out.append({"period": period_label(index, every), "start": iso(lo), "end": iso(hi),
                        "partner": p, "name": graph.name(p), "weight": round(tie.weight, 4),
                        "events": tie.events, **tie.quads, "event_ids": tie.event_ids})
    return out


def summary_series(graph: ActorGraph, every: str) -> list[dict]:
    """Per period: events, ties active, positive and negative weight (the whole graph)."""
    days, weights = graph.table.days, graph.table.weights
    stats: dict[int, dict] = {}
    for tie in graph.undirected().values():
        seen = set()
        for r in tie.rows:
            d = days[r]
            if not d:
                continue
            index = period_index(d, every)
            cell = stats.get(index)
            if cell is None:
                cell = stats[index] = {"rows": set(), "ties": 0}
            cell["rows"].add(r)
            if index not in seen:
                seen.add(index)
                cell["ties"] += 1
    out = []
    if not stats:
        return out
    for index in range(min(stats), max(stats) + 1):
        cell = stats.get(index, {"rows": set(), "ties": 0})
        pos = sum(weights[r] for r in cell["rows"] if weights[r] > 0)
        neg = sum(weights[r] for r in cell["rows"] if weights[r] < 0)
        lo, hi = period_bounds(index, every)
        out.append({"period": period_label(index, every), "start": iso(lo), "end": iso(hi),
                    "events": len(cell["rows"]), "ties": cell["ties"],
                    "positive": round(float(pos), 4), "negative": round(float(neg), 4)})
    return out
