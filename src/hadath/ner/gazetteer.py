"""Gazetteers for the tagger's features, derived from freely licensed data we can ship.

data/gazetteer.tsv (built by `build_gazetteer`, see NOTICE.md) has one
`name<TAB>kind<TAB>extra` a line (extra: the usual Latin spelling of a name unit, or a
country's ISO 3166 alpha-3 code): kinds `given` and `surname` (Arabic personal-name units from the Wikidata-derived
index of the arabic-name-romanizer package, CC0), `country` and `city` (Unicode CLDR
Arabic territory and exemplar-city names, via babel). At run time the knowledge base's
person and state names are added (as those kinds) when hadath.kb provides them.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from hadath.text.normalize import normalize
from hadath.text.tokens import _TOKEN


def stems_of(name: str) -> tuple[str, ...]:
    """The key of a name: its normalised words without the article, which is how the
    tagger's stems come out of clitic segmentation (the names themselves are not
    segmented: cheap to load, and a name keeps its letters)."""
    return tuple(w[2:] if w.startswith("ال") and len(w) >= 4 else w
                 for w in _TOKEN.findall(normalize(name)))


def read_gazetteer(text: str) -> dict[tuple[str, ...], set[str]]:
    gaz: dict[tuple[str, ...], set[str]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, kind = line.split("\t")[:2]
        key = stems_of(name)
        if key:
            gaz.setdefault(key, set()).add(kind)
    return gaz


def shipped_gazetteer() -> dict[tuple[str, ...], set[str]]:
    try:
        text = resources.files("hadath.ner").joinpath("data/gazetteer.tsv").read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    return read_gazetteer(text)


def add_kb_names(gaz: dict[tuple[str, ...], set[str]]) -> int:
    """Add the knowledge base's Arabic names (if hadath.kb can load one) under the kinds
    the model was trained with: a person's first and last name units as `given` and
    `surname`, a state's names as `country`. Returns how many names were added."""
    try:
        from hadath.kb import load_kb
        kb = load_kb()
    except Exception:   # the base is optional: no base, no flags
        return 0
    n = 0
    for ent, names in _kb_names(kb):
        for name in names:
            key = stems_of(name)
            if not key:
                continue
            if _is(ent, "person") and len(key) >= 2:
                gaz.setdefault(key[:1], set()).add("given")
                gaz.setdefault(key[-1:], set()).add("surname")
            elif _is(ent, "state"):
                gaz.setdefault(key, set()).add("country")
            else:
                continue
            n += 1
    return n


def _is(ent, kind: str) -> bool:
    flag = getattr(ent, f"is_{kind}", None)
    return bool(flag) if flag is not None else getattr(ent, "type", None) == kind


def _kb_names(kb):
    """(actor, Arabic names) pairs of a knowledge base, whatever its exact shape."""
    entities = getattr(kb, "actors", None) or getattr(kb, "entities", None)
    if callable(entities):
        entities = entities()
    if hasattr(entities, "values"):
        entities = entities.values()
    for ent in entities or ():
        names = set()
        for attr in ("ar", "name_ar", "names_ar", "aliases_ar", "aliases"):
            v = getattr(ent, attr, None)
            if isinstance(v, str) and v:
                names.add(v)
            elif isinstance(v, (list, tuple, set)):
                names.update(x for x in v if isinstance(x, str))
        names = {x for x in names if any("\u0621" <= c <= "\u064a" for c in x)}
        if names:
            yield ent, names


def build_gazetteer(out: Path, min_count: int = 1) -> int:
    """Write data/gazetteer.tsv from arabic-name-romanizer's index and CLDR (babel)."""
    import sqlite3
    from importlib import resources as res

    from babel import Locale
    from babel.dates import get_timezone_location

    rows: dict[tuple[str, str], str] = {}
    db = res.files("arabic_name_romanizer").joinpath("resources/names.sqlite3")
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    latin: dict[str, tuple[int, str]] = {}
    for key, lat, count in con.execute(
            "select arabic_key, latin, sum(count) from units where source='wikidata' "
            "group by arabic_key, latin"):
        if count > latin.get(key, (0, ""))[0]:
            latin[key] = (count, lat)
    for key, role, count in con.execute(
            "select arabic_key, role, sum(count) from units where source='wikidata' "
            "group by arabic_key, role"):
        if count >= min_count and role in ("given", "surname") and len(key) >= 2:
            rows[(normalize(key), role)] = latin.get(key, (0, ""))[1]
    import pycountry
    ar = Locale("ar")
    for code, name in ar.territories.items():
        country = pycountry.countries.get(alpha_2=code) if code.isalpha() else None
        if country is not None:
            rows[(normalize(name), "country")] = country.alpha_3
    for tz in ar.time_zones:
        try:
            city = get_timezone_location(tz, locale="ar", return_city=True)
        except Exception:
            continue
        if city and not city.startswith("Etc"):
            rows[(normalize(city), "city")] = ""
    with open(out, "w", encoding="utf-8") as f:
        f.write("# name\tkind\tlatin spelling or region code; derived from arabic-name-romanizer's Wikidata name units (CC0) "
                "and Unicode CLDR Arabic names (via babel, pycountry); see NOTICE.md\n")
        for (name, kind), extra in sorted(rows.items()):
            f.write(f"{name}\t{kind}\t{extra}\n")
    return len(rows)
