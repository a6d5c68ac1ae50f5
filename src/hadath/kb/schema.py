"""The actor file format and its validator.

One YAML list per family file under kb/data/. Field rules live here (one place), the
loader and `hadath actors validate` use them. demonyms.yaml has its own small format.
"""
from __future__ import annotations

import datetime as dt
import re

TYPES = frozenset("""state territory igo organisation organization armed_group party government ministry
agency legislature person outlet company court agent""".split())
SECTORS = frozenset("""GOV MIL SPY LEG JUD COP REB OPP PTY MED BUS IGO NGO CVL ELI REF LAB EDU HLT
HLH AGR RAD UAF SET INS CRM ENV DEV HRI REL MOD PRO SEP IMG UNK PAL ETH JEW MUS CHR NGM BAN""".split())
ID = re.compile(r"^[A-Z0-9_-]+$")
COUNTRY = re.compile(r"^[A-Z]{3}$")
QID = re.compile(r"^Q[0-9]+$")

ACTOR_FIELDS = {
    "id": str, "type": str, "name": str, "en": list, "ar": list, "country": str, "sector": str,
    "wikidata": str, "affiliations": list, "roles": list, "metonyms": list, "descriptors": list,
    "framing": list, "note": str, "gender": str, "source": str,
}
AGENT_FIELDS = {"id": str, "sector": str, "name": str, "ar": list, "person": bool, "type": str,
                "en": list, "note": str, "plural": list}
REQUIRED = ("id", "type", "name")
ROLE_FIELDS = {"role", "of", "sector", "country", "from", "until", "ar", "en", "note"}
AFFILIATION_FIELDS = {"id", "from", "until", "role", "note"}


def is_agent(rec: dict, family: str) -> bool:
    return family == "agents" or rec.get("type") == "agent" or "person" in rec


def _date(v) -> bool:
    if v is None or isinstance(v, dt.date):
        return True
    if isinstance(v, int):
        return 1000 <= v <= 2100
    try:
        s = str(v)
        dt.date.fromisoformat(s if len(s) == 10 else (s + "-01-01" if len(s) == 4 else s + "-01"))
        return True
    except ValueError:
        return False


def _strings(v) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v)


def check_record(rec, family: str) -> list[str]:
    """Problems with one record (empty list when valid)."""
    if not isinstance(rec, dict):
        return [f"entry is not a mapping: {rec!r:.60}"]
    rid = rec.get("id")
    where = str(rid) if rid else f"{rec!r:.60}"
    out = []
    agent = is_agent(rec, family)
    fields = AGENT_FIELDS if agent else ACTOR_FIELDS
    for key in (("id", "ar") if agent else REQUIRED):
        if rec.get(key) in (None, "", []):
            out.append(f"{where}: missing {key}")
    if rid is not None and not (isinstance(rid, str) and ID.match(rid)):
        out.append(f"{where}: id must match [A-Z0-9_-]+")
    for key, value in rec.items():
        want = fields.get(key)
        if want is None:
            out.append(f"{where}: unknown field {key!r}")
        elif value is not None and not isinstance(value, want):
            out.append(f"{where}: {key} should be a {want.__name__}")
        elif want is list and value and key not in ("roles", "affiliations") and not _strings(value):
            out.append(f"{where}: {key} should be a list of non-empty strings")
    t = rec.get("type")
    if t and not agent and t not in TYPES:
        out.append(f"{where}: unknown type {t!r}")
    if rec.get("sector") and rec["sector"] not in SECTORS:
        out.append(f"{where}: unknown sector {rec['sector']!r}")
    if rec.get("country") and not (isinstance(rec["country"], str) and COUNTRY.match(rec["country"])):
        out.append(f"{where}: country must be 3 capital letters")
    if rec.get("wikidata") and not QID.match(str(rec["wikidata"])):
        out.append(f"{where}: wikidata must look like Q123")
    if not agent and not rec.get("ar"):
        out.append(f"{where}: no Arabic name")
    for aff in rec.get("affiliations") or []:
        if not isinstance(aff, dict) or not aff.get("id"):
            out.append(f"{where}: affiliation needs an id: {aff!r:.60}")
            continue
        out += [f"{where}: affiliation field {k!r} unknown" for k in aff if k not in AFFILIATION_FIELDS]
        out += [f"{where}: bad date {aff.get(k)!r}" for k in ("from", "until") if not _date(aff.get(k))]
    for role in rec.get("roles") or []:
        if not isinstance(role, dict) or not (role.get("role") or role.get("ar")):
            out.append(f"{where}: role needs a role name: {role!r:.60}")
            continue
        out += [f"{where}: role field {k!r} unknown" for k in role if k not in ROLE_FIELDS]
        out += [f"{where}: bad date {role.get(k)!r}" for k in ("from", "until") if not _date(role.get(k))]
        if role.get("sector") and role["sector"] not in SECTORS:
            out.append(f"{where}: unknown role sector {role['sector']!r}")
        if role.get("ar") is not None and not _strings(role["ar"]):
            out.append(f"{where}: role ar should be a list of strings")
    return out


def check_demonym(rec) -> list[str]:
    if not isinstance(rec, dict) or not rec.get("country") or not rec.get("ar"):
        return [f"demonym entry needs country and ar: {rec!r:.60}"]
    out = [f"demonyms {rec['country']}: unknown field {k!r}" for k in rec
           if k not in ("country", "ar", "en", "plural", "irregular", "note", "combine_only")]
    return out


def date_str(v) -> str | None:
    """Normalise a date field to an ISO string (years and months padded to the start)."""
    if v is None or v == "":
        return None
    if isinstance(v, dt.date):
        return v.isoformat()
    s = str(v)
    return s + "-01-01" if len(s) == 4 else (s + "-01" if len(s) == 7 else s)
