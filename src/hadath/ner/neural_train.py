"""Training the neural tagger (torch, the `ner-train` extra; build time only).

The network is neural.NeuralModel's: word features -> BiLSTM -> CRF. It is trained with
Adam on the CRF's negative log-likelihood, then its weights are written to an .npz file
that neural.py reads with numpy alone.
"""
from __future__ import annotations

import random
import time
from collections import Counter
from pathlib import Path

import numpy as np

from hadath.ner.clusters import GRANULARITIES
from hadath.ner.corpus import Sentence
from hadath.ner.features import Featurizer
from hadath.ner.neural import GAZ_KINDS, PAD, SHAPES, UNK, Encoder, allowed_transitions

# Measured on the development split (the last sixth of ANERcorp's train part); see
# benchmarks/ner_neural.md.
HP = {"epochs": 15, "lr": 2e-3, "batch": 16, "hidden": 64, "char_dim": 24, "filters": 50,
      "width": 3, "dropout": 0.5, "word_dropout": 0.05, "seed": 7, "threads": 2}
# Embedding sizes of the id columns: stem (word2vec), prefixes, suffix, shape, clusters
# (coarse to fine), frequency bucket, article.
DIMS = (None, 8, 8, 4, 8, 16, 16, 4, 2)


def build_vocabularies(sentences: list[Sentence], emb_words: list[str], min_count: int = 2
                       ) -> tuple[list[str], list[str], list[str], list[str]]:
    """(stems, prefix combinations, suffixes, characters), each without PAD/UNK: the stems
    are the embedded words and the training data's stems seen `min_count` times."""
    from hadath.ner.embeddings import stem_of
    from hadath.text.normalize import normalize
    from hadath.text.tokens import segment
    stems, pres, sufs, chars = Counter(), Counter(), Counter(), Counter()
    cache: dict[str, str] = {}
    for s in sentences:
        for w, _ in s:
            n = normalize(w) or w
            pre, _a, _b, suf = segment(n)
            stem = stem_of(n, cache)
            stems[stem] += 1
            pres["+".join(pre)] += 1
            sufs[suf] += 1
            chars.update(stem)
    known = set(emb_words)
    vocab = list(emb_words) + sorted(w for w, c in stems.items() if c >= min_count and w not in known)
    for w in emb_words[:20000]:
        chars.update(w)
    return (vocab, sorted(pres), sorted(sufs), sorted(c for c, k in chars.items() if k >= 2))


def make_net(sizes: dict, labels: list[str], hp: dict, emb_init: np.ndarray):
    import torch
    from torch import nn

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            tables = [sizes["vocab"], sizes["prefixes"], sizes["suffixes"], len(SHAPES),
                      GRANULARITIES[0] + 1, GRANULARITIES[1] + 1, GRANULARITIES[2] + 1, 5, 3]
            dims = [emb_init.shape[1], *DIMS[1:]]
            self.embs = nn.ModuleList(nn.Embedding(n, d, padding_idx=0) for n, d in zip(tables, dims))
            with torch.no_grad():
                self.embs[0].weight[2:2 + len(emb_init)] = torch.from_numpy(emb_init)
            self.char_emb = nn.Embedding(sizes["chars"], hp["char_dim"], padding_idx=0)
            self.conv = nn.Conv1d(hp["char_dim"], hp["filters"], hp["width"], padding=(hp["width"] - 1) // 2)
            dim = sum(dims) + 3 * len(GAZ_KINDS) + hp["filters"]
            self.drop = nn.Dropout(hp["dropout"])
            self.lstm = nn.LSTM(dim, hp["hidden"], batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * hp["hidden"], len(labels))
            T = len(labels)
            self.trans = nn.Parameter(torch.zeros(T, T))
            self.start = nn.Parameter(torch.zeros(T))
            self.end = nn.Parameter(torch.zeros(T))
            ok, ok_start = allowed_transitions(labels)
            self.register_buffer("ban", torch.from_numpy(np.where(ok, 0.0, -1e4).astype(np.float32)))
            self.register_buffer("ban_start", torch.from_numpy(np.where(ok_start, 0.0, -1e4).astype(np.float32)))

        def emissions(self, ids, chars, char_len, multi, lengths):
            B, L, _ = ids.shape
            parts = [emb(ids[:, :, j]) for j, emb in enumerate(self.embs)]
            gaz = ((ids[:, :, 9:10] >> torch.arange(len(GAZ_KINDS))) & 1).float()
            c = self.char_emb(chars.view(B * L, -1)).transpose(1, 2)   # [BL, dim, chars]
            c = self.conv(c)
            valid = torch.arange(c.shape[2])[None, :] < char_len.view(-1, 1).clamp(min=1)
            c = torch.tanh(c.masked_fill(~valid[:, None, :], -1e4).max(2).values).view(B, L, -1)
            x = self.drop(torch.cat(parts + [gaz, multi, c], dim=2))
            packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=L)
            return self.out(self.drop(h))

        def nll(self, em, tags, mask, lengths):
            trans = self.trans + self.ban
            start = self.start + self.ban_start
            B, L, T = em.shape
            ar = torch.arange(B)
            gold = start[tags[:, 0]] + em[ar, 0, tags[:, 0]]
            alpha = start + em[:, 0]
            for t in range(1, L):
                m = mask[:, t]
                gold = gold + (trans[tags[:, t - 1], tags[:, t]] + em[ar, t, tags[:, t]]) * m
                nxt = torch.logsumexp(alpha[:, :, None] + trans[None] + em[:, t, None, :], dim=1)
                alpha = torch.where(m[:, None] > 0, nxt, alpha)
            gold = gold + self.end[tags[ar, lengths - 1]]
            return (torch.logsumexp(alpha + self.end, 1) - gold).sum()

    return Net()


