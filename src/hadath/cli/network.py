"""`hadath network`: the alliance network (who backs whom, and how it changes).

Every subcommand reads event records from `--events FILE` (JSONL, as written by
`hadath extract --format jsonl`) or from the store (`--db FILE`).
"""
from __future__ import annotations

import functools
import json
import sys

import click

from hadath.errors import HadathError

ROLLUP_CHOICES = ("none", "affiliation", "country")
EVERY_CHOICES = ("month", "quarter", "year")


def source_options(window: bool = True):
    """--events/--db, the roll-up and (optionally) the --since/--until window."""
    def decorate(f):
        opts = [
            click.option("--events", "events", multiple=True, type=click.Path(dir_okay=False),
                         metavar="FILE", help="JSONL event records (repeatable)."),
            click.option("--db", type=click.Path(dir_okay=False), metavar="FILE",
                         help="The hadath store instead of JSONL."),
            click.option("--rollup", type=click.Choice(ROLLUP_CHOICES), default="none", show_default=True,
                         help="Count actors for their affiliation root (Haftar -> LNA) or their country."),
            click.option("--affiliations", type=click.Path(exists=True, dir_okay=False), metavar="YAML",
                         help="Extra affiliations for --rollup affiliation: 'actor id: parent id'."),
            click.option("--keep-generic", is_flag=True,
                         help="Keep unnamed roles without a country ('a soldier') as actors."),
        ]
        if window:
            opts += [click.option("--since", metavar="DATE",
                                  help="From this date on: 2019, 2019-Q2, 2019-04 or 2019-04-04."),
                     click.option("--until", metavar="DATE", help="Up to this date (its end).")]
        for opt in reversed(opts):
            f = opt(f)
        return f
    return decorate


def _table(opts: dict, since_spec: str | None = None):
    from hadath.network.sources import open_events
    from hadath.network.table import build_table
    from hadath.network.windows import iso, since_day
    lower = since_day(since_spec)   # validates the spec before any reading
    opts["_source"] = open_events(opts["events"], opts["db"], since=iso(lower) if lower else None)
    return build_table(opts["_source"], keep_generic=opts["keep_generic"])


def _echo_evidence(opts: dict, groups: list[tuple[str, list[str]]], per_group: int = 10) -> None:
    """For each (title, event ids): one line per event with its type, certainty, sources and text."""
    from hadath.cli.table import sources_text
    from hadath.network.sources import evidence
    shown = [(title, ids[:per_group], len(ids)) for title, ids in groups]
    records = evidence(opts["_source"], [i for _, ids, _ in shown for i in ids])
    for title, ids, total in shown:
        click.echo(f"{title} ({total} events):")
        for eid in ids:
            r = records.get(eid)
            if r is None:
                click.echo(f"  {eid}")
                continue
            text = " ".join(((r.get("evidence") or {}).get("text") or "").split())
            text = text if len(text) <= 160 else text[:157] + "..."
            click.echo(f"  {eid}  {r.get('type')}  {r.get('certainty') or 'asserted'} per "
                       f"{sources_text(r)}  «{text}»")
        if total > len(ids):
            click.echo(f"  ... {total - len(ids)} more (--format json lists every id)")


def _rollup(table, opts):
    from hadath.network.rollup import load_affiliations, make_rollup
    extra = load_affiliations(opts["affiliations"]) if opts.get("affiliations") else None
    if extra and opts["rollup"] != "affiliation":
        raise HadathError("--affiliations needs --rollup affiliation")
    return make_rollup(table, opts["rollup"], extra)


def load_graph(opts: dict):
    """The graph view the options ask for."""
    from hadath.network.graph import ActorGraph
    from hadath.network.windows import since_day, until_day
    lo, hi = since_day(opts.get("since")), until_day(opts.get("until"))
    table = _table(opts, opts.get("since"))
    return ActorGraph(table, lo, hi, _rollup(table, opts))


def _fmt_option(choices=("table", "json")):
    return click.option("--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True)


def _print_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=1))


def _print_rows(rows: list[dict], columns: list[tuple[str, str]]) -> None:
    """Aligned columns: (key, header) pairs."""
    cells = [[h for _, h in columns]] + [[_cell(r.get(k)) for k, _ in columns] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    for row in cells:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())


