"""The store's schema, its version, and the migrations from older versions.

Natural keys (content hash, event key, actor id) are unique, so that writing the same
document twice is a no-op and a resumed ingest never counts anything twice. Surrogate
integer ids are for joins only; nothing outside the store should rely on them.
"""
from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 3

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);

-- One row per `hadath ingest`: what produced the events (versions, configuration, inputs).
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL, finished TEXT, status TEXT NOT NULL DEFAULT 'running',
    hadath_version TEXT, versions TEXT, config TEXT, inputs TEXT,
    documents INTEGER DEFAULT 0, skipped INTEGER DEFAULT 0, errors INTEGER DEFAULT 0,
    events INTEGER DEFAULT 0
);
CREATE TABLE IF NOT EXISTS run_inputs (
    run_id INTEGER NOT NULL REFERENCES runs(id), path TEXT NOT NULL, size INTEGER, mtime REAL,
    PRIMARY KEY (run_id, path)
);

CREATE TABLE IF NOT EXISTS outlets (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);

CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    doc_key TEXT NOT NULL UNIQUE,         -- the input's id, made unique in the store
    hash TEXT NOT NULL UNIQUE,            -- sha256 of the text: the identity of a document
    outlet_id INTEGER REFERENCES outlets(id),
    title TEXT, author TEXT, url TEXT, published TEXT, lang TEXT, encoding TEXT, path TEXT,
    meta TEXT,                            -- the remaining input metadata (JSON)
    text TEXT NOT NULL,
    minhash BLOB,                         -- signature for near-duplicate detection
    copy_of INTEGER REFERENCES documents(id),   -- syndicated copy of that document (or NULL)
    run_id INTEGER REFERENCES runs(id)
);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published);
CREATE INDEX IF NOT EXISTS documents_outlet ON documents(outlet_id);
CREATE TABLE IF NOT EXISTS doc_bands (band INTEGER NOT NULL, doc_id INTEGER NOT NULL REFERENCES documents(id));
CREATE INDEX IF NOT EXISTS doc_bands_band ON doc_bands(band);
-- For incremental corroboration: the bands of the new documents, the members of a copy group.
CREATE INDEX IF NOT EXISTS doc_bands_doc ON doc_bands(doc_id);
CREATE INDEX IF NOT EXISTS documents_copy_of ON documents(copy_of) WHERE copy_of IS NOT NULL;

-- Normalised text (tashkeel, alef forms, clitic stems) indexed for search; rowid = documents.id.
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    body, content='', tokenize='unicode61 remove_diacritics 2');

CREATE TABLE IF NOT EXISTS sentences (
    doc_id INTEGER NOT NULL REFERENCES documents(id), idx INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS actors (
    id TEXT PRIMARY KEY, name TEXT, name_ar TEXT, country TEXT, sector TEXT, type TEXT,
    wikidata TEXT, provisional INTEGER NOT NULL DEFAULT 0, affiliations TEXT, aliases TEXT
);
CREATE INDEX IF NOT EXISTS actors_name ON actors(name);

CREATE TABLE IF NOT EXISTS mentions (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id), ordinal INTEGER NOT NULL,
    actor_id TEXT NOT NULL REFERENCES actors(id),
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT, sentence INTEGER,
    kind TEXT, framing TEXT, UNIQUE (doc_id, ordinal)
);
CREATE INDEX IF NOT EXISTS mentions_actor ON mentions(actor_id);

CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id), ordinal INTEGER NOT NULL,
    event_key TEXT NOT NULL UNIQUE,       -- doc_key#ordinal, the record's event_id
    type TEXT NOT NULL, mode TEXT, context TEXT,
    date_start TEXT, date_end TEXT, date_precision TEXT, date_text TEXT,
    day TEXT,                             -- date_start, else the publication date: for filters and clusters
    location_name TEXT, location_country TEXT, location_text TEXT,
    negated INTEGER NOT NULL DEFAULT 0, aux TEXT, certainty TEXT,
    sentence INTEGER, evidence_start INTEGER, evidence_end INTEGER,
    trigger_text TEXT, trigger_start INTEGER, trigger_end INTEGER,
    score REAL, confidence REAL, framing TEXT,
    cluster_key TEXT,                     -- type|actors|recipients: events that may be the same
    cluster_id INTEGER,                   -- clusters.id (no foreign key: a cluster key's clusters are deleted and rebuilt together)
    UNIQUE (doc_id, ordinal)
);
CREATE INDEX IF NOT EXISTS events_type_day ON events(type, day);
CREATE INDEX IF NOT EXISTS events_day ON events(day);
CREATE INDEX IF NOT EXISTS events_cluster ON events(cluster_id);
CREATE INDEX IF NOT EXISTS events_cluster_key ON events(cluster_key, day);

