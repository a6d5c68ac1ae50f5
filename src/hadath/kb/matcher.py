"""Longest match of knowledge-base keys over the tokens of one sentence.

A flat token trie (kb.keys complete keys, kb.prefixes proper prefixes) is walked from
every token, left to right; the first token may carry proclitics and a pronoun enclitic,
the following ones only the article. One token per match may differ from the name by a
single edit when it is long (الاحنلال ~ الاحتلال).
"""
from __future__ import annotations

from dataclasses import dataclass

from hadath.kb.names import SEP, Form, bare_text_form, candidate_forms
from hadath.kb.compile import FUZZY_MIN, deletions


@dataclass(slots=True)
class Hit:
    i: int                    # first token index
    j: int                    # one past the last token
    first: Form               # reading of the first token
    entries: tuple[int, ...]
    fuzzy: bool = False


def within_one_edit(a: str, b: str) -> bool:
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        return sum(x != y for x, y in zip(a, b)) == 1
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def _fuzzy_forms(norm: str, kb) -> list[str]:
    form = bare_text_form(norm)
    if len(form) < FUZZY_MIN or form in kb.vocab:
        return []
    found = set()
    for d in deletions(form) | {form}:
        for v in kb.fuzzy.get(d, ()):
            if v[0] == form[0] and within_one_edit(form, v):
                found.add(v)
    return sorted(found)


def readings(tokens, kb) -> list[list[Form]]:
    return [candidate_forms(t.norm, kb.vocab) if t.norm and t.norm[0].isalnum() else [] for t in tokens]


def scan(tokens, kb, cands: list[list[Form]] | None = None) -> list[Hit]:
    """Non-overlapping longest matches, left to right."""
    cands = cands if cands is not None else readings(tokens, kb)
    keys, prefixes = kb.keys, kb.prefixes
    n = len(tokens)
    hits: list[Hit] = []
    i = 0
    while i < n:
        best: Hit | None = None
        for f in cands[i]:
            key, j, fz = f.form, i + 1, False
            if key in keys and (best is None or j > best.j):
                best = Hit(i, j, f, keys[key], fz)
            while key in prefixes and j < n:
                nxt = None
                for g in cands[j]:
                    if g.plain:
                        k2 = key + SEP + g.form
                        if k2 in keys or k2 in prefixes:
                            nxt = k2
                            break
                if nxt is None and not fz and not cands[j] and tokens[j].norm[:1].isalpha():
                    for v in _fuzzy_forms(tokens[j].norm, kb):
                        k2 = key + SEP + v
                        if k2 in keys or k2 in prefixes:
                            nxt, fz = k2, True
                            break
                if nxt is None:
                    break
                key, j = nxt, j + 1
                if key in keys and (best is None or j > best.j):
                    best = Hit(i, j, f, keys[key], fz)
        if best is not None:
            hits.append(best)
            i = best.j
        else:
            i += 1
    return hits
