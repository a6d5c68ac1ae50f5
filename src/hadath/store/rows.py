"""One processed document as plain data (picklable, made in a worker, written by the parent).

`document_rows(doc)` flattens a `Document` filled by the pipeline into the values the
store writes: the document, its sentences, mentions, actors, events with their actors,
attribution chains and framing markers, the search body and the MinHash signature.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from hadath.model import Document, Entity, Event, Source
from hadath.store import similar
from hadath.text import tokenize

SYMMETRIC = {"CONSULT", "COOPERATE", "AGREE"}   # sides may be swapped (FORMAT.md "symmetric")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_rows(doc: Document, where: str, content: str | None = None) -> dict[str, Any]:
    meta = dict(doc.meta)
    known = {k: meta.pop(k, None) for k in ("outlet", "title", "author", "url", "lang", "encoding", "path")}
    actors: dict[str, dict] = {}
    mention_index = {id(m): i for i, m in enumerate(doc.mentions)}

    def actor(e: Entity) -> str:
        if e.id not in actors:
            actors[e.id] = {"id": e.id, "name": e.name, "name_ar": e.name_ar, "country": e.country,
                            "sector": e.sector, "type": e.type, "wikidata": e.wikidata,
                            "provisional": int(bool(e.provisional)),
                            "affiliations": json.dumps(list(e.affiliations)) if e.affiliations else None,
                            "aliases": json.dumps(list(e.aliases), ensure_ascii=False) if e.aliases else None}
        return e.id

    mentions = [(i, actor(m.entity), m.start, m.end, m.text, m.sentence, m.kind, m.framing)
                for i, m in enumerate(doc.mentions)]
    events = [_event(doc, ev, n, actor) for n, ev in enumerate(doc.events)]
    framing = []
    for m in doc.mentions:
        if m.framing:
            framing.append({"event": None, "mention": mention_index[id(m)], "kind": m.framing,
                            "start": m.start, "end": m.end, "text": m.text, "data": None})
    for n, ev in enumerate(doc.events):
        for kind in ev.framing:
            framing.append({"event": n, "mention": None, "kind": str(kind), "start": ev.evidence[0],
                            "end": ev.evidence[1], "text": None, "data": None})
    for item in doc.framing:
        item = dict(item)
        framing.append({"event": None, "mention": None, "kind": str(item.pop("kind", item.pop("type", "framing"))),
                        "start": item.pop("start", None), "end": item.pop("end", None),
                        "text": item.pop("text", None),
                        "data": json.dumps(item, ensure_ascii=False, default=str) if item else None})
    sig = similar.signature(doc.text)
    return {
        "where": where,
        "key": doc.id,
        "hash": content or content_hash(doc.text),
        "text": doc.text,
        "published": doc.published,
        **known,
        "outlet": _outlet(known["outlet"], doc.sources),
        "meta": json.dumps(meta, ensure_ascii=False, default=str, sort_keys=True) if meta else None,
        "sentences": [(s.index, s.start, s.end) for s in doc.sentences],
        "actors": actors,
        "mentions": mentions,
        "events": events,
        "doc_sources": [_source(s) for s in doc.sources],
        "framing": framing,
        "body": search_body(doc),
        "minhash": similar.pack(sig),
        "bands": similar.bands(sig),
    }


def _outlet(outlet, sources: list[Source]) -> str | None:
    if outlet:
        return str(outlet)
    for s in sources:
        if s.kind == "outlet" and s.name:
            return s.name
    return None


def _source(s: Source, relation: str | None = None) -> dict:
    return {"name": s.name or s.text or "?", "kind": s.kind or "unknown", "ref": s.id or "",
            "text": s.text, "start": s.start, "end": s.end,
            "relation": relation or getattr(s, "relation", None) or getattr(s, "manner", None)}


def _event(doc: Document, ev: Event, n: int, actor) -> dict:
    sides = []
    for role, mentions in (("actor", ev.actor), ("recipient", ev.recipient), ("other", ev.others)):
        seen = set()
        for m in mentions:
            if m.entity.id in seen:
                continue
            seen.add(m.entity.id)
            sides.append((role, len(seen) - 1, actor(m.entity), m.text, m.start, m.end))
    a = sorted({s[2] for s in sides if s[0] == "actor"})
    r = sorted({s[2] for s in sides if s[0] == "recipient"})
    if ev.type in SYMMETRIC:
        a, r = sorted(set(a) | set(r)), []
    key = f"{ev.type}|{','.join(a)}|{','.join(r)}" if (a or r) else None
    quoted = _in_quotation(doc, ev)
    chain = [_source(src, _relation(src, i == len(ev.attribution) - 1, quoted))
             for i, src in enumerate(ev.attribution)]
    d, loc = ev.date, ev.location
    s, e = ev.evidence
    ts, te, tt = ev.trigger
    return {
        "ordinal": n, "type": ev.type, "mode": ev.mode, "context": json.dumps(list(ev.context)),
        "date_start": d.start if d else None, "date_end": d.end if d else None,
        "date_precision": d.precision if d else None, "date_text": d.text if d else None,
        "day": (d.start if d and d.start else None) or _day(doc.published),
        "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
        "location_text": loc.text if loc else None,
        "negated": int(bool(ev.negated)), "aux": json.dumps(list(ev.aux)), "certainty": ev.certainty,
        "sentence": ev.sentence, "evidence_start": s, "evidence_end": e,
        "trigger_text": tt, "trigger_start": ts, "trigger_end": te,
        "score": float(ev.score), "confidence": round(float(ev.confidence), 3),
        "framing": json.dumps([str(f) for f in ev.framing], ensure_ascii=False),
        "cluster_key": key, "sides": sides, "attribution": chain,
    }


def _relation(src: Source, speaker: bool, quoted: bool) -> str:
    """How a link of the chain passes the claim on: an outlet reports it, an author writes it,
    a document states it; the speaker (the innermost link) is quoted when the event lies
    within quotation marks, and paraphrased otherwise."""
    explicit = getattr(src, "relation", None)
    if explicit:
        return explicit
    if src.kind == "outlet":
        return "reported"
    if src.kind == "author":
        return "written"
    if src.kind == "document":
        return "stated"
    return "quoted" if speaker and quoted else ("paraphrased" if speaker else "relayed")


_QUOTES = {"«": "»", "\u201c": "\u201d", '"': '"'}


def _in_quotation(doc: Document, ev: Event) -> bool:
    """The trigger lies inside a quotation of three words or more (not scare quotes around a name)."""
    s, e = ev.evidence
    t = ev.trigger[0]
    if not (s <= t < e):
        return False
    text = doc.text[s:e]
    i = 0
    while i < len(text):
        close = _QUOTES.get(text[i])
        if close is None:
            i += 1
            continue
        j = text.find(close, i + 1)
        if j < 0:
            return False
        if s + i < t < s + j and len(text[i + 1:j].split()) >= 3:
            return True
        i = j + 1
    return False


def _day(published: str | None) -> str | None:
    return published[:10] if published else None


def search_body(doc: Document) -> str:
    """Normalised words and their clitic-free stems: what full-text search matches."""
    if doc.sentences and any(s.tokens for s in doc.sentences):
        tokens = [t for s in doc.sentences for t in s.tokens]
    else:
        tokens = tokenize(doc.text, 0, len(doc.text))
    out = []
    for t in tokens:
        if not t.norm or not t.norm[0].isalnum():
            continue
        out.append(t.norm)
        stem = t.stem_norm
        if stem and stem != t.norm:
            out.append(stem)
    return " ".join(out)


def search_terms(query: str) -> str:
    """An FTS5 query matching every word of `query` (any clitic form of it)."""
    terms = []
    for t in tokenize(query, 0, len(query)):
        if t.norm and t.norm[0].isalnum():
            terms.append('"' + (t.stem_norm or t.norm).replace('"', '') + '"')
    return " AND ".join(terms)
