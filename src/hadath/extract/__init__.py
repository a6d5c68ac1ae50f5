"""Extraction: `Document -> [Event]`, as a pipeline of small components over one Document.

    from hadath.extract import load_pipeline
    nlp = load_pipeline()
    doc = nlp(Document(id="x", text="...", published="2019-07-01"))
    doc.events

Components run in order, each reading what the previous ones filled in:
  text        sentences and tokens (hadath.text)
  mentions    actor mentions from the knowledge base, agents, NER, coreference (hadath.kb)
  attribution reporting frames, sources and certainty per clause (attribution.py)
  events      triggers, arguments, modes, dates and places (events.py)
"""
from hadath.extract.pipeline import Pipeline, load_pipeline

__all__ = ["Pipeline", "load_pipeline"]
