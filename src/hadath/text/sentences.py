"""Sentence splitting for Arabic (and Latin) news text, offset-preserving.

A sentence ends at . ! ? ؟ … (and runs of them), after any closing quotes or brackets,
and at every line break (paragraphs never join). The Arabic comma and semicolon (، ؛) do
not end one. A period inside a number (3.5, ٣.٥), after a one-letter initial (د. ، A.,
U.S.), inside a domain name (bbc.com) or before a lowercase Latin word does not end a
sentence. Runaway sentences are cut at
MAX_CHARS, at the last comma or space, so that no stage sees an unbounded span.
"""
from __future__ import annotations

import re

MAX_CHARS = 2000

_END = re.compile(
    r"""(?:[.!?؟…]+|\n)              # terminal punctuation or a line break
        [\"'»”’)\]}\u200f\u200e]*    # closing quotes or brackets that belong to the sentence
    """, re.X)
_INITIAL = re.compile(r"(?:^|[\s(«\".])\w\.$")
_LATIN_ALNUM = re.compile(r"[A-Za-z0-9]")
_NEXT_LOWER = re.compile(r"[ \t]*[a-z]")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of text[start:end], whitespace trimmed."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _END.finditer(text, start, end):
        cut = m.end()
        if text[m.start()] == ".":
            before, after = text[max(0, m.start() - 3):m.start() + 1], text[cut:cut + 1]
            if after.isdigit() and text[m.start() - 1:m.start()].isdigit():
                continue   # decimal number
            if _INITIAL.search(before) and m.end() - m.start() == 1:
                continue   # initial or abbreviation
            if m.end() - m.start() == 1 and _LATIN_ALNUM.match(text, m.start() - 1) \
                    and (_LATIN_ALNUM.match(text, cut) or _NEXT_LOWER.match(text, cut)):
                continue   # a domain name (bbc.com) or a Latin abbreviation before lowercase
        _add(text, pos, cut, spans)
        pos = cut
    _add(text, pos, end, spans)
    return spans


def _add(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    while e - s > MAX_CHARS:
        cut = max(text.rfind("،", s, s + MAX_CHARS), text.rfind(",", s, s + MAX_CHARS))
        if cut <= s:
            cut = text.rfind(" ", s, s + MAX_CHARS)
        cut = cut + 1 if cut > s else s + MAX_CHARS
        _add(text, s, cut, spans)
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        spans.append((s, e))
