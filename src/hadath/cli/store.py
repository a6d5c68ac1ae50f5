"""`hadath ingest`, `events`, `stats`, `export`: the corpus store on the analyst's machine."""
from __future__ import annotations

import json
import sys

import click

from hadath.model import json_line
from hadath.cli.common import _iso_date, published_option

db_option = click.option("--db", "db", default="hadath.db", show_default=True, type=click.Path(dir_okay=False),
                         help="The store: one SQLite file.")


def _filters(f):
    for opt in reversed([
        click.option("--actor", help="Actor id, English or Arabic name (part of it), or country code."),
        click.option("--type", "etype", metavar="T", help="PLOVER event type(s), comma-separated."),
        click.option("--since", callback=_iso_date, metavar="DATE", help="Events on or after this day."),
        click.option("--until", callback=_iso_date, metavar="DATE", help="Events on or before this day."),
        click.option("--source", metavar="OUTLET", help="Outlet or quoted source (part of its name)."),
        click.option("--certainty", metavar="C", help="asserted, reported, claimed, denied, hypothetical (comma-separated)."),
        click.option("--search", metavar="TEXT", help="Full-text search in the articles (all words, any clitic form)."),
        click.option("--cluster", metavar="LABEL", help="Every report of one event cluster (its label, as in `cluster`)."),
    ]):
        f = opt(f)
    return f


def _filter_args(actor, etype, since, until, source, certainty, search, cluster):
    return {"actor": actor, "type": etype, "since": since, "until": until, "source": source,
            "certainty": certainty, "search": search, "cluster": cluster}


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Worker processes (default: one per core).")
@published_option
@click.option("--encoding", default="utf-8", show_default=True,
              help="Input encoding: utf-8, auto (detect UTF-16, Windows-1256, ISO-8859-6) or a codec name.")
@click.option("--window", type=click.IntRange(0, 3650), default=3, show_default=True,
              help="Days apart within which reports of the same event are grouped.")
@click.option("--full-corroboration", "full", is_flag=True,
              help="Recompute copies and clusters over the whole store (by default only what new documents change).")
@click.option("--time-limit", type=click.FloatRange(0.1), default=60.0, show_default=True,
              help="Seconds per document before it is skipped.")
@click.option("--max-bytes", type=click.IntRange(1), default=50_000_000, show_default=True,
              help="Largest input document, in bytes.")
@click.option("--max-chars", type=click.IntRange(1), default=2_000_000, show_default=True,
              help="Longest document text, in characters.")
@click.option("--no-ner", is_flag=True, help="Only actors of the knowledge base (faster).")
@click.option("--pipeline", default="hadath.extract:load_pipeline", show_default=True, hidden=True)
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
def ingest(paths, db, workers, published, encoding, window, full, time_limit, max_bytes, max_chars, no_ner,
           pipeline, progress):
    """Ingest folders and files (.txt, .html, .jsonl, .csv, gzipped or not) into the store.

    Idempotent and resumable: documents already in the store are skipped by content, so
    running the same command again after a crash or Ctrl-C finishes the job.
    """
    from hadath.store.ingest import Options, ingest as run_ingest

    kwargs = {"ner": False} if no_ner else {}
    options = Options(encoding=encoding, published=published, max_bytes=max_bytes, max_chars=max_chars,
                      time_limit=time_limit, pipeline=pipeline, pipeline_kwargs=kwargs)
    bar_on = sys.stderr.isatty() if progress is None else progress

    def on_error(where, reason):
        line = f"hadath: skipped {where}: {reason}"
        if bar_on:
            from tqdm import tqdm
            tqdm.write(line, file=sys.stderr)
        else:
            click.echo(line, err=True)

    r = run_ingest(paths, db, workers=workers, options=options, window=window, on_error=on_error,
                   progress=bar_on, full=full)
    rate = r.seen / r.seconds if r.seconds else 0.0
    click.echo(f"hadath: {db}: {r.documents} documents added, {r.skipped} already there, {r.errors} errors, "
               f"{r.events} events; {r.seconds:.1f} s ({rate:.1f} docs/s); run {r.run_id}", err=True)
    if r.interrupted:
        click.echo("hadath: interrupted; run the same command again to finish (nothing is counted twice)",
                   err=True)
        sys.exit(130)
    if r.errors and not (r.documents or r.skipped):
        sys.exit(1)   # not one input could be read: a mistyped path, most likely


