"""The country a sentence gives a name: a demonym or country name next to it."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from hadath.text.normalize import normalize

# Tokens looked at on each side of a name: a demonym may follow (حزب الليكود الإسرائيلي)
# or precede an apposition (شركة إماراتية مشتركة ، ريم ترافيل); a country name only
# right before (رئيس وزراء إسرائيل بنيامين نتنياهو). Farther words are another actor's.
DEMONYM_AFTER, DEMONYM_BEFORE, NAME_BEFORE = 2, 5, 1
APPOSITION = ("،", ",", "-", "–", ":")
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


def country_of_word(norm: str, names_too: bool = True, demonyms_too: bool = True) -> str | None:
    names, demonyms = _tables()
    w = _bare(norm)
    for p in ("و", "ب", "ل", "وب", "ول", "وال", "بال", "لل"):   # proclitics before the article
        if w not in names and w.startswith(p) and _bare(w[len(p) - (2 if p.endswith("ال") else 0):]) in names:
            w = _bare(w[len(p) - (2 if p.endswith("ال") else 0):])
            break
    if w in names:
        return names[w] if names_too else None
    if not demonyms_too:
        return None
    if w in demonyms:
        return demonyms[w]
    for end in _ENDINGS:
        if w.endswith(end) and w[:-len(end)] + "ي" in demonyms:
            return demonyms[w[:-len(end)] + "ي"]
    return None


def country_near(tokens, ts: int, te: int) -> str | None:
    """Country code from a demonym or country name next to the name tokens[ts:te]."""
    # (token index, country names count, demonyms count)
    order = [(i, False, True) for i in range(te, min(len(tokens), te + DEMONYM_AFTER))]
    if ts > 0 and tokens[ts - 1].text in APPOSITION:
        order += [(i, False, True) for i in range(ts - 2, max(-1, ts - 1 - DEMONYM_BEFORE), -1)]
    else:
        order += [(i, True, False) for i in range(ts - 1, max(-1, ts - 1 - NAME_BEFORE), -1)]
    for i, names_too, demonyms_too in order:
        norm = tokens[i].norm or normalize(tokens[i].text)
        if not norm or not ("\u0621" <= norm[0] <= "\u064a"):
            continue
        code = country_of_word(norm, names_too, demonyms_too)
        if code:
            return code
    return None
