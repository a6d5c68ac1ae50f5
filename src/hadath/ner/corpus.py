"""Reading the NER training corpora: ANERcorp (with CAMeL Lab's standard split) and AQMAR.

A corpus is a list of sentences, each a list of (word, tag) pairs with BIO tags over
PERS, LOC, ORG, MISC (ANERcorp's names; AQMAR's PER and MIS0-3 are mapped onto them).
"""
from __future__ import annotations

import re
from pathlib import Path

from hadath.errors import HadathError

Sentence = list[tuple[str, str]]
TYPES = ("PERS", "LOC", "ORG", "MISC")

_PERIODS = re.compile(r"^\.+$")
_AQMAR_TYPE = {"PER": "PERS", "PERS": "PERS", "LOC": "LOC", "ORG": "ORG", "-ORG": "ORG"}


def _fix_tag(tag: str) -> str:
    """A valid BIO tag over TYPES from a possibly misspelt one ('O' when unknown)."""
    tag = tag.strip().strip("`")
    if tag in ("O", "OO", "IO") or len(tag) < 3 or tag[1] != "-" or tag[0] not in "BI":
        return "O"
    kind = tag[2:]
    if kind in _AQMAR_TYPE:
        kind = _AQMAR_TYPE[kind]
    elif kind.startswith("MIS"):
        kind = "MISC"
    else:
        return "O"   # B-ENGLISH, B-SPANISH: language labels, not entities
    return f"{tag[0]}-{kind}"


def _repair_bio(sent: Sentence) -> Sentence:
    """I- after O or after another type starts an entity."""
    out, prev = [], "O"
    for w, t in sent:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append((w, t))
        prev = t
    return out


def read_anercorp(path: Path) -> list[Sentence]:
    """ANERcorp as sentences, by CAMeL Lab's rules (see ../shared/data/README.md)."""
    if path.is_dir():
        path = path / "ANERCorp.txt"
    if not path.exists():
        raise HadathError(f"ANERcorp not found at {path}")
    words: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.replace("\u200f", "").strip()
        if not line:
            continue
        parts = line.rsplit(None, 1)
        if len(parts) != 2:
            continue   # a tag with no word
        word, tag = parts
        word = word.replace("·", ".").replace("•", ".").strip()
        if word:
            words.append((word, _fix_tag(tag)))
    sents: list[Sentence] = []
    cur: Sentence = []
    for i, (w, t) in enumerate(words):
        cur.append((w, t))
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        if _PERIODS.match(w) and not _PERIODS.match(nxt):
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    return [_repair_bio(s) for s in sents]


def anercorp_split(path: Path) -> tuple[list[Sentence], list[Sentence]]:
    """The standard (train, test) split: sentences holding the first 5/6 of the words."""
    sents = read_anercorp(path)
    total = sum(len(s) for s in sents)
    limit, seen = total * 5 / 6, 0
    for i, s in enumerate(sents):
        if seen >= limit:
            return sents[:i], sents[i:]
        seen += len(s)
    return sents, []


def read_aqmar(path: Path) -> list[Sentence]:
    """AQMAR: one `word TAG` a line, blank lines between sentences; files of a folder."""
    files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
    sents: list[Sentence] = []
    for f in files:
        cur: Sentence = []
        for line in f.read_text(encoding="utf-8").splitlines():
            line = line.replace("\u200f", "").strip()
            parts = line.rsplit(None, 1)
            if len(parts) != 2:
                if cur:
                    sents.append(cur)
                cur = []
                continue
            cur.append((parts[0], _fix_tag(parts[1])))
        if cur:
            sents.append(cur)
    return [_repair_bio(s) for s in sents]


def find_corpora(data: Path) -> tuple[Path, Path | None]:
    """ANERcorp and AQMAR folders under a data folder (e.g. ../shared/data/ner)."""
    aner = data / "anercorp" if (data / "anercorp").exists() else data
    if not (aner / "ANERCorp.txt").exists():
        raise HadathError(f"no anercorp/ANERCorp.txt under {data}")
    aqmar = data / "aqmar"
    return aner, aqmar if aqmar.exists() else None


def entities(tags: list[str]) -> set[tuple[int, int, str]]:
    """(start, end, type) spans of a BIO tag sequence (a stray I- starts an entity)."""
    spans, start, kind = set(), -1, None
    for i, t in enumerate(list(tags) + ["O"]):
        if kind is not None and not (t.startswith("I-") and t[2:] == kind):
            spans.add((start, i, kind))
            kind = None
        if t.startswith("B-") or (t.startswith("I-") and kind is None):
            start, kind = i, t[2:]
    return spans
