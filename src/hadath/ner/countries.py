"""The country a sentence gives a name: a demonym or country name next to it."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from hadath.text.normalize import normalize

BEFORE, AFTER = 4, 2   # tokens looked at on each side of a name
_ENDINGS = ("يين", "يون", "يه", "ين", "ون")   # feminine and plural endings of a demonym


def _data(name: str) -> str:
    try:
        return resources.files("hadath.ner").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(country name -> code, demonym stem -> code), all normalised without the article."""
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for line in _data("gazetteer.tsv").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[1] == "country" and parts[2]:
            name = _bare(parts[0])
            names.setdefault(name, parts[2])
            first = name.split()[0]
            if len(first) >= 3:
                demonyms.setdefault(_demonym(first), parts[2])
    for line in _data("demonyms.tsv").splitlines():
        if line and not line.startswith("#"):
            stem, code = line.split("\t")[:2]
            demonyms[stem] = code
    return names, demonyms


def _bare(s: str) -> str:
    return " ".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in normalize(s).split())


def _demonym(name: str) -> str:
    if name.endswith("يا"):
        return name[:-1]
    if name.endswith(("ا", "ه")):
        return name[:-1] + "ي"
    return name + "ي"


def country_of_word(norm: str) -> str | None:
    names, demonyms = _tables()
    w = _bare(norm)
    for p in ("و", "ب", "ل", "وب", "ول", "وال", "بال", "لل"):   # proclitics before the article
        if w not in names and w.startswith(p) and _bare(w[len(p) - (2 if p.endswith("ال") else 0):]) in names:
            w = _bare(w[len(p) - (2 if p.endswith("ال") else 0):])
            break
    if w in names:
        return names[w]
    if w in demonyms:
        return demonyms[w]
    for end in _ENDINGS:
        if w.endswith(end) and w[:-len(end)] + "ي" in demonyms:
            return demonyms[w[:-len(end)] + "ي"]
    return None


def country_near(tokens, ts: int, te: int) -> str | None:
    """Country code from the tokens right after the span (a demonym: حزب الليكود الإسرائيلي)
    or just before it (شركة إماراتية ... ريم ترافيل)."""
    order = list(range(te, min(len(tokens), te + AFTER))) + \
        list(range(ts - 1, max(-1, ts - 1 - BEFORE), -1))
    for i in order:
        norm = tokens[i].norm or normalize(tokens[i].text)
        if not norm or not ("\u0621" <= norm[0] <= "\u064a"):
            continue
        code = country_of_word(norm)
        if code:
            return code
    return None
