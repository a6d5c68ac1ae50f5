"""A canonical dump of the store's contents: what was stored, not when, by which run, or in what order.

Surrogate ids (documents.id, events.id, ...) are replaced by natural keys (content hash,
event key, actor id), runs and timestamps are left out, rows are sorted. Two stores that
hold the same documents, events, errors and clusters give the same dump, whichever way
they were filled (one run, or a run killed half-way and resumed).
"""
from __future__ import annotations

import sqlite3
from typing import Iterator

QUERIES = {
    "documents": """SELECT d.doc_key, d.hash, o.name, d.title, d.author, d.url, d.published, d.lang, d.encoding,
                    d.path, d.meta, d.text, hex(d.minhash), c.hash FROM documents d
                    LEFT JOIN outlets o ON o.id = d.outlet_id LEFT JOIN documents c ON c.id = d.copy_of""",
    "doc_bands": "SELECT d.hash, b.band FROM doc_bands b JOIN documents d ON d.id = b.doc_id",
    "search": "SELECT d.hash FROM documents d WHERE d.id IN (SELECT rowid FROM documents_fts)",
    "sentences": 'SELECT d.hash, s.idx, s.start, s."end" FROM sentences s JOIN documents d ON d.id = s.doc_id',
    "actors": "SELECT * FROM actors",
    "mentions": """SELECT d.hash, m.ordinal, m.actor_id, m.start, m."end", m.text, m.sentence, m.kind, m.framing
                   FROM mentions m JOIN documents d ON d.id = m.doc_id""",
    "events": """SELECT e.event_key, d.hash, e.ordinal, e.type, e.mode, e.context, e.date_start, e.date_end,
                 e.date_precision, e.date_text, e.day, e.location_name, e.location_country, e.location_text,
                 e.negated, e.aux, e.certainty, e.sentence, e.evidence_start, e.evidence_end, e.trigger_text,
                 e.trigger_start, e.trigger_end, e.score, e.confidence, e.framing, e.cluster_key, c.label
                 FROM events e JOIN documents d ON d.id = e.doc_id LEFT JOIN clusters c ON c.id = e.cluster_id""",
    "event_actors": """SELECT e.event_key, a.role, a.position, a.actor_id, a.text, a.start, a."end"
                       FROM event_actors a JOIN events e ON e.id = a.event_id""",
    "attributions": """SELECT e.event_key, a.position, s.name, s.kind, s.ref, a.relation, a.text, a.start, a."end"
                       FROM attributions a JOIN events e ON e.id = a.event_id JOIN sources s ON s.id = a.source_id""",
    "doc_sources": """SELECT d.hash, x.position, s.name, s.kind, s.ref, x.text, x.start, x."end"
                      FROM doc_sources x JOIN documents d ON d.id = x.doc_id JOIN sources s ON s.id = x.source_id""",
    "framing": """SELECT d.hash, f.ordinal, e.event_key, m.ordinal, f.kind, f.start, f."end", f.text, f.data
                  FROM framing f JOIN documents d ON d.id = f.doc_id LEFT JOIN events e ON e.id = f.event_id
                  LEFT JOIN mentions m ON m.id = f.mention_id""",
    "errors": 'SELECT "where", reason FROM errors',
    "clusters": """SELECT label, type, cluster_key, day_start, day_end, reports, documents, independent, outlets
                   FROM clusters""",
    # Not the corroboration mark: a surrogate id (the last document the last pass covered).
    "meta": "SELECT key, value FROM meta WHERE key != 'corroborated'",
}


def canonical_dump(con: sqlite3.Connection) -> Iterator[str]:
    """One line per row, table by table, sorted."""
    for table, sql in QUERIES.items():
        rows = sorted(con.execute(sql).fetchall(), key=lambda r: tuple("" if v is None else str(v) for v in r))
        yield f"# {table}: {len(rows)}"
        for row in rows:
            yield repr(row)


def dump_file(path) -> list[str]:
    """The canonical dump of the store at `path` (for comparing two stores)."""
    con = sqlite3.connect(path)
    try:
        return list(canonical_dump(con))
    finally:
        con.close()
