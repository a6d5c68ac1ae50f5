"""`hadath actors`: find, show, search and validate the actor knowledge base."""
from __future__ import annotations

import json
import sys

import click

from hadath.cli.common import published_option
from hadath.errors import HadathError


def _kb():
    from hadath.kb import load_kb
    return load_kb()


def _actor_record(a) -> dict:
    rec = {"id": a.id, "type": a.type, "name": a.name, "en": a.en, "ar": a.ar, "country": a.country,
           "sector": a.sector, "wikidata": a.wikidata, "family": a.family}
    for key in ("metonyms", "descriptors", "framing"):
        if getattr(a, key):
            rec[key] = getattr(a, key)
    if a.affiliations:
        rec["affiliations"] = [{"id": s.of, "from": s.start, "until": s.end} for s in a.affiliations]
    if a.roles:
        rec["roles"] = [{"role": r.role, "of": r.of, "sector": r.sector, "country": r.country,
                         "from": r.start, "until": r.end, "ar": list(r.ar)} for r in a.roles]
    if a.note:
        rec["note"] = a.note
    return {k: v for k, v in rec.items() if v not in (None, [], "")}


@click.group()
def actors():
    """The actor knowledge base."""


@actors.command()
@click.argument("text", required=False)
@click.option("--file", "path", type=click.Path(exists=True, dir_okay=False), help="Read the text from a file.")
@published_option
@click.option("--ner/--no-ner", default=False, help="Add provisional actors from the NER tagger.")
def find(text, path, published, ner):
    """Print the actor mentions of TEXT (or --file, or stdin) as JSON lines."""
    from hadath.extract.pipeline import segment_text
    from hadath.kb import MentionFinder
    from hadath.model import Document
    if path:
        from hadath.readers import MAX_BYTES, decode
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise HadathError(f"{path}: too large (over {MAX_BYTES:,} bytes)")
        text = decode(data, path)[0]   # binary, empty or non-UTF-8: one error line (InputError)
    elif text is None or text == "-":
        text = sys.stdin.read()
    doc = Document(id="text", text=text, published=published)
    segment_text(doc)
    MentionFinder(ner=ner, kb=_kb())(doc)
    for m in doc.mentions:
        rec = m.entity.record(m)
        rec.update(kind=m.kind, framing=m.framing, sentence=m.sentence,
                   affiliations=list(m.entity.affiliations))
        click.echo(json.dumps(rec, ensure_ascii=False))


@actors.command()
@click.argument("actor_id")
def show(actor_id):
    """Print one actor (by id) as JSON."""
    from hadath.errors import HadathError
    kb = _kb()
    a = kb.get(actor_id) or kb.get(actor_id.upper())
    if a is None:
        raise HadathError(f"no actor with id {actor_id!r} (try `hadath actors search`)")
    click.echo(json.dumps(_actor_record(a), ensure_ascii=False, indent=2))


@actors.command()
@click.argument("name")
@click.option("--limit", default=20, show_default=True)
def search(name, limit):
    """Actors whose Arabic or English name matches NAME (exact first, then contained)."""
    for a in _kb().search(name, limit=limit):
        click.echo(f"{a.id}\t{a.type}\t{a.name}\t{a.ar[0] if a.ar else ''}\t{a.country or ''}\t{a.sector or ''}")


@actors.command()
@click.option("--strict", is_flag=True, help="Fail on warnings (conflicting aliases) too.")
def validate(strict):
    """Check the data files: schema, duplicate ids, unknown references, conflicting aliases."""
    from hadath.kb.validate import validate_base
    errors, warnings, counts = validate_base()
    for w in warnings:
        click.echo(f"warning: {w}")
    for e in errors:
        click.echo(f"error: {e}")
    total = sum(v for k, v in counts.items() if k != "agent")
    click.echo(f"{total} actors ({', '.join(f'{k} {v}' for k, v in counts.items())}); "
               f"{len(errors)} errors, {len(warnings)} warnings")
    if errors or (strict and warnings):
        sys.exit(1)


@actors.command()
def stats():
    """Actor counts by type and the size of the name index."""
    kb = _kb()
    click.echo(json.dumps({"actors": len(kb), "by_type": kb.counts(), "names": len(kb.keys)}, indent=2))


@actors.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--db", type=click.Path(exists=True, dir_okay=False),
              help="Read the documents of an ingested store instead of files.")
@click.option("--limit", default=50, show_default=True, help="How many names to list.")
@click.option("--min-count", default=2, show_default=True, help="Only names seen at least this often.")
@click.option("--encoding", default="auto", show_default=True, help="Input encoding (see `hadath extract`).")
def candidates(paths, db, limit, min_count, encoding):
    """The most frequent unknown names (NER) in a corpus, ready to add to the base (TSV)."""
    from hadath.cli.common import echo_error
    from hadath.errors import InputError
    from hadath.ner import candidates as find_candidates
    if bool(paths) == bool(db):
        raise click.UsageError("give files or folders, or --db FILE")
    if db:
        from hadath.model import Document
        from hadath.store import Store
        rows = Store(db).con.execute("SELECT doc_key, text FROM documents")
        docs = (Document(id=str(key), text=text) for key, text in rows)
    else:
        from hadath.readers import read_inputs

        def docs_from_files():
            for item in read_inputs(paths, encoding=encoding):
                if isinstance(item, InputError):
                    echo_error(item)
                else:
                    yield item
        docs = docs_from_files()
    rows = find_candidates(docs, _kb(), limit=limit, min_count=min_count)
    click.echo("name_ar\ttype\tcount\tname_en\texample")
    from hadath.kb import romanize
    for name, kind, count, example in rows:
        click.echo(f"{name}\t{kind}\t{count}\t{romanize(name)}\t{' '.join(example.split())[:160]}")
