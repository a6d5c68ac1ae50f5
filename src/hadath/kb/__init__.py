"""Actor knowledge base: data files, matcher and coreference -> doc.mentions.

`load_kb()` gives the compiled base (cached); `MentionFinder` is the pipeline component;
`romanize()` turns an Arabic name into a readable English one.
"""
from __future__ import annotations

from hadath.kb.base import KnowledgeBase, load_kb
from hadath.kb.finder import MentionFinder
from hadath.kb.romanize import romanize

__all__ = ["KnowledgeBase", "MentionFinder", "load_kb", "romanize"]