@click.command()
@db_option
@_filters
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many events.")
def events(db, actor, etype, since, until, source, certainty, search, cluster, fmt, limit):
    """Events in the store, filtered."""
    from hadath.store import Store
    from hadath.store.export import _csv

    out = sys.stdout
    with Store(db) as store:
        records = store.iter_events(limit=limit, **_filter_args(actor, etype, since, until, source, certainty,
                                                                search, cluster))
        if fmt == "csv":
            _csv(records, out)
            return
        from hadath.cli.table import event_line
        for r in records:
            out.write(json_line(r) if fmt == "jsonl" else event_line(r) + "\n")


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="The figures as one JSON object.")
@click.option("--top", type=click.IntRange(1), default=10, show_default=True)
def stats(db, as_json, top):
    """What the store holds: documents, events (clusters of reports), actors, outlets, runs."""
    from hadath.store import Store

    with Store(db) as store:
        s = store.stats(top=top)
        s["most_corroborated"] = list(store.iter_clusters(min_independent=2, limit=5))
    if as_json:
        click.echo(json.dumps(s, ensure_ascii=False, default=list))
        return
    echo = click.echo
    echo(f"{db}: {s['documents']} documents ({s['copies']} syndicated copies), {s['errors']} unreadable inputs")
    echo(f"events: {s['events']} distinct ({s['corroborated']} corroborated by independent reports) "
         f"from {s['reports']} reports; {s['actors']} actors; {s['outlets']} outlets")
    if s["first_day"]:
        echo(f"dates: {s['first_day']} .. {s['last_day']}")
    if s["stale"]:
        echo("note: an ingest is running or was cut short; clusters will be updated when it finishes")
    if s["types"]:
        echo("event types (events / reports):")
        for t, n, reports in s["types"]:
            echo(f"  {t:<10} {n:>7} / {reports}")
    if s["top_actors"]:
        echo("top actors (events / reports):")
        for aid, name, name_ar, n, reports in s["top_actors"]:
            label = f"{name} ({name_ar})" if name_ar else name
            echo(f"  {label:<40} {n:>7} / {reports}")
    if s["top_outlets"]:
        echo("outlets (documents):")
        for name, n in s["top_outlets"]:
            echo(f"  {name:<40} {n:>7}")
    if s["most_corroborated"]:
        echo("most corroborated events (independent reports / reports):")
        for c in s["most_corroborated"]:
            outlets = sorted({i["outlet"] or "?" for i in c["items"]})
            days = c["days"][0] if c["days"][0] == c["days"][1] else f"{c['days'][0]}..{c['days'][1]}"
            echo(f"  {c['cluster']}  {c['type']} {','.join(c['actors'] + c['recipients'])}  {days}  "
                 f"{c['independent']} / {c['reports']}  ({', '.join(outlets)})")
    if s["runs"]:
        rid, started, finished, status, version, docs, skipped, errors, evs = s["runs"][0]
        echo(f"last run: #{rid} {status}, hadath {version}, {started}: {docs} added, {skipped} skipped, "
             f"{errors} errors, {evs} events")


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["plover", "jsonl", "csv", "parquet"]), required=True)
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="Output file (default: stdout; "
              "required for parquet).")
@_filters
def export(db, fmt, out, actor, etype, since, until, source, certainty, search, cluster):
    """Export events: PLOVER JSON, JSON Lines, dyadic CSV (ACLED/Phoenix style) or Parquet."""
    from hadath.store import Store
    from hadath.store.export import export as run_export

    with Store(db) as store:
        n = run_export(store, fmt, out, **_filter_args(actor, etype, since, until, source, certainty, search,
                                                        cluster))
    if out:
        click.echo(f"hadath: wrote {n} {'rows' if fmt in ('csv', 'parquet') else 'events'} to {out}", err=True)
