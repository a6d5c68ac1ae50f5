"""Arabic names in Latin letters, for actors the base does not know.

Uses arabic-name-romanizer (MIT; a Wikidata-derived name index, shipped in the wheel, no
network) when installed, else a plain letter-by-letter scheme. Its neural fallback is not
loaded: at about 27 ms a name it would cost more than the rest of the pipeline, while the
index and its rules take about 1 ms.
"""
from __future__ import annotations

from functools import lru_cache

from hadath.text import normalize

_LETTERS = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "'",
    "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w",
    "ي": "y", "ء": "'", "ئ": "'", "ؤ": "'", "پ": "p", "چ": "ch", "ڤ": "v", "گ": "g",
}


@lru_cache(maxsize=1)
def _transliterator():
    try:
        from arabic_name_romanizer import Transliterator
        return Transliterator(auto_load_model=False)
    except Exception:   # not installed, or its resources are missing: fall back to rules
        return None


def _rules(name: str) -> str:
    words = []
    for w in normalize(name).split():
        out = "".join(_LETTERS.get(c, c) for c in w).strip("'")
        if out.startswith("al") and len(out) > 4 and w.startswith("ال"):
            out = "al-" + out[2:]
        words.append(out.capitalize())
    return " ".join(words)


@lru_cache(maxsize=20_000)
def romanize(arabic_name: str) -> str:
    """A readable English rendering of an Arabic personal or place name."""
    name = " ".join(arabic_name.split())
    if not name:
        return ""
    t = _transliterator()
    if t is not None:
        try:
            out = t.transliterate(name)
            text = out if isinstance(out, str) else getattr(out, "text", None) or str(out)
            if text and text.strip():
                return text.strip()
        except Exception:   # the package's own failure on odd input: use the rules
            pass
    return _rules(name)
