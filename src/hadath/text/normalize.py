"""Arabic normalisation for matching, with a map back to the original offsets.

`normalize(s)` is the fast form (str.translate). `normalize_with_map(s)` also returns,
for every output character, the index of the input character it came from, so that any
span found in normalised text maps back to the original text exactly.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
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


class _DropMap(Sequence):
    """Offsets of normalised text back into the text when normalisation only deleted
    characters: a search over the deleted positions, not a list of every offset."""
    __slots__ = ("drops", "size")

    def __init__(self, drops: list[int], size: int):
        self.drops, self.size = drops, size

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(self.size))]
        if k < 0:
            k += self.size
        if not 0 <= k < self.size:
            raise IndexError(k)
        o = k
        while True:
            c = k + bisect_right(self.drops, o)
            if c == o:
                return o
            o = c


# Characters whose normalised form is not exactly one character (dropped, or a ligature
# that expands); text without them maps one to one.
_NOT_ONE_TO_ONE = re.compile("[" + "".join(sorted(set(_DROP))) + "\u0130\ufb50-\ufdff\ufe70-\ufeff]")
_EXPANDS = re.compile("[\u0130\ufb50-\ufdff\ufe70-\ufefe]")   # may become two characters
# Characters normalisation deletes (diacritics, tatweel, invisible marks).
_DROPPED = re.compile("[" + "".join(
    re.escape(chr(o)) for o in [*range(0x0600, 0x0700), *range(0x2000, 0x2070), 0xFEFF, 0x00AD]
    if normalize(chr(o)) == "") + "]")


def normalize_with_map(s: str) -> tuple[str, Sequence[int]]:
    """Normalised text and, for each of its characters, the source index in `s` (a
    sequence: a range when nothing changed length, a search over the deleted positions
    when normalisation only deleted characters, the usual case; else a list)."""
    norm = s.translate(_TABLE)
    if len(norm) == len(s) and not _NOT_ONE_TO_ONE.search(s):
        return norm, range(len(s))
    drops = [m.start() for m in _DROPPED.finditer(s)]
    if len(s) - len(drops) == len(norm) and not _EXPANDS.search(s):
        return norm, _DropMap(drops, len(norm))
    out: list[str] = []
    index: list[int] = []
    for i, c in enumerate(s):
        n = _TABLE[ord(c)]
        if n:
            out.append(n)
            index.extend([i] * len(n))
    return "".join(out), index

