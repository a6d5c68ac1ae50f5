"""Training and evaluating the CRF tagger (used by `hadath ner train` / `hadath ner eval`)."""
from __future__ import annotations

import time
from pathlib import Path

from hadath.ner.corpus import TYPES, Sentence, anercorp_split, entities, find_corpora, read_aqmar
from hadath.ner.features import Featurizer

# Chosen on a development split carved from ANERcorp's train part (the last sixth); with
# the corpus label priors, c1 0.1 beat 0.05, 0.2 and 0.4 there (0.747 against 0.741 at 0.2).
PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 200, "feature.possible_transitions": True}


AQMAR_MODES = ("no-misc", "all", "none")


def training_data(data: Path, dev: bool = False, aqmar: str = "no-misc"
                  ) -> tuple[list[Sentence], list[Sentence]]:
    """(train, held-out) sentences: ANERcorp's standard split (+ AQMAR in train); with
    dev=True the held-out part is the last sixth of ANERcorp's train split instead.

    AQMAR (Wikipedia) labels MISC far more broadly than ANERcorp (science terms, events),
    so by default ("no-misc") its sentences holding a MISC entity are left out."""
    aner, aq = find_corpora(data)
    train, test = anercorp_split(aner)
    if dev:
        total = sum(len(s) for s in train)
        seen, cut = 0, len(train)
        for i, s in enumerate(train):
            if seen >= total * 5 / 6:
                cut = i
                break
            seen += len(s)
        train, test = train[:cut], train[cut:]
    if aqmar != "none" and aq is not None:
        extra = read_aqmar(aq)
        if aqmar == "no-misc":
            extra = [s for s in extra if not any(t.endswith("-MISC") for _, t in s)]
        train = train + extra
    return train, test


def train_crf(sentences: list[Sentence], out: Path, featurizer: Featurizer,
              params: dict | None = None, log=print) -> None:
    import pycrfsuite
    t0 = time.time()
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for s in sentences:
        words = [w for w, _ in s]
        trainer.append(featurizer.sentence(words), [t for _, t in s])
    trainer.set_params(dict(PARAMS, **(params or {})))
    log(f"features for {len(sentences)} sentences in {time.time() - t0:.0f}s; training")
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    log(f"trained in {time.time() - t0:.0f}s -> {out}")


def train_two_pass(sentences: list[Sentence], out: Path, featurizer: Featurizer,
                   params: dict | None = None, folds: int = 4, log=print) -> None:
    """Two-pass model: the first pass (out's `_first` sibling) on all sentences; the second
    on first-pass labels of the training data predicted by models that did not see them
    (`folds` contiguous parts, each tagged by a first pass trained on the others)."""
    import pycrfsuite
    from hadath.ner.features import consistency_features
    from hadath.ner.tagger import first_pass_path

    words = [[w for w, _ in s] for s in sentences]
    first: list[list[str]] = []
    size = (len(sentences) + folds - 1) // folds
    fold_params = dict(params or {}, max_iterations=min(100, (params or PARAMS).get(
        "max_iterations", PARAMS["max_iterations"])))
    for k in range(folds):
        a, b = k * size, min(len(sentences), (k + 1) * size)
        if a >= b:
            continue
        tmp = out.with_name(f"{out.stem}.fold{k}{out.suffix}")
        log(f"first pass, fold {k + 1}/{folds}")
        train_crf(sentences[:a] + sentences[b:], tmp, featurizer, fold_params, log=log)
        crf = pycrfsuite.Tagger()
        crf.open(str(tmp))
        first.extend(crf.tag(featurizer.sentence(w)) for w in words[a:b])
        crf.close()
        tmp.unlink()
    log("first pass, all data")
    train_crf(sentences, first_pass_path(out), featurizer, params, log=log)
    log("second pass")
    t0 = time.time()
    extra = consistency_features(featurizer, words, first)
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for s, w, x in zip(sentences, words, extra):
        trainer.append([a + b for a, b in zip(featurizer.sentence(w), x)], [t for _, t in s])
    trainer.set_params(dict(PARAMS, **(params or {})))
    trainer.train(str(out))
    log(f"second pass trained in {time.time() - t0:.0f}s -> {out}")


def score(gold: list[list[str]], pred: list[list[str]]) -> dict:
    """Entity-level micro P/R/F1 (exact span and type) and per-type figures."""
    counts = {t: [0, 0, 0] for t in TYPES}   # tp, predicted, gold
    for g, p in zip(gold, pred):
        ge, pe = entities(g), entities(p)
        for s in pe:
            if s[2] in counts:
                counts[s[2]][1] += 1
                if s in ge:
                    counts[s[2]][0] += 1
        for s in ge:
            if s[2] in counts:
                counts[s[2]][2] += 1

    def prf(tp, np_, ng):
        p = tp / np_ if np_ else 0.0
        r = tp / ng if ng else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    tp = sum(c[0] for c in counts.values())
    npred = sum(c[1] for c in counts.values())
    ngold = sum(c[2] for c in counts.values())
    p, r, f = prf(tp, npred, ngold)
    out = {"f1": round(f, 4), "precision": round(p, 4), "recall": round(r, 4),
           "entities": ngold, "types": {}}
    for t, c in counts.items():
        pp, rr = prf(*c)[:2]
        out["types"][t] = {"f1": round(prf(*c)[2], 4), "precision": round(pp, 4),
                           "recall": round(rr, 4), "support": c[2]}
    return out


def evaluate(tagger, sentences: list[Sentence]) -> dict:
    t0 = time.time()
    gold = [[t for _, t in s] for s in sentences]
    pred = tagger.tag_sentences([[w for w, _ in s] for s in sentences])
    res = score(gold, pred)
    n = sum(len(s) for s in sentences)
    res["tokens"] = n
    res["seconds"] = round(time.time() - t0, 2)
    return res
