"""Ingest throughput and memory: `hadath ingest` with 1 and 2 workers on real news.

    .venv/bin/python benchmarks/bench_ingest.py [--docs 1000 5000] [--workers 1 2] [--corpus FILE]
    .venv/bin/python benchmarks/bench_ingest.py --million 1000000 [--batch 100]

Takes the first N articles of the ANT corpus (../shared/data/ant, measurement only, never
shipped), ingests them into a fresh store for each worker count, and prints documents
per second, the speed-up over one worker, the CPU time of the whole process tree (with
the speed-up it allows on idle cores: workers x cpu(1 worker) / cpu(n workers); the
machine may be shared), the peak resident memory of the tree (parent + workers, sampled
every 50 ms from /proc: RSS, and PSS which counts shared pages once) and the load
average before the run.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANT = ROOT.parent / "shared" / "data" / "ant" / "ant_v2.1_middleeast_world.jsonl.gz"
SCRATCH = ROOT / "scratch" / "bench_ingest"
HADATH = [sys.executable, "-c", "import sys; from hadath.cli import main; sys.exit(main())"]


def sample(corpus: Path, n: int) -> Path:
    out = SCRATCH / f"{corpus.name.split('.')[0]}_{n}.jsonl"
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        opener = gzip.open if corpus.suffix == ".gz" else open
        with opener(corpus, "rt", encoding="utf-8") as f, open(out, "w", encoding="utf-8") as g:
            g.writelines(itertools.islice(f, n))
    return out


def tree_memory(pid: int) -> tuple[int, int]:
    """Resident memory (RSS, and PSS: shared pages divided among their sharers; bytes) of a
    process and all its descendants. Workers forked from a parent that loaded the pipeline
    share its pages: the sum of RSS counts them once per process, the sum of PSS once."""
    rss = pss = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        rss += int(line.split()[1]) * 1024
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return rss, pss


def run(jsonl: Path, workers: int, extra: list[str]) -> dict:
    db = SCRATCH / f"bench_{jsonl.stem}_w{workers}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    cmd = [*HADATH, "ingest", str(jsonl), "--db", str(db), "--workers", str(workers), "--no-progress", *extra]
    load = os.getloadavg()[0]
    start = time.monotonic()
    with open(SCRATCH / "stderr.txt", "w+") as errf:   # a file, not a pipe nobody reads while it runs
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errf, text=True)
        peak = peak_pss = 0
        status = usage = None
        while status is None:
            pid, status_, usage_ = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                status, usage = status_, usage_
                break
            rss, pss = tree_memory(proc.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            time.sleep(0.05)
        seconds = time.monotonic() - start
        errf.seek(0)
        err = errf.read()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"ingest failed: {err}")
    summary = err.strip().splitlines()[-1]
    return {"docs": sum(1 for _ in open(jsonl, encoding="utf-8")), "workers": workers, "seconds": seconds,
            "cpu": usage.ru_utime + usage.ru_stime, "load": load,
            "peak_rss_mb": peak / 2**20, "peak_pss_mb": peak_pss / 2**20, "db_mb": db.stat().st_size / 2**20, "summary": summary}


TYPES = ["CONSULT", "ASSAULT", "SUPPORT", "ACCUSE", "AID", "PROTEST"]


def synthetic_docs(first: int, n: int, rng, actors: list[dict], recent: list[dict]):
    """`n` batch items (the writer's input) of 5 events each, numbered from `first`. A fifth
    are syndicated copies of a recent document: its events and day, its MinHash signature
    with up to 8 of 64 bins changed (estimated similarity 0.87 or more); the others get
    random signatures. `recent` (the last 1,000 documents) is updated."""
    from hadath.store import similar

    for d in range(first, first + n):
        original = rng.choice(recent) if recent and rng.random() < 0.2 else None
        if original:
            day, events, sig = original["published"], original["events"], list(similar.unpack(original["minhash"]))
            for i in rng.sample(range(similar.BINS), rng.randint(0, 8)):
                sig[i] = rng.getrandbits(58)
        else:
            day = f"2018-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            events, sig = [], [rng.getrandbits(58) for _ in range(similar.BINS)]
            for k in range(5):
                a, b = rng.sample(actors[:200] if rng.random() < 0.8 else actors, 2)
                t = rng.choice(TYPES)
                events.append({"ordinal": k, "type": t, "mode": None, "context": "[]", "date_start": day,
                               "date_end": day, "date_precision": "day", "date_text": "", "day": day,
                               "location_name": None, "location_country": None, "location_text": None,
                               "negated": 0, "aux": "[]", "certainty": "asserted", "sentence": k,
                               "evidence_start": 0, "evidence_end": 10, "trigger_text": "x", "trigger_start": 0,
                               "trigger_end": 1, "score": 1.0, "confidence": 0.5, "framing": "[]",
                               "cluster_key": f"{t}|{a['id']}|{b['id']}",
                               "sides": [("actor", 0, a["id"], "x", 0, 1), ("recipient", 0, b["id"], "y", 2, 3)],
                               "attribution": []})
        doc = {"where": f"d{d}", "key": f"d{d}", "hash": f"{d:064d}", "text": f"نص رقم {d}",
               "published": day, "outlet": f"outlet {d % 7}", "title": None, "author": None,
               "url": None, "lang": None, "encoding": "utf-8", "path": None, "meta": None,
               "sentences": [], "actors": {s[2]: actors[int(s[2][1:])] for e in events for s in e["sides"]},
               "mentions": [], "events": events, "doc_sources": [], "framing": [],
               "body": f"نص رقم {d}", "minhash": similar.pack(sig), "bands": similar.bands(sig)}
        recent.append(doc)
        del recent[:-1000]
        yield {"doc": doc}


def million(n_events: int, batch: int) -> None:
    """A synthetic store of `n_events` events (5 per document): time the corroboration pass
    over all of it, then after adding `batch` more documents the incremental pass (what each
    ingest does) and, after another `batch`, a full recompute (what each ingest did before);
    then `stats` and filtered queries (the store's aggregation, not the pipeline)."""
    import random

    from hadath.store import Store
    from hadath.store.corroborate import finalize
    from hadath.store.db import connect_writer
    from hadath.store.writer import Writer

    db = SCRATCH / f"synthetic_{n_events}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(1)
    actors = [{"id": f"A{i}", "name": f"Actor {i}", "name_ar": "", "country": rng.choice(["LBY", "EGY", "ISR", "TUR"]),
               "sector": rng.choice([None, "GOV", "MIL"]), "type": "state", "wikidata": None, "provisional": 0,
               "affiliations": None, "aliases": None} for i in range(2000)]
    con = connect_writer(db)
    writer = Writer(con, None)
    start = time.monotonic()
    recent: list[dict] = []
    items = synthetic_docs(0, n_events // 5, rng, actors, recent)
    while chunk := list(itertools.islice(items, 2000)):
        writer.write_batch(chunk)
    print(f"synthetic store: {n_events} events written in {time.monotonic() - start:.1f} s, "
          f"{db.stat().st_size / 2**20:.0f} MB")
    t = time.monotonic()
    result = finalize(con)
    print(f"corroboration pass over the whole store: {result['copies']} copies, {result['clusters']} clusters "
          f"in {time.monotonic() - t:.1f} s")
    for k, full in enumerate([False, True]):
        writer.write_batch(list(synthetic_docs(n_events // 5 + k * batch, batch, rng, actors, recent)))
        t = time.monotonic()
        result = finalize(con, full=full)
        print(f"  after {batch} more documents, {'full recompute' if full else 'incremental pass'}: "
              f"{time.monotonic() - t:.2f} s ({result['copies']} copies, {result['clusters']} clusters)")
    con.close()
    with Store(db) as store:
        for label, fn in [("stats", lambda: store.stats()),
                          ("events --type ASSAULT --since 2018-06-01 (count)",
                           lambda: sum(1 for _ in store.iter_events(type="ASSAULT", since="2018-06-01"))),
                          ("events --actor 'Actor 7' (count)", lambda: sum(1 for _ in store.iter_events(actor="A7"))),
                          ("events per type and month (SQL)", lambda: store.con.execute(
                              "SELECT type, substr(day, 1, 7), count(DISTINCT cluster_id) FROM events "
                              "GROUP BY 1, 2").fetchall())]:
            t = time.monotonic()
            out = fn()
            size = len(out) if hasattr(out, "__len__") else out
            print(f"  {label}: {time.monotonic() - t:.2f} s ({size})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, nargs="+", default=[1000, 5000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--corpus", type=Path, default=ANT)
    ap.add_argument("--no-ner", action="store_true", help="Pass --no-ner to the ingest.")
    ap.add_argument("--million", type=int, metavar="EVENTS", default=0,
                    help="Instead: time corroboration and queries over a synthetic store of EVENTS events.")
    ap.add_argument("--batch", type=int, default=100,
                    help="With --million: documents added before timing an incremental pass.")
    args = ap.parse_args()
    if args.million:
        million(args.million, args.batch)
        return
    if not args.corpus.exists():
        sys.exit(f"no corpus at {args.corpus}")
    extra = ["--no-ner"] if args.no_ner else []
    print(f"cpus: {os.cpu_count()}; corpus: {args.corpus.name}")
    for n in args.docs:
        jsonl = sample(args.corpus, n)
        base = cpu1 = None
        for w in args.workers:
            r = run(jsonl, w, extra)
            rate = r["docs"] / r["seconds"]
            base = base or rate
            cpu1 = cpu1 or r["cpu"]
            print(f"{r['docs']:>6} docs  workers={w}  {r['seconds']:7.1f} s  {rate:7.1f} docs/s  "
                  f"x{rate / base:4.2f}  cpu {r['cpu']:6.1f} s (bound on idle cores x{w * cpu1 / r['cpu']:4.2f})  "
                  f"peak RSS {r['peak_rss_mb']:4.0f} MB (PSS {r['peak_pss_mb']:4.0f} MB)  db {r['db_mb']:.0f} MB  load before {r['load']:.1f}")
            print(f"        {r['summary']}")
            sys.stdout.flush()
        print(json.dumps({"docs": n}))


if __name__ == "__main__":
    main()
