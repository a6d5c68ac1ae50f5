"""Build the curated actor files of the knowledge base (src/hadath/kb/data/*.yaml).

Sources, all in scripts/kb/:
  curated/<family>.yaml   hand-curated entries, in the final format (plus two build-only keys:
                          `absorbs: [ID, ...]` merges generated entries into this one and drops
                          them; `heads:` is not used)
  countries.tsv           states with their Arabic and English adjectives
  institutions.tsv        institution templates generated for every state (ministries, army, ...)
  skip_generated.txt      generated ids that must not exist (a Palestinian navy, ...)
  leaders.txt             heads of state/government and ministers with dated roles -> persons

Run:  .venv/bin/python scripts/kb/build_actors.py
The output is deterministic; review the diff of src/hadath/kb/data/ after a rebuild.
"""
from __future__ import annotations

import sys
from collections import OrderedDict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = ROOT / "src" / "hadath" / "kb" / "data"
FAMILIES = ["igos", "armed_groups", "parties", "governments", "security", "persons",
            "outlets", "organisations", "agents"]
FIELD_ORDER = ["id", "type", "name", "en", "ar", "country", "sector", "wikidata", "affiliations",
               "roles", "metonyms", "descriptors", "framing", "person", "note"]
NEEDS_THE = {"USA", "GBR", "ARE", "NLD", "PHL", "CZE", "CAF", "COM"}


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


def split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(";") if x.strip()]


def feminine(adj: str) -> str:
    # every nisba adjective in countries.tsv ends in ي: الأمريكي -> الأمريكية, الكوري الجنوبي -> الكورية الجنوبية
    return " ".join(w + "ة" for w in adj.split())


def read_skip(path: Path) -> tuple[set[str], set[tuple[str, str]]]:
    """Generated ids to drop, and (id, Arabic name) pairs to drop (spaces written as _)."""
    ids, names = set(), set()
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                continue
            for tok in line.split():
                if "=" in tok:
                    eid, name = tok.split("=", 1)
                    names.add((eid, name.replace("_", " ")))
                else:
                    ids.add(tok)
    return ids, names


def generate_institutions() -> dict[str, list[dict]]:
    countries = read_tsv(HERE / "countries.tsv")
    templates = read_tsv(HERE / "institutions.tsv")
    skip, skip_names = read_skip(HERE / "skip_generated.txt")
    out: dict[str, list[dict]] = {f: [] for f in FAMILIES}
    for iso, en_name, en_adj, ar_names, ar_adj, tier in (r + [""] * (6 - len(r)) for r in countries):
        names = split(ar_names)
        adjs = split(ar_adj)
        of = f"of the {en_name}" if iso in NEEDS_THE else f"of {en_name}"
        for key, t_tier, family, typ, sector, en_t, en_alias_t, ar_t in templates:
            if int(tier) > int(t_tier):
                continue
            eid = f"{iso}_{key}"
            if eid in skip:
                continue
            ar: list[str] = []
            for form in split(ar_t):
                if "{N}" in form:
                    ar += [form.replace("{N}", n) for n in names]
                elif "{F}" in form:
                    ar += [form.replace("{F}", feminine(a)) for a in adjs]
                elif "{M}" in form:
                    ar += [form.replace("{M}", a) for a in adjs]
            ar = [a for a in OrderedDict.fromkeys(ar) if (eid, a) not in skip_names]
            if not ar:
                continue
            en = [a.replace("{adj}", en_adj) for a in split(en_alias_t)]
            out[family].append({"id": eid, "type": typ, "name": en_t.replace("{of}", of),
                                "en": en, "ar": ar, "country": iso, "sector": sector,
                                "affiliations": [{"id": iso, "from": None, "until": None}],
                                "note": "generated from scripts/kb/institutions.tsv"})
    return out


def load_curated() -> dict[str, list[dict]]:
    out = {}
    for fam in FAMILIES:
        p = HERE / "curated" / f"{fam}.yaml"
        try:
            out[fam] = (yaml.safe_load(p.read_text(encoding="utf-8")) or []) if p.exists() else []
        except yaml.YAMLError as exc:
            sys.exit(f"{p}: invalid YAML: {str(exc).splitlines()[-1].strip()}")
    return out


