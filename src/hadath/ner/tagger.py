"""The shipped tagger: a CRF (python-crfsuite) over hadath's features, loaded lazily once."""
from __future__ import annotations

import threading
from functools import lru_cache
from importlib import resources
from pathlib import Path

from hadath.errors import HadathError
from hadath.ner.features import Featurizer

MODEL_NAME = "ner.crfsuite"
CLUSTERS_NAME = "clusters.tsv"


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


def make_featurizer(with_kb: bool = True) -> Featurizer:
    from hadath.ner.gazetteer import add_kb_names, shipped_gazetteer
    gaz = shipped_gazetteer()
    if with_kb:
        add_kb_names(gaz)
    return Featurizer(load_clusters(), gaz)


class Tagger:
    """BIO tags (B-PERS, I-ORG, O ...) for a sentence's tokens."""

    def __init__(self, model_path: Path | str, featurizer: Featurizer):
        import pycrfsuite
        self.path = str(model_path)
        self.featurizer = featurizer
        self._crf = pycrfsuite.Tagger()
        try:
            self._crf.open(self.path)
        except Exception as e:
            raise HadathError(f"cannot open NER model {self.path}: {e}") from None
        self._lock = threading.Lock()   # a crfsuite tagger is not thread-safe

    def tag_words(self, words: list[str]) -> list[str]:
        if not words:
            return []
        feats = self.featurizer.sentence(words)
        with self._lock:
            return self._crf.tag(feats)

    def tag(self, tokens) -> list[str]:
        """Tags of hadath.model.Token objects (or plain strings)."""
        return self.tag_words([t if isinstance(t, str) else t.text for t in tokens])


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
