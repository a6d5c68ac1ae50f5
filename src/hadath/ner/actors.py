"""From tagged spans to provisional actors (hadath.model.Mention) and to candidates."""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import Iterable

from hadath.model import Document, Entity, Mention, Sentence
from hadath.ner.corpus import entities
from hadath.text.normalize import normalize, normalize_with_map

ENTITY_TYPES = {"PERS": "person", "ORG": "organisation"}
ARTICLE = "ال"
# Entity probability from which a word is taken into a name (recall-oriented decoding;
# on the dev split 0.3 raised PERS/ORG recall by 4 points at an unchanged overall F1).
RECALL = 0.3
ORG_HEAD_WINDOW = 6
QUOTE_MARKS = frozenset('"\'«»“”')


@lru_cache(maxsize=2)
def _word_list(name: str) -> frozenset[str]:
    try:
        text = resources.files("hadath.ner").joinpath(f"data/{name}").read_text(encoding="utf-8")
    except FileNotFoundError:
        return frozenset()
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _org_heads() -> frozenset[str]:
    return _word_list("org_heads.txt")


def _stem(t) -> str:
    stem = t.stem_norm if t.stem_start >= 0 else (t.norm or t.text)
    return stem[2:] if stem.startswith(ARTICLE) else stem


def _after_place_head(toks, ts: int) -> bool:
    """قرية "وادي القعوم"، بلدة داعل، محكمة باكيركوي: the name of a place, not an actor."""
    j = ts - 1
    while j >= 0 and toks[j].text in QUOTE_MARKS:
        j -= 1
    return j >= 0 and _stem(toks[j]) in _word_list("place_heads.txt")


def _apposed_to_person(toks, ts: int, te: int, people: list[Mention]) -> bool:
    """الأمين العام للأمم المتحدة، أنطونيو غوتيرس (or the name first, then the title): a name
    set off by commas right beside a known person is that person, not a new one."""
    commas = ("،", ",")
    left = toks[ts - 2] if ts >= 2 and toks[ts - 1].text in commas else None
    right = toks[te + 1] if te + 1 < len(toks) and toks[te].text in commas else None
    return any(left is not None and left.start < m.end <= left.end or
               right is not None and right.start <= m.start < right.end for m in people)


def _apposed_to_organisation(toks, ts: int) -> bool:
    """A name right after a comma or dash that follows an organisation noun
    (شركة إماراتية - كازاخستانية مشتركة ، ريم ترافيل) names an organisation."""
    if ts == 0 or toks[ts - 1].text not in ("،", ",", "-", "–", ":"):
        return False
    heads = _org_heads()
    for i in range(ts - 2, max(-1, ts - 2 - ORG_HEAD_WINDOW), -1):
        t = toks[i]
        if _stem(t) in heads:
            return True
        if t.text in (".", "؟", "!", "؛"):
            return False
    return False


def provisional_mentions(doc: Document, taken: Iterable[Mention] = (),
                         types: dict[str, str] | None = None) -> list[Mention]:
    """Provisional actors for the person and organisation names NER finds in doc's
    sentences that overlap none of the `taken` (knowledge-base) mentions."""
    from hadath.ner.tagger import load_tagger
    from hadath.ner.countries import country_near

    types = ENTITY_TYPES if types is None else types
    taken = list(taken)
    spans = sorted((m.start, m.end) for m in taken)
    people: dict[int, list[Mention]] = {}
    for m in taken:
        if m.entity.type in ("person", "PER"):
            people.setdefault(m.sentence, []).append(m)
    if not doc.sentences:
        from hadath.extract.pipeline import segment_text
        segment_text(doc)
    tagged = load_tagger().tag_document([s.tokens for s in doc.sentences], recall=RECALL)
    out: list[Mention] = []
    for sent, tags in zip(doc.sentences, tagged):
        toks = sent.tokens
        if not toks:
            continue
        for ts, te, kind in sorted(entities(tags)):
            if kind == "PERS" and _apposed_to_organisation(toks, ts):
                kind = "ORG"
            if kind not in types:
                continue
            if not _plausible_name(toks, ts, te) or _after_place_head(toks, ts):
                continue
            if kind == "PERS" and _apposed_to_person(toks, ts, te, people.get(sent.index, [])):
                continue
            start, end = _name_span(toks[ts], toks[te - 1])
            if end <= start or _overlaps(spans, start, end):
                continue
            text = doc.text[start:end]
            if not any("\u0621" <= c <= "\u064a" or c.isalpha() for c in text):
                continue
            out.append(Mention(start, end, text, _entity(text, types[kind], toks, ts, te),
                               sentence=sent.index, kind="ner", token_start=ts, token_end=te))
            country = country_near(toks, ts, te)
            if country:
                out[-1].entity.country = country
    return out


