"""Word vectors for the neural tagger, learnt from unlabelled news (a build-time step).

Skip-gram word2vec (gensim, the `ner-train` extra) over the stems that hadath's clitic
segmentation gives the words of a JSON Lines corpus (the ANT corpus): the tagger embeds
stems, so و+بوتين and بوتين share one vector. Only the vectors of the words the tagger
keeps end up in its model file; the corpus text is never shipped.
"""
from __future__ import annotations

from pathlib import Path

from hadath.ner.clusters import corpus_tokens
from hadath.text.tokens import segment

DIM = 100


def stem_of(norm: str, cache: dict[str, str]) -> str:
    s = cache.get(norm)
    if s is None:
        _pre, a, b, _suf = segment(norm)
        s = cache[norm] = norm[a:b] or norm
    return s


def train_embeddings(corpus: Path, out: Path, dim: int = DIM, min_count: int = 3,
                     vocab_size: int = 60_000, workers: int = 2, seed: int = 13,
                     limit: int | None = None, log=print) -> int:
    """Train and save `out` (.npz: words, vectors), most frequent first; returns the count."""
    import numpy as np
    from gensim.models import Word2Vec

    cache: dict[str, str] = {}
    sents = [[stem_of(w, cache) for w in toks] for toks in corpus_tokens(corpus, limit)]
    log(f"{sum(map(len, sents))} tokens in {len(sents)} paragraphs; word2vec")
    model = Word2Vec(sents, vector_size=dim, window=5, min_count=min_count, sg=1, negative=10,
                     sample=1e-4, epochs=5, workers=workers, seed=seed)
    words = model.wv.index_to_key[:vocab_size]   # gensim keeps them by frequency
    vecs = np.stack([model.wv[w] for w in words]).astype(np.float32)
    np.savez(out, words=np.array(words), vectors=vecs)
    return len(words)
