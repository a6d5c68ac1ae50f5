"""Attribution: who says so, and how sure. Fills doc.sources (author) and doc.frames.

A report frame starts at a reporting cue (a verb such as قال، أفاد، زعم، نفى, or a phrase
such as بحسب، نقلا عن) and covers the rest of the sentence (a prepositional cue covers
all of it). Its chain, outermost first, is built from the speaker and the outlets around it:
  قال مصدر عسكري لصحيفة العربي الجديد إن ...   -> [Al-Araby Al-Jadeed, unnamed military source]
  نقلت ميدل إيست مونيتور عن مصدر ...             -> [Middle East Monitor, unnamed source]
  وأشار هذا المصدر / وقال المصدر أيضا             -> the previous chain, and its certainty
Certainty: reported by default, claimed after زعم/ادعى, denied after نفى, asserted when
the speaker is the author. Unattributed statements have the author as their source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


from hadath.resources import load_yaml
from hadath.extract.structure import QUOTES, SentenceView, strip_conj
from hadath.extract.triggers import candidate_forms, conjugate
from hadath.model import Document, Mention, ReportFrame, Source
from hadath.text import normalize


@dataclass(frozen=True)
class Cues:
    verbs: dict            # normalised verb form -> certainty
    needs_document: frozenset
    documents: frozenset
    continuation: frozenset
    prepositional: tuple   # tuples of normalised words
    anonymous_heads: frozenset
    anonymous_qualifiers: dict
    anonymous_named: dict
    media_heads: tuple
    outlet_heads: frozenset
    byline: frozenset
    en_demonyms: dict


@lru_cache(maxsize=1)
def cues() -> Cues:
    raw = load_yaml("hadath.extract", "data/reporting.yaml")
    verbs = {}
    for certainty, specs in raw["verbs"].items():
        for spec in specs:
            past, present = spec.split("|")
            for form in conjugate(past, present):
                verbs.setdefault(form, certainty)
    n = lambda key: frozenset(normalize(w) for w in raw[key])
    return Cues(
        verbs=verbs, needs_document=n("needs_document"), documents=n("documents"),
        continuation=n("continuation"),
        prepositional=tuple(tuple(normalize(p).split()) for p in raw["prepositional"]),
        anonymous_heads=n("anonymous_heads"),
        anonymous_qualifiers={normalize(k): v for k, v in raw["anonymous_qualifiers"].items()},
        anonymous_named={normalize(k): v for k, v in raw["anonymous_named"].items()},
        media_heads=tuple(tuple(normalize(p).split()) for p in raw["media_heads"]),
        outlet_heads=n("outlet_heads"), byline=n("byline"), en_demonyms=raw["en_demonyms"])


def attribute(doc: Document) -> None:
    """Pipeline component: the document's author and the report frames of its sentences."""
    doc.sources = _document_sources(doc)
    doc.frames = []
    previous: ReportFrame | None = None
    by_sentence: dict[int, list[Mention]] = {}
    for m in doc.mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    for sent in doc.sentences:
        if not sent.tokens:
            continue
        view = SentenceView(doc.text, sent, by_sentence.get(sent.index, []))
        for frame in _frames(doc, view, previous):
            doc.frames.append(frame)
            previous = frame


# ---------------------------------------------------------------- document facts

def _document_sources(doc: Document) -> list[Source]:
    """The author (metadata, or a byline such as بقلم: NAME) and the outlet."""
    out = []
    author = doc.meta.get("author")
    text = None
    if not author:
        c = cues()
        for line in doc.text.splitlines()[:3] + doc.text.splitlines()[-3:]:
            m = re.match(r"\s*(\S+)\s*[:：\-–]\s*(.{3,60}?)\s*$", line)
            if m and normalize(m.group(1)) in c.byline:
                author, text = m.group(2).strip(), m.group(2).strip()
                break
    if author:
        out.append(_author_source(author, text or author))
    if doc.meta.get("outlet"):
        out.append(Source(name=str(doc.meta["outlet"]), kind="outlet", text=str(doc.meta["outlet"])))
    return out


def _author(doc: Document) -> Source | None:
    return doc.sources[0] if doc.sources and doc.sources[0].kind == "author" else None


def _author_source(name: str, text: str) -> Source:
    """The author with their English name: the base's when it knows them, else romanised."""
    if not re.search(r"[\u0600-\u06FF]", name):
        return Source(name=name, kind="author", text=text)
    from hadath.kb import load_kb, romanize
    hits = load_kb().match(name)
    if hits and hits[0].end - hits[0].start >= len(name.strip()) - 1:
        return Source(name=hits[0].entity.name, kind="author", text=text, id=hits[0].entity.id)
    return Source(name=romanize(name), kind="author", text=text)


