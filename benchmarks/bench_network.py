"""Benchmark: build the actor network from generated event records (default 1,000,000).

    .venv/bin/python benchmarks/bench_network.py [--events N] [--actors N]

Records are generated lazily in the FORMAT.md shape (entities with names, attribution
chains, dates over 2010-2020), as the store's `iter_events` would yield them, so only the
network's own structures stay in memory. Prints the timings and the peak resident memory,
and the figures as JSON on the last line.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from hadath.network import analysis  # noqa: E402
from hadath.network.blocs import signed_louvain  # noqa: E402
from hadath.network.graph import ActorGraph  # noqa: E402
from hadath.network.rollup import make_rollup  # noqa: E402
from hadath.network.table import EventTable  # noqa: E402
from hadath.network.weighting import event_types  # noqa: E402
from hadath.network.windows import span  # noqa: E402

COUNTRIES = ["LBY", "EGY", "ISR", "ARE", "SAU", "FRA", "DZA", "TUR", "QAT", "ITA", "RUS", "USA",
             "SYR", "IRQ", "JOR", "LBN", "YEM", "IRN", "TUN", "MAR", "SDN", "PSE", "GBR", "DEU"]
SECTORS = [None, "GOV", "MIL", "REB", "OPP", "LEG", "SPY", "CVL", "MED", "BUS"]
TYPES = ["agency", "ministry", "government", "armed_group", "party", "person"]
CERTAINTY = ["asserted"] * 6 + ["reported"] * 3 + ["claimed", "hypothetical"]


def make_actors(n: int, rng: random.Random) -> list[dict]:
    actors = []
    for i in range(n):
        country = COUNTRIES[i % len(COUNTRIES)]
        sector = None if i < len(COUNTRIES) else rng.choice(SECTORS[1:])
        parent = [country] if sector else []
        actors.append({"id": country if i < len(COUNTRIES) else f"A{i}",
                       "name": f"Actor {i}", "name_ar": f"فاعل {i}", "country": country,
                       "sector": sector,
                       "type": "state" if i < len(COUNTRIES) else rng.choice(TYPES),
                       "wikidata": None, "affiliations": parent})
    return actors


def generate(n: int, actors: list[dict], seed: int = 1):
    """n event records; popular actors are named far more often (Zipf-like)."""
    rng = random.Random(seed)
    weights = [1.0 / (i + 1) ** 0.8 for i in range(len(actors))]
    cum, total = [], 0.0
    for w in weights:
        total += w
        cum.append(total)
    import bisect

    def pick():
        return actors[bisect.bisect(cum, rng.random() * total)]

    types = event_types()
    outlet = {"name": "Outlet", "kind": "outlet", "id": None, "text": "صحيفة"}
    anon = {"name": "unnamed", "kind": "anonymous", "id": None, "text": "مصدر"}
    for k in range(n):
        a, r = pick(), pick()
        certainty = rng.choice(CERTAINTY)
        day = 733773 + rng.randrange(4018)           # 2010-01-01 .. 2020-12-31
        year, rest = divmod(day - 733773, 365)
        date = f"{2010 + min(year, 10)}-{1 + rest % 12:02d}-{1 + rest % 28:02d}"
        record = {"doc_id": f"doc{k // 8}", "event_id": f"doc{k // 8}#{k % 8}",
                  "type": types[rng.randrange(16)], "mode": None, "context": [],
                  "actor": [{**a, "text": a["name_ar"], "start": 0, "end": 5}],
                  "recipient": [{**r, "text": r["name_ar"], "start": 9, "end": 14}] if rng.random() < 0.8 else [],
                  "others": [{**pick(), "text": "x"}] if rng.random() < 0.1 else [],
                  "date": {"start": date, "end": date, "precision": "day", "text": ""},
                  "location": None, "negated": rng.random() < 0.02, "aux": [],
                  "certainty": certainty,
                  "attribution": [outlet, anon] if certainty == "claimed" else [outlet],
                  "evidence": {"start": 0, "end": 40, "sentence": 0, "text": "..."},
                  "trigger": {"text": "", "start": 0, "end": 0}, "score": 0.0, "confidence": 0.7,
                  "published": date}
        if not record["recipient"] and rng.random() < 0.5:
            record["actor"].append({**r, "text": r["name_ar"]})
        yield record


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--actors", type=int, default=3000)
    args = ap.parse_args()
    actors = make_actors(args.actors, random.Random(0))
    figures = {"events": args.events, "actors": args.actors}

    t, cpu = time.perf_counter(), time.process_time()
    for _ in generate(args.events, actors):
        pass
    figures["generate_s"] = round(time.perf_counter() - t, 2)
    figures["generate_cpu_s"] = round(time.process_time() - cpu, 2)
    figures["rss_before_mb"] = round(peak_mb(), 1)

    t, cpu = time.perf_counter(), time.process_time()
    table = EventTable().extend(generate(args.events, actors))
    figures["table_s"] = round(time.perf_counter() - t, 2)

    t = time.perf_counter()
    graph = ActorGraph(table)
    figures["graph_s"] = round(time.perf_counter() - t, 2)
    # CPU time too: on a shared machine the wall clock also counts other people's work
    figures["build_cpu_s"] = round(time.process_time() - cpu, 2)
    figures["build_s"] = round(figures["table_s"] + figures["graph_s"], 2)
    figures["build_without_generation_s"] = round(figures["build_s"] - figures["generate_s"], 2)
    figures.update(rows=len(table.event_ids), pairs=len(table.pairs), nodes=len(graph.nodes),
                   directed_ties=len(graph.edges), undirected_ties=len(graph.undirected()))
    figures["peak_rss_after_build_mb"] = round(peak_mb(), 1)

    t = time.perf_counter()
    analysis.allies(graph, "LBY", limit=10)
    analysis.path(graph, "LBY", "A2999" if "A2999" in graph.nodes else "ISR")
    figures["allies_and_path_s"] = round(time.perf_counter() - t, 2)

    t = time.perf_counter()
    ActorGraph(table, *span("2015"))
    figures["window_year_s"] = round(time.perf_counter() - t, 2)

    t = time.perf_counter()
    ActorGraph(table, rollup=make_rollup(table, "affiliation", use_kb=False))
    figures["rollup_affiliation_s"] = round(time.perf_counter() - t, 2)

    t = time.perf_counter()
    analysis.summary_series(graph, "month")
    figures["series_month_s"] = round(time.perf_counter() - t, 2)

    t = time.perf_counter()
    signed_louvain(graph)
    figures["blocs_s"] = round(time.perf_counter() - t, 2)

    t = time.perf_counter()
    graph.to_networkx()
    figures["to_networkx_s"] = round(time.perf_counter() - t, 2)
    figures["peak_rss_mb"] = round(peak_mb(), 1)

    for k, v in figures.items():
        print(f"{k:28} {v}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
