"""The pipeline: an ordered list of components, each a callable `(doc) -> None`."""
from __future__ import annotations

from typing import Callable

from hadath.model import Document, Sentence
from hadath.text import split_sentences, tokenize

Component = Callable[[Document], None]


def segment_text(doc: Document) -> None:
    """Sentences and tokens."""
    doc.sentences = [Sentence(i, s, e, tokenize(doc.text, s, e))
                     for i, (s, e) in enumerate(split_sentences(doc.text))]


class Pipeline:
    def __init__(self, components: list[tuple[str, Component]]):
        self.components = components

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.components]

    def __call__(self, doc: Document) -> Document:
        for _, component in self.components:
            component(doc)
        return doc


def load_pipeline(ner: bool = True) -> Pipeline:
    """The standard pipeline. Heavy resources (knowledge base, NER model) load once, here."""
    from hadath.extract.attribution import attribute
    from hadath.extract.events import EventFinder
    from hadath.extract.framing import mark_framing
    from hadath.kb import MentionFinder

    components: list[tuple[str, Component]] = [("text", segment_text),
                                               ("mentions", MentionFinder(ner=ner)),
                                               ("framing", mark_framing),
                                               ("attribution", attribute),
                                               ("events", EventFinder())]
    nlp = Pipeline(components)
    # One short document loads every lazy resource now, so that the first real document is
    # not charged for it (per-document time limits, timings, forked workers sharing it).
    nlp(Document(id="warm-up", text=WARM_UP, published="2019-07-01"))
    return nlp


WARM_UP = "وقال مصدر عسكري لوكالة رويترز إن الجيش المصري قصف مواقع المسلحين في سيناء أمس."