def _cell(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:+.2f}"
    return str(v)


def _graph_command(f):
    """Pass the options dict to the command body."""
    @functools.wraps(f)
    def wrapper(**opts):
        return f(opts)
    return wrapper


@click.group()
def network():
    """The actor network: who backs whom, and how it changes."""


@network.command()
@source_options()
@_fmt_option()
@click.option("--top", default=15, show_default=True, help="Strongest ties to list.")
@_graph_command
def summary(opts):
    """Size of the graph and its strongest ties."""
    g = load_graph(opts)
    ties = sorted(g.undirected().values(), key=lambda t: -abs(t.weight))[:opts["top"]]
    rows = [{"a": g.name(t.source), "b": g.name(t.target), "weight": round(t.weight, 4),
             "events": t.events, "first": _iso(t.first), "last": _iso(t.last)} for t in ties]
    info = {"records": g.table.records, "events": len(g.table.event_ids), "skipped": g.table.skipped,
            "generic_mentions_left_out": g.table.generic,
            "nodes": len(g.nodes), "directed_ties": len(g.edges), "pairs": len(g.undirected())}
    if opts["fmt"] == "json":
        _print_json({**info, "top": rows})
        return
    sk = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in info["skipped"].items() if v) or "none"
    if info["generic_mentions_left_out"]:
        sk += f"; {info['generic_mentions_left_out']} generic actor mentions left out"
    click.echo(f"{info['records']} records, {info['events']} events in the graph (skipped: {sk}); "
               f"{info['nodes']} actors, {info['pairs']} pairs, {info['directed_ties']} directed ties")
    _print_rows(rows, [("a", "actor"), ("b", "partner"), ("weight", "weight"), ("events", "events"),
                       ("first", "first"), ("last", "last")])


def _iso(day):
    from hadath.network.windows import iso
    return iso(day)


def _partners(opts, which):
    from hadath.network import analysis
    g = load_graph(opts)
    node = analysis.resolve(g, opts["actor"])
    rows = (analysis.allies if which == "allies" else analysis.rivals)(g, node, opts["limit"])
    if opts["fmt"] == "json":
        _print_json({"actor": node, "name": g.name(node), which: rows})
        return
    click.echo(f"{which.capitalize()} of {g.name(node)} [{node}]: {len(rows)}")
    for i, r in enumerate(rows, 1):
        r["rank"] = i
    _print_rows(rows, [("rank", "#"), ("name", "partner"), ("name_ar", "arabic"), ("weight", "weight"),
                       ("events", "events"), ("out_weight", "given"), ("in_weight", "received"),
                       ("first", "first"), ("last", "last")])
    if opts["evidence"]:
        _echo_evidence(opts, [(r["name"], r["event_ids"]) for r in rows])


def _partner_command(which, doc):
    @network.command(name=which, help=doc)
    @click.argument("actor")
    @source_options()
    @_fmt_option()
    @click.option("--limit", type=int, default=None, help="At most this many partners.")
    @click.option("--evidence", is_flag=True, help="List the event ids behind each tie.")
    @_graph_command
    def command(opts):
        _partners(opts, which)
    return command


_partner_command("allies", "Partners of ACTOR with a positive net tie (id, English or Arabic name).")
_partner_command("rivals", "Partners of ACTOR with a negative net tie (id, English or Arabic name).")


