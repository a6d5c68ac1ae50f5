"""`hadath extract`: files in, event records out (stdout)."""
from __future__ import annotations

import json
import sys

import click

from hadath.cli.common import echo_error, published_option
from hadath.errors import InputError


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@published_option
@click.option("--encoding", default="utf-8", show_default=True,
              help="Input encoding: utf-8, auto (detect UTF-16, Windows-1256, ISO-8859-6) or a codec name.")
@click.option("--no-ner", is_flag=True, help="Only actors of the knowledge base (faster).")
def extract(paths, fmt, published, encoding, no_ner):
    """Extract PLOVER events from .txt files and JSONL (id/text lines)."""
    from hadath.extract import load_pipeline
    from hadath.model import event_records
    from hadath.readers import read_inputs

    nlp = load_pipeline(ner=not no_ner)
    out = sys.stdout
    failed = 0
    for item in read_inputs(paths, encoding=encoding, published=published):
        if isinstance(item, InputError):
            failed += 1
            echo_error(item)
            if fmt == "jsonl":
                out.write(json.dumps({"record": "error", "where": item.where, "reason": item.reason},
                                     ensure_ascii=False) + "\n")
            continue
        doc = nlp(item)
        records = event_records(doc)
        if fmt == "jsonl":
            out.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        else:
            from hadath.cli.table import event_line
            for r in records:
                out.write(event_line(r) + "\n")
        out.flush()
    if failed:
        raise click.exceptions.Exit(1)   # the other inputs were processed; say that some were not
