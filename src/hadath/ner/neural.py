"""The neural tagger at run time: a BiLSTM-CRF in numpy, from an .npz weights file.

Each word becomes a vector from what hadath's text layer and data know about it: the
embedding of its normalised stem (clitics peeled by hadath.text.segment; initialised from
word2vec on the ANT corpus), embeddings of its proclitics and enclitic, shape, word
clusters, corpus frequency, whether the stem is also seen with the article, gazetteer
flags (single words and multi-word names), and a character CNN over the stem. A
bidirectional LSTM reads the sentence and a CRF picks the best BIO tag sequence.

Training is in neural_train.py (torch, a build-time extra); this module needs only numpy.
All the sentences of a document go through the LSTM together, sorted by length and batched,
so that numpy's per-call cost is shared by many tokens.
"""
from __future__ import annotations

import numpy as np

from hadath.ner.features import FREQUENT, Featurizer, _shape
from hadath.text.normalize import normalize
from hadath.text.tokens import segment

GAZ_KINDS = ("given", "surname", "city", "country")
SHAPES = ("pad", "digit", "ar", "latin-cap", "latin-low", "num", "punct")
MAX_CHARS = 16          # of a stem, for the character CNN
CACHE_WORDS = 100_000   # word types whose encoding is kept
BATCH = 64              # sentences per LSTM batch
PAD, UNK = 0, 1         # ids in every vocabulary


