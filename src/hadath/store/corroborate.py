"""Cross-document corroboration: syndicated copies, then event clusters.

Both are recomputed from the whole store at the end of an ingest (and after a crash, by
the next one), in one transaction. They depend only on what is stored, never on the order
documents arrived in, so a resumed ingest gives the same groups as a clean one.

1. Copies: documents whose MinHash signatures estimate a Jaccard similarity of at least
   `COPY_THRESHOLD` are one article; the earliest published (then the smallest id key) is
   the original, the others point to it (`documents.copy_of`).
2. Clusters: events of the same type between the same actors (the sides sorted; either side
   for symmetric types such as CONSULT), whose days (the event date, else the publication
   date) lie within `window` days of the first of them, in date order, are one event. A
   cluster records its reports, documents, independent reports (copies count once) and outlets.
"""
from __future__ import annotations

import datetime as dt
import sqlite3

from hadath.store import similar
from hadath.store.db import transaction

COPY_THRESHOLD = 0.7
MAX_BAND_SIZE = 500       # a band shared by more documents is boilerplate, not syndication
DEFAULT_WINDOW = 3        # days


def finalize(con: sqlite3.Connection, window: int = DEFAULT_WINDOW) -> dict[str, int]:
    with transaction(con):
        copies = find_copies(con)
        clusters = cluster_events(con, window)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('window', ?)", (str(window),))
        con.execute("DELETE FROM meta WHERE key='dirty'")
    return {"copies": copies, "clusters": clusters}


def find_copies(con: sqlite3.Connection) -> int:
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

    rows = con.execute(
        "SELECT group_concat(doc_id) FROM doc_bands WHERE band IN "
        f"(SELECT band FROM doc_bands GROUP BY band HAVING count(*) BETWEEN 2 AND {MAX_BAND_SIZE}) "
        "GROUP BY band")
    for (ids,) in rows:
        docs = sorted(set(map(int, ids.split(","))))
        for i, a in enumerate(docs):
            for b in docs[i + 1:]:
                ra, rb = find(a), find(b)
                if ra != rb and similar.similarity(sig(a), sig(b)) >= COPY_THRESHOLD:
                    parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for x in list(parent):
        root = find(x)
        groups.setdefault(root, [root]).append(x)
    con.execute("UPDATE documents SET copy_of=NULL WHERE copy_of IS NOT NULL")
    n = 0
    for members in groups.values():
        members = sorted(set(members))
        if len(members) < 2:
            continue
        q = f"SELECT id FROM documents WHERE id IN ({','.join('?' * len(members))}) " \
            "ORDER BY coalesce(published, '9999'), doc_key LIMIT 1"
        original = con.execute(q, members).fetchone()[0]
        copies = [(original, m) for m in members if m != original]
        con.executemany("UPDATE documents SET copy_of=? WHERE id=?", copies)
        n += len(copies)
    return n


def _date(s: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s[:10]) if s else None
    except ValueError:
        return None


def cluster_events(con: sqlite3.Connection, window: int = DEFAULT_WINDOW) -> int:
    gap = dt.timedelta(days=window)
    con.execute("DELETE FROM clusters")
    current: list[tuple] = []
    clusters: list[tuple] = []
    members: list[tuple[int, int]] = []
    cur_key, cur_first = None, None
    n = 0

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
                       "ORDER BY e.cluster_key, e.day, e.event_key")
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
    return n
