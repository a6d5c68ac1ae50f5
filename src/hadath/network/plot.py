"""Pictures: the signed graph, and one actor's ties over time (matplotlib, Agg backend).

Labels are English with the Arabic name below it when matplotlib can lay Arabic out:
matplotlib 3.11 shapes and orders right-to-left text itself when built with libraqm
(its wheels are), and the font must have Arabic glyphs (DejaVu Sans has). Without
either, labels are English only.
"""
from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache
from pathlib import Path

from hadath.errors import HadathError
from hadath.network.analysis import trajectory
from hadath.network.graph import ActorGraph
from hadath.network.windows import period_index, period_label

POSITIVE, NEGATIVE, NEUTRAL = "#1a9641", "#d7191c", "#999999"


def _pyplot():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


@lru_cache(maxsize=1)
def arabic_labels() -> bool:
    """True when matplotlib shapes Arabic (libraqm) and its default font has Arabic letters."""
    import matplotlib
    from matplotlib import font_manager, ft2font
    if not getattr(ft2font, "__libraqm_version__", None):
        return False
    try:
        font = ft2font.FT2Font(font_manager.findfont(matplotlib.rcParams["font.sans-serif"][0]))
        charmap = font.get_charmap()
    except (OSError, RuntimeError, ValueError):
        return False
    return all(ord(c) in charmap for c in "احفترلإ")


def label(attrs: dict, node: str) -> str:
    name = attrs.get("name") or node
    if attrs.get("name_ar") and arabic_labels():
        return f"{name}\n{attrs['name_ar']}"
    return name


def _check_suffix(path: str | Path) -> Path:
    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg"):
        raise HadathError(f"{path}: the picture must be a .png or .svg file")
    return path


def plot_graph(graph: ActorGraph, path: str | Path, top: int = 40, title: str = "") -> Path:
    """The strongest `top` actors and their ties: green cooperation, red conflict."""
    import networkx as nx
    path = _check_suffix(path)
    if not graph.nodes:
        raise HadathError("no ties to draw in this window")
    strength = {n: a["positive"] - a["negative"] for n, a in graph.nodes.items()}
    keep = set(sorted(strength, key=lambda n: (-strength[n], n))[:top])
    g = nx.Graph()
    g.add_nodes_from(sorted(keep))
    for (a, b), tie in graph.undirected().items():
        if a in keep and b in keep:
            g.add_edge(a, b, weight=tie.weight)
    # Layout: positive ties pull, negative ones only a little (they still hold the node in view).
    layout = nx.Graph()
    layout.add_nodes_from(g)
    layout.add_weighted_edges_from((a, b, math.log1p(max(d["weight"], 0.0)) + 0.2) for a, b, d in g.edges(data=True))
    pos = nx.spring_layout(layout, weight="weight", seed=7, k=2.5 / math.sqrt(max(len(g), 1)))
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(12, 9))
    for a, b, d in g.edges(data=True):
        w = d["weight"]
        color = POSITIVE if w > 0 else NEGATIVE if w < 0 else NEUTRAL
        (x1, y1), (x2, y2) = pos[a], pos[b]
        ax.plot([x1, x2], [y1, y2], color=color, alpha=0.7, linewidth=0.8 + 1.2 * math.sqrt(abs(w)) / 2,
                linestyle="-" if w >= 0 else "--", zorder=1)
    biggest = max(strength[n] for n in g) or 1.0
    for n in g:
        x, y = pos[n]
        size = 120 + 900 * strength[n] / biggest      # points^2
        ax.scatter([x], [y], s=size, color="#2c7bb6", alpha=0.85, edgecolors="white", zorder=3)
        ax.annotate(label(graph.nodes[n], n), (x, y), xytext=(0, math.sqrt(size) / 2 + 2),
                    textcoords="offset points",
                    ha="center", va="bottom", fontsize=9, zorder=2,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7})
    ax.set_title(title or "Actor network: green cooperation, red (dashed) conflict")
    ax.axis("off")
    ax.margins(0.12)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def plot_timeline(graph: ActorGraph, node: str, path: str | Path, every: str = "year",
                  top: int = 6) -> Path:
    """Net weight of `node`'s ties with its `top` partners, per period, and its event counts."""
    path = _check_suffix(path)
    rows = trajectory(graph, node, every)
    if not rows:
        raise HadathError(f"{graph.name(node)} has no dated ties to draw in this window")
    indexes = [period_index(dt.date.fromisoformat(r["start"]).toordinal(), every) for r in rows]
    periods = [period_label(i, every) for i in range(min(indexes), max(indexes) + 1)]
    total: dict[str, float] = {}
    for r in rows:
        total[r["partner"]] = total.get(r["partner"], 0.0) + abs(r["weight"])
    partners = sorted(total, key=lambda p: (-total[p], p))[:top]
    x = list(range(len(periods)))
    plt = _pyplot()
    fig, (ax, bars) = plt.subplots(2, 1, figsize=(11, 7), sharex=True,
                                   gridspec_kw={"height_ratios": [3, 1]})
    for p in partners:
        by_period = {r["period"]: r["weight"] for r in rows if r["partner"] == p}
        ax.plot(x, [by_period.get(q, 0.0) for q in periods], marker="o",
                label=label(graph.nodes.get(p, {}), p).replace("\n", " / "))
    ax.axhline(0, color=NEUTRAL, linewidth=0.8)
    ax.set_ylabel("net signed weight")
    ax.legend(fontsize=8, loc="best")
    ax.set_title(f"{label(graph.nodes.get(node, {}), node).replace(chr(10), ' / ')}: ties per {every}")
    counts = {q: 0 for q in periods}
    for r in rows:
        counts[r["period"]] += r["events"]
    bars.bar(x, [counts[q] for q in periods], color="#2c7bb6")
    from matplotlib.ticker import MaxNLocator
    bars.yaxis.set_major_locator(MaxNLocator(integer=True))
    bars.set_ylabel("events (per partner)")
    bars.set_xticks(x)
    bars.set_xticklabels(periods, rotation=45, ha="right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path