class Encoder:
    """Word types -> integer features (the same code for training and tagging).

    A word's `ids` row: stem, prefixes, suffix, shape, three cluster ids, frequency
    bucket, article, gazetteer bits; `chars`: the stem's character ids."""
    N_IDS = 10

    def __init__(self, vocab: dict[str, int], prefixes: dict[str, int], suffixes: dict[str, int],
                 chars: dict[str, int], featurizer: Featurizer):
        self.vocab, self.prefixes, self.suffixes, self.chars = vocab, prefixes, suffixes, chars
        self.fz = featurizer
        self._cache: dict[str, tuple[tuple[int, ...], tuple[int, ...], str]] = {}

    def word(self, word: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        fz = self.fz
        n = normalize(word) or word
        pre, s, e, suf = segment(n)
        stem = n[s:e] or n
        shape = _shape(n)
        if shape == "latin":
            shape = "latin-cap" if word[:1].isupper() else "latin-low"
        cl = fz.clusters.get(n) or fz.clusters.get(stem) or ()
        cids = [int(c) + 1 for c in cl[:3]] + [0] * (3 - len(cl[:3]))
        rank = fz.rank.get(n)
        fr = 0 if rank is None else min(len(str(rank)), 4)
        art = 0 if shape != "ar" or len(stem) < 2 else (1 if "ال" + stem in fz.rank else 2)
        gaz = 0
        if fz.rank.get(stem, 10**6) >= FREQUENT:
            kinds = fz.gazetteer.get((stem,), ())
            for j, k in enumerate(GAZ_KINDS):
                if k in kinds:
                    gaz |= 1 << j
        ids = (self.vocab.get(stem, UNK), self.prefixes.get("+".join(pre), UNK),
               self.suffixes.get(suf, UNK), SHAPES.index(shape), *cids, fr, art, gaz)
        chars = tuple(self.chars.get(c, UNK) for c in stem[:MAX_CHARS])
        out = (ids, chars, stem)
        if len(self._cache) >= CACHE_WORDS:   # bounded memory on a large corpus
            self._cache.clear()
        self._cache[word] = out
        return out

    def sentence(self, words: list[str]) -> tuple[np.ndarray, list[tuple[int, ...]], np.ndarray]:
        """(ids [n, N_IDS], char ids per word, multi-word gazetteer bits [n, 2*kinds])."""
        rows = [self.word(w) for w in words]
        ids = np.array([r[0] for r in rows], dtype=np.int64).reshape(len(words), self.N_IDS)
        multi = np.zeros((len(words), 2 * len(GAZ_KINDS)), dtype=np.float32)
        spans = self.fz._gazetteer_spans([r[2] for r in rows])
        if spans is not None:
            for i, flags in enumerate(spans):
                for f in flags:   # "G=B-given"
                    kind = f[4:]
                    if kind in GAZ_KINDS:
                        multi[i, 2 * GAZ_KINDS.index(kind) + (f[2] == "I")] = 1.0
        return ids, [r[1] for r in rows], multi


def gaz_bits(codes: np.ndarray) -> np.ndarray:
    """Integer gazetteer codes -> 0/1 columns, one per GAZ_KINDS."""
    return ((codes[..., None] >> np.arange(len(GAZ_KINDS))) & 1).astype(np.float32)


def allowed_transitions(labels: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """BIO validity: (from x to) matrix and start vector, True where allowed."""
    n = len(labels)
    trans = np.ones((n, n), dtype=bool)
    start = np.ones(n, dtype=bool)
    for j, b in enumerate(labels):
        if b.startswith("I-"):
            start[j] = False
            for i, a in enumerate(labels):
                trans[i, j] = a[2:] == b[2:] and a != "O"
    return trans, start


def _sigmoid(x):
    return 0.5 * (np.tanh(0.5 * x) + 1.0)   # no overflow warnings


class NeuralModel:
    """Weights of the BiLSTM-CRF (names as in neural_train.Net's state dict)."""

    def __init__(self, path: str, featurizer: Featurizer):
        z = np.load(path, allow_pickle=False)
        self.labels = [str(x) for x in z["labels"]]
        vocab = {str(w): i + 2 for i, w in enumerate(z["vocab"])}
        maps = [{str(w): i + 2 for i, w in enumerate(z[k])} for k in ("prefixes", "suffixes", "chars")]
        self.encoder = Encoder(vocab, *maps, featurizer=featurizer)
        w = {k[2:]: z[k].astype(np.float32) for k in z.files if k.startswith("w.")}
        self.emb = [w[f"emb{j}"] for j in range(9)]
        self._chars: dict[tuple[int, ...], np.ndarray] = {}   # character CNN output of a stem   # one table per id column but gaz
        self.char_emb, self.conv_w, self.conv_b = w["char_emb"], w["conv.weight"], w["conv.bias"]
        # Both directions run as one batch: [2, ...] weights. Gates are reordered from
        # torch's (i, f, g, o) to (i, f, o, g), and the sigmoid gates' rows halved, so that
        # one tanh serves all four (sigmoid(x) = (tanh(x / 2) + 1) / 2).
        H = w["lstm.weight_hh_l0"].shape[1]
        order = np.r_[0:2 * H, 3 * H:4 * H, 2 * H:3 * H]
        scale = np.r_[np.full(3 * H, 0.5), np.ones(H)].astype(np.float32)
        wi, wh, b = [], [], []
        for sfx in ("", "_reverse"):
            wi.append(w["lstm.weight_ih_l0" + sfx][order].T * scale)
            wh.append(w["lstm.weight_hh_l0" + sfx][order].T * scale)
            b.append((w["lstm.bias_ih_l0" + sfx] + w["lstm.bias_hh_l0" + sfx])[order] * scale)
        self.wi = np.ascontiguousarray(np.stack(wi))             # [2, dim, 4H]
        self.wh = np.ascontiguousarray(np.stack(wh))             # [2, H, 4H]
        self.b = np.stack(b)[:, None, None, :]                   # [2, 1, 1, 4H]
        self.hidden = H
        self.out_w, self.out_b = w["out.weight"].T.copy(), w["out.bias"]
        ok, ok_start = allowed_transitions(self.labels)
        self.trans = np.where(ok, w["crf.trans"], -1e4).astype(np.float32)
        self.start = np.where(ok_start, w["crf.start"], -1e4).astype(np.float32)
        self.end = w["crf.end"]

    # -- word vectors ------------------------------------------------------------------
    def _char_vectors(self, char_rows: list[tuple[int, ...]]) -> np.ndarray:
        """Character CNN (width k, max-pooled over the stem) for each word."""
        k = self.conv_w.shape[2]
        width = max(max(map(len, char_rows)), 1) + k - 1
        ids = np.zeros((len(char_rows), width), dtype=np.int64)
        for i, r in enumerate(char_rows):
            ids[i, (k - 1) // 2:(k - 1) // 2 + len(r)] = r
        x = self.char_emb[ids]                                   # [n, width, c]
        # conv_w [filters, c, k]: sum over the window offsets
        out = sum(x[:, j:width - k + 1 + j] @ self.conv_w[:, :, j].T for j in range(k))
        out = out + self.conv_b
        lengths = np.array([max(len(r), 1) for r in char_rows])
        valid = np.arange(out.shape[1])[None, :] < lengths[:, None]
        out = np.where(valid[:, :, None], out, -np.inf).max(1)
        return np.tanh(out)

    def word_vectors(self, ids: np.ndarray, chars: list[tuple[int, ...]], multi: np.ndarray) -> np.ndarray:
        cache = self._chars
        new = list({c for c in chars if c not in cache})
        if new:
            if len(cache) + len(new) > CACHE_WORDS:   # bounded memory on a large corpus
                cache.clear()
            cache.update(zip(new, self._char_vectors(new)))
        parts = [self.emb[j][ids[:, j]] for j in range(9)]
        parts += [gaz_bits(ids[:, 9]), multi, np.stack([cache[c] for c in chars])]
        return np.concatenate(parts, axis=1)

    # -- the network -------------------------------------------------------------------
    def _bilstm(self, x: np.ndarray) -> np.ndarray:
        """Both directions over [2, batch, steps, dim] (the second reversed), padded at the end."""
        _, B, L, _ = x.shape
        H = self.hidden
        # one large matrix product per direction (broadcast matmul would make B small ones)
        gx = np.stack([x[d].reshape(B * L, -1) @ self.wi[d] for d in (0, 1)]).reshape(2, B, L, 4 * H)
        gx += self.b
        h = np.zeros((2, B, H), dtype=np.float32)
        c = np.zeros((2, B, H), dtype=np.float32)
        out = np.empty((2, B, L, H), dtype=np.float32)
        for t in range(L):
            g = np.tanh(gx[:, :, t] + h @ self.wh)
            ifo = g[:, :, :3 * H] * 0.5 + 0.5
            c = ifo[:, :, H:2 * H] * c + ifo[:, :, :H] * g[:, :, 3 * H:]
            h = ifo[:, :, 2 * H:] * np.tanh(c)
            out[:, :, t] = h
        return out

    def emissions(self, vecs: list[np.ndarray]):
        """Batches of (sentence indexes, lengths, label scores [batch, steps, labels]):
        the sentences (word vectors [n, dim]) sorted by length and padded at the end."""
        order = sorted(range(len(vecs)), key=lambda i: len(vecs[i]))
        for s in range(0, len(order), BATCH):
            part = order[s:s + BATCH]
            lens = np.array([len(vecs[i]) for i in part])
            L, D = int(lens.max()), vecs[part[0]].shape[1]
            x = np.zeros((2, len(part), L, D), dtype=np.float32)
            for r, i in enumerate(part):
                x[0, r, :lens[r]] = vecs[i]
                x[1, r, :lens[r]] = vecs[i][::-1]
            h = self._bilstm(x)
            hb = h[1]
            for r, n in enumerate(lens):   # the backward states back in reading order
                hb[r, :n] = hb[r, :n][::-1].copy()
            yield part, lens, np.concatenate([h[0], hb], axis=2) @ self.out_w + self.out_b

    def viterbi(self, em: np.ndarray, lens: np.ndarray) -> np.ndarray:
        """Best label ids [batch, steps] (beyond a sentence's end: its last label)."""
        B, L, T = em.shape
        score = self.start + em[:, 0]
        back = np.empty((B, L, T), dtype=np.int64)
        back[:, 0] = np.arange(T)
        for t in range(1, L):
            cand = score[:, :, None] + self.trans                # [batch, from, to]
            back[:, t] = cand.argmax(1)
            new = cand.max(1) + em[:, t]
            live = (t < lens)[:, None]
            score = np.where(live, new, score)
            back[:, t] = np.where(live, back[:, t], np.arange(T))
        path = np.empty((B, L), dtype=np.int64)
        path[:, L - 1] = (score + self.end).argmax(1)
        rows = np.arange(B)
        for t in range(L - 1, 0, -1):
            path[:, t - 1] = back[rows, t, path[:, t]]
        return path

    def marginals(self, em: np.ndarray, lens: np.ndarray) -> np.ndarray:
        """Label probabilities [batch, steps, labels] by forward-backward, in probability
        space with each step rescaled (one matrix product a step instead of log-sum-exps)."""
        B, L, T = em.shape
        pe = np.exp(em - em.max(2, keepdims=True))               # a constant a token cancels out
        et = np.exp(self.trans - self.trans.max())
        alpha = np.empty((B, L, T), dtype=np.float32)
        a = np.exp(self.start - self.start.max()) * pe[:, 0]
        alpha[:, 0] = a / a.sum(1, keepdims=True)
        for t in range(1, L):
            a = (alpha[:, t - 1] @ et) * pe[:, t]
            alpha[:, t] = a / a.sum(1, keepdims=True)
        beta = np.empty_like(alpha)
        end = np.exp(self.end - self.end.max())
        beta[:, L - 1] = end
        for t in range(L - 2, -1, -1):
            b = (pe[:, t + 1] * beta[:, t + 1]) @ et.T
            b = np.where((t >= lens - 1)[:, None], end, b)
            beta[:, t] = b / b.sum(1, keepdims=True)
        p = alpha * beta
        return p / p.sum(2, keepdims=True)

    def tag_sentences(self, sentences: list[list[str]], recall: float | None = None
                      ) -> list[list[str]]:
        """BIO tags of a document's sentences (lists of words); `recall` as in tagger.Tagger."""
        todo = [i for i, s in enumerate(sentences) if s]
        vecs = [self.word_vectors(*self.encoder.sentence(sentences[i])) for i in todo]
        out: list[list[str]] = [[] for _ in sentences]
        labels = self.labels
        for part, lens, em in self.emissions(vecs):
            path = self.viterbi(em, lens)
            probs = self.marginals(em, lens) if recall is not None else None
            for r, i in enumerate(part):
                n = int(lens[r])
                tags = [labels[j] for j in path[r, :n]]
                if probs is not None:
                    tags = self._for_recall(tags, probs[r, :n], sentences[todo[i]], recall)
                out[todo[i]] = tags
        return out

    def _for_recall(self, tags: list[str], probs: np.ndarray, words: list[str], threshold: float
                    ) -> list[str]:
        """A word left outside any entity joins one when the entity's probability mass there
        reaches `threshold` (for finding candidate actors, where a miss costs more)."""
        kinds = sorted({lab[2:] for lab in self.labels if lab != "O"})
        cols = [[j for j, lab in enumerate(self.labels) if lab[2:] == k] for k in kinds]
        mass = np.stack([probs[:, c].sum(1) for c in cols], axis=1)
        prev = None
        for i, t in enumerate(tags):
            if t != "O" or not words[i][:1].isalpha():
                prev = None
                continue
            k = int(mass[i].argmax())
            if mass[i, k] >= threshold:
                tags[i] = ("I-" if prev == kinds[k] else "B-") + kinds[k]
                prev = kinds[k]
            else:
                prev = None
        return tags


def load_model(path: str, featurizer: Featurizer) -> NeuralModel:
    from hadath.errors import HadathError
    try:
        return NeuralModel(path, featurizer)
    except (OSError, KeyError, ValueError) as e:
        raise HadathError(f"cannot open NER model {path}: {e}") from None
