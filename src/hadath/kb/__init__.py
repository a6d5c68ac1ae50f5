"""Actor knowledge base (placeholder until the base lands)."""
from __future__ import annotations


class MentionFinder:
    """Pipeline component: fills doc.mentions."""

    def __init__(self, ner: bool = True):
        self.ner = ner

    def __call__(self, doc) -> None:
        doc.mentions = []
