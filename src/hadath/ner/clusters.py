"""Word clusters from unlabelled Arabic news, used as tagger features.

Built once (`hadath ner clusters`) from a JSON Lines corpus of articles: each frequent
normalised word gets a vector from its immediate left and right neighbours (positive
PMI, reduced by a randomised SVD), and k-means over those vectors at several
granularities gives each word a few cluster ids. Only the word -> cluster ids table is
kept (data/clusters.tsv); the text it came from is not.
"""
from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

from hadath.text.normalize import normalize
from hadath.text.tokens import _TOKEN

GRANULARITIES = (64, 320, 1600)


def corpus_tokens(path: Path, limit: int | None = None):
    """Normalised tokens of each article text (and title) of a JSON Lines(.gz) corpus."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if limit is not None and n >= limit:
                break
            rec = json.loads(line)
            for part in (rec.get("title") or "", rec.get("text") or ""):
                for para in part.split("\n"):
                    toks = _TOKEN.findall(normalize(para))
                    if toks:
                        yield toks


def build_clusters(path: Path, vocab_size: int = 80_000, contexts: int = 3000, dim: int = 120,
                   min_count: int = 3, seed: int = 13, limit: int | None = None,
                   log=print) -> dict[str, tuple[int, ...]]:
    import numpy as np

    rng = np.random.default_rng(seed)
    log("counting words")
    counts: Counter[str] = Counter()
    paras = []
    for toks in corpus_tokens(path, limit):
        counts.update(toks)
        paras.append(toks)
    vocab = [w for w, c in counts.most_common(vocab_size) if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    V, C = len(vocab), min(contexts, len(vocab))
    log(f"{sum(counts.values())} tokens, {V} words, {C} context words")
    # Context ids: C frequent words, plus one slot for 'other' and one for the boundary.
    other, edge = C, C + 1
    width = C + 2
    ids_all = []
    for toks in paras:
        ids_all.append(-1)
        ids_all.extend(index.get(w, -2) for w in toks)
    ids_all.append(-1)
    ids = np.array(ids_all, dtype=np.int64)
    ctx = np.where(ids == -1, edge, np.where((ids < 0) | (ids >= C), other, ids))
    word = ids[1:-1]
    left, right = ctx[:-2], ctx[2:]
    keep = word >= 0
    w, l, r = word[keep], left[keep], right[keep]
    log("co-occurrence counts")
    m = np.zeros((V, 2 * width), dtype=np.float32)
    flat = m.reshape(-1)
    for keys in (w * (2 * width) + l, w * (2 * width) + width + r):
        u, c = np.unique(keys, return_counts=True)
        flat[u] += c
    log("PPMI")
    total = m.sum()
    row = m.sum(1, keepdims=True)
    col = m.sum(0, keepdims=True) ** 0.75   # context smoothing
    col = col / col.sum() * total
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(m * total / (row * col))
    m = np.nan_to_num(np.maximum(pmi, 0), posinf=0).astype(np.float32)
    del pmi
    log("randomised SVD")
    q = m @ rng.standard_normal((m.shape[1], dim + 20)).astype(np.float32)
    for _ in range(2):
        q, _r = np.linalg.qr(q)
        q = m @ (m.T @ q)
    q, _r = np.linalg.qr(q)
    b = q.T @ m
    ub, s, _vt = np.linalg.svd(b, full_matrices=False)
    vec = (q @ ub[:, :dim]) * np.sqrt(s[:dim])
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-8
    out = np.zeros((V, len(GRANULARITIES)), dtype=np.int32)
    for j, k in enumerate(GRANULARITIES):
        log(f"k-means k={k}")
        out[:, j] = _kmeans(vec, k, rng, np)
    return {wd: tuple(int(x) for x in out[i]) for i, wd in enumerate(vocab)}


def _kmeans(x, k: int, rng, np, iters: int = 15):
    """Spherical k-means (cosine), initialised on frequent words spread by sampling."""
    centres = x[rng.choice(min(len(x), 20 * k), k, replace=False)].copy()
    for _ in range(iters):
        assign = np.empty(len(x), dtype=np.int32)
        for s in range(0, len(x), 8192):
            assign[s:s + 8192] = (x[s:s + 8192] @ centres.T).argmax(1)
        for c in range(k):
            members = x[assign == c]
            if len(members):
                v = members.sum(0)
                centres[c] = v / (np.linalg.norm(v) + 1e-8)
    return assign


def write_clusters(table: dict[str, tuple[int, ...]], path: Path, source: str) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# word clusters ({'/'.join(map(str, GRANULARITIES))}) derived from {source};"
                " see NOTICE.md\n")
        for w, ids in table.items():
            f.write(w + "\t" + " ".join(map(str, ids)) + "\n")


def read_clusters(text: str) -> dict[str, tuple[str, ...]]:
    out = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        w, ids = line.split("\t", 1)
        out[w] = tuple(ids.split())
    return out
