"""Tokenisation with clitic segmentation, offset-preserving.

A token is a run of letters (Arabic, Latin), digits and the invisible characters that can
sit inside a name, or one punctuation mark. Each Arabic token is segmented into
proclitics (و ف, then ب ل ك س, then the article ال; لل = ل + ال), a stem, and one
pronoun enclitic (ه ها هم هما هن ك كم ي نا), by `segment()`: a clitic is only split
off when what remains is a known word (the vocabulary in data/vocab.txt, derived from
news text, plus words the caller registers, such as actor names), so that proper names
keep their letters (بنغازي is not ب+نغازي).
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from hadath.model import Token
from hadath.text.normalize import INVISIBLE, normalize, normalize_with_map

_INVIS = "".join(sorted(INVISIBLE))
_LETTER = r"[^\W_]|[\u064B-\u065F\u0670\u0640\u06D6-\u06ED" + _INVIS + "]"
_WORD = re.compile(rf"(?:{_LETTER})+(?:[.,٫٬](?:\d)+)*")
_TOKEN = re.compile(rf"{_WORD.pattern}|\S")

CONJ = ("و", "ف")
PREP = ("ب", "ل", "ك", "س")
SUFFIXES = ("هما", "هم", "هن", "ها", "كم", "نا", "ه", "ك", "ي")   # longest first
MIN_STEM = 2

_extra_vocab: set[str] = set()


@lru_cache(maxsize=1)
def _vocab() -> frozenset[str]:
    try:
        data = resources.files("hadath.text").joinpath("data/vocab.txt").read_text(encoding="utf-8")
    except FileNotFoundError:
        return frozenset()
    return frozenset(w.split("\t", 1)[0] for w in data.splitlines() if w and not w.startswith("#"))


def add_vocabulary(words) -> None:
    """Register extra known words (normalised), e.g. actor names from the knowledge base."""
    _extra_vocab.update(normalize(w) for w in words)
    segment.cache_clear()


def is_known(word: str) -> bool:
    return word in _extra_vocab or word in _vocab()


@lru_cache(maxsize=200_000)
def segment(norm: str) -> tuple[tuple[str, ...], int, int, str]:
    """Segment a normalised word: (proclitics, stem start, stem end, enclitic).

    Stem offsets index into `norm`. Unknown words keep every letter, but the article
    (ال, لل) is always split off when what follows is long enough to be a word.
    """
    best = ((), 0, len(norm), "")
    if len(norm) < 3 or not _is_arabic(norm):
        return best
    for pre, s in _prefixes(norm):
        rest = norm[s:]
        article = bool(pre) and pre[-1] == "ال"
        for suf in ("",) + SUFFIXES:
            if suf and (article or not rest.endswith(suf)):
                continue
            stem = rest[:len(rest) - len(suf)] if suf else rest
            if len(stem) < MIN_STEM:
                continue
            candidates = (stem, stem[:-1] + "ه") if suf and stem.endswith("ت") else (stem,)
            if any(is_known(c) for c in candidates) or (article and len(stem) >= 3 and not suf):
                return (pre, s, s + len(stem), suf)
    return best


def _prefixes(norm: str):
    """Candidate proclitic analyses, most clitics first, then the bare word."""
    out = []
    for c in ("",) + CONJ:
        if c and not norm.startswith(c):
            continue
        i = len(c)
        base = (c,) if c else ()
        if norm.startswith("لل", i):
            out.append((base + ("ل", "ال"), i + 2))
        for p in PREP:
            if norm.startswith(p, i):
                if norm.startswith("ال", i + 1) and p != "س":
                    out.append((base + (p, "ال"), i + 3))
                out.append((base + (p,), i + 1))
        if norm.startswith("ال", i):
            out.append((base + ("ال",), i + 2))
        if c:
            out.append((base, i))
    out.sort(key=lambda x: -x[1])
    out.append(((), 0))
    return out


def _is_arabic(s: str) -> bool:
    return "\u0621" <= s[0] <= "\u064A"


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of text[start:end], with offsets into `text` and clitic segmentation."""
    end = len(text) if end is None else end
    tokens = []
    for m in _TOKEN.finditer(text, start, end):
        surface = m.group()
        norm, index = normalize_with_map(surface)
        tok = Token(surface, m.start(), m.end(), norm)
        if norm:
            pre, s, e, suf = segment(norm)
            if pre or suf:
                tok.prefixes, tok.suffix = pre, suf
                tok.stem_start = m.start() + index[s]
                tok.stem_end = m.start() + index[e - 1] + 1
        tokens.append(tok)
    return tokens