def _plausible_name(toks, ts: int, te: int) -> bool:
    """Not a name: a span with a non-word token inside (a hashtag's #, a stray
    punctuation mark), a month or a weekday (أبريل/نيسان), or one very frequent word
    alone (على, الذي)."""
    if any(not t.text[:1].isalnum() for t in toks[ts:te]):
        return False
    from hadath.extract.dates import calendar_words
    if " ".join(t.stem_norm for t in toks[ts:te]) in calendar_words():
        return False
    if te - ts == 1:
        from hadath.ner.features import FREQUENT
        from hadath.ner.tagger import load_tagger
        rank = load_tagger().featurizer.rank.get(toks[ts].norm or normalize(toks[ts].text))
        if rank is not None and rank < FREQUENT:
            return False
    return True


def _known_name(norm: str) -> bool:
    """The whole token is a name of the gazetteer (ليلى is not ل + يلى)."""
    from hadath.ner.tagger import load_tagger
    return bool(norm) and (norm,) in load_tagger().featurizer.gazetteer


def _name_span(first, last) -> tuple[int, int]:
    """Character span of a name from its first to last token, without proclitics
    (و ف ب ل ك; the article stays) and without a pronoun enclitic."""
    start = first.start
    if first.prefixes and not _known_name(first.norm):
        pre = first.prefixes
        article = pre[-1] == ARTICLE
        norm, index = normalize_with_map(first.text)
        k = sum(len(p) for p in (pre[:-1] if article else pre))
        if article and norm.startswith(ARTICLE, k):
            start = first.start + index[k]
        elif first.stem_start >= 0:
            start = first.stem_start
    end = last.stem_end if last.suffix and last.stem_end > 0 else last.end
    return start, end


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def provisional_id(name: str) -> str:
    return "PROV_" + "_".join(normalize(name).split())


def _entity(text: str, etype: str, toks, ts: int, te: int) -> Entity:
    from hadath.ner.romanize import romanize
    return Entity(id=provisional_id(text), name=romanize(text), name_ar=text, type=etype,
                  provisional=True)


def candidates(docs: Iterable[Document], kb=None, limit: int | None = None,
               min_count: int = 1) -> list[tuple[str, str, int, str]]:
    """The most frequent names NER finds that the knowledge base does not hold:
    (Arabic name, type, count, example sentence), most frequent first.

    Documents without sentences are segmented here. Known names are those `kb.match`
    finds (when a base is given), else the document's own non-NER mentions."""
    counts: Counter[tuple[str, str]] = Counter()
    surface: dict[tuple[str, str], Counter[str]] = {}
    example: dict[tuple[str, str], str] = {}
    for doc in docs:
        if not doc.sentences:
            from hadath.extract.pipeline import segment_text
            segment_text(doc)
        if kb is not None and hasattr(kb, "match"):
            taken = kb.match(doc.text)
        else:
            taken = [m for m in doc.mentions if m.kind != "ner"]
        for m in provisional_mentions(doc, taken):
            key = (m.entity.id, m.entity.type or "")
            counts[key] += 1
            surface.setdefault(key, Counter())[m.text] += 1
            if key not in example:
                example[key] = _sentence_text(doc, doc.sentences[m.sentence])
    ranked = [(surface[k].most_common(1)[0][0], k[1], c, example[k])
              for k, c in counts.most_common() if c >= min_count]
    return ranked[:limit] if limit else ranked


def _sentence_text(doc: Document, sent: Sentence, width: int = 200) -> str:
    return " ".join(doc.text[sent.start:sent.end].split())[:width]