def _batch(items, torch, word_dropout: float = 0.0, gen: np.random.Generator | None = None):
    """Pad encoded sentences (ids, chars, multi, tags) into tensors; with `word_dropout`,
    that share of the stems becomes unknown (the model learns to do without the word)."""
    lengths = [len(x[0]) for x in items]
    B, L = len(items), max(lengths)
    C = max(max((len(c) for c in x[1]), default=1) for x in items) or 1
    ids = np.zeros((B, L, Encoder.N_IDS), dtype=np.int64)
    chars = np.zeros((B, L, C), dtype=np.int64)
    char_len = np.zeros((B, L), dtype=np.int64)
    multi = np.zeros((B, L, items[0][2].shape[1]), dtype=np.float32)
    tags = np.zeros((B, L), dtype=np.int64)
    mask = np.zeros((B, L), dtype=np.float32)
    for b, (i, ch, mu, tg) in enumerate(items):
        n = len(i)
        ids[b, :n] = i
        multi[b, :n] = mu
        tags[b, :n] = tg
        mask[b, :n] = 1
        for t, c in enumerate(ch):
            chars[b, t, :len(c)] = c
            char_len[b, t] = len(c)
    if word_dropout and gen is not None:
        drop = gen.random((B, L)) < word_dropout
        ids[:, :, 0] = np.where(drop & (ids[:, :, 0] != PAD), UNK, ids[:, :, 0])
    t = torch.from_numpy
    return t(ids), t(chars), t(char_len), t(multi), torch.tensor(lengths), t(tags), t(mask)


def export(net, path: Path, labels: list[str], vocab, prefixes, suffixes, chars) -> None:
    """Weights for neural.NeuralModel (float16 for the big stem table, float32 elsewhere)."""
    sd = {k: v.detach().cpu().numpy() for k, v in net.state_dict().items()}
    out = {"labels": np.array(labels), "vocab": np.array(vocab), "prefixes": np.array(prefixes),
           "suffixes": np.array(suffixes), "chars": np.array(chars)}
    for j in range(len(DIMS)):
        w = sd[f"embs.{j}.weight"]
        out[f"w.emb{j}"] = w.astype(np.float16) if j == 0 else w
    out["w.char_emb"] = sd["char_emb.weight"]
    for k in ("conv.weight", "conv.bias", "out.weight", "out.bias"):
        out["w." + k] = sd[k]
    for k, v in sd.items():
        if k.startswith("lstm."):
            out["w." + k] = v
    for k in ("trans", "start", "end"):
        out["w.crf." + k] = sd[k]
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        np.savez_compressed(f, **out)


