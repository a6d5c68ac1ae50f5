"""`hadath extract`: files in, event records out (stdout)."""
from __future__ import annotations

import sys

import click

from hadath import limits
from hadath.cli.common import echo_error, published_option
from hadath.cli.table import event_line
from hadath.errors import InputError
from hadath.model import json_line


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@published_option
@click.option("--encoding", default="utf-8", show_default=True,
              help="Input encoding: utf-8, auto (detect UTF-16, Windows-1256, ISO-8859-6) or a codec name.")
@click.option("--no-ner", is_flag=True, help="Only actors of the knowledge base (faster).")
@click.option("--time-limit", type=float, default=limits.DEFAULT_TIME_LIMIT, show_default=True, metavar="SECONDS",
              help="Skip a document that takes longer (0: no limit).")
@click.option("--max-chars", type=int, default=limits.DEFAULT_MAX_CHARS, show_default=True,
              help="Skip a document longer than this many characters.")
def extract(paths, fmt, published, encoding, no_ner, time_limit, max_chars):
    """Extract PLOVER events from .txt files and JSONL (id/text lines)."""
    from hadath.extract import load_pipeline
    from hadath.model import event_records
    from hadath.readers import read_inputs

    nlp = load_pipeline(ner=not no_ner)
    debug = click.get_current_context().find_root().obj.get("debug")
    out = sys.stdout
    failed = 0

    def fail(err: InputError) -> None:
        nonlocal failed
        failed += 1
        echo_error(err)
        if fmt == "jsonl":
            out.write(json_line({"record": "error", "where": err.where, "reason": err.reason}))

    for item in read_inputs(paths, encoding=encoding, published=published):
        if isinstance(item, InputError):
            fail(item)
            continue
        where = item.meta.get("path") or item.id
        if len(item.text) > max_chars:
            fail(InputError(where, f"too long ({len(item.text):,} characters; the limit is {max_chars:,}, "
                                   "see --max-chars)"))
            continue
        try:
            with limits.time_limit(time_limit):
                records = event_records(nlp(item))
        except limits.TimeLimitExceeded:
            fail(InputError(where, f"took longer than {time_limit:g} s (see --time-limit); skipped"))
            continue
        except Exception as e:   # a bug on one document must not end the batch (--debug shows it)
            if debug:
                raise
            fail(InputError(where, f"extraction failed: {type(e).__name__}: {e}"))
            continue
        if fmt == "jsonl":
            out.write("".join(json_line(r) for r in records))
        else:
            out.write("".join(event_line(r) + "\n" for r in records))
        out.flush()
    if failed:
        raise click.exceptions.Exit(1)   # the other inputs were processed; say that some were not
