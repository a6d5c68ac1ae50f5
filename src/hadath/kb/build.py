"""Regenerate states.yaml and demonyms.yaml from pycountry, CLDR (Babel) and the hand
table data/sources/countries.tsv.

    python -m hadath.kb.build        (needs the `build` extra: pycountry, babel)

Names from CLDR that are also common words are dropped (see AMBIGUOUS); demonyms of
countries missing from the hand table are derived by the regular nisba rule.
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml


DATA = Path(__file__).parent / "data"
# Arabic country names that are also ordinary words or another place: kept only in
# longer forms (جمهورية مالي, سلطنة عمان).
AMBIGUOUS = {"مالي", "عمان", "عُمان", "بنين", "قطر"}
AMBIGUOUS_KEEP = {"قطر"}   # too frequent to lose; the word "diameter" is rare in news
TERRITORIES = set("""AS AI AQ AW BM BV IO KY CX CC CK CW FK FO GF PF TF GI GL GP GU GG HM HK IM JE
MO MQ YT MS NC NU NF MP PN PR RE BL SH MF PM SX GS SJ TK TC UM VG VI WF EH AX BQ""".split())
NAME_OVERRIDES = {"PSE": "Palestine", "XKX": "Kosovo", "VAT": "Vatican City", "TWN": "Taiwan"}
EXTRA = [("XK", "XKX")]


def _hand_table() -> dict[str, dict]:
    rows = {}
    for line in (DATA / "sources" / "countries.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = (line.split("\t") + [""] * 6)[:6]
        iso, qid, ar, met, dem, dem_en = cells
        split = lambda s: [x.strip() for x in s.split(";") if x.strip()]  # noqa: E731
        rows[iso] = {"wikidata": qid or None, "ar": split(ar), "metonyms": split(met),
                     "demonyms": split(dem), "demonym_en": dem_en.strip() or None}
    return rows


def _extras() -> dict[str, dict]:
    return yaml.safe_load((DATA / "sources" / "state_extras.yaml").read_text(encoding="utf-8")) or {}


def _nisba(name: str) -> str | None:
    """Regular demonym of a one-word Arabic country name (ليبيا -> ليبي, تشاد -> تشادي)."""
    if " " in name:
        return None
    w = name[2:] if name.startswith("ال") else name
    for end in ("يا", "ا", "ة"):
        if w.endswith(end) and len(w) - len(end) >= 3:
            w = w[: -len(end)]
            break
    if w.endswith("ي") or len(w) < 3:
        return None
    return w + "ي"


def build() -> tuple[list, list]:
    import pycountry
    from babel import Locale

    ar_names, en_names = Locale("ar").territories, Locale("en").territories
    hand = _hand_table()
    extras = _extras()
    codes = [(c.alpha_2, c.alpha_3) for c in pycountry.countries] + EXTRA
    states, demonyms = [], []
    for a2, a3 in sorted(codes, key=lambda x: x[1]):
        c = pycountry.countries.get(alpha_2=a2)
        h = hand.get(a3, {})
        name = NAME_OVERRIDES.get(a3) or en_names.get(a2) or (c.common_name if c else a3)
        en = []
        if c is not None:
            en += [getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)]
        en = [x for x in dict.fromkeys(en) if x and x != name]
        ar = list(h.get("ar", []))
        cldr = ar_names.get(a2)
        if cldr and cldr not in ar and (cldr not in AMBIGUOUS or cldr in AMBIGUOUS_KEEP):
            ar.append(cldr)
        if not ar and cldr:
            ar = [f"جمهورية {cldr}", f"دولة {cldr}"]
        rec = {"id": a3, "type": "territory" if a2 in TERRITORIES else "state", "name": name}
        if en:
            rec["en"] = en
        rec["ar"] = ar
        rec["country"] = a3
        if h.get("wikidata"):
            rec["wikidata"] = h["wikidata"]
        x = extras.get(a3, {})
        if h.get("metonyms"):
            rec["metonyms"] = h["metonyms"]
        for key in ("descriptors", "framing"):
            if x.get(key):
                rec[key] = x[key]
        rec["source"] = "CLDR (Babel), pycountry" + (", hand table" if h else "")
        states.append(rec)
        dem = (h.get("demonyms") or [d for d in {_nisba(n) for n in ar if n} if d]) + x.get("demonyms", [])
        if dem:
            d = {"country": a3, "ar": sorted(set(dem), key=dem.index)}
            if x.get("plural"):
                d["plural"] = x["plural"]
            d["en"] = h.get("demonym_en") or name
            if not h.get("demonyms"):
                d["note"] = "derived by the nisba rule"
            demonyms.append(d)
        if x.get("combine_only"):
            demonyms.append({"country": a3, "ar": x["combine_only"], "combine_only": True,
                             "note": "also an ordinary word: an actor only after a role word"})
    for owner, x in (_extras().get("adjectives") or {}).items():   # أممي -> UN, أوروبي -> EU
        demonyms.append({"country": owner, "ar": x["ar"], "en": x["en"],
                         "note": "adjective of an organisation, not a country"})
    return states, demonyms


def _dump(path: Path, header: str, records: list) -> None:
    body = yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=200)
    path.write_text(header + body, encoding="utf-8")


def main() -> int:
    try:
        states, demonyms = build()
    except ImportError as e:
        print(f"hadath.kb.build needs the build extra ({e.name})", file=sys.stderr)
        return 1
    _dump(DATA / "states.yaml", "# GENERATED by `python -m hadath.kb.build` from pycountry, CLDR (Babel)\n"
          "# and data/sources/countries.tsv. Edit the table, not this file.\n", states)
    _dump(DATA / "demonyms.yaml", "# GENERATED by `python -m hadath.kb.build`: masculine singular nisba\n"
          "# adjectives per country; the loader inflects them (ة ون ين ات ان تان ...).\n", demonyms)
    print(f"{len(states)} states and territories, {len(demonyms)} demonym entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