def train_neural(sentences: list[Sentence], out: Path, featurizer: Featurizer, embeddings: Path,
                 dev: list[Sentence] | None = None, hp: dict | None = None, log=print) -> dict:
    """Train, write `out` (.npz) and return {"epochs": n, "dev": best dev score or None}.

    With `dev` sentences, the weights of the epoch with the best dev F1 are kept."""
    import torch
    from hadath.ner.corpus import TYPES
    from hadath.ner.neural import NeuralModel
    from hadath.ner.train import score

    hp = dict(HP, **(hp or {}))
    torch.set_num_threads(hp["threads"])   # 2 cores here; 1 when another job holds one
    torch.manual_seed(hp["seed"])
    rng = random.Random(hp["seed"])
    gen = np.random.default_rng(hp["seed"])
    t0 = time.time()
    z = np.load(embeddings)
    emb_words = [str(w) for w in z["words"]]
    vocab, prefixes, suffixes, chars = build_vocabularies(sentences, emb_words)
    labels = ["O"] + [f"{p}-{t}" for t in TYPES for p in "BI"]
    maps = [{w: i + 2 for i, w in enumerate(v)} for v in (vocab, prefixes, suffixes, chars)]
    enc = Encoder(*maps, featurizer=featurizer)
    lab = {x: i for i, x in enumerate(labels)}
    data = []
    for s in sentences:
        ids, ch, mu = enc.sentence([w for w, _ in s])
        data.append((ids, ch, mu, [lab[t] for _, t in s]))
    dev_words = [[w for w, _ in s] for s in dev] if dev is not None else None
    emb_init = z["vectors"] / (np.linalg.norm(z["vectors"], axis=1, keepdims=True) + 1e-8)
    sizes = {"vocab": len(vocab) + 2, "prefixes": len(prefixes) + 2, "suffixes": len(suffixes) + 2,
             "chars": len(chars) + 2}
    net = make_net(sizes, labels, hp, emb_init.astype(np.float32))
    opt = torch.optim.Adam(net.parameters(), lr=hp["lr"])
    log(f"{len(data)} sentences, vocabulary {len(vocab)}; {time.time() - t0:.0f}s to prepare")
    best, best_epoch, history = -1.0, 0, []
    tmp = out.with_name(out.stem + ".epoch.npz")
    for epoch in range(1, hp["epochs"] + 1):
        net.train()
        # Batches of similar lengths (less padding), in random order.
        order = sorted(range(len(data)), key=lambda i: (len(data[i][0]), rng.random()))
        batches = [order[i:i + hp["batch"]] for i in range(0, len(order), hp["batch"])]
        rng.shuffle(batches)
        total = 0.0
        for b in batches:
            ids, ch, cl, mu, lengths, tags, mask = _batch([data[i] for i in b], torch, hp["word_dropout"], gen)
            em = net.emissions(ids, ch, cl, mu, lengths)
            loss = net.nll(em, tags, mask, lengths) / len(b)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += loss.item() * len(b)
        msg = f"epoch {epoch}: loss {total / len(data):.3f} ({time.time() - t0:.0f}s)"
        net.eval()
        if dev is not None:
            export(net, tmp, labels, vocab, prefixes, suffixes, chars)
            model = NeuralModel(str(tmp), featurizer)
            res = score([[t for _, t in s] for s in dev], model.tag_sentences(dev_words))
            history.append(res["f1"])
            msg += f" dev F1 {res['f1']:.4f} " + " ".join(f"{k} {v['f1']:.3f}" for k, v in res["types"].items())
            if res["f1"] > best:
                best, best_epoch = res["f1"], epoch
                tmp.replace(out)
        log(msg)
    if dev is None:
        export(net, out, labels, vocab, prefixes, suffixes, chars)
        best_epoch = hp["epochs"]
    tmp.unlink(missing_ok=True)
    log(f"trained in {time.time() - t0:.0f}s -> {out}")
    return {"epochs": best_epoch, "dev": best if dev is not None else None, "history": history}