CREATE TABLE IF NOT EXISTS event_actors (
    event_id INTEGER NOT NULL REFERENCES events(id),
    role TEXT NOT NULL,                   -- actor, recipient, other
    position INTEGER NOT NULL,
    actor_id TEXT NOT NULL REFERENCES actors(id),
    text TEXT, start INTEGER, "end" INTEGER,
    PRIMARY KEY (event_id, role, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_actors_actor ON event_actors(actor_id, role);

-- Who says so: sources, and per event the chain from the outlet to the speaker.
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, ref TEXT NOT NULL DEFAULT '',
    UNIQUE (name, kind, ref)
);
CREATE TABLE IF NOT EXISTS attributions (
    event_id INTEGER NOT NULL REFERENCES events(id), position INTEGER NOT NULL,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    relation TEXT,                        -- reported (outlet), said, quoted, paraphrased
    text TEXT, start INTEGER, "end" INTEGER,
    PRIMARY KEY (event_id, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS attributions_source ON attributions(source_id);
CREATE TABLE IF NOT EXISTS doc_sources (
    doc_id INTEGER NOT NULL REFERENCES documents(id), position INTEGER NOT NULL,
    source_id INTEGER NOT NULL REFERENCES sources(id), text TEXT, start INTEGER, "end" INTEGER,
    PRIMARY KEY (doc_id, position)
) WITHOUT ROWID;

-- Framing markers: scare quotes, loaded terms ... on a mention, an event or the document.
CREATE TABLE IF NOT EXISTS framing (
    doc_id INTEGER NOT NULL REFERENCES documents(id), ordinal INTEGER NOT NULL,
    event_id INTEGER REFERENCES events(id), mention_id INTEGER REFERENCES mentions(id),
    kind TEXT NOT NULL, start INTEGER, "end" INTEGER, text TEXT, data TEXT,
    PRIMARY KEY (doc_id, ordinal)
) WITHOUT ROWID;

-- Inputs that could not be read or processed; one row per input place.
CREATE TABLE IF NOT EXISTS errors (
    id INTEGER PRIMARY KEY, "where" TEXT NOT NULL UNIQUE, reason TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id), at TEXT
);

-- The same event reported by several documents: one cluster, many reports.
CREATE TABLE IF NOT EXISTS clusters (
    id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE,   -- event_key of its first report
    type TEXT NOT NULL, cluster_key TEXT,
    day_start TEXT, day_end TEXT,
    reports INTEGER NOT NULL, documents INTEGER NOT NULL, independent INTEGER NOT NULL,
    outlets INTEGER NOT NULL
);
"""

# version -> SQL that brings a store from version-1 to version. Add entries, never edit.
MIGRATIONS: dict[int, str] = {
    2: "ALTER TABLE actors ADD COLUMN aliases TEXT;",   # English aliases (JSON list) for records
    3: "CREATE INDEX IF NOT EXISTS doc_bands_doc ON doc_bands(doc_id);"   # incremental corroboration
       "CREATE INDEX IF NOT EXISTS documents_copy_of ON documents(copy_of) WHERE copy_of IS NOT NULL;",
}


def create_or_migrate(con: sqlite3.Connection) -> None:
    """Create the schema, or migrate an older store; refuse a store newer than this code."""
    from hadath.errors import HadathError

    has_meta = con.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone()
    version = 0
    if has_meta:
        row = con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        version = int(row[0]) if row else 0
    if version > SCHEMA_VERSION:
        raise HadathError(f"the store has schema version {version}, newer than this hadath "
                          f"({SCHEMA_VERSION}): upgrade hadath")
    if version == SCHEMA_VERSION:
        return
    # Each step is one transaction with its version bump; the DDL is idempotent, so a
    # creation cut short by a crash is simply completed next time.
    if version == 0:
        con.executescript("BEGIN IMMEDIATE;" + SCHEMA +
                          f"INSERT OR REPLACE INTO meta VALUES ('schema_version', '{SCHEMA_VERSION}');COMMIT;")
        return
    for v in range(version + 1, SCHEMA_VERSION + 1):
        con.executescript("BEGIN IMMEDIATE;" + MIGRATIONS[v] +
                          f"INSERT OR REPLACE INTO meta VALUES ('schema_version', '{v}');COMMIT;")