def load_leaders() -> list[dict]:
    sys.path.insert(0, str(HERE))
    from leaders import persons_from_leaders  # noqa: E402
    return persons_from_leaders(HERE / "leaders.txt", HERE / "countries.tsv")


def ordered(e: dict) -> dict:
    d = {k: e[k] for k in FIELD_ORDER if k in e and e[k] not in (None, [], "")}
    d.update({k: v for k, v in e.items() if k not in d and k not in FIELD_ORDER and v not in (None, [], "")})
    return d


def merge_into(target: dict, other: dict) -> None:
    for k in ("en", "ar", "metonyms", "descriptors", "framing"):
        if other.get(k):
            target[k] = list(OrderedDict.fromkeys((target.get(k) or []) + other[k]))


def build() -> dict[str, list[dict]]:
    generated = generate_institutions()
    curated = load_curated()
    if (HERE / "leaders.txt").exists():
        # curated person entries win: leaders.txt rows only add roles and names to them
        curated["persons"] = merge_persons(curated["persons"], load_leaders())
    gen_by_id = {e["id"]: (fam, e) for fam, es in generated.items() for e in es}
    dropped: set[str] = set()
    absorbed_into: dict[str, str] = {}
    for fam in FAMILIES:
        for e in curated[fam]:
            for gid in e.pop("absorbs", []) or []:
                if gid not in gen_by_id:
                    sys.exit(f"{e['id']} absorbs unknown generated id {gid}")
                merge_into(e, gen_by_id[gid][1])
                dropped.add(gid)
                absorbed_into[gid] = e["id"]
            if e["id"] in gen_by_id:      # same id: curated fields win, names are merged
                g = gen_by_id[e["id"]][1]
                for k, v in g.items():
                    e.setdefault(k, v)
                merge_into(e, g)
                if e.get("note", "").startswith("generated"):
                    e.pop("note")
                dropped.add(e["id"])
    for e in curated["persons"]:     # roles may name a generated id that a curated entry absorbed
        for item in (e.get("roles") or []) + (e.get("affiliations") or []):
            for key in ("of", "id"):
                if item.get(key) in absorbed_into:
                    item[key] = absorbed_into[item[key]]
    result = {}
    for fam in FAMILIES:
        entries = curated[fam] + [g for g in generated[fam] if g["id"] not in dropped]
        result[fam] = [ordered(e) for e in entries]
    return result


def merge_persons(curated: list[dict], from_table: list[dict]) -> list[dict]:
    by_id = {e["id"]: e for e in curated}
    for p in from_table:
        if p["id"] in by_id:
            c = by_id[p["id"]]
            merge_into(c, p)
            c["roles"] = (c.get("roles") or []) + [r for r in p.get("roles", [])
                                                   if r not in (c.get("roles") or [])]
            c["affiliations"] = (c.get("affiliations") or []) + [
                a for a in p.get("affiliations", []) if a not in (c.get("affiliations") or [])]
            for k in ("country", "sector", "name"):
                c.setdefault(k, p.get(k))
        else:
            curated.append(p)
            by_id[p["id"]] = p
    return curated


HEADER = ("# hadath actor knowledge base: {fam}. GENERATED by scripts/kb/build_actors.py from\n"
          "# scripts/kb/ (curated/{fam}.yaml and the tables there): edit those, then rebuild.\n"
          "# Sources and licences: NOTICE.md.\n")


def dump(entries: list[dict]) -> str:
    parts = []
    for e in entries:
        parts.append(yaml.safe_dump([e], allow_unicode=True, sort_keys=False,
                                    default_flow_style=None, width=100000))
    return "".join(parts)


def main() -> None:
    result = build()
    OUT.mkdir(parents=True, exist_ok=True)
    total = 0
    for fam, entries in result.items():
        (OUT / f"{fam}.yaml").write_text(HEADER.format(fam=fam) + dump(entries), encoding="utf-8")
        total += len(entries) if fam != "agents" else 0
        print(f"{fam:14s} {len(entries):5d}")
    print(f"{'actors':14s} {total:5d} (agents excluded)")


if __name__ == "__main__":
    main()
