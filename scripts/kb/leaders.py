"""Turn scripts/kb/leaders.txt (persons with dated roles) into person entries.

Format of leaders.txt (one person per block, `#` starts a comment line):

    PER_ID | English name | Arabic name; variant; ... | country [| sector] [| f]
      role OF FROM UNTIL [SECTOR] [| Arabic role phrase; ...]

OF is a state code (for head-of-state roles and ministers: the ministry id is derived) or the
id of an organisation; FROM/UNTIL are YYYY, YYYY-MM or YYYY-MM-DD, UNTIL `-` = still in office.
Arabic role phrases ("وزير الخارجية المصري") are generated from ROLE_AR below with the nisba
adjectives of countries.tsv, plus any written after `|` (`| = ...` replaces the generated ones). `f` marks a woman (feminine phrases).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

ROLE_SECTOR = {
    "president": "GOV", "prime_minister": "GOV", "king": "GOV", "queen": "GOV", "emir": "GOV",
    "sultan": "GOV", "crown_prince": "GOV", "supreme_leader": "GOV", "vice_president": "GOV",
    "chancellor": "GOV", "foreign_minister": "GOV", "defence_minister": "GOV",
    "interior_minister": "GOV", "finance_minister": "GOV", "minister": "GOV",
    "speaker": "LEG", "legislator": "LEG", "chief_of_staff": "MIL", "commander": "MIL",
    "intelligence_chief": "SPY", "un_ambassador": "GOV", "ambassador": "GOV",
    "spokesperson": "GOV", "secretary_general": "IGO", "envoy": "IGO", "head": "GOV",
    "leader": "PTY", "member": "PTY", "judge": "JUD", "prosecutor": "JUD", "governor": "GOV",
    "adviser": "GOV", "cleric": "REL", "journalist": "MED", "activist": "OPP",
    "businessperson": "BUS", "candidate": "PTY", "deputy_leader": "PTY", "mayor": "GOV",
}
MINISTRY = {"foreign_minister": "MFA", "defence_minister": "MOD", "interior_minister": "MOI",
            "finance_minister": "MOF"}
# (masculine phrases, feminine phrases); {M}/{F} nisba adjective, {N} country name
ROLE_AR = {
    "president": (["الرئيس {M}", "رئيس {N}"], ["الرئيسة {F}", "رئيسة {N}"]),
    "prime_minister": (["رئيس الوزراء {M}", "رئيس الحكومة {F}", "رئيس وزراء {N}", "رئيس حكومة {N}"],
                       ["رئيسة الوزراء {F}", "رئيسة الحكومة {F}", "رئيسة وزراء {N}"]),
    "king": (["العاهل {M}", "الملك {M}", "ملك {N}"], ["الملكة {F}", "ملكة {N}"]),
    "queen": ([], ["الملكة {F}", "ملكة {N}"]),
    "emir": (["أمير {N}"], []),
    "sultan": (["سلطان {N}"], []),
    "crown_prince": (["ولي العهد {M}", "ولي عهد {N}"], []),
    "vice_president": (["نائب الرئيس {M}"], ["نائبة الرئيس {M}"]),
    "chancellor": (["المستشار {M}"], ["المستشارة {F}"]),
    "foreign_minister": (["وزير الخارجية {M}", "وزير خارجية {N}"], ["وزيرة الخارجية {F}", "وزيرة خارجية {N}"]),
    "defence_minister": (["وزير الدفاع {M}", "وزير دفاع {N}"], ["وزيرة الدفاع {F}", "وزيرة دفاع {N}"]),
    "interior_minister": (["وزير الداخلية {M}"], ["وزيرة الداخلية {F}"]),
    "finance_minister": (["وزير المالية {M}"], ["وزيرة المالية {F}"]),
    "chief_of_staff": (["رئيس أركان الجيش {M}", "رئيس هيئة الأركان {F}"], []),
    "intelligence_chief": (["رئيس المخابرات {F}", "مدير المخابرات {F}", "رئيس الاستخبارات {F}"], []),
    "un_ambassador": (["المندوب {M} لدى الأمم المتحدة", "مندوب {N} لدى الأمم المتحدة", "سفير {N} لدى الأمم المتحدة"],
                      ["المندوبة {F} لدى الأمم المتحدة", "مندوبة {N} لدى الأمم المتحدة", "سفيرة {N} لدى الأمم المتحدة"]),
}


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(";") if x.strip()]


def _countries(path: Path) -> dict[str, tuple[list[str], list[str], int]]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t") + [""] * 6
        out[cols[0]] = (_split(cols[3]), _split(cols[4]), int(cols[5] or 2))
    return out


def _fem(adj: str) -> str:
    return " ".join(w + "ة" for w in adj.split())


def _date(tok: str):
    if tok in ("-", "null", ""):
        return None
    if tok.isdigit():
        return int(tok)
    try:
        return dt.date.fromisoformat(tok)     # YYYY-MM-DD dumps unquoted, as in the format
    except ValueError:
        return tok                            # YYYY-MM stays a string


def role_phrases(role: str, country: str, female: bool, countries) -> list[str]:
    if role not in ROLE_AR or country not in countries:
        return []
    names, adjs, _ = countries[country]
    out = []
    for form in ROLE_AR[role][1 if female else 0]:
        if "{N}" in form:
            out += [form.replace("{N}", n) for n in names]
        elif "{F}" in form:
            out += [form.replace("{F}", _fem(a)) for a in adjs]
        elif "{M}" in form:
            out += [form.replace("{M}", a) for a in adjs]
    return out


def persons_from_leaders(path: Path, countries_path: Path) -> list[dict]:
    countries = _countries(countries_path)
    persons: list[dict] = []
    cur = None
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if not raw[0].isspace():
            cols = [c.strip() for c in raw.split("|")]
            if len(cols) < 4:
                raise SystemExit(f"leaders.txt:{n}: person line needs id | name | ar | country")
            cur = {"id": cols[0], "type": "person", "name": cols[1], "ar": _split(cols[2]),
                   "country": cols[3] or None, "roles": [], "affiliations": []}
            extra = cols[4:]
            cur["_female"] = "f" in extra
            sec = [x for x in extra if x and x != "f"]
            if sec:
                cur["sector"] = sec[0]
            persons.append(cur)
            continue
        if cur is None:
            raise SystemExit(f"leaders.txt:{n}: role line before any person")
        head, _, ar = raw.strip().partition("|")
        toks = head.split()
        if len(toks) < 4:
            raise SystemExit(f"leaders.txt:{n}: role line needs role OF FROM UNTIL")
        role, of, start, end = toks[:4]
        sector = toks[4] if len(toks) > 4 else ROLE_SECTOR.get(role, "GOV")
        country = of if of in countries else cur["country"]
        target = of
        if role in MINISTRY and of in countries:
            if MINISTRY[role] == "MFA" or countries[of][2] == 1:
                target = f"{of}_{MINISTRY[role]}"
        if ar.strip().startswith("="):       # "| = phrase; ..." replaces the generated phrases
            phrases = _split(ar.strip()[1:])
        else:
            phrases = role_phrases(role, of, cur["_female"], countries) + _split(ar)
        r = {"role": role.replace("_", " "), "of": target, "sector": sector, "country": country,
             "from": _date(start), "until": _date(end)}
        if phrases:
            r["ar"] = phrases
        cur["roles"].append(r)
        aff = {"id": target, "from": _date(start), "until": _date(end)}
        if aff not in cur["affiliations"]:
            cur["affiliations"].append(aff)
    for p in persons:
        p.pop("_female")
        if "sector" not in p and p["roles"]:
            p["sector"] = p["roles"][-1]["sector"]
        if not p["affiliations"]:
            p.pop("affiliations")
        if not p["roles"]:
            p.pop("roles")
    return persons
