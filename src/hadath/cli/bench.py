"""`hadath bench`: throughput of the whole extraction pipeline on one core."""
from __future__ import annotations

import gzip
import json
import resource
import time
from pathlib import Path

import click

from hadath.errors import HadathError

ANT = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "ant" / "ant_v2.1_middleeast_world.jsonl.gz"


@click.command()
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False),
              help="JSONL (optionally gzipped) with id/text lines; default: ../shared's ANT corpus.")
@click.option("--docs", default=1000, show_default=True, help="How many documents to time.")
@click.option("--no-ner", is_flag=True, help="Without the NER tagger.")
def bench(corpus, docs, no_ner):
    """Time the extraction pipeline (documents, sentences and words per second, peak memory)."""
    from hadath.extract import load_pipeline
    from hadath.model import Document

    path = Path(corpus) if corpus else ANT
    if not path.exists():
        raise HadathError(f"no corpus at {path}: give one with --corpus FILE.jsonl[.gz]")
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for _, line in zip(range(docs), f)]
    t0 = time.perf_counter()
    nlp = load_pipeline(ner=not no_ner)   # loads every resource (it runs a warm-up document)
    load = time.perf_counter() - t0
    sentences = words = events = 0
    t0 = time.perf_counter()
    for row in rows:
        doc = nlp(Document(id=str(row.get("id")), text=row["text"], published=row.get("published")))
        sentences += len(doc.sentences)
        words += sum(len(s.tokens) for s in doc.sentences)
        events += len(doc.events)
    secs = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    click.echo(json.dumps({
        "corpus": path.name, "docs": len(rows), "sentences": sentences, "tokens": words, "events": events,
        "load_seconds": round(load, 2), "seconds": round(secs, 2),
        "docs_per_second": round(len(rows) / secs, 1), "sentences_per_second": round(sentences / secs, 1),
        "tokens_per_second": round(words / secs), "peak_rss_mb": round(peak_mb), "ner": not no_ner}))
