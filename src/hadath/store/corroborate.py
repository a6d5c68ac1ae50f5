"""Cross-document corroboration: syndicated copies, then event clusters.

Both are brought up to date at the end of an ingest (and after a crash, by the next one),
in one transaction. They depend only on what is stored, never on the order documents
arrived in, so a resumed ingest gives the same groups as a clean one, and an incremental
pass the same as a full recompute (tested).

1. Copies: documents whose MinHash signatures estimate a Jaccard similarity of at least
   `COPY_THRESHOLD` are one article; the earliest published (then the smallest id key) is
   the original, the others point to it (`documents.copy_of`).
2. Clusters: events of the same type between the same actors (the sides sorted; either side
   for symmetric types such as CONSULT), whose days (the event date, else the publication
   date) lie within `window` days of the first of them, in date order, are one event. A
   cluster records its reports, documents, independent reports (copies count once) and outlets.

Incremental: meta `corroborated` holds the largest document id the last pass covered (ids
only grow: documents are never deleted). The next pass redoes only the copy groups that the
documents added since may join, merge or split, then the clusters of the cluster keys that
have a new event or an event whose document's `copy_of` changed. It recomputes everything
when asked (`full`), when the window changed, or when the store has no mark yet.
"""
from __future__ import annotations

import datetime as dt
import sqlite3

from hadath.store import similar
from hadath.store.db import transaction

COPY_THRESHOLD = 0.7
MAX_BAND_SIZE = 500       # a band shared by more documents is boilerplate, not syndication
DEFAULT_WINDOW = 3        # days
MARK = "corroborated"     # meta key: the last document id the previous pass covered


def finalize(con: sqlite3.Connection, window: int = DEFAULT_WINDOW, full: bool = False) -> dict:
    """Bring copies and clusters up to date; {"copies": n, "clusters": n, "full": bool} (totals)."""
    with transaction(con):
        meta = dict(con.execute("SELECT key, value FROM meta WHERE key IN ('window', ?)", (MARK,)).fetchall())
        full = full or MARK not in meta or meta.get("window") != str(window)
        since = None if full else int(meta[MARK])
        changed = find_copies(con, since)
        cluster_events(con, window, since, changed)
        last = con.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0]
        con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [("window", str(window)), (MARK, str(last))])
        con.execute("DELETE FROM meta WHERE key='dirty'")
        copies = con.execute("SELECT count(*) FROM documents WHERE copy_of IS NOT NULL").fetchone()[0]
        clusters = con.execute("SELECT count(*) FROM clusters").fetchone()[0]
    return {"copies": copies, "clusters": clusters, "full": full}


def _temp_ids(con: sqlite3.Connection, name: str) -> None:
    """An empty temporary table of ids (this connection's only, gone when it closes)."""
    con.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (id PRIMARY KEY) WITHOUT ROWID")
    con.execute(f"DELETE FROM temp.{name}")


def find_copies(con: sqlite3.Connection, since: int | None = None) -> set[int]:
    """Group syndicated copies: of every document, or (`since` a document id) only of the
    documents whose group those added after it may change. Returns the ids whose copy_of changed."""
    scope = None if since is None else _copy_scope(con, since)
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    sigs: dict[int, tuple] = {}

    def sig(doc_id: int):
        if doc_id not in sigs:
            if len(sigs) > 100_000:
                sigs.clear()
            sigs[doc_id] = similar.unpack(con.execute("SELECT minhash FROM documents WHERE id=?",
                                                      (doc_id,)).fetchone()[0])
        return sigs[doc_id]

    for docs in _band_members(con, scope is not None):
        if scope is not None:
            docs = [d for d in docs if d in scope]   # no edge leaves the scope (see _copy_scope)
        for i, a in enumerate(docs):
            for b in docs[i + 1:]:
                ra, rb = find(a), find(b)
                if ra != rb and similar.similarity(sig(a), sig(b)) >= COPY_THRESHOLD:
                    parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for x in list(parent):
        root = find(x)
        groups.setdefault(root, [root]).append(x)
    new: dict[int, int] = {}
    for members in groups.values():
        members = sorted(set(members))
        q = f"SELECT id FROM documents WHERE id IN ({','.join('?' * len(members))}) " \
            "ORDER BY coalesce(published, '9999'), doc_key LIMIT 1"
        original = con.execute(q, members).fetchone()[0]
        new.update((m, original) for m in members if m != original)
    old = dict(con.execute("SELECT id, copy_of FROM documents WHERE copy_of IS NOT NULL"
                           + ("" if scope is None else " AND id IN (SELECT id FROM temp.copy_scope)")))
    changed = {d for d in old.keys() | new.keys() if old.get(d) != new.get(d)}
    con.executemany("UPDATE documents SET copy_of=? WHERE id=?", [(new.get(d), d) for d in changed])
    return changed


def _copy_scope(con: sqlite3.Connection, since: int) -> set[int]:
    """The documents whose copy group may change when those after `since` were added (also
    written to temp.copy_scope): the new ones; every document of a band of theirs that was not
    boilerplate before them (one that was still is, as a band only grows, and gave no pairs);
    then the whole previous groups of all these. Pairs change only inside those bands, so a
    group that changes lies within this scope, and no copy pair leaves it."""
    _temp_ids(con, "copy_scope")
    con.execute("INSERT INTO temp.copy_scope SELECT id FROM documents WHERE id > ?1 UNION "
                "SELECT doc_id FROM doc_bands WHERE band IN (SELECT band FROM doc_bands WHERE band IN "
                "(SELECT band FROM doc_bands WHERE doc_id > ?1) GROUP BY band HAVING count(*) - sum(doc_id > ?1) <= ?2)",
                (since, MAX_BAND_SIZE))
    con.execute("INSERT OR IGNORE INTO temp.copy_scope SELECT copy_of FROM documents "
                "WHERE id IN (SELECT id FROM temp.copy_scope) AND copy_of IS NOT NULL")
    con.execute("INSERT OR IGNORE INTO temp.copy_scope SELECT id FROM documents "
                "WHERE copy_of IN (SELECT id FROM temp.copy_scope)")
    return {r[0] for r in con.execute("SELECT id FROM temp.copy_scope")}


