"""Name keys: how actor names and text tokens meet.

Both sides are reduced to "bare" token forms: normalised (hadath.text.normalize), with
the article ال removed. A name is the tuple of its bare forms. A text token offers
several candidate forms (the whole token, then with proclitics و ف ب ل ك ال لل and a
pronoun enclitic removed); the matcher keeps those that occur in some name, so no
segmenter vocabulary is needed and proper names keep their letters when they match whole.
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from hadath.text import normalize

SEP = " "
ARTICLE = "ال"
CONJ = ("و", "ف")
PREP = ("ب", "ل", "ك")
# third-person pronouns first: they are the ones coreference cares about
SUFFIXES = ("هما", "هم", "هن", "ها", "ه", "كم", "نا", "ك", "ي")
MIN_BARE = 2


class Form(NamedTuple):
    form: str          # bare form (what names are keyed on)
    pre: int           # characters of proclitics removed from the normalised token
    suf: int           # characters of enclitic removed
    suffix: str        # the enclitic, "" if none
    article: bool      # the token carried the article
    fuzzy: bool = False  # read within one edit of a known form (a typo)

    @property
    def plain(self) -> bool:
        """Only the article (or nothing) was removed: fit for inner tokens of a name."""
        return self.suf == 0 and self.pre in (0, 2) and (self.pre == 0 or self.article)


def bare(norm_token: str) -> str:
    """Bare form of one normalised name token."""
    if norm_token.startswith(ARTICLE) and len(norm_token) - 2 >= MIN_BARE and _arabic(norm_token):
        return norm_token[2:]
    return norm_token


def name_key(name: str) -> str:
    """Key of a whole name: bare forms of its tokens joined by SEP ('' if nothing left)."""
    from hadath.text.tokens import _TOKEN
    toks = [normalize(m.group()) for m in _TOKEN.finditer(name)]
    toks = [bare(t) for t in toks if t and (t[0].isalnum() or t in "&")]
    return SEP.join(t for t in toks if t)


def _arabic(s: str) -> bool:
    return bool(s) and "\u0621" <= s[0] <= "\u064A"


@lru_cache(maxsize=100_000)
def _proclitics(norm: str) -> tuple[tuple[int, bool], ...]:
    """(characters removed, article present) for every proclitic analysis, fewest first
    (cached: news repeats its words)."""
    out = [(0, False)]
    for c in ("",) + CONJ:
        if c and not norm.startswith(c):
            continue
        i = len(c)
        if c:
            out.append((i, False))
        if norm.startswith("لل", i):
            out.append((i + 2, True))
        for p in PREP:
            if norm.startswith(p, i):
                out.append((i + 1, False))
                if norm.startswith(ARTICLE, i + 1):
                    out.append((i + 3, True))
        if norm.startswith(ARTICLE, i):
            out.append((i + 2, True))
    return tuple(sorted(set(out)))


def candidate_forms(norm: str, known) -> list[Form]:
    """Readings of a normalised text token whose bare form is in `known`, least stripped first."""
    if not norm:
        return []
    if not _arabic(norm):
        return [Form(norm, 0, 0, "", False)] if norm in known else []
    out: list[Form] = []
    seen = set()
    for pre, article in _proclitics(norm):
        rest = norm[pre:]
        if not article and rest.startswith(ARTICLE) and len(rest) - 2 >= MIN_BARE:
            continue   # the article analysis covers it
        for suf in ("",) + SUFFIXES:
            # the article and a pronoun enclitic exclude each other
            if suf and (article or not rest.endswith(suf)):
                continue
            stem = rest[:len(rest) - len(suf)] if suf else rest
            if len(stem) < MIN_BARE:
                continue
            stems = (stem[:-1] + "ه", stem) if suf and stem.endswith("ت") else (stem,)
            for f in stems:   # حكومت+ه -> حكومه; قوات+ه stays قوات
                if f in known and (f, pre, len(suf)) not in seen:
                    seen.add((f, pre, len(suf)))
                    out.append(Form(f, pre, len(suf), suf, article))
    out.sort(key=lambda f: (f.pre + f.suf, f.suf))
    return out


def bare_text_form(norm: str) -> str:
    """The single most likely bare form of a token (for typo-tolerant lookup)."""
    for pre, article in reversed(_proclitics(norm)):
        if article and len(norm) - pre >= 4:
            return norm[pre:]
    return bare(norm)
