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
        gold = _load(gold_path, lambda p: json.loads(Path(p).read_text(encoding="utf-8")))
        if not isinstance(gold, dict) or not isinstance(gold.get("doc"), dict):
            raise HadathError(f"{gold_path}: not a gold-events file (no \"doc\" object)")
        text_file = Path(text_path) if text_path else Path(gold_path).with_name(gold["doc"]["file"])
        if not text_file.exists():
            raise HadathError(f"{text_file}: the article of {gold_path} is not there (use --text)")
        text = _load(text_file, lambda p: Path(p).read_text(encoding="utf-8"))
        records = _load(events_path, ev.read_jsonl) if events_path else _extract(
            [(gold["doc"]["id"], text, gold["doc"].get("published"))])
        figures = ev.score_doc(gold, text, records)
        if not verbose:
            figures = {k: v for k, v in figures.items() if k not in ("missed", "false_positive_events")}
    else:
        rows = _load(gsr_path, ev.read_jsonl)
        if event_type:
            rows = [r for r in rows if r.get("event_type") == event_type]
        records = _load(events_path, ev.read_jsonl) if events_path else _extract(
            [(str(r["id"]), r["text"], r.get("published")) for r in rows])
        figures = ev.score_gsr(rows, records)
    click.echo(json.dumps(figures, ensure_ascii=False))


def _load(path, reader):
    """reader(path), with a file that is not UTF-8 JSON as one error line instead of a traceback."""
    try:
        return reader(path)
    except UnicodeDecodeError as e:
        raise HadathError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    except ValueError as e:   # json.JSONDecodeError
        raise HadathError(f"{path}: not valid JSON ({e})") from None


def _extract(items):
    from hadath.extract import load_pipeline
    from hadath.model import Document, event_records
    nlp = load_pipeline()
    out = []
    for doc_id, text, published in items:
        out += event_records(nlp(Document(id=doc_id, text=text, published=published)))
    return out
