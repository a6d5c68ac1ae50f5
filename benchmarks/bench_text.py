"""Throughput of the text layer on real news: tokens per second of tokenize(), and of
split_sentences + tokenize per sentence, on one core.

    .venv/bin/python benchmarks/bench_text.py [CORPUS.jsonl.gz] [--docs N]

Default corpus: ../shared/data/ant/ant_v2.1_middleeast_world.jsonl.gz (ANT corpus v2.1,
Chouigui, Ben Khiroun and Elayeb 2021). The first pass over the texts warms the caches
(vocabulary loading, per-word segmentation); the timed passes are the steady state a
long-running pipeline sees, and a pass on unseen articles is printed as well. Times are
CPU seconds of this process (time.process_time), so that other jobs on the machine
disturb the figures less.
"""
from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

from hadath.text import split_sentences, tokenize
from hadath.text.tokens import _analyse, _analyse_surface, _counts

DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/ant/ant_v2.1_middleeast_world.jsonl.gz"


def load(path: Path, n: int) -> list[str]:
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
            if len(texts) >= n:
                break
    return texts


def run(texts: list[str], per_sentence: bool) -> tuple[int, float]:
    """(tokens, CPU seconds of this process): CPU time, since the machine is shared."""
    t0 = time.process_time()
    n = 0
    for text in texts:
        if per_sentence:
            for s, e in split_sentences(text):
                n += len(tokenize(text, s, e))
        else:
            n += len(tokenize(text))
    return n, time.process_time() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--docs", type=int, default=2000)
    args = ap.parse_args()
    texts = load(Path(args.corpus), 2 * args.docs)
    warm, cold = texts[:args.docs], texts[args.docs:]
    t0 = time.perf_counter()
    _counts()
    print(f"vocabulary load: {time.perf_counter() - t0:.2f} s")
    n, dt = run(warm, False)
    print(f"first pass (cold caches): {n} tokens in {dt:.2f} s = {n / dt:,.0f} tokens/s")
    n, dt = run(cold, False)
    print(f"unseen articles, warm vocabulary: {n} tokens in {dt:.2f} s = {n / dt:,.0f} tokens/s")
    best = 0.0
    for _ in range(3):
        n, dt = run(warm, False)
        best = max(best, n / dt)
    print(f"steady state tokenize(): {n} tokens, best of 3 = {best:,.0f} tokens/s")
    n, dt = run(warm, True)
    print(f"split_sentences + tokenize per sentence: {n / dt:,.0f} tokens/s")
    print(f"cache: {_analyse_surface.cache_info().currsize} surfaces, "
          f"{_analyse.cache_info().currsize} words analysed")


if __name__ == "__main__":
    main()