# ---------------------------------------------------------------- frames

def _frames(doc: Document, view: SentenceView, previous: ReportFrame | None) -> list[ReportFrame]:
    c = cues()
    out: list[ReportFrame] = []
    sent = view.sentence
    skip_until = 0
    for i, tok in enumerate(view.tokens):
        if i < skip_until or any(a.first <= i < a.last for a in view.args if a.mention.kind != "pronoun"):
            continue
        prep = _prepositional_at(view, i)
        if prep:
            found = _source_at(doc, view, prep)
            if found and not found[1]:
                if out:   # قالت صحيفة X نقلا عن مصادر ...: nested in the open frame
                    out.append(ReportFrame(sent.index, tok.start, sent.end, out[-1].chain + found[0],
                                           out[-1].certainty, tok.text))
                else:
                    out.append(ReportFrame(sent.index, sent.start, sent.end, found[0], "reported", tok.text))
                skip_until = _source_end(view, prep - 1)
            continue
        certainty = next((c.verbs[f] for f in candidate_forms(tok.norm)[:3] if f in c.verbs), None)
        if certainty is None:
            continue
        base = strip_conj(tok.norm)
        if base in c.needs_document and not any(
                strip_conj(view.norms[j]) in c.documents for j in range(i + 1, min(len(view.tokens), i + 5))):
            continue
        found = _speaker(doc, view, i, previous, out)
        if found is None:
            continue
        chain, inherited = found
        if inherited is not None:
            certainty = inherited
        elif chain and chain[-1].kind == "author":
            certainty = "asserted"
        out.append(ReportFrame(sent.index, tok.start, sent.end, chain, certainty, tok.text))
        skip_until = _source_end(view, i)
    return out


def _source_end(view: SentenceView, i: int) -> int:
    """Token index after the source phrases that follow a reporting verb at i (so that
    لم يكشف عن اسمه inside "مصدر لم يكشف عن اسمه" is not a report of its own)."""
    j = i + 1
    while j < len(view.tokens) and view.norms[j] in QUOTES:
        j += 1
    k = _after_source(view, j)
    if k is not None and k < len(view.tokens) and view.norms[k] == "عن":
        k = _after_source(view, k + 1) or k
    return k or i + 1


def _prepositional_at(view: SentenceView, i: int) -> int | None:
    """Index of the first token after a prepositional cue starting at token i."""
    norm = view.norms[i]
    if norm not in _first_words() and strip_conj(norm) not in _first_words():
        return None
    for words in cues().prepositional:
        j, ok = i, True
        for k, w in enumerate(words):
            if j >= len(view.tokens):
                ok = False
                break
            norm = view.norms[j]
            if k == len(words) - 1 and w == "ل":       # وفقا لـ: the ل is a clitic of the next word
                break
            if not (norm == w or strip_conj(norm) == w or (k == 0 and norm in ("و" + w, "ف" + w))):
                ok = False
                break
            j += 1
        if ok:
            return j
    return None


@lru_cache(maxsize=1)
def _first_words() -> frozenset:
    return frozenset(words[0] for words in cues().prepositional)


def _speaker(doc, view: SentenceView, i: int, previous, current):
    """(chain, inherited certainty or None) for a reporting verb at token i, or None.

    The speaker is, in order: the source phrase right after the verb (VSO); the speaker of
    a frame already open in this sentence (نقلت X عن مصدر ... يدعي أن); the subject right
    before the verb (SVO); the previous sentence's speaker, for continuation verbs.
    """
    c = cues()
    j = i + 1
    while j < len(view.tokens) and view.norms[j] in QUOTES:
        j += 1
    found = _source_at(doc, view, j) if j < len(view.tokens) else None
    if found is None and current:
        return current[-1].chain, None if current[-1].certainty == "reported" else current[-1].certainty
    if found is None:
        before = [a for a in view.args if a.last <= i and a.marker == "" and a.mention.kind != "pronoun"
                  and not any(view.boundary[k] for k in range(a.last, i))]
        if before:
            found = _source_from_arg(doc, view, before[-1])
    if found is None:
        if previous is not None and strip_conj(view.norms[i]) in c.continuation:
            return previous.chain, previous.certainty
        return None
    chain, anaphoric = found
    if anaphoric:
        if previous is None:
            return None
        return previous.chain, previous.certainty
    # نقل X عن Y: X reports what Y said; قال X لصحيفة Z: Z reports what X said.
    k = _after_source(view, j)
    if k is not None and k < len(view.tokens):
        if view.norms[k] == "عن":
            inner = _source_at(doc, view, k + 1)
            if inner and not inner[1]:
                chain = chain + inner[0]
        elif view.norms[k].startswith("ل") and len(view.norms[k]) > 2:
            outer = _source_at(doc, view, k, allow_clitic=True)
            if outer and outer[0] and outer[0][0].kind == "outlet":
                chain = outer[0] + chain
    return chain, None


