"""Near-duplicate text: MinHash signatures over word shingles of the normalised text.

Syndicated copies of one article (agency wires republished by several outlets, with a
different headline, dateline or footer) share most of their word 4-grams. A signature is
made with one-permutation hashing (one 64-bit hash per shingle, spread over `BINS` bins,
the minimum kept per bin), so that it costs one pass over the text. Signatures are cut
into bands; documents sharing a band are candidates, confirmed by the estimated Jaccard
similarity of their whole signatures.
"""
from __future__ import annotations

import hashlib
import re
import struct

from hadath.text import normalize

BINS = 64
ROWS = 4                      # bins per band: 16 bands, candidates from Jaccard ~0.5 up
SHINGLE = 4
EMPTY = (1 << 58) - 1         # value of an empty bin
_WORD = re.compile(r"[^\W_]+")
_PACK = struct.Struct(f"<{BINS}Q")


def shingles(text: str) -> set[str]:
    words = _WORD.findall(normalize(text))
    if len(words) <= SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> list[int]:
    sig = [EMPTY] * BINS
    for s in shingles(text):
        h = int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")
        b, v = h & (BINS - 1), h >> 6
        if v < sig[b]:
            sig[b] = v
    return sig


def pack(sig: list[int]) -> bytes:
    return _PACK.pack(*sig)


def unpack(blob: bytes) -> tuple[int, ...]:
    return _PACK.unpack(blob)


def bands(sig: list[int]) -> list[int]:
    """One signed 64-bit key per band (SQLite integers); bands made only of empty bins are left out."""
    out = []
    for i in range(0, BINS, ROWS):
        part = sig[i:i + ROWS]
        if all(v == EMPTY for v in part):
            continue
        digest = hashlib.blake2b(struct.pack(f"<I{ROWS}Q", i, *part), digest_size=8).digest()
        out.append(int.from_bytes(digest, "little", signed=True))
    return out


def similarity(a, b) -> float:
    """Estimated Jaccard similarity of two signatures (bins empty in both are ignored)."""
    same = total = 0
    for x, y in zip(a, b):
        if x == EMPTY and y == EMPTY:
            continue
        total += 1
        same += x == y
    return same / total if total else 0.0