def _band_members(con: sqlite3.Connection, scoped: bool):
    """The sorted document ids of each band shared by 2 to MAX_BAND_SIZE documents (with
    `scoped`, only the bands of the documents in temp.copy_scope)."""
    bands = "SELECT band FROM doc_bands" + (" WHERE band IN (SELECT band FROM doc_bands WHERE doc_id IN "
                                            "(SELECT id FROM temp.copy_scope))" if scoped else "")
    rows = con.execute(f"SELECT group_concat(doc_id) FROM doc_bands WHERE band IN "
                       f"({bands} GROUP BY band HAVING count(*) BETWEEN 2 AND {MAX_BAND_SIZE}) GROUP BY band")
    for (ids,) in rows:
        yield sorted(set(map(int, ids.split(","))))


def _date(s: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s[:10]) if s else None
    except ValueError:
        return None


def _cluster_scope(con: sqlite3.Connection, since: int, changed: set[int]) -> tuple[str, tuple]:
    """A WHERE clause on events `e`: those to recluster after documents were added after `since`
    and the copy_of of `changed` changed. Clustering runs per cluster key, so: every event of a
    key with a new event, or with one whose document's copy_of changed (its independent count
    changes); and the new events with no key (each a cluster of its own)."""
    _temp_ids(con, "changed_docs")
    con.executemany("INSERT INTO temp.changed_docs VALUES (?)", [(d,) for d in changed])
    _temp_ids(con, "cluster_keys")
    con.execute("INSERT OR IGNORE INTO temp.cluster_keys SELECT cluster_key FROM events "
                "WHERE (doc_id > ? OR doc_id IN (SELECT id FROM temp.changed_docs)) AND cluster_key IS NOT NULL",
                (since,))
    # By event id: with an OR, or a `cluster_key IS NULL` lookup, SQLite would rather walk the
    # whole cluster_key index (in ORDER BY order) than sort a few thousand rows.
    return ("WHERE e.id IN (SELECT id FROM events WHERE cluster_key IN (SELECT id FROM temp.cluster_keys) "
            "UNION ALL SELECT id FROM events WHERE doc_id > ? AND +cluster_key IS NULL)", (since,))


def cluster_events(con: sqlite3.Connection, window: int = DEFAULT_WINDOW, since: int | None = None,
                   changed: set[int] = frozenset()) -> int:
    """Cluster every event, or (`since` a document id) only those _cluster_scope names; returns
    the number of clusters written."""
    gap = dt.timedelta(days=window)
    if since is None:
        where, args = "", ()
        con.execute("DELETE FROM clusters")
    else:
        where, args = _cluster_scope(con, since, changed)
        con.execute(f"DELETE FROM clusters WHERE id IN (SELECT e.cluster_id FROM events e {where})", args)
    current: list[tuple] = []
    clusters: list[tuple] = []
    members: list[tuple[int, int]] = []
    cur_key, cur_first = None, None
    n = start = con.execute("SELECT coalesce(max(id), 0) FROM clusters").fetchone()[0]

    def flush():
        nonlocal n
        if not current:
            return
        n += 1
        first = min(current, key=lambda r: (r[2] or "9999", r[4]))
        days = [r[2] for r in current if r[2]]
        ends = [r[3] or r[2] for r in current if r[2]]
        clusters.append((n, first[4], first[5], cur_key, min(days) if days else None, max(ends) if ends else None,
                         len(current), len({r[6] for r in current}), len({r[7] for r in current}),
                         len({r[8] for r in current if r[8] is not None})))
        members.extend((n, r[0]) for r in current)
        current.clear()
        if len(members) >= 50_000:
            write()

    def write():
        con.executemany("INSERT INTO clusters (id, label, type, cluster_key, day_start, day_end, reports, documents, "
                        "independent, outlets) VALUES (?,?,?,?,?,?,?,?,?,?)", clusters)
        con.executemany("UPDATE events SET cluster_id=? WHERE id=?", members)
        clusters.clear()
        members.clear()

    # Events that may be the same (same key) come out together, in date order.
    rows = con.execute("SELECT e.id, e.cluster_key, e.day, coalesce(e.date_end, e.day), e.event_key, e.type, "
                       "e.doc_id, coalesce(d.copy_of, d.id), d.outlet_id "
                       "FROM events e JOIN documents d ON d.id = e.doc_id "
                       f"{where} ORDER BY e.cluster_key, e.day, e.event_key", args)
    for row in rows:
        key, day = row[1], _date(row[2])
        # Within the window of the cluster's first day: a steady stream of similar events
        # (daily shelling by the same army) is not chained into one event lasting months.
        same = key is not None and key == cur_key and day is not None and cur_first is not None \
            and day <= cur_first + gap
        if not same:
            flush()
            cur_key, cur_first = key, day
        current.append(row)
        if key is None or day is None:   # nothing to corroborate it with: an event of its own
            flush()
            cur_key, cur_first = None, None
    flush()
    write()
    return n - start
