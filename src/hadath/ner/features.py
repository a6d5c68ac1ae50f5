"""Token features for the CRF tagger.

Every word type gets its features once (cached): normalised form, clitic segmentation
(hadath.text.segment), stem affixes, shape, word clusters of the word and of its stem,
gazetteer flags, and the stem's corpus label priors (hadath.ner.priors: how a tagger
labelled it across a large news corpus). A token's feature list is its own features plus
those of its neighbours (prefixed by their offset) and a few sequence features (bigrams,
multi-word gazetteer matches, the sentence's topic from data/topics.tsv). A second pass adds
`consistency_features`: how a first pass labelled the same word in nearby sentences.
"""
from __future__ import annotations

from hadath.text.normalize import normalize
from hadath.text.tokens import segment

WINDOW = (-2, -1, 0, 1, 2)
# Which base features a neighbour at each offset contributes (by feature-name prefix).
_NEIGHBOUR_KEYS = {
    1: ("w=", "s=", "p=", "c1=", "c2=", "g=", "z2=", "fr=", "art="),
    2: ("s=", "c1="),
}
MAX_GAZ_LEN = 5
CACHE_WORDS = 100_000   # word types whose features are kept (news repeats its words)
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


def load_topics() -> dict[str, str]:
    from importlib import resources
    try:
        text = resources.files("hadath.ner").joinpath("data/topics.tsv").read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            stem, topic = line.split("\t")[:2]
            out[stem] = topic
    return out


class Featurizer:
    def __init__(self, clusters: dict[str, tuple[str, ...]] | None = None,
                 gazetteer: dict[tuple[str, ...], set[str]] | None = None,
                 topics: dict[str, str] | None = None,
                 priors: dict[str, tuple[str, ...]] | None = None):
        self.clusters = clusters or {}
        # The clusters table lists words by corpus frequency: a word's rank is a feature
        # (names are rare words), and very frequent words get no gazetteer flags.
        self.rank = {w: i for i, w in enumerate(self.clusters)}
        self.gazetteer = gazetteer or {}   # tuple of normalised stems -> {type, ...}
        self._cache: dict[str, tuple[list[str], ...]] = {}
        self.keep: set[str] | None = None
        # first stems of multi-word gazetteer names: most sentences need no lookup at all
        self._firsts = {k[0] for k in self.gazetteer if len(k) > 1}
        self._stem: dict[str, str] = {}
        self._top: dict[str, str] = {}   # word -> its coarsest cluster ("-": none)
        # Sentence topics (data/topics.tsv): each token gets the topic and the topic
        # joined with its coarse cluster, so that a place-like word can be a sports club.
        self.topics = load_topics() if topics is None else topics
        self.priors = priors or {}

    def restrict(self, attributes: set[str]) -> None:
        """Emit only features a model knows (the others only cost time when tagging)."""
        self.keep = set(attributes)
        self._cache.clear()

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
            for k in (2, 3, 4):
                if len(stem) > k:
                    f.append(f"a{k}={stem[:k]}")
                    f.append(f"z{k}={stem[-k:]}")
            f.append(f"len={min(len(stem), 9)}")
        elif shape == "latin":
            f.append("cap" if word[:1].isupper() else "low")
        if shape == "ar" and len(stem) >= 2:
            # Common nouns and adjectives also occur with the article; names mostly not.
            f.append("art=" + ("yes" if "ال" + stem in self.rank else "no"))
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
        if self.priors and shape == "ar":   # a name unseen in training is often clear in the corpus
            f.extend(self.priors.get(stem, ("gp=none",)))
        top = cl or self.clusters.get(stem)
        self._top[word] = top[0] if top else "-"
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
        if self.keep is not None:
            keep = self.keep
            per_offset = [[x for x in f if x in keep] for f in per_offset]
        out = tuple(per_offset)
        if len(self._cache) >= CACHE_WORDS:   # bounded memory on a large corpus
            self._cache.clear()
            self._stem.clear()
            self._top.clear()
        self._cache[word] = out
        self._stem[word] = stem
        return out

    # -- one sentence ----------------------------------------------------------------
    def stems(self, words: list[str]) -> list[str]:
        stem = self._stem
        return [stem[w] if w in stem else self._base(w)[0] for w in words]

    def sentence(self, words: list[str]) -> list[list[str]]:
        n = len(words)
        get = self._features_of
        per = [get(w) for w in words]
        stems = self.stems(words)
        gaz = self._gazetteer_spans(stems)
        keep = self.keep
        topics = self.topics
        found = sorted({topics[s] for s in stems if s in topics}) if topics else ()
        out = []
        for i in range(n):
            f = ["bias"]
            if i >= 2:
                f += per[i - 2][0]
            if i >= 1:
                f += per[i - 1][1]
            else:
                f.append("-1edge")
            f += per[i][2]
            if i + 1 < n:
                f += per[i + 1][3]
                b = "b+=" + stems[i] + "|" + stems[i + 1]
                if keep is None or b in keep:
                    f.append(b)
            else:
                f.append("1edge")
            if i + 2 < n:
                f += per[i + 2][4]
            b = "b-=" + (stems[i - 1] if i else "<s>") + "|" + stems[i]
            if keep is None or b in keep:
                f.append(b)
            if gaz is not None and gaz[i]:
                f += gaz[i]
            for topic in found:
                top = self._top.get(words[i])
                if top is None:
                    self._base(words[i])
                    top = self._top[words[i]]
                for x in ("T=" + topic, "T=" + topic + "|" + top):
                    if keep is None or x in keep:
                        f.append(x)
            out.append(f)
        return out

    def _gazetteer_spans(self, stems: list[str]) -> list[list[str]] | None:
        """BIO flags of multi-word gazetteer matches (longest first, by stems)."""
        firsts = self._firsts
        if not any(s in firsts for s in stems):
            return None
        n = len(stems)
        out: list[list[str]] = [[] for _ in range(n)]
        for i in range(n):
            if stems[i] not in firsts:
                continue
            for L in range(min(MAX_GAZ_LEN, n - i), 1, -1):
                kinds = self.gazetteer.get(tuple(stems[i:i + L]))
                if kinds:
                    for kind in kinds:
                        out[i].append("G=B-" + kind)
                        for j in range(i + 1, i + L):
                            out[j].append("G=I-" + kind)
                    break
        return out


