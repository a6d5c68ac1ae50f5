"""Token features for the CRF tagger.

Every word type gets its features once (cached): normalised form, clitic segmentation
(hadath.text.segment), stem affixes, shape, word clusters of the word and of its stem,
and gazetteer flags. A token's feature list is its own features plus those of its
neighbours (prefixed by their offset) and a few sequence features (bigrams, multi-word
gazetteer matches).
"""
from __future__ import annotations

from hadath.text.normalize import normalize
from hadath.text.tokens import segment

WINDOW = (-2, -1, 0, 1, 2)
# Which base features a neighbour at each offset contributes (by feature-name prefix).
_NEIGHBOUR_KEYS = {
    1: ("w=", "s=", "p=", "c0=", "c1=", "c2=", "g=", "sc1=", "sh=", "x3=", "a2=", "z2=", "fr="),
    2: ("w=", "s=", "c0=", "c1=", "g="),
}
MAX_GAZ_LEN = 5
FREQUENT = 300   # the most frequent words are function words, never gazetteer names


def _shape(word: str) -> str:
    if word.isdigit():
        return "digit"
    c = word[0]
    if "\u0621" <= c <= "\u06ff":
        return "ar"
    if c.isalpha():
        return "latin"
    if any(ch.isdigit() for ch in word):
        return "num"
    return "punct"


class Featurizer:
    def __init__(self, clusters: dict[str, tuple[str, ...]] | None = None,
                 gazetteer: dict[tuple[str, ...], set[str]] | None = None):
        self.clusters = clusters or {}
        # The clusters table lists words by corpus frequency: a word's rank is a feature
        # (names are rare words), and very frequent words get no gazetteer flags.
        self.rank = {w: i for i, w in enumerate(self.clusters)}
        self.gazetteer = gazetteer or {}   # tuple of normalised stems -> {type, ...}
        self._cache: dict[str, tuple[list[str], ...]] = {}
        self._stem: dict[str, str] = {}

    # -- one word type ---------------------------------------------------------------
    def _base(self, word: str) -> tuple[str, list[str]]:
        n = normalize(word) or word
        pre, s, e, suf = segment(n)
        stem = n[s:e]
        shape = _shape(n)
        f = [f"w={n}", f"s={stem}", f"sh={shape}"]
        if pre:
            f.append("p=" + "+".join(pre))
        if suf:
            f.append("x=" + suf)
        if shape == "ar":
            for k in (1, 2, 3, 4):
                if len(stem) > k:
                    f.append(f"a{k}={stem[:k]}")
                    f.append(f"z{k}={stem[-k:]}")
            f.append(f"x3={stem[-2:]}")
            f.append(f"len={min(len(stem), 9)}")
        elif shape == "latin":
            f.append("cap" if word[:1].isupper() else "low")
        rank = self.rank.get(n)
        f.append("fr=" + ("none" if rank is None else str(min(len(str(rank)), 4))))
        cl = self.clusters.get(n)
        if cl:
            f.extend(f"c{j}={c}" for j, c in enumerate(cl))
        else:
            f.append("c=none")
        if stem != n:
            scl = self.clusters.get(stem)
            if scl:
                f.extend(f"sc{j}={c}" for j, c in enumerate(scl))
        srank = self.rank.get(stem, 10**6)
        if srank >= FREQUENT:
            for kind in sorted(self.gazetteer.get((stem,), ())):
                f.append("g=" + kind)
        return stem, f

    def _features_of(self, word: str) -> tuple[list[str], ...]:
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        stem, base = self._base(word)
        per_offset = []
        for o in WINDOW:
            if o == 0:
                per_offset.append(base)
            else:
                keys = _NEIGHBOUR_KEYS[abs(o)]
                per_offset.append([f"{o}{x}" for x in base if x.startswith(keys)])
        out = tuple(per_offset)
        if len(self._cache) < 500_000:
            self._cache[word] = out
            self._stem[word] = stem
        return out

    # -- one sentence ----------------------------------------------------------------
    def sentence(self, words: list[str]) -> list[list[str]]:
        n = len(words)
        per = [self._features_of(w) for w in words]
        stems = [self._stem.get(w) or self._base(w)[0] for w in words]
        gaz = self._gazetteer_spans(stems)
        out = []
        for i in range(n):
            f = ["bias"]
            for k, o in enumerate(WINDOW):
                j = i + o
                if 0 <= j < n:
                    f.extend(per[j][k])
                elif o in (-1, 1):
                    f.append(f"{o}edge")
            prev = stems[i - 1] if i else "<s>"
            nxt = stems[i + 1] if i + 1 < n else "</s>"
            f.append(f"b-={prev}|{stems[i]}")
            f.append(f"b+={stems[i]}|{nxt}")
            f.extend(gaz[i])
            out.append(f)
        return out

    def _gazetteer_spans(self, stems: list[str]) -> list[list[str]]:
        """BIO flags of multi-word gazetteer matches (longest first, by stems)."""
        n = len(stems)
        out: list[list[str]] = [[] for _ in range(n)]
        if not self.gazetteer:
            return out
        for i in range(n):
            for L in range(min(MAX_GAZ_LEN, n - i), 1, -1):
                kinds = self.gazetteer.get(tuple(stems[i:i + L]))
                if kinds:
                    for kind in kinds:
                        out[i].append("G=B-" + kind)
                        for j in range(i + 1, i + L):
                            out[j].append("G=I-" + kind)
                    break
        return out