@network.command()
@click.argument("actor_a")
@click.argument("actor_b")
@source_options()
@_fmt_option()
@click.option("--max-paths", default=5, show_default=True, help="Indirect paths to list.")
@click.option("--evidence", is_flag=True, help="Show the events behind the direct ties.")
@_graph_command
def path(opts):
    """How ACTOR_A and ACTOR_B are connected: direct ties, go-betweens, indirect paths."""
    from hadath.network import analysis
    g = load_graph(opts)
    a, b = analysis.resolve(g, opts["actor_a"]), analysis.resolve(g, opts["actor_b"])
    if a == b:
        raise HadathError(f"{opts['actor_a']!r} and {opts['actor_b']!r} are the same node ({a})")
    result = analysis.path(g, a, b, opts["max_paths"])
    if opts["fmt"] == "json":
        _print_json(result)
        return
    click.echo(f"{result['source_name']} [{a}] - {result['target_name']} [{b}]")
    if result["direct"]:
        click.echo("Direct ties:")
        for d in result["direct"]:
            click.echo(f"  {d['from_name']} -> {d['to_name']}: weight {d['weight']:+.2f}, "
                       f"{d['events']} events {_types(d['types'])}, {d['first'] or '?'}..{d['last'] or '?'}"
                       f"  [{' '.join(d['event_ids'])}]")
    else:
        click.echo("No direct tie.")
    if result["intermediaries"]:
        click.echo("Intermediaries named in their events:")
        for m in result["intermediaries"]:
            click.echo(f"  {m['name']} [{m['node']}]: {m['events']} events")
    if result["paths"]:
        click.echo("Indirect paths:")
        for hops in result["paths"]:
            chain = hops[0]["from_name"] + "".join(
                f" ={h['weight']:+.1f}({h['events']})= {h['to_name']}" for h in hops)
            click.echo(f"  {chain}")
    elif not result["direct"]:
        click.echo("Not connected in this window.")
    if opts["evidence"] and result["direct"]:
        _echo_evidence(opts, [(f"{d['from_name']} -> {d['to_name']}", d["event_ids"])
                              for d in result["direct"]])


def _types(types: dict) -> str:
    return "(" + ", ".join(f"{t} {n}" for t, n in types.items()) + ")" if types else ""


@network.command()
@source_options()
@_fmt_option()
@click.option("--resolution", default=1.0, show_default=True,
              help="Below 1: fewer, larger blocs; above 1: more, smaller.")
@_graph_command
def blocs(opts):
    """Blocs of actors: communities of the signed graph (signed modularity, Louvain)."""
    from hadath.network.blocs import describe, signed_louvain
    g = load_graph(opts)
    result = describe(g, signed_louvain(g, opts["resolution"]))
    if opts["fmt"] == "json":
        _print_json(result)
        return
    click.echo(f"{len(result['blocs'])} blocs ({result['method']}); "
               f"frustration {result['frustration']:.2f} (negative inside + positive between)")
    for b in result["blocs"]:
        click.echo(f"{b['bloc']}. [{b['size']}] inside {b['positive']:+.2f} / {b['negative']:+.2f}: "
                   + ", ".join(b["names"]))


@network.command()
@click.option("--old", "old_span", required=True, metavar="WINDOW",
              help="The earlier window: 2017, 2017-Q3, 2017-05, or A..B.")
@click.option("--new", "new_span", required=True, metavar="WINDOW", help="The later window.")
@source_options(window=False)
@_fmt_option()
@click.option("--min-events", default=1, show_default=True, help="Events for a tie to count as present.")
@_graph_command
def changes(opts):
    """New ties, broken ties and reversals between two windows."""
    from hadath.network import analysis
    from hadath.network.graph import ActorGraph
    from hadath.network.windows import span
    old, new = span(opts["old_span"]), span(opts["new_span"])
    lower = min((d for d in (old[0], new[0]) if d is not None), default=None)
    table = _table(opts, None if lower is None else _iso(lower))   # an ISO day is a valid spec
    rollup = _rollup(table, opts)
    result = analysis.changes(ActorGraph(table, *old, rollup), ActorGraph(table, *new, rollup),
                              opts["min_events"])
    if opts["fmt"] == "json":
        _print_json({"old": opts["old_span"], "new": opts["new_span"], **result})
        return
    for key, title in (("new", "New ties"), ("broken", "Broken ties"), ("reversed", "Reversals")):
        click.echo(f"{title}: {len(result[key])}")
        for r in result[key]:
            click.echo(f"  {r['a_name']} - {r['b_name']}: {r['old_weight']:+.2f} ({r['old_events']}) -> "
                       f"{r['new_weight']:+.2f} ({r['new_events']})  [{' '.join(r['event_ids'][:5])}"
                       f"{' ...' if len(r['event_ids']) > 5 else ''}]")


