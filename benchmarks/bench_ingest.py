"""Ingest throughput and memory: `hadath ingest` with 1 and 2 workers on real news.

    .venv/bin/python benchmarks/bench_ingest.py [--docs 1000 5000] [--workers 1 2] [--corpus FILE]

Takes the first N articles of the ANT corpus (../shared/data/ant, measurement only, never
shipped), ingests them into a fresh store for each worker count, and prints documents
per second, the speed-up over one worker, and the peak resident memory of the whole
process tree (parent + workers, sampled every 50 ms from /proc).
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


def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run(jsonl: Path, workers: int, extra: list[str]) -> dict:
    db = SCRATCH / f"bench_{jsonl.stem}_w{workers}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    cmd = [*HADATH, "ingest", str(jsonl), "--db", str(db), "--workers", str(workers), "--no-progress", *extra]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.05)
    seconds = time.monotonic() - start
    err = proc.stderr.read()
    if proc.returncode != 0:
        sys.exit(f"ingest failed: {err}")
    summary = err.strip().splitlines()[-1]
    return {"docs": sum(1 for _ in open(jsonl, encoding="utf-8")), "workers": workers, "seconds": seconds,
            "peak_rss_mb": peak / 2**20, "db_mb": db.stat().st_size / 2**20, "summary": summary}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, nargs="+", default=[1000, 5000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--corpus", type=Path, default=ANT)
    ap.add_argument("--no-ner", action="store_true", help="Pass --no-ner to the ingest.")
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"no corpus at {args.corpus}")
    extra = ["--no-ner"] if args.no_ner else []
    print(f"cpus: {os.cpu_count()}; corpus: {args.corpus.name}")
    for n in args.docs:
        jsonl = sample(args.corpus, n)
        base = None
        for w in args.workers:
            r = run(jsonl, w, extra)
            rate = r["docs"] / r["seconds"]
            base = base or rate
            print(f"{r['docs']:>6} docs  workers={w}  {r['seconds']:7.1f} s  {rate:7.1f} docs/s  "
                  f"x{rate / base:4.2f}  peak RSS {r['peak_rss_mb']:6.0f} MB  db {r['db_mb']:.0f} MB")
            print(f"        {r['summary']}")
            sys.stdout.flush()
        print(json.dumps({"docs": n}))


if __name__ == "__main__":
    main()
