"""A fallback English spelling for Arabic names (when hadath.kb.romanize is absent).

Name units found in data/gazetteer.tsv (Wikidata's usual Latin spellings of Arabic
given names and surnames) are spelled as there; other words letter by letter.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from hadath.text.normalize import normalize

_LETTERS = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d",
    "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t",
    "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "a", "و": "w", "ي": "y", "ء": "", "ؤ": "", "ئ": "", "پ": "p", "چ": "ch",
    "گ": "g", "ڤ": "v",
}


# Particles whose Wikidata unit spellings are unreliable.
_FIXED = {"بن": "bin", "ابن": "ibn", "بنت": "bint", "عبد": "Abd", "ابو": "Abu", "ابي": "Abi",
          "ام": "Umm", "ال": "al"}


@lru_cache(maxsize=1)
def _units() -> dict[str, str]:
    try:
        text = resources.files("hadath.ner").joinpath("data/gazetteer.tsv").read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    out = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[1] in ("given", "surname") and parts[2]:
            out.setdefault(parts[0], parts[2])
    return out


def _word(w: str) -> str:
    if w in _FIXED:
        return _FIXED[w]
    units = _units()
    if w in units:
        return units[w]
    art = ""
    if w.startswith("ال") and len(w) > 3:
        art, w = "al-", w[2:]
        if w in units:
            return art + units[w]
    out = []
    for i, c in enumerate(w):
        last = i == len(w) - 1
        if c == "و" and i == 1 and w[0] == "ا":
            continue
        if c == "و":
            out.append("w" if i == 0 or (i > 0 and w[i - 1] == "ا") else "ou" if not last else "o")
        elif c == "ي":
            out.append("y" if i == 0 or (not last and w[i + 1] in "اوي") else "i")
        elif c == "ه" and not last:
            out.append("h")
        elif c == "ا" and i == 0:
            out.append("o" if w[1:2] == "و" else "a")
        else:
            out.append(_LETTERS.get(c, c if c.isascii() else ""))
    s = "".join(out)
    return art + (s[:1].upper() + s[1:] if s else s)


def fallback_romanize(name: str) -> str:
    words = normalize(name).split()
    return " ".join(x for x in (_word(w) for w in words) if x)


def romanize(name: str) -> str:
    """English spelling of an Arabic name: hadath.kb.romanize if the base offers it."""
    try:
        from hadath.kb import romanize as kb_romanize
    except ImportError:
        return fallback_romanize(name)
    try:
        return kb_romanize(name) or fallback_romanize(name)
    except Exception:
        return fallback_romanize(name)