def _after_source(view: SentenceView, j: int) -> int | None:
    """Token index right after the source phrase starting at j (its name, or an anonymous
    head with its qualifiers: مصدر عسكري، مصادر مقربة من الحكومة، مصدر لم يكشف عن اسمه)."""
    c = cues()
    k = None
    for a in view.args:
        if a.first == j or (a.first == j + 1 and view.norms[j] in c.outlet_heads):
            k = a.last
            break
    if j < len(view.tokens) and strip_conj(view.norms[j]) in c.anonymous_heads:
        k = max(k or 0, j + 1)
        while k < len(view.tokens):
            w = view.norms[k]
            if w in c.anonymous_qualifiers or w in _ANONYMOUS_TAIL:
                k += 1
            elif w in ("من", "في") and k + 1 < len(view.tokens) and view.norms[k - 1] in c.anonymous_qualifiers:
                k += 2   # مصدر مقرب من الحكومة، مصدر في وزارة الدفاع
                arg = next((a for a in view.args if a.first == k - 1), None)
                if arg is not None:
                    k = arg.last
            else:
                break
    while k is not None and k < len(view.tokens) and view.norms[k] in QUOTES:
        k += 1
    return k


# "مصدر لم يكشف عن اسمه", "طلب عدم ذكر اسمه": words that stay inside an anonymous source.
_ANONYMOUS_TAIL = frozenset(["لم", "يكشف", "عن", "اسمه", "هويته", "رفض", "الكشف", "طلب", "عدم", "ذكر",
                             "اسمها", "هويتها"])


def _source_at(doc, view: SentenceView, j: int, allow_clitic: bool = False):
    """([Source], anaphoric?) for the source phrase starting at token j, or None."""
    c = cues()
    if j >= len(view.tokens):
        return None
    norm = view.norms[j]
    head = strip_conj(norm)
    if allow_clitic and norm.startswith("ل"):
        head = norm[1:]
    # هذا المصدر، المصدر (نفسه): the previous source
    if head in ("هذا", "هذه") and j + 1 < len(view.tokens) and strip_conj(view.norms[j + 1]) in c.anonymous_heads:
        return [], True
    if head in ("المصدر", "المصادر") and not (j + 1 < len(view.tokens) and
                                             view.norms[j + 1] in c.anonymous_qualifiers):
        return [], True
    if head in c.anonymous_heads and not _names_someone(view, j):
        qual = view.norms[j + 1] if j + 1 < len(view.tokens) else ""
        kind = c.anonymous_qualifiers.get(qual)
        name = c.anonymous_named.get(head) or (f"unnamed {kind} source" if kind else "unnamed source")
        end = view.tokens[min(j + (2 if kind else 1), len(view.tokens)) - 1].end
        return [Source(name=name, kind="anonymous", text=doc.text[view.tokens[j].start:end])], False
    # الصحيفة، الوكالة (no name after it): the outlet last named as a source
    if head[:2] == "ال" and head[2:] in c.outlet_heads and not (
            j + 1 < len(view.tokens) and (view.norms[j + 1] in QUOTES or any(a.first == j + 1 for a in view.args))):
        outlet = next((s for f in reversed(doc.frames) for s in f.chain if s.kind == "outlet"), None)
        if outlet is not None:
            return [outlet], False
    for words in c.media_heads:
        if tuple(strip_conj(w) for w in view.norms[j:j + len(words)]) == words or \
                tuple(view.norms[j:j + len(words)]) == words:
            after = next((a for a in view.args if j + len(words) - 1 <= a.first <= j + len(words) + 1), None)
            if after is not None and after.mention.entity.country and (
                    after.mention.kind == "demonym" or after.mention.entity.sector == "MED"):
                country = after.mention.entity.country
                label = c.en_demonyms.get(country)
                name = f"{label} media" if label else f"media in {after.mention.entity.name}"
                text = doc.text[view.tokens[j].start:after.mention.end]
                return [Source(name=name, kind="outlet", id=f"MEDIA_{country}", text=text)], False
    name_at = j
    if head in c.outlet_heads:   # صحيفة "العربي الجديد"
        name_at = j + 1
        while name_at < len(view.tokens) and view.norms[name_at] in QUOTES:
            name_at += 1
        outlet = _outlet_named(doc, view, head, j, name_at)
        if outlet is not None:
            return [outlet], False
    speakers = [a for a in view.args if a.mention.kind != "pronoun"]
    arg = next((a for a in speakers if a.first == name_at), None) or \
        next((a for a in speakers if a.first == j), None)
    if arg is None:
        return _author_at(doc, view, j)
    return _source_from_arg(doc, view, arg)


