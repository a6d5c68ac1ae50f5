"""Statistical NER for actors outside the knowledge base.

A CRF tagger (PERS, LOC, ORG, MISC; trained on ANERcorp and AQMAR, see data/NOTICE.md)
finds names the base does not hold; `provisional_mentions` turns its person and
organisation spans into provisional actors, `candidates` ranks the unknown names of a
corpus for analysts to add to the base. The model loads on first use, once.
"""
from __future__ import annotations

from hadath.ner.actors import candidates, provisional_mentions
from hadath.ner.tagger import Tagger, load_tagger

__all__ = ["Tagger", "load_tagger", "provisional_mentions", "candidates"]
