"""NER tagging speed on real news (one core): tokens per second, model load time, size.

    .venv/bin/python benchmarks/bench_ner.py [--articles 2000]

Reads the ANT corpus from ../shared (the reference article, repeated, when absent),
segments it with hadath.text, then tags every sentence with the shipped tagger. Prints
one JSON line. The first pass fills the per-word feature cache; the second is steady state.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANT = ROOT.parent / "shared" / "data" / "ant" / "ant_v2.1_middleeast_world.jsonl.gz"
REFERENCE = ROOT.parent / "shared" / "examples" / "cafiero_haftar_israel.ar.txt"


def texts(n: int) -> list[str]:
    if ANT.exists():
        out = []
        with gzip.open(ANT, "rt", encoding="utf-8") as f:
            for line in f:
                out.append(json.loads(line)["text"])
                if len(out) >= n:
                    break
        return out
    if REFERENCE.exists():
        return [REFERENCE.read_text(encoding="utf-8")] * 50
    return ["قال الرئيس الأمريكي باراك أوباما في واشنطن إن الأمم المتحدة ستجتمع."] * 2000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2000)
    args = ap.parse_args()
    from hadath.model import Document
    from hadath.extract.pipeline import segment_text
    from hadath.ner import load_tagger
    from hadath.ner.tagger import default_model_path

    docs = []
    for i, t in enumerate(texts(args.articles)):
        d = Document(str(i), t)
        segment_text(d)
        docs.append(d)
    per_doc = [[s.tokens for s in d.sentences] for d in docs]
    n = sum(len(s) for d in per_doc for s in d)
    n_sent = sum(len(d) for d in per_doc)
    t0 = time.perf_counter()
    tagger = load_tagger()
    load = time.perf_counter() - t0
    runs = []
    for _ in range(2):
        t0 = time.process_time()   # CPU time of this one process: other load does not count
        for sentences in per_doc:
            tagger.tag_document(sentences)
        runs.append(time.process_time() - t0)
    print(json.dumps({
        "tokens": n, "sentences": n_sent, "documents": len(per_doc), "load_seconds": round(load, 2),
        "first_pass_tokens_per_second": round(n / runs[0]),
        "tokens_per_second": round(n / runs[1]),
        "model_bytes": sum(os.path.getsize(p) for p in tagger.model_files()),
        "two_pass": len(tagger.model_files()) == 2,
    }))


if __name__ == "__main__":
    main()
