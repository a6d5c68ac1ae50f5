"""The data model: small dataclasses over one `Document`, and the event record writer.

Every span is a pair of code-point offsets into `Document.text`, the text exactly as
decoded from the input (see ../shared/eval/FORMAT.md). Components fill the document in
turn (sentences, tokens, mentions, events), as spaCy's pipeline components fill a Doc.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

CERTAINTIES = ("asserted", "reported", "claimed", "denied", "hypothetical")


@dataclass(slots=True)
class Token:
    text: str            # the surface form, == doc.text[start:end]
    start: int
    end: int
    norm: str = ""       # normalised form of the whole token (for matching)
    # Clitic segmentation: prefix/stem/suffix as offsets into the original text.
    stem_start: int = -1
    stem_end: int = -1
    prefixes: tuple[str, ...] = ()   # normalised proclitics, e.g. ("و", "ب") or ("ال",)
    suffix: str = ""                 # normalised pronoun enclitic, e.g. "ه", "هم"

    @property
    def stem_norm(self) -> str:
        """Normalised stem (token without clitics)."""
        from hadath.text import normalize
        return normalize(self.stem_text) if self.stem_start >= 0 else self.norm

    @property
    def stem_text(self) -> str:
        if self.stem_start < 0:
            return self.text
        return self.text[self.stem_start - self.start:self.stem_end - self.start]


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    tokens: list[Token] = field(default_factory=list)


@dataclass(slots=True)
class Entity:
    """A resolved actor (knowledge-base entry, agent combination or provisional NER actor)."""
    id: str
    name: str                        # English canonical name
    name_ar: str = ""
    country: str | None = None       # ISO 3166 alpha-3 (CAMEO code where none)
    sector: str | None = None        # CAMEO role code: GOV MIL SPY ...
    type: str | None = None          # state, organisation, armed_group, party, person, outlet, igo, company, agent
    wikidata: str | None = None
    provisional: bool = False        # found by NER, not in the knowledge base
    affiliations: tuple[str, ...] = ()   # ids of actors this one belongs to (LNA for Haftar, ISR for IDF)
    aliases: tuple[str, ...] = ()        # other English names (LNA, Libyan Arab Armed Forces)

    def record(self, mention: "Mention | None" = None) -> dict[str, Any]:
        out = {"id": self.id, "name": self.name, "name_ar": self.name_ar,
               "country": self.country, "sector": self.sector, "type": self.type,
               "wikidata": self.wikidata, "aliases": list(self.aliases)}
        if self.provisional:
            out["provisional"] = True
        if mention is not None:
            out.update(text=mention.text, start=mention.start, end=mention.end)
        return out


@dataclass(slots=True)
class Mention:
    """A span of text that denotes an entity."""
    start: int
    end: int
    text: str
    entity: Entity
    sentence: int = -1
    kind: str = "name"               # name, metonym, demonym, descriptor, agent, pronoun, ner
    framing: str | None = None       # e.g. "scare_quotes", "loaded_term"
    token_start: int = -1            # index of first token within the sentence
    token_end: int = -1              # one past the last token


@dataclass(slots=True)
class Source:
    name: str
    kind: str                        # outlet, person, anonymous, author, organization, document
    id: str | None = None
    text: str = ""
    start: int = -1
    end: int = -1

    def record(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "id": self.id, "text": self.text}


@dataclass(slots=True)
class ReportFrame:
    """A reporting frame: who says what is in text[start:end], and how sure it is."""
    sentence: int
    start: int                       # scope of the report, character offsets
    end: int
    chain: list[Source]              # outermost first: [outlet, its source]
    certainty: str                   # reported, claimed, denied, asserted
    cue: str = ""                    # the reporting verb or phrase


@dataclass(slots=True)
class DateSpan:
    start: str | None                # ISO date
    end: str | None
    precision: str                   # day, month, season, year, years, open
    text: str = ""
    char_start: int = -1
    char_end: int = -1

    def record(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "precision": self.precision, "text": self.text}


@dataclass(slots=True)
class Place:
    name: str
    country: str | None
    text: str = ""
    start: int = -1
    end: int = -1

    def record(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "text": self.text}


@dataclass(slots=True)
class Event:
    type: str
    actor: list[Mention] = field(default_factory=list)
    recipient: list[Mention] = field(default_factory=list)
    others: list[Mention] = field(default_factory=list)
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    date: DateSpan | None = None
    location: Place | None = None
    negated: bool = False
    aux: list[str] = field(default_factory=list)
    certainty: str = "asserted"
    attribution: list[Source] = field(default_factory=list)
    sentence: int = -1
    evidence: tuple[int, int] = (0, 0)
    trigger: tuple[int, int, str] = (0, 0, "")
    score: float = 0.0
    confidence: float = 0.5
    framing: list[str] = field(default_factory=list)


@dataclass
class Document:
    id: str
    text: str
    published: str | None = None     # ISO date
    meta: dict[str, Any] = field(default_factory=dict)   # outlet, url, title, lang, encoding, author ...
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)  # document-level: author, outlet
    frames: list[ReportFrame] = field(default_factory=list)
    framing: list[dict[str, Any]] = field(default_factory=list)


def _side(mentions: list[Mention]) -> list[dict[str, Any]]:
    seen, out = set(), []
    for m in mentions:
        if m.entity.id in seen:
            continue
        seen.add(m.entity.id)
        out.append(m.entity.record(m))
    return out


def event_record(doc: Document, ev: Event, n: int) -> dict[str, Any]:
    """One event as the JSON Lines record of FORMAT.md."""
    s, e = ev.evidence
    ts, te, tt = ev.trigger
    return {
        "doc_id": doc.id,
        "event_id": f"{doc.id}#{n}",
        "type": ev.type,
        "mode": ev.mode,
        "context": list(ev.context),
        "actor": _side(ev.actor),
        "recipient": _side(ev.recipient),
        "others": _side(ev.others),
        "date": ev.date.record() if ev.date else None,
        "location": ev.location.record() if ev.location else None,
        "negated": ev.negated,
        "aux": list(ev.aux),
        "certainty": ev.certainty,
        "attribution": [src.record() for src in ev.attribution],
        "evidence": {"start": s, "end": e, "sentence": ev.sentence, "text": doc.text[s:e]},
        "trigger": {"text": tt, "start": ts, "end": te},
        "score": ev.score,
        "confidence": round(ev.confidence, 3),
        "framing": list(ev.framing),
        "published": doc.published,
    }


def event_records(doc: Document) -> list[dict[str, Any]]:
    return [event_record(doc, ev, n) for n, ev in enumerate(doc.events)]


# Line separators that JSON leaves raw in UTF-8 but str.splitlines() and many readers split on.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(obj: Any) -> str:
    """One JSON Lines record, readable Arabic (not \\u-escaped), newline-terminated, safe to
    split on any line break (U+0085, U+2028 and U+2029 escaped)."""
    return json.dumps(obj, ensure_ascii=False).translate(_LINE_BREAKS) + "\n"
