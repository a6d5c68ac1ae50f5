"""Regenerate the country block of src/hadath/extract/data/places.yaml from CLDR.

Country names in Arabic come from the CLDR territory names of every Arabic locale
shipped with babel (ar, ar_EG, ar_MA ...), English names from CLDR English with a few
overrides (the names news and the scorer use), ISO 3166 alpha-3 codes from pycountry.
Only the block between the BEGIN/END markers is rewritten; hand-written variants and
places live outside it. Run: .venv/bin/python scripts/build_places.py
"""
from __future__ import annotations

import re
from pathlib import Path

import pycountry
from babel import Locale, localedata

PLACES = Path(__file__).resolve().parents[1] / "src/hadath/extract/data/places.yaml"
BEGIN = "# BEGIN generated countries (scripts/build_places.py: CLDR via babel, pycountry)"
END = "# END generated countries"

ENGLISH = {"TR": "Turkey", "PS": "Palestine", "CD": "DR Congo", "CG": "Congo",
           "MM": "Myanmar", "CI": "Ivory Coast", "HK": "Hong Kong", "MO": "Macau",
           "VA": "Vatican City", "CZ": "Czech Republic", "CV": "Cape Verde", "SZ": "Eswatini"}


def arabic_names(alpha2: str, locales: list[Locale]) -> list[str]:
    names: list[str] = []
    for loc in locales:
        name = loc.territories.get(alpha2)
        if not name:
            continue
        # "ميانمار (بورما)" -> both; "الكونغو - كينشاسا" -> the whole and the qualified form
        for part in re.split(r"\s*[()]\s*", name):
            part = part.strip(" -")
            if part and part not in names:
                names.append(part)
    return names


def english_name(alpha2: str, en: dict) -> str:
    if alpha2 in ENGLISH:
        return ENGLISH[alpha2]
    name = en.get(alpha2, "")
    name = name.replace(" & ", " and ").replace("St. ", "Saint ").replace(" SAR China", "")
    return name


def main() -> None:
    locales = [Locale.parse(i) for i in sorted(localedata.locale_identifiers())
               if i == "ar" or i.startswith("ar_")]
    en = Locale("en").territories
    lines = [BEGIN, "countries:"]
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        names = arabic_names(c.alpha_2, locales)
        if not names:
            continue
        lines.append(f"  {c.alpha_3}: {{en: \"{english_name(c.alpha_2, en)}\", ar: [{', '.join(names)}]}}")
    lines.append(END)
    text = PLACES.read_text(encoding="utf-8")
    block = "\n".join(lines)
    if BEGIN in text:
        text = re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    PLACES.write_text(text, encoding="utf-8")
    print(f"{len(lines) - 3} countries written to {PLACES}")


if __name__ == "__main__":
    main()