def _outlet_named(doc, view: SentenceView, head: str, j: int, name_at: int) -> Source | None:
    """صحيفة "الشرق الأوسط": an outlet of the base named by the head word and the quoted
    name together, where the name alone is something else (the Middle East); an outlet the
    base does not hold (موقع "إيران إنترناشيونال") by its quoted name, not the state in it."""
    from hadath.kb import load_kb, romanize
    from hadath.kb.names import name_key
    if name_at == j + 1:
        return None   # no quotes: the matcher has read the whole name already
    end = name_at
    while end < len(view.tokens) and view.norms[end] not in QUOTES and end - name_at < 6:
        end += 1
    if end == name_at or end == len(view.tokens) or view.norms[end] not in QUOTES:
        return None   # no closing quote within six words: a quotation, not a name
    kb = load_kb()
    name = " ".join(view.norms[name_at:end])
    for n in kb.keys.get(name_key(f"{head} {name}"), ()):
        actor = kb.actors.get(kb.entries[n][0])
        if actor is not None and actor.type == "outlet":
            start, stop = view.tokens[j].start, view.tokens[end].end
            return Source(name=actor.label or actor.name, kind="outlet", id=actor.id, text=doc.text[start:stop])
    if any(a.first == name_at and a.last == end and a.mention.entity.type == "outlet" for a in view.args):
        return None   # the matcher knows it under the name alone
    quoted = doc.text[view.tokens[name_at].start:view.tokens[end - 1].end]
    return Source(name=romanize(quoted), kind="outlet", text=doc.text[view.tokens[j].start:view.tokens[end].end])


def _unnamed(view: SentenceView, k: int) -> bool:
    """لم يكشف عن هويته، طلب عدم ذكر اسمه ... right after a source: it is not named."""
    tail = [strip_conj(w) for w in view.norms[k:k + 5]]
    return bool(tail) and tail[0] in ("لم", "طلب", "طلبوا", "رفض", "رفضوا") and any(
        w.startswith(("هويت", "اسم", "اسماء")) for w in tail[1:])


def _source_from_arg(doc, view, arg):
    ent = arg.mention.entity
    if ent.type == "outlet" or (ent.sector == "MED" and ent.country):   # Algerian media
        kind = "outlet"
    elif ent.type == "person" or (ent.provisional and ent.type in ("person", "PER")):
        kind = "person"
    elif ent.type in ("state", "agent") and arg.mention.kind == "demonym":
        return None
    else:
        kind = "organization"
    author = _author(doc)
    if author and kind == "person" and normalize(arg.mention.text) in normalize(author.text):
        return [author], False
    if ent.type == "agent" and _unnamed(view, arg.last):   # مسؤولون أمريكيون لم تكشف عن هويتهم
        return [Source(name=f"unnamed {ent.name}", kind="anonymous", text=arg.mention.text,
                       start=arg.mention.start, end=arg.mention.end)], False
    return [Source(name=ent.name, kind=kind, id=ent.id, text=arg.mention.text,
                   start=arg.mention.start, end=arg.mention.end)], False


def _author_at(doc, view: SentenceView, j: int):
    """The author, named by part of the byline name (وقال كافييرو)."""
    author = _author(doc)
    if author is None:
        return None
    names = {w for w in normalize(author.text).split() if len(w) > 2}
    word = view.norms[j]
    if word in names or (word[:1] in "وفل" and word[1:] in names):
        return [author], False
    return None


def _names_someone(view: SentenceView, j: int) -> bool:
    """مسؤول + a named person right after is that person, not an anonymous source."""
    return any(a.first in (j + 1, j + 2) and a.mention.entity.type == "person" for a in view.args)


