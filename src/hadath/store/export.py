"""Exports: PLOVER JSON, JSON Lines (FORMAT.md records), a flat dyadic CSV, Parquet.

All stream from `Store.iter_events`, so memory stays flat whatever the size of the store.

- plover: a JSON array of PLOVER records with the field names of the PLOVER manual's
  "Data Fields" chapter (id, date, enddate, actor, recipient, event, event_loc,
  event_text, quad_code, event_scale, mode, context, link, text_info, cite_info, coder,
  coded_date), plus hadath's own fields under `hadath` (certainty, attribution, ...).
- csv / parquet: one row per actor-recipient dyad, in the spirit of ACLED and Phoenix:
  CAMEO-style actor codes (country + sector, e.g. LBYMIL), PLOVER type, quad and score.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterator

from hadath import __version__, plover
from hadath.errors import HadathError
from hadath.model import json_line

FORMATS = ("plover", "jsonl", "csv", "parquet")
QUAD_CODES = {"VC": 1, "MC": 2, "VK": 3, "MK": 4}
CODEBOOK = "plover-base (PLOVER manual, 2023 scores)"

DYAD_COLUMNS = [
    ("event_id", "string"), ("cluster", "string"), ("doc_id", "string"), ("date", "string"),
    ("date_end", "string"), ("date_precision", "string"), ("event_type", "string"), ("mode", "string"),
    ("context", "string"), ("quad_code", "int"), ("score", "float"), ("certainty", "string"),
    ("negated", "bool"), ("aux", "string"),
    ("actor1_code", "string"), ("actor1_id", "string"), ("actor1_name", "string"),
    ("actor1_country", "string"), ("actor1_sector", "string"), ("actor1_wikidata", "string"),
    ("actor2_code", "string"), ("actor2_id", "string"), ("actor2_name", "string"),
    ("actor2_country", "string"), ("actor2_sector", "string"), ("actor2_wikidata", "string"),
    ("location", "string"), ("location_country", "string"),
    ("outlet", "string"), ("source", "string"), ("url", "string"), ("published", "string"),
    ("confidence", "float"), ("trigger", "string"), ("evidence", "string"),
]


def export(store, fmt: str, out: str | None = None, **filters) -> int:
    """Write the events matching `filters` to `out` (a path, or stdout); the number written."""
    if fmt not in FORMATS:
        raise HadathError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    records = store.iter_events(**filters)
    if fmt == "parquet":
        if not out:
            raise HadathError("a Parquet export needs --out FILE")
        return _parquet(records, out)
    with _open(out) as f:
        if fmt == "jsonl":
            n = 0
            for r in records:
                f.write(json_line(r))
                n += 1
            return n
        if fmt == "plover":
            return _plover(records, f)
        return _csv(records, f)


def _target(out: str) -> Path:
    """Where to write: through a symbolic link to its target (the link stays a link)."""
    path = Path(out)
    return path.resolve() if path.is_symlink() else path


@contextmanager
def _open(out: str | None):
    if not out or out == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    path = _target(out)
    if path.exists() and not path.is_file():   # /dev/stdout, a pipe: write straight through
        try:
            with open(path, "w", encoding="utf-8", newline="") as f:
                yield f
        except OSError as e:
            raise HadathError(f"{out}: cannot write the export ({e.strerror or e})") from None
        return
    tmp = path.with_name(path.name + ".part")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            yield f
        tmp.replace(path)   # a finished file or none: never half an export under the real name
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise HadathError(f"{out}: cannot write the export ({e.strerror or e})") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# -- PLOVER ------------------------------------------------------------------------------

def quad_code(event_type: str) -> int | None:
    spec = plover.types().get(event_type)
    return QUAD_CODES.get(spec["quad"]) if spec else None


def _plover_entity(e: dict[str, Any]) -> dict[str, Any]:
    out = {"code": e.get("country") or "", "sector": e.get("sector") or "",
           "entity_text": e.get("text") or e.get("name_ar") or e.get("name") or ""}
    if e.get("wikidata"):
        out["identifier_id"] = e["wikidata"]
    out["identifier_text"] = e.get("name") or e.get("id")
    return out


def plover_record(r: dict[str, Any], coded: str | None = None) -> dict[str, Any]:
    date = r.get("date") or {}
    start = date.get("start") or (r.get("published") or "")[:10] or None
    end = date.get("end") if date.get("end") and date.get("end") != start else None
    rec: dict[str, Any] = {
        "id": r["event_id"],
        "has_event": True,
        "date": start,
        "actor": [_plover_entity(e) for e in r.get("actor", [])],
        "recipient": [_plover_entity(e) for e in r.get("recipient", [])],
        "event": [r["type"]],
        "event_text": [r["evidence"]["text"]] if r.get("evidence", {}).get("text") else [],
        "quad_code": quad_code(r["type"]),
        "event_scale": r.get("score"),
        "mode": [r["mode"]] if r.get("mode") else [],
        "context": list(r.get("context") or []),
        "text_info": {"sequence": r["evidence"].get("sentence"), "start": r["evidence"].get("start"),
                      "end": r["evidence"].get("end")},
        "cite_info": {k: v for k, v in (("corpus", "hadath store"), ("citation", r.get("doc_id")),
                                        ("url", r.get("url")), ("title", r.get("title")), ("language", "ar"),
                                        ("publication", r.get("outlet")), ("coder", f"hadath {__version__}"),
                                        ("codebook", CODEBOOK)) if v},
        "coder": f"hadath {__version__}",
        "coded_date": coded or dt.date.today().isoformat(),
    }
    if end:
        rec["enddate"] = end
    loc = r.get("location")
    if loc:
        rec["event_loc"] = {k: v for k, v in (("extracted_place", loc.get("text")),
                                              ("resolved_place", loc.get("name")),
                                              ("country_code", loc.get("country"))) if v}
    if r.get("cluster"):
        rec["link"] = r["cluster"]
    # PLOVER invites named fields beyond its own: provenance lives here.
    rec["hadath"] = {"certainty": r.get("certainty"), "negated": r.get("negated"), "aux": r.get("aux"),
                     "attribution": r.get("attribution"), "others": r.get("others"),
                     "confidence": r.get("confidence"), "trigger": r.get("trigger"),
                     "date": r.get("date"), "framing": r.get("framing"), "run": r.get("run")}
    return rec


def _plover(records: Iterator[dict], f: IO[str]) -> int:
    coded = dt.date.today().isoformat()
    n = 0
    f.write("[")
    for r in records:
        f.write(("\n" if n == 0 else ",\n") + json.dumps(plover_record(r, coded), ensure_ascii=False))
        n += 1
    f.write("\n]\n")
    return n


# -- dyads (CSV, Parquet) ----------------------------------------------------------------

def cameo_code(e: dict[str, Any] | None) -> str:
    """CAMEO-style actor code: country then sector (LBYMIL, ISRSPY); the id where neither is known."""
    if not e:
        return ""
    code = (e.get("country") or "") + (e.get("sector") or "")
    return code or (e.get("id") or "")


def dyads(r: dict[str, Any]) -> Iterator[dict[str, Any]]:
    actors = r.get("actor") or [None]
    recipients = r.get("recipient") or [None]
    date = r.get("date") or {}
    base = {
        "event_id": r["event_id"], "cluster": r.get("cluster"), "doc_id": r["doc_id"],
        "date": date.get("start") or (r.get("published") or "")[:10] or None,
        "date_end": date.get("end"), "date_precision": date.get("precision"),
        "event_type": r["type"], "mode": r.get("mode"), "context": ";".join(r.get("context") or []),
        "quad_code": quad_code(r["type"]), "score": r.get("score"), "certainty": r.get("certainty"),
        "negated": bool(r.get("negated")), "aux": ";".join(r.get("aux") or []),
        "location": (r.get("location") or {}).get("name"),
        "location_country": (r.get("location") or {}).get("country"),
        "outlet": r.get("outlet"),
        "source": " < ".join(s.get("name") or "?" for s in r.get("attribution") or []),
        "url": r.get("url"), "published": r.get("published"), "confidence": r.get("confidence"),
        "trigger": (r.get("trigger") or {}).get("text"), "evidence": (r.get("evidence") or {}).get("text"),
    }
    for a in actors:
        for b in recipients:
            row = dict(base)
            for prefix, e in (("actor1", a), ("actor2", b)):
                e = e or {}
                row.update({f"{prefix}_code": cameo_code(e) if e else None, f"{prefix}_id": e.get("id"),
                            f"{prefix}_name": e.get("name"), f"{prefix}_country": e.get("country"),
                            f"{prefix}_sector": e.get("sector"), f"{prefix}_wikidata": e.get("wikidata")})
            yield row


def _csv(records: Iterator[dict], f: IO[str]) -> int:
    names = [c for c, _ in DYAD_COLUMNS]
    w = csv.DictWriter(f, fieldnames=names)
    w.writeheader()
    n = 0
    for r in records:
        for row in dyads(r):
            w.writerow(row)
            n += 1
    return n


def _parquet(records: Iterator[dict], out: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"string": pa.string(), "int": pa.int32(), "float": pa.float64(), "bool": pa.bool_()}
    schema = pa.schema([(c, types[t]) for c, t in DYAD_COLUMNS])
    path = _target(out)
    direct = path.exists() and not path.is_file()
    tmp = path if direct else path.with_name(path.name + ".part")
    n = 0
    try:
        with pq.ParquetWriter(str(tmp), schema, compression="zstd") as writer:
            rows: list[dict] = []
            for r in records:
                rows.extend(dyads(r))
                if len(rows) >= 50_000:
                    writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                    n += len(rows)
                    rows = []
            if rows or n == 0:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                n += len(rows)
        if not direct:
            tmp.replace(path)
    except OSError as e:
        if not direct:
            tmp.unlink(missing_ok=True)
        raise HadathError(f"{out}: cannot write the export ({e.strerror or e})") from None
    except BaseException:
        if not direct:
            tmp.unlink(missing_ok=True)
        raise
    return n
