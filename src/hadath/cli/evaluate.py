"""`hadath eval`: extraction measured against gold, with the reference scorer's rules."""
from __future__ import annotations

import json
from pathlib import Path

import click

from hadath.errors import HadathError


@click.command()
@click.option("--gold", "gold_path", type=click.Path(exists=True, dir_okay=False),
              help="A gold-events/1 file (one annotated article).")
@click.option("--text", "text_path", type=click.Path(exists=True, dir_okay=False),
              help="The article (default: the gold file's doc.file beside it).")
@click.option("--gsr", "gsr_path", type=click.Path(exists=True, dir_okay=False),
              help="A GSR sentence file (id, event_type, label, text).")
@click.option("--type", "event_type", help="Only GSR rows of this event type (ASSAULT, PROTEST).")
@click.option("--events", "events_path", type=click.Path(exists=True, dir_okay=False),
              help="Score these event records instead of running the extraction.")
@click.option("--verbose", "-v", is_flag=True, help="List missed events and false positives.")
def evaluate(gold_path, text_path, gsr_path, event_type, events_path, verbose):
    """Score extraction on a gold article (--gold) or a GSR sentence set (--gsr)."""
    from hadath import evaluate as ev
    if bool(gold_path) == bool(gsr_path):
        raise click.UsageError("give one of --gold or --gsr")
    if gold_path:
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
        text_file = Path(text_path) if text_path else Path(gold_path).with_name(gold["doc"]["file"])
        if not text_file.exists():
            raise HadathError(f"{text_file}: the article of {gold_path} is not there (use --text)")
        text = text_file.read_text(encoding="utf-8")
        records = ev.read_jsonl(events_path) if events_path else _extract(
            [(gold["doc"]["id"], text, gold["doc"].get("published"))])
        figures = ev.score_doc(gold, text, records)
        if not verbose:
            figures = {k: v for k, v in figures.items() if k not in ("missed", "false_positive_events")}
    else:
        rows = ev.read_jsonl(gsr_path)
        if event_type:
            rows = [r for r in rows if r.get("event_type") == event_type]
        records = ev.read_jsonl(events_path) if events_path else _extract(
            [(str(r["id"]), r["text"], r.get("published")) for r in rows])
        figures = ev.score_gsr(rows, records)
    click.echo(json.dumps(figures, ensure_ascii=False))


def _extract(items):
    from hadath.extract import load_pipeline
    from hadath.model import Document, event_records
    nlp = load_pipeline()
    out = []
    for doc_id, text, published in items:
        out += event_records(nlp(Document(id=doc_id, text=text, published=published)))
    return out
