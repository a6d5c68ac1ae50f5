"""Writing processed documents and errors into the store, one transaction per batch.

Every write is keyed on a natural key (content hash, input place), so that writing a
batch again after a crash changes nothing: a resumed ingest neither loses nor doubles.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from hadath.store.db import transaction


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Writer:
    def __init__(self, con: sqlite3.Connection, run_id: int | None):
        self.con = con
        self.run_id = run_id
        self._outlets: dict[str, int] = {}
        self._sources: dict[tuple, int] = {}
        self._actors: set[str] = set()

    def write_batch(self, items: list[dict[str, Any]]) -> dict[str, int]:
        """Write documents ({"doc": rows}) and errors ({"error": (where, reason)}) in one transaction."""
        counts = {"documents": 0, "skipped": 0, "errors": 0, "events": 0}
        outlets, sources, actors = dict(self._outlets), dict(self._sources), set(self._actors)
        try:
            with transaction(self.con):
                for item in items:
                    if "error" in item:
                        self._error(*item["error"])
                        counts["errors"] += 1
                    elif "doc" in item:
                        if self._document(item["doc"]):
                            counts["documents"] += 1
                            counts["events"] += len(item["doc"]["events"])
                        else:
                            counts["skipped"] += 1
                    else:
                        counts["skipped"] += 1
                if counts["documents"]:
                    self.con.execute("INSERT OR REPLACE INTO meta VALUES ('dirty', '1')")
        except BaseException:
            # The transaction rolled back: forget the ids it had handed out.
            self._outlets, self._sources, self._actors = outlets, sources, actors
            raise
        return counts

    # -- one document ------------------------------------------------------------------

    def _document(self, d: dict[str, Any]) -> bool:
        con = self.con
        if con.execute("SELECT 1 FROM documents WHERE hash=?", (d["hash"],)).fetchone():
            return False
        key = d["key"]
        if con.execute("SELECT 1 FROM documents WHERE doc_key=?", (key,)).fetchone():
            key = f"{key}~{d['hash'][:10]}"   # the same id for another text: keep both, apart
        cur = con.execute(
            "INSERT INTO documents (doc_key, hash, outlet_id, title, author, url, published, lang, "
            "encoding, path, meta, text, minhash, run_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (key, d["hash"], self._outlet(d["outlet"]), d["title"], d["author"], d["url"], d["published"],
             d["lang"], d["encoding"], d["path"], d["meta"], d["text"], d["minhash"], self.run_id))
        doc_id = cur.lastrowid
        con.execute("DELETE FROM errors WHERE \"where\"=?", (d["where"],))
        con.execute("INSERT INTO documents_fts (rowid, body) VALUES (?, ?)", (doc_id, d["body"]))
        con.executemany("INSERT INTO doc_bands (band, doc_id) VALUES (?, ?)", [(b, doc_id) for b in d["bands"]])
        con.executemany("INSERT INTO sentences (doc_id, idx, start, \"end\") VALUES (?,?,?,?)",
                        [(doc_id, *s) for s in d["sentences"]])
        for a in d["actors"].values():
            self._actor(a)
        mention_ids = []
        for m in d["mentions"]:
            cur = con.execute("INSERT INTO mentions (doc_id, ordinal, actor_id, start, \"end\", text, sentence, "
                              "kind, framing) VALUES (?,?,?,?,?,?,?,?,?)", (doc_id, *m))
            mention_ids.append(cur.lastrowid)
        for pos, s in enumerate(d["doc_sources"]):
            con.execute("INSERT INTO doc_sources (doc_id, position, source_id, text, start, \"end\") "
                        "VALUES (?,?,?,?,?,?)", (doc_id, pos, self._source(s), s["text"], s["start"], s["end"]))
        event_ids = [self._event(doc_id, key, ev) for ev in d["events"]]
        for n, f in enumerate(d["framing"]):
            con.execute("INSERT INTO framing (doc_id, ordinal, event_id, mention_id, kind, start, \"end\", text, data)"
                        " VALUES (?,?,?,?,?,?,?,?,?)",
                        (doc_id, n, event_ids[f["event"]] if f["event"] is not None else None,
                         mention_ids[f["mention"]] if f["mention"] is not None else None,
                         f["kind"], f["start"], f["end"], f["text"], f["data"]))
        return True

    def _event(self, doc_id: int, doc_key: str, ev: dict[str, Any]) -> int:
        cols = ("ordinal", "type", "mode", "context", "date_start", "date_end", "date_precision", "date_text",
                "day", "location_name", "location_country", "location_text", "negated", "aux", "certainty",
                "sentence", "evidence_start", "evidence_end", "trigger_text", "trigger_start", "trigger_end",
                "score", "confidence", "framing", "cluster_key")
        cur = self.con.execute(
            f"INSERT INTO events (doc_id, event_key, {', '.join(cols)}) VALUES (?, ?, {', '.join('?' * len(cols))})",
            (doc_id, f"{doc_key}#{ev['ordinal']}", *(ev[c] for c in cols)))
        event_id = cur.lastrowid
        self.con.executemany(
            "INSERT INTO event_actors (event_id, role, position, actor_id, text, start, \"end\") VALUES (?,?,?,?,?,?,?)",
            [(event_id, *side) for side in ev["sides"]])
        for pos, src in enumerate(ev["attribution"]):
            self.con.execute("INSERT INTO attributions (event_id, position, source_id, relation, text, start, \"end\")"
                             " VALUES (?,?,?,?,?,?,?)",
                             (event_id, pos, self._source(src), src["relation"], src["text"], src["start"], src["end"]))
        return event_id

    def _actor(self, a: dict[str, Any]) -> None:
        if a["id"] in self._actors:
            return
        if len(self._actors) > 200_000:
            self._actors.clear()
        # The first description of an actor wins: the knowledge base gives the same one each time.
        self.con.execute("INSERT OR IGNORE INTO actors (id, name, name_ar, country, sector, type, wikidata, "
                         "provisional, affiliations, aliases) VALUES (:id, :name, :name_ar, :country, :sector, "
                         ":type, :wikidata, :provisional, :affiliations, :aliases)", a)
        self._actors.add(a["id"])

    def _outlet(self, name: str | None) -> int | None:
        if not name:
            return None
        if name not in self._outlets:
            self.con.execute("INSERT OR IGNORE INTO outlets (name) VALUES (?)", (name,))
            self._outlets[name] = self.con.execute("SELECT id FROM outlets WHERE name=?", (name,)).fetchone()[0]
        return self._outlets[name]

    def _source(self, s: dict[str, Any]) -> int:
        key = (s["name"], s["kind"], s["ref"])
        if key not in self._sources:
            if len(self._sources) > 100_000:   # quoted people are many: keep memory flat
                self._sources.clear()
            self.con.execute("INSERT OR IGNORE INTO sources (name, kind, ref) VALUES (?,?,?)", key)
            self._sources[key] = self.con.execute("SELECT id FROM sources WHERE name=? AND kind=? AND ref=?",
                                                  key).fetchone()[0]
        return self._sources[key]

    def _error(self, where: str, reason: str) -> None:
        self.con.execute("INSERT INTO errors (\"where\", reason, run_id, at) VALUES (?,?,?,?) "
                         "ON CONFLICT(\"where\") DO UPDATE SET reason=excluded.reason, run_id=excluded.run_id, "
                         "at=excluded.at", (where, reason, self.run_id, now()))
