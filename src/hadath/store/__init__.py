"""The event store: one SQLite file (WAL, FTS5) holding documents, events and their provenance.

    from hadath.store import Store, ingest
    ingest(["corpus/"], "hadath.db", workers=2)
    with Store("hadath.db") as store:
        for record in store.iter_events(actor="Haftar", since="2018-01-01"):
            ...

Modules: schema (tables, version, migrations), db (connections, one-line errors),
rows (a processed document as plain data), writer (batches into the store), ingest
(parallel, resumable ingestion), corroborate (copies and event clusters), query (Store:
events and stats), export (PLOVER, JSONL, CSV, Parquet), dump (canonical contents).
See docs/STORE.md for the choices.
"""
from hadath.store.query import Store


def ingest(*args, **kwargs):
    from hadath.store.ingest import ingest as _ingest
    return _ingest(*args, **kwargs)


__all__ = ["Store", "ingest"]