DOC_WINDOW = 10   # sentences on each side whose first-pass labels a token sees


def consistency_features(featurizer: Featurizer, sentences: list[list[str]],
                         first_pass: list[list[str]]) -> list[list[list[str]]]:
    """Second-pass features: how the first pass labelled the same word elsewhere nearby.

    For each token, the labels the first-pass tagger gave the other occurrences of its
    stem within DOC_WINDOW sentences (a news article repeats its names, and a name is
    often clearer at one place than at another). Frequent words are skipped."""
    stems = [featurizer.stems(s) for s in sentences]
    rank = featurizer.rank
    # per sentence: stem -> Counter of labels
    per_sent = []
    for st, tags in zip(stems, first_pass):
        d: dict[str, dict[str, int]] = {}
        for s, t in zip(st, tags):
            if rank.get(s, 10**6) < FREQUENT or not s[:1].isalpha():
                continue
            c = d.setdefault(s, {})
            c[t] = c.get(t, 0) + 1
        per_sent.append(d)
    out = []
    n = len(sentences)
    window: dict[str, dict[str, int]] = {}   # stem -> label counts over the window

    def add(j: int, sign: int) -> None:
        for stem, c in per_sent[j].items():
            w = window.setdefault(stem, {})
            for lab, k in c.items():
                w[lab] = w.get(lab, 0) + sign * k

    for j in range(min(n, DOC_WINDOW)):
        add(j, 1)
    for i, (st, tags) in enumerate(zip(stems, first_pass)):
        if i + DOC_WINDOW < n:
            add(i + DOC_WINDOW, 1)
        if i - DOC_WINDOW - 1 >= 0:
            add(i - DOC_WINDOW - 1, -1)
        here = per_sent[i]
        feats = []
        for s, t in zip(st, tags):
            if s not in here:
                feats.append([])
                continue
            f = []
            best = None
            for lab, k in window[s].items():
                if lab == t:
                    k -= 1   # not this token itself
                if k > 0:
                    f.append("D=" + (lab[2:] if lab != "O" else "O"))
                    if best is None or (k, lab) > best:
                        best = (k, lab)
            if best is not None:
                f.append("Dmax=" + best[1])
            feats.append(f)
        out.append(feats)
    # neighbours' document labels too
    for feats in out:
        own = [list(f) for f in feats]
        for k in range(len(feats)):
            if k > 0:
                feats[k].extend("-1" + x for x in own[k - 1] if x.startswith("Dmax"))
            if k + 1 < len(feats):
                feats[k].extend("+1" + x for x in own[k + 1] if x.startswith("Dmax"))
    return out
