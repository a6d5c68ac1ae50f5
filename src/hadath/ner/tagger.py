"""The shipped tagger: a CRF (python-crfsuite) over hadath's features, loaded lazily once."""
from __future__ import annotations

import threading
from functools import lru_cache
from importlib import resources
from pathlib import Path

from hadath.errors import HadathError
from hadath.ner.features import Featurizer

MODEL_NAME = "ner.crfsuite"   # second pass (or the only one); the first is ner_first.crfsuite
CLUSTERS_NAME = "clusters.tsv"
PRIORS_NAME = "priors.tsv"


def _data_text(name: str) -> str | None:
    try:
        return resources.files("hadath.ner").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


@lru_cache(maxsize=1)
def load_clusters() -> dict[str, tuple[str, ...]]:
    from hadath.ner.clusters import read_clusters
    text = _data_text(CLUSTERS_NAME)
    return read_clusters(text) if text else {}


@lru_cache(maxsize=4)
def load_priors(path: str | None = None) -> dict[str, tuple[str, ...]]:
    """Corpus label priors (hadath.ner.priors): the shipped table, another file, or none ("none")."""
    from hadath.ner.priors import read_priors
    if path == "none":
        return {}
    text = _data_text(PRIORS_NAME) if path is None else Path(path).read_text(encoding="utf-8")
    return read_priors(text) if text else {}


def make_featurizer(with_kb: bool = True, priors: str | None = None) -> Featurizer:
    """The tagger's featurizer; `priors`: a priors file other than the shipped one, or "none"."""
    from hadath.ner.gazetteer import add_kb_names, shipped_gazetteer
    gaz = shipped_gazetteer()
    if with_kb:
        add_kb_names(gaz)
    return Featurizer(load_clusters(), gaz, priors=load_priors(priors))


def _open(path: Path | str):
    import pycrfsuite
    crf = pycrfsuite.Tagger()
    try:
        crf.open(str(path))
    except Exception as e:
        raise HadathError(f"cannot open NER model {path}: {e}") from None
    return crf


def first_pass_path(model_path: Path | str) -> Path:
    """Where a model's first pass lives: beside it, named <stem>_first.crfsuite."""
    p = Path(model_path)
    return p.with_name(p.stem + "_first" + p.suffix)


class Tagger:
    """BIO tags (B-PERS, I-ORG, O ...) for sentences' tokens.

    With a first-pass model beside the main one, tagging is two-pass: the second pass
    also sees how the first labelled the same words in nearby sentences of the document
    (features.consistency_features)."""

    def __init__(self, model_path: Path | str, featurizer: Featurizer):
        self.path = str(model_path)
        self.featurizer = featurizer
        self._crf = _open(self.path)
        first = first_pass_path(model_path)
        self._first = _open(first) if first.exists() else None
        attrs = {a for a, _ in self._crf.info().state_features}
        if self._first is not None:
            attrs |= {a for a, _ in self._first.info().state_features}
        featurizer.restrict(attrs)
        self._lock = threading.Lock()   # a crfsuite tagger is not thread-safe

    def model_files(self) -> list[str]:
        return [self.path] + ([str(first_pass_path(self.path))] if self._first else [])

    def tag_sentences(self, sentences: list[list[str]], recall: float | None = None
                      ) -> list[list[str]]:
        """Tags of a document's sentences (lists of words), in order.

        With `recall` (a probability), a word the best tag sequence leaves outside any
        entity is tagged as part of one when the model gives entities at least that
        probability there (for finding candidate actors, where a miss costs more)."""
        from hadath.ner.features import consistency_features
        feats = [self.featurizer.sentence(words) if words else [] for words in sentences]
        with self._lock:
            if self._first is not None:
                first = [self._first.tag(f) if f else [] for f in feats]
                extra = consistency_features(self.featurizer, sentences, first)
                feats = [[a + b for a, b in zip(f, x)] for f, x in zip(feats, extra)]
            if recall is None:
                return [self._crf.tag(f) if f else [] for f in feats]
            return [self._tag_for_recall(f, words, recall) if f else []
                    for f, words in zip(feats, sentences)]

    def _tag_for_recall(self, feats, words: list[str], threshold: float) -> list[str]:
        crf = self._crf
        crf.set(feats)
        tags = crf.tag()
        labels = [lab for lab in crf.labels() if lab != "O"]
        prev_kind = None
        for i, t in enumerate(tags):
            if t != "O" or not words[i][:1].isalpha():
                prev_kind = None
                continue
            mass: dict[str, float] = {}
            for lab in labels:
                mass[lab[2:]] = mass.get(lab[2:], 0.0) + crf.marginal(lab, i)
            kind, p = max(mass.items(), key=lambda kv: kv[1])
            if p >= threshold:
                tags[i] = ("I-" if prev_kind == kind else "B-") + kind
                prev_kind = kind
            else:
                prev_kind = None
        return tags

    def tag_words(self, words: list[str]) -> list[str]:
        return self.tag_sentences([words])[0]

    def tag_document(self, sentences, recall: float | None = None) -> list[list[str]]:
        """Tags of a document's sentences (lists of hadath.model.Token or strings)."""
        return self.tag_sentences([[t if isinstance(t, str) else t.text for t in s] for s in sentences],
                                  recall)

    def tag(self, tokens) -> list[str]:
        """Tags of one sentence's hadath.model.Token objects (or plain strings)."""
        return self.tag_document([tokens])[0]


def default_model_path() -> Path:
    return Path(str(resources.files("hadath.ner").joinpath("data", MODEL_NAME)))


_tagger: Tagger | None = None
_tagger_lock = threading.Lock()


def load_tagger(model: Path | str | None = None) -> Tagger:
    """The shipped tagger, loaded on first use and kept (or a given model file, not kept)."""
    global _tagger
    if model is not None:
        return Tagger(model, make_featurizer())
    if _tagger is None:
        with _tagger_lock:
            if _tagger is None:
                path = default_model_path()
                if not path.exists():
                    raise HadathError(f"NER model missing: {path} (run `hadath ner train`)")
                _tagger = Tagger(path, make_featurizer())
    return _tagger
