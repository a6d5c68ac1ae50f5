"""Longest match of knowledge-base keys over the tokens of one sentence.

A flat token trie (kb.keys complete keys, kb.prefixes proper prefixes) is walked from
every token, left to right; the first token may carry proclitics and a pronoun enclitic,
the following ones only the article. One token per match may differ from the name by a
single edit when it is long (الاحنلال ~ الاحتلال).
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass

from hadath.kb.names import SEP, Form, bare_text_form, candidate_forms
from hadath.kb.compile import FUZZY_MIN, deletions
from hadath.text.tokens import is_known


@dataclass(slots=True)
class Hit:
    i: int                    # first token index
    j: int                    # one past the last token
    first: Form               # reading of the first token
    entries: tuple[int, ...]
    fuzzy: bool = False
    key: str = ""


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
    if len(form) < FUZZY_MIN or form in kb.vocab or is_known(form) or is_known(norm):
        return []   # a real word (احتفال) is no typo of a name (احتلال)
    found = set()
    for d in deletions(form) | {form}:
        for v in kb.fuzzy.get(d, "").split(SEP) if d in kb.fuzzy else ():
            if v[0] == form[0] and within_one_edit(form, v):
                found.add(v)
    return sorted(found)


READINGS_CACHED = 200_000   # word types whose readings are kept (news repeats its words)


def readings(tokens, kb) -> list[list[Form]]:
    """Candidate forms of every token; a long unknown token may read as a known one within an edit."""
    cache = _READINGS.setdefault(kb, {})
    out = []
    for t in tokens:
        if not (t.norm and t.norm[0].isalnum()):
            out.append([])
            continue
        forms = cache.get(t.norm)
        if forms is None:
            forms = tuple(candidate_forms(t.norm, kb.vocab))
            if not forms and t.norm[0].isalpha():
                pre = len(t.norm) - len(bare_text_form(t.norm))
                forms = tuple(Form(v, pre, 0, "", pre >= 2, True) for v in _fuzzy_forms(t.norm, kb))
            if len(cache) >= READINGS_CACHED:
                cache.clear()
            cache[t.norm] = forms
        out.append(list(forms))
    return out


_READINGS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()   # per knowledge base, gone with it


def scan(tokens, kb, cands: list[list[Form]] | None = None, skip: frozenset = frozenset()) -> list[Hit]:
    """The longest match from every token, then the non-overlapping set covering most tokens
    (عضو حزب الليكود: the party name wins over the role word عضو حزب)."""
    cands = cands if cands is not None else readings(tokens, kb)
    keys, prefixes = kb.keys, kb.prefixes
    n = len(tokens)
    longest: list[Hit | None] = [None] * n
    for i in range(n):
        best: Hit | None = None
        for f in cands[i]:
            key, j, fz = f.form, i + 1, f.fuzzy
            if key in keys and key not in skip and (best is None or j > best.j) \
                    and (not fz or _lone_fuzzy_ok(key, i, cands, kb)):
                best = Hit(i, j, f, keys[key], fz, key)
            while key in prefixes and j < n:
                nxt = None
                for g in cands[j]:
                    if g.plain and not (fz and g.fuzzy):   # one typo per match
                        k2 = key + SEP + g.form
                        if k2 in keys or k2 in prefixes:
                            nxt, fz = k2, fz or g.fuzzy
                            break
                if nxt is None:
                    break
                key, j = nxt, j + 1
                if key in keys and key not in skip and (best is None or j > best.j):
                    best = Hit(i, j, f, keys[key], fz, key)
        longest[i] = best
    # best[i] = (tokens covered, -hits) over tokens i..n
    score = [(0, 0)] * (n + 1)
    choice: list[Hit | None] = [None] * (n + 1)
    for i in range(n - 1, -1, -1):
        score[i], choice[i] = score[i + 1], None
        h = longest[i]
        if h is not None:
            covered, neg = score[h.j]
            cand = (covered + h.j - h.i, neg - 1)
            if cand > score[i]:
                score[i], choice[i] = cand, h
    hits, i = [], 0
    while i < n:
        if choice[i] is not None:
            hits.append(choice[i])
            i = choice[i].j
        else:
            i += 1
    return hits


def _lone_fuzzy_ok(key: str, i: int, cands, kb) -> bool:
    """A one-token typo match stands alone only when long, or right after a role word (جيش الاحنلال)."""
    if len(key) >= 8:
        return True
    return i > 0 and any(f.form in kb.agent_keys for f in cands[i - 1])
