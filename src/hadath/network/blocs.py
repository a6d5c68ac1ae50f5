"""Blocs: communities of the signed graph, by Louvain on signed modularity.

Signed modularity (Gómez, Jensen & Arenas 2009, Phys. Rev. E 80, 016114) rewards positive
ties inside a bloc and negative ties between blocs:

    Q = [ sum_ij (w+_ij - g+ s+_i s+_j / 2W+) d(c_i, c_j)
        - sum_ij (w-_ij - g- s-_i s-_j / 2W-) d(c_i, c_j) ] / (2W+ + 2W-)

with w+ / w- the positive / negative parts of each undirected net tie, s+ / s- the node
strengths and g the resolution (below 1: fewer, larger blocs). It is optimised as in
Louvain (Blondel et al. 2008): move single nodes while Q rises, merge blocs into nodes,
repeat. The node order is fixed (sorted ids), so the result is deterministic.
"""
from __future__ import annotations

from hadath.network.graph import ActorGraph


def _signed_graph(graph: ActorGraph):
    adj: dict[str, dict[str, list[float]]] = {n: {} for n in graph.nodes}
    for (a, b), tie in graph.undirected().items():
        w = tie.weight
        if abs(w) < 1e-12:
            continue
        pos, neg = (w, 0.0) if w > 0 else (0.0, -w)
        adj[a][b] = [pos, neg]
        adj[b][a] = [pos, neg]
    return adj


def _move_nodes(adj, sp, sn, total_p, total_n, gamma):
    """One Louvain level: community label per node (labels are node names)."""
    nodes = sorted(adj)
    comm = {n: n for n in nodes}
    tot_p = dict(sp)
    tot_n = dict(sn)
    improved, moved = True, False
    while improved:
        improved = False
        for i in nodes:
            ci = comm[i]
            links: dict[str, list[float]] = {}
            for j, (wp, wn) in adj[i].items():
                if j == i:
                    continue
                cell = links.setdefault(comm[j], [0.0, 0.0])
                cell[0] += wp
                cell[1] += wn
            tot_p[ci] -= sp[i]
            tot_n[ci] -= sn[i]

            # Gain of joining community c (constant factors dropped), as in Louvain.
            a_p = gamma * sp[i] / (2 * total_p) if total_p else 0.0
            a_n = gamma * sn[i] / (2 * total_n) if total_n else 0.0
            kp, kn = links.get(ci, (0.0, 0.0))
            best, best_gain = ci, (kp - a_p * tot_p[ci]) - (kn - a_n * tot_n[ci])
            for c, (kp, kn) in links.items():     # insertion order: deterministic
                g = (kp - a_p * tot_p[c]) - (kn - a_n * tot_n[c])
                if g > best_gain + 1e-12:
                    best, best_gain = c, g
            comm[i] = best
            tot_p[best] = tot_p.get(best, 0.0) + sp[i]
            tot_n[best] = tot_n.get(best, 0.0) + sn[i]
            if best != ci:
                improved = moved = True
    return comm, moved


def signed_louvain(graph: ActorGraph, resolution: float = 1.0) -> list[set[str]]:
    """Blocs (sets of node ids), largest first; nodes whose ties all weigh 0 stand alone."""
    adj = _signed_graph(graph)
    members = {n: {n} for n in adj}
    sp = {n: sum(w[0] for w in adj[n].values()) for n in adj}
    sn = {n: sum(w[1] for w in adj[n].values()) for n in adj}
    total_p, total_n = sum(sp.values()) / 2, sum(sn.values()) / 2
    while True:
        comm, moved = _move_nodes(adj, sp, sn, total_p, total_n, resolution)
        if not moved:
            break
        # Merge each community into one node; keep positive and negative weights apart.
        new_adj: dict[str, dict[str, list[float]]] = {c: {} for c in set(comm.values())}
        for i, nbrs in adj.items():
            ci = comm[i]
            for j, (wp, wn) in nbrs.items():
                cj = comm[j]
                cell = new_adj[ci].setdefault(cj, [0.0, 0.0])
                cell[0] += wp
                cell[1] += wn
        new_members = {c: set() for c in new_adj}
        new_sp = dict.fromkeys(new_adj, 0.0)
        new_sn = dict.fromkeys(new_adj, 0.0)
        for i, c in comm.items():
            new_members[c] |= members[i]
            new_sp[c] += sp[i]
            new_sn[c] += sn[i]
        adj, members, sp, sn = new_adj, new_members, new_sp, new_sn
    return sorted(members.values(), key=lambda s: (-len(s), sorted(s)))


def describe(graph: ActorGraph, blocs: list[set[str]]) -> dict:
    """Blocs with their internal weights, and how far the partition is from balance:
    `frustration` sums the negative ties inside blocs and the positive ties between them."""
    where = {n: k for k, bloc in enumerate(blocs) for n in bloc}
    inside = [[0.0, 0.0] for _ in blocs]
    between_pos = 0.0
    for (a, b), tie in graph.undirected().items():
        w = tie.weight
        if where[a] == where[b]:
            inside[where[a]][0 if w > 0 else 1] += w
        elif w > 0:
            between_pos += w
    out = []
    for k, bloc in enumerate(blocs):
        names = sorted(bloc, key=lambda n: (-graph.nodes[n]["positive"], graph.name(n)))
        out.append({"bloc": k + 1, "size": len(bloc), "members": names,
                    "names": [graph.name(n) for n in names],
                    "positive": round(inside[k][0], 4), "negative": round(inside[k][1], 4)})
    frustration = between_pos - sum(x[1] for x in inside)
    return {"blocs": out, "frustration": round(frustration, 4),
            "method": "signed modularity, Louvain (Gomez et al. 2009)"}
