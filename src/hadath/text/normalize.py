"""Arabic normalisation for matching, with a map back to the original offsets.

`normalize(s)` is the fast form (str.translate). `normalize_with_map(s)` also returns,
for every output character, the index of the input character it came from, so that any
span found in normalised text maps back to the original text exactly.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Zero-width and bidi control characters: invisible, yet they break names apart.
INVISIBLE = frozenset(
    ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u2060", "\u00ad"] +
    [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]
)
# Characters removed outright: tashkeel and Quranic marks, tatweel, and the invisibles.
_DROP = (
    [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670"] +
    [chr(c) for c in range(0x06D6, 0x06EE)] + ["\u0640"] + sorted(INVISIBLE)
)

_MAP = {
    # alef variants, alef maqsura, teh marbuta
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ى": "ي", "ة": "ه",
    # Persian/Urdu look-alikes
    "ک": "ك", "ڪ": "ك", "ی": "ي", "ې": "ي", "ۍ": "ي", "ے": "ي", "ە": "ه", "ۀ": "ه",
    "ھ": "ه", "ہ": "ه", "ۃ": "ه",
    # quotes of every style become a plain double quote
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "‹": '"', "›": '"',
    "‘": '"', "’": '"', "‚": '"', "‛": '"', "'": '"', "`": '"', "″": '"', "＂": '"',
}
_MAP.update({chr(0x0660 + i): str(i) for i in range(10)})   # Arabic-Indic digits
_MAP.update({chr(0x06F0 + i): str(i) for i in range(10)})   # Extended (Persian) digits
_MAP.update({c: "" for c in _DROP})


@lru_cache(maxsize=4096)
def _char(c: str) -> str:
    """Normalised form of one character (possibly empty or several characters)."""
    if c in _MAP:
        return _MAP[c]
    o = ord(c)
    if 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF:   # presentation forms, ligatures
        decomposed = unicodedata.normalize("NFKC", c)
        if decomposed != c:      # (unassigned code points in the blocks stay as they are)
            return "".join(_char(x) for x in decomposed if x != " ")
    if c.isupper():
        return c.lower()
    return c


class _Table(dict):
    """str.translate table computed lazily for any character."""
    def __missing__(self, o: int) -> str:
        v = _char(chr(o))
        self[o] = v
        return v


_TABLE = _Table()


def normalize(s: str) -> str:
    """Normalised form for matching (no offsets)."""
    return s.translate(_TABLE)


# Characters whose normalised form is not exactly one character (dropped, or a ligature
# that expands); text without them maps one to one.
_NOT_ONE_TO_ONE = re.compile("[" + "".join(sorted(set(_DROP))) + "\u0130\ufb50-\ufdff\ufe70-\ufeff]")


def normalize_with_map(s: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the source index in `s`."""
    if not _NOT_ONE_TO_ONE.search(s):
        return s.translate(_TABLE), list(range(len(s)))
    out: list[str] = []
    index: list[int] = []
    for i, c in enumerate(s):
        n = _TABLE[ord(c)]
        if n:
            out.append(n)
            index.extend([i] * len(n))
    return "".join(out), index

