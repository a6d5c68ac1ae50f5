"""Reading the store: event records (FORMAT.md) with filters, and summary figures.

    from hadath.store import Store
    with Store("hadath.db") as store:
        for record in store.iter_events(actor="Haftar", type="AID", since="2018-01-01"):
            ...

Filters combine with AND. Records are those of ../shared/eval/FORMAT.md, with a few
extra fields: `cluster` (the event cluster the report belongs to), `outlet`, `url`,
`title`, `run` (the extraction run that produced it) and `relation` in attribution links.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any, Iterator

from hadath.errors import HadathError
from hadath.model import CERTAINTIES
from hadath.store.db import connect_reader, translate
from hadath.store.rows import search_terms

CHUNK = 500


class Store:
    def __init__(self, path="hadath.db", con: sqlite3.Connection | None = None):
        self.path = str(path)
        self.con = con or connect_reader(path)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- events --------------------------------------------------------------------

    def iter_events(self, actor: str | None = None, type: str | None = None, since: str | None = None,
                    until: str | None = None, source: str | None = None, certainty: str | None = None,
                    search: str | None = None, cluster: str | None = None,
                    limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Event records matching every filter given, in document then event order."""
        where, args = self._filters(actor, type, since, until, source, certainty, search, cluster)
        sql = (f"SELECT {', '.join('e.' + c for c in _EVENT_COLS)}, d.doc_key, d.published, "
               "substr(d.text, e.evidence_start + 1, max(0, e.evidence_end - e.evidence_start)), "
               "d.url, d.title, d.run_id, o.name, c.label "
               "FROM events e JOIN documents d ON d.id = e.doc_id LEFT JOIN outlets o ON o.id = d.outlet_id "
               "LEFT JOIN clusters c ON c.id = e.cluster_id"
               + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY e.doc_id, e.ordinal"
               + (f" LIMIT {int(limit)}" if limit else ""))
        with translate(self.path):
            cur = self.con.execute(sql, args)
            while True:
                rows = cur.fetchmany(CHUNK)
                if not rows:
                    break
                yield from self._records(rows)

    def _filters(self, actor, type, since, until, source, certainty, search, cluster):
        where, args = [], []
        if actor:
            like = f"%{actor}%"
            where.append("e.id IN (SELECT ea.event_id FROM event_actors ea JOIN actors a ON a.id = ea.actor_id "
                         "WHERE a.id = ? OR a.name LIKE ? OR a.name_ar LIKE ? OR ea.text LIKE ? "
                         "OR (length(?) = 3 AND a.country = upper(?)))")
            args += [actor, like, like, like, actor, actor]
        if type:
            types = [t.strip().upper() for t in type.split(",") if t.strip()]
            where.append(f"e.type IN ({','.join('?' * len(types))})")
            args += types
        if since:
            where.append("coalesce(e.date_end, e.day) >= ?")
            args.append(since)
        if until:
            where.append("e.day <= ?")
            args.append(until)
        if source:
            like = f"%{source}%"
            where.append("(o.name LIKE ? OR e.id IN (SELECT at.event_id FROM attributions at "
                         "JOIN sources s ON s.id = at.source_id WHERE s.name LIKE ? OR at.text LIKE ?))")
            args += [like, like, like]
        if certainty:
            values = [c.strip() for c in certainty.split(",") if c.strip()]
            bad = [c for c in values if c not in CERTAINTIES]
            if bad:
                raise HadathError(f"unknown certainty {bad[0]!r} (one of {', '.join(CERTAINTIES)})")
            where.append(f"e.certainty IN ({','.join('?' * len(values))})")
            args += values
        if search:
            terms = search_terms(search)
            if not terms:
                raise HadathError(f"nothing to search for in {search!r}")
            where.append("e.doc_id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
            args.append(terms)
        if cluster:
            where.append("c.label = ?")
            args.append(cluster)
        return where, args

    def _records(self, rows) -> Iterator[dict[str, Any]]:
        ids = [r[0] for r in rows]
        marks = ",".join("?" * len(ids))
        sides: dict[int, dict[str, list]] = {}
        for ev, role, aid, text, start, end, name, name_ar, country, sector, atype, wikidata, prov, aliases in \
                self.con.execute(
                "SELECT ea.event_id, ea.role, a.id, ea.text, ea.start, ea.\"end\", a.name, a.name_ar, a.country, "
                f"a.sector, a.type, a.wikidata, a.provisional, a.aliases FROM event_actors ea "
                f"JOIN actors a ON a.id = ea.actor_id "
                f"WHERE ea.event_id IN ({marks}) ORDER BY ea.event_id, ea.role, ea.position", ids):
            rec = {"id": aid, "name": name, "name_ar": name_ar, "country": country, "sector": sector,
                   "type": atype, "wikidata": wikidata, "aliases": json.loads(aliases) if aliases else []}
            if prov:
                rec["provisional"] = True
            rec.update(text=text, start=start, end=end)
            sides.setdefault(ev, {}).setdefault(role, []).append(rec)
        chains: dict[int, list] = {}
        for ev, name, kind, ref, text, relation in self.con.execute(
                "SELECT at.event_id, s.name, s.kind, s.ref, at.text, at.relation FROM attributions at "
                f"JOIN sources s ON s.id = at.source_id WHERE at.event_id IN ({marks}) "
                "ORDER BY at.event_id, at.position", ids):
            link = {"name": name, "kind": kind, "id": ref or None, "text": text}
            if relation:
                link["relation"] = relation
            chains.setdefault(ev, []).append(link)
        for r in rows:
            yield _record(r, sides.get(r[0], {}), chains.get(r[0], []))

    # -- summaries -----------------------------------------------------------------

    def stats(self, top: int = 10) -> dict[str, Any]:
        q = self.con.execute
        with translate(self.path):
            one = lambda sql: q(sql).fetchone()[0]  # noqa: E731
            out = {
                "documents": one("SELECT count(*) FROM documents"),
                "copies": one("SELECT count(*) FROM documents WHERE copy_of IS NOT NULL"),
                "errors": one("SELECT count(*) FROM errors"),
                "reports": one("SELECT count(*) FROM events"),
                "events": one("SELECT count(*) FROM clusters"),
                "corroborated": one("SELECT count(*) FROM clusters WHERE independent > 1"),
                "actors": one("SELECT count(DISTINCT actor_id) FROM event_actors"),
                "outlets": one("SELECT count(*) FROM outlets"),
                "first_day": one("SELECT min(day) FROM events"),
                "last_day": one("SELECT max(day) FROM events"),
                "stale": bool(one("SELECT count(*) FROM meta WHERE key='dirty'")),
            }
            # From the clusters (one row per distinct event), not a scan of every report.
            out["types"] = q("SELECT type, count(*), sum(reports) FROM clusters GROUP BY type "
                             "ORDER BY 2 DESC, 1").fetchall()
            out["top_actors"] = self._top_actors(top)
            out["top_outlets"] = q(
                "SELECT o.name, count(*) FROM documents d JOIN outlets o ON o.id = d.outlet_id "
                f"GROUP BY o.id ORDER BY 2 DESC, 1 LIMIT {int(top)}").fetchall()
            out["certainty"] = q("SELECT certainty, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC").fetchall()
            out["runs"] = q("SELECT id, started, finished, status, hadath_version, documents, skipped, errors, "
                            "events FROM runs ORDER BY id DESC LIMIT 5").fetchall()
        return out

    def iter_clusters(self, type: str | None = None, min_independent: int = 1,
                      limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Distinct events, most corroborated first, each with every report and its outlet."""
        where, args = ["independent >= ?"], [min_independent]
        if type:
            where.append("type = ?")
            args.append(type.upper())
        sql = ("SELECT id, label, type, cluster_key, day_start, day_end, reports, documents, independent, outlets "
               f"FROM clusters WHERE {' AND '.join(where)} ORDER BY independent DESC, reports DESC, label"
               + (f" LIMIT {int(limit)}" if limit else ""))
        with translate(self.path):
            for cid, label, etype, key, d0, d1, reports, docs, indep, outlets in self.con.execute(sql, args).fetchall():
                items = [{"event_id": f"{k}#{n}", "doc_id": k, "outlet": o, "published": p, "copy_of": c}
                         for k, n, o, p, c in self.con.execute(
                             "SELECT d.doc_key, e.ordinal, o.name, d.published, c.doc_key FROM events e "
                             "JOIN documents d ON d.id = e.doc_id LEFT JOIN outlets o ON o.id = d.outlet_id "
                             "LEFT JOIN documents c ON c.id = d.copy_of WHERE e.cluster_id = ? "
                             "ORDER BY d.published, d.doc_key, e.ordinal", (cid,))]
                _, actors, recipients = (key or "||").split("|")
                yield {"cluster": label, "type": etype, "actors": [a for a in actors.split(",") if a],
                       "recipients": [r for r in recipients.split(",") if r], "days": [d0, d1],
                       "reports": reports, "documents": docs, "independent": indep, "outlets": outlets,
                       "items": items}

    def _top_actors(self, top: int) -> list[tuple]:
        """Actors by distinct events: candidates by reports (a covering index), then their events counted."""
        candidates = self.con.execute(
            f"SELECT actor_id, count(*) FROM event_actors GROUP BY actor_id ORDER BY 2 DESC LIMIT {int(top) * 5}"
        ).fetchall()
        out = []
        for aid, reports in candidates:
            name, name_ar = self.con.execute("SELECT coalesce(name, id), name_ar FROM actors WHERE id=?",
                                             (aid,)).fetchone()
            events = self.con.execute("SELECT count(DISTINCT e.cluster_id) FROM event_actors ea "
                                      "JOIN events e ON e.id = ea.event_id WHERE ea.actor_id=?", (aid,)).fetchone()[0]
            out.append((aid, name, name_ar, events, reports))
        out.sort(key=lambda r: (-r[3], -r[4], r[1]))
        return out[:top]

    def errors(self) -> Iterator[tuple[str, str]]:
        yield from self.con.execute('SELECT "where", reason FROM errors ORDER BY "where"')


_EVENT_COLS = ("id", "ordinal", "type", "mode", "context", "date_start", "date_end", "date_precision", "date_text",
               "location_name", "location_country", "location_text", "negated", "aux", "certainty", "sentence",
               "evidence_start", "evidence_end", "trigger_text", "trigger_start", "trigger_end", "score",
               "confidence", "framing")


def _record(r, sides, chain) -> dict[str, Any]:
    (eid, n, etype, mode, context, ds, de, dp, dtext, lname, lcountry, ltext, negated, aux, certainty, sentence,
     es, ee, tt, ts, te, score, confidence, framing, doc_key, published, text, url, title, run, outlet, label) = r
    return {
        "doc_id": doc_key,
        "event_id": f"{doc_key}#{n}",
        "type": etype,
        "mode": mode,
        "context": json.loads(context) if context else [],
        "actor": sides.get("actor", []),
        "recipient": sides.get("recipient", []),
        "others": sides.get("other", []),
        "date": {"start": ds, "end": de, "precision": dp, "text": dtext} if dp or ds or de else None,
        "location": {"name": lname, "country": lcountry, "text": ltext} if lname or lcountry else None,
        "negated": bool(negated),
        "aux": json.loads(aux) if aux else [],
        "certainty": certainty,
        "attribution": chain,
        "evidence": {"start": es, "end": ee, "sentence": sentence, "text": text or ""},
        "trigger": {"text": tt, "start": ts, "end": te},
        "score": score,
        "confidence": confidence,
        "framing": json.loads(framing) if framing else [],
        "published": published,
        "cluster": label,
        "outlet": outlet,
        "url": url,
        "title": title,
        "run": run,
    }