@network.command()
@click.argument("actor", required=False)
@click.argument("partner", required=False)
@source_options()
@click.option("--every", type=click.Choice(EVERY_CHOICES), default="year", show_default=True)
@_fmt_option(("table", "json", "csv"))
@_graph_command
def series(opts):
    """Trajectory per month/quarter/year: of the whole graph, of ACTOR's ties, or of one pair."""
    from hadath.network import analysis
    g = load_graph(opts)
    if opts["actor"]:
        node = analysis.resolve(g, opts["actor"])
        partner = analysis.resolve(g, opts["partner"]) if opts["partner"] else None
        rows = analysis.trajectory(g, node, opts["every"], partner)
        columns = [("period", "period"), ("name", "partner"), ("weight", "weight"), ("events", "events")]
    else:
        rows = analysis.summary_series(g, opts["every"])
        columns = [("period", "period"), ("events", "events"), ("ties", "ties"),
                   ("positive", "positive"), ("negative", "negative")]
    if opts["fmt"] == "json":
        _print_json(rows)
    elif opts["fmt"] == "csv":
        import csv
        fields = list(rows[0]) if rows else [k for k, _ in columns]
        w = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                        for k, v in r.items()})
    else:
        _print_rows(rows, columns)


@network.command()
@source_options()
@click.option("--format", "fmt", type=click.Choice(["gexf", "graphml", "json", "csv"]), default="gexf",
              show_default=True)
@click.option("-o", "--output", type=click.Path(), default="-", show_default=True,
              help="File to write (- for stdout); with --every, a directory.")
@click.option("--every", type=click.Choice(EVERY_CHOICES), default=None,
              help="One file per period in the --output directory.")
@_graph_command
def export(opts):
    """Write the graph for Gephi or Cytoscape (GEXF, GraphML), or as JSON/CSV."""
    from pathlib import Path

    from hadath.network import export as writer
    from hadath.network.graph import ActorGraph
    from hadath.network.windows import period_bounds, period_index, period_label
    g = load_graph(opts)
    meta = {"since": opts["since"], "until": opts["until"], "rollup": opts["rollup"]}
    if not opts["every"]:
        for p in writer.write(g, opts["fmt"], opts["output"], sys.stdout.buffer, meta):
            click.echo(f"wrote {p}", err=True)
        return
    if opts["output"] == "-":
        raise HadathError("--every writes one file per period: give a directory with --output")
    rng = g.table.day_range()
    if rng is None:
        raise HadathError("no dated events to split into periods")
    folder = Path(opts["output"])
    folder.mkdir(parents=True, exist_ok=True)
    lo, hi = g.since or rng[0], g.until or rng[1]
    for index in range(period_index(max(lo, rng[0]), opts["every"]),
                       period_index(min(hi, rng[1]), opts["every"]) + 1):
        a, b = period_bounds(index, opts["every"])
        view = ActorGraph(g.table, max(a, lo), min(b, hi), g.rollup)
        name = folder / f"network-{period_label(index, opts['every'])}.{opts['fmt']}"
        writer.write(view, opts["fmt"], name, meta={**meta, "period": period_label(index, opts["every"])})
        click.echo(f"wrote {name} ({len(view.nodes)} actors, {len(view.edges)} ties)", err=True)


@network.command()
@source_options()
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="A .png or .svg file.")
@click.option("--timeline", "actor", metavar="ACTOR", help="Draw ACTOR's ties over time instead of the graph.")
@click.option("--every", type=click.Choice(EVERY_CHOICES), default="year", show_default=True)
@click.option("--top", default=None, type=int, help="Actors (graph, default 40) or partners (timeline, default 6).")
@_graph_command
def plot(opts):
    """Draw the graph, or one actor's timeline, as PNG or SVG."""
    from hadath.network import analysis, plot as drawing
    g = load_graph(opts)
    if opts["actor"]:
        node = analysis.resolve(g, opts["actor"])
        path = drawing.plot_timeline(g, node, opts["output"], opts["every"], opts["top"] or 6)
    else:
        path = drawing.plot_graph(g, opts["output"], opts["top"] or 40)
    if not drawing.arabic_labels():
        click.echo("hadath: Arabic names left out of the labels (this matplotlib cannot shape Arabic)",
                   err=True)
    click.echo(f"wrote {path}", err=True)
