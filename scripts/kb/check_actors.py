"""Quick self-check of the curated actor files until the core validator exists.

Checks: valid YAML lists, ids unique across files and well formed, required fields present,
known types/sectors, Arabic names in Arabic script without diacritics, references resolvable,
dates well formed. Warns (does not fail) on an Arabic name shared by two entries.
Run: .venv/bin/python scripts/kb/check_actors.py [data dir]
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

FAMILIES = ["igos", "armed_groups", "parties", "governments", "security", "persons",
            "outlets", "organisations", "agents"]
TYPES = {"state", "territory", "igo", "organisation", "armed_group", "party", "government",
         "ministry", "agency", "legislature", "person", "outlet", "company"}
SECTORS = {"GOV", "MIL", "SPY", "LEG", "JUD", "COP", "REB", "OPP", "PTY", "MED", "BUS", "CVL",
           "EDU", "LAB", "HLH", "REF", "IGO", "NGO", "ELI", "REL", "IMG", "INS", "SEP", "UAF",
           "AGR", "ENV", "HRI", "DEV", "CRM", "MNC", "PRO", "RAD", "MOD", "ELI"}
ID_RE = re.compile(r"^[A-Z0-9_-]+$")
ARABIC_RE = re.compile(r"^[\u0621-\u064A\u0660-\u0669\u0671-\u06D3 0-9\-()./'+]+$")
DIACRITICS_RE = re.compile(r"[\u064B-\u0652\u0640]")
KNOWN_FIELDS = {"id", "type", "name", "en", "ar", "country", "sector", "wikidata", "affiliations",
                "roles", "metonyms", "descriptors", "framing", "note", "person"}


def is_date(v) -> bool:
    if v is None or isinstance(v, (dt.date, int)):
        return True
    return bool(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(v)))


def check(data_dir: Path) -> int:
    errors: list[str] = []
    warnings: list[str] = []
    entries: dict[str, tuple[str, dict]] = {}
    for fam in FAMILIES:
        p = data_dir / f"{fam}.yaml"
        if not p.exists():
            errors.append(f"{p.name}: missing")
            continue
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or []
        if not isinstance(data, list):
            errors.append(f"{p.name}: not a YAML list")
            continue
        for e in data:
            eid = e.get("id")
            if not eid or not ID_RE.match(str(eid)):
                errors.append(f"{p.name}: bad id {eid!r}")
                continue
            if eid in entries:
                errors.append(f"{p.name}: duplicate id {eid} (also in {entries[eid][0]})")
            entries[eid] = (fam, e)
    known = set(entries)
    try:
        import pycountry
        known |= {c.alpha_3 for c in pycountry.countries}
    except ImportError:
        pass
    known |= {"KSV", "XKX", "PSE", "EUR", "AFR", "MEA", "WST", "ASA", "SAM", "NAF", "SAF", "SCN"}
    owner_of: dict[str, set[str]] = defaultdict(set)
    for eid, (fam, e) in entries.items():
        where = f"{fam}.yaml:{eid}"
        for k in e:
            if k not in KNOWN_FIELDS:
                errors.append(f"{where}: unknown field {k}")
        if not e.get("name"):
            errors.append(f"{where}: no English name")
        ar = e.get("ar") or []
        if not ar:
            errors.append(f"{where}: no Arabic name")
        for a in ar + (e.get("metonyms") or []) + (e.get("descriptors") or []) + (e.get("framing") or []):
            if not isinstance(a, str) or not ARABIC_RE.match(a) or DIACRITICS_RE.search(a):
                errors.append(f"{where}: bad Arabic string {a!r}")
            if a != str(a).strip() or "  " in str(a):
                errors.append(f"{where}: stray spaces in {a!r}")
        if len(set(ar)) != len(ar):
            warnings.append(f"{where}: repeated Arabic name")
        if fam == "agents":
            if e.get("sector") not in SECTORS or not isinstance(e.get("person"), bool):
                errors.append(f"{where}: agent needs a known sector and person: true/false")
            continue
        for a in ar:
            owner_of[a].add(eid)
        if e.get("type") not in TYPES:
            errors.append(f"{where}: bad type {e.get('type')!r}")
        if e.get("sector") and e["sector"] not in SECTORS:
            errors.append(f"{where}: unknown sector {e['sector']}")
        c = e.get("country")
        if c and not re.fullmatch(r"[A-Z]{3}", str(c)):
            errors.append(f"{where}: bad country {c!r}")
        if e.get("type") != "igo" and not c and e.get("type") != "person":
            warnings.append(f"{where}: no country")
        w = e.get("wikidata")
        if w and not re.fullmatch(r"Q\d+", str(w)):
            errors.append(f"{where}: bad wikidata {w!r}")
        for a in e.get("affiliations") or []:
            if a.get("id") not in known:
                errors.append(f"{where}: affiliation to unknown id {a.get('id')}")
            if not (is_date(a.get("from")) and is_date(a.get("until"))):
                errors.append(f"{where}: bad affiliation dates {a}")
        for r in e.get("roles") or []:
            if not r.get("role"):
                errors.append(f"{where}: role without a name {r}")
            if r.get("of") and r["of"] not in known:
                errors.append(f"{where}: role of unknown id {r['of']}")
            if not (is_date(r.get("from")) and is_date(r.get("until"))):
                errors.append(f"{where}: bad role dates {r}")
            if r.get("from") and r.get("until") and str(r["from"]) > str(r["until"]):
                errors.append(f"{where}: role ends before it starts {r}")
        if e.get("type") == "person" and not eid.startswith("PER_"):
            errors.append(f"{where}: person id must start with PER_")
    shared = {a: ids for a, ids in owner_of.items() if len(ids) > 1}
    for a, ids in sorted(shared.items()):
        warnings.append(f"Arabic name {a} shared by {', '.join(sorted(ids))}")
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    n = sum(1 for f, _ in entries.values() if f != "agents")
    print(f"{len(entries)} entries ({n} actors), {len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(check(Path(sys.argv[1]) if len(sys.argv) > 1 else
                   Path(__file__).resolve().parents[2] / "src" / "hadath" / "kb" / "data"))
