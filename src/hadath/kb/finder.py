"""MentionFinder: the pipeline component that fills doc.mentions.

Per sentence: longest KB matches (matcher.scan), each resolved to one entry (names before
dated roles, descriptors, metonyms, demonyms and agents); then role words are combined
with an adjacent country (الجيش الإسرائيلي, السلطات في القاهرة -> country + sector),
titles before a person's name are dropped, capitals used as places are dropped, bare
role nouns and pronoun enclitics are resolved to the last compatible actor, and mentions
wrapped in quotes are marked as scare quotes. Then the NER's provisional actors are added.
"""
from __future__ import annotations

import warnings

from hadath.errors import HadathError
from hadath.kb.combine import appositions, combine, military_things, nearest_country, own_adjectives
from hadath.kb.coref import pronouns
from hadath.kb.items import QUOTE, Item, grammar, has_preposition, offsets
from hadath.kb.matcher import readings, scan
from hadath.kb.names import bare, candidate_forms
from hadath.kb.resolve import false_friend, resolve
from hadath.model import Mention
from hadath.text import normalize


class MentionFinder:
    """Pipeline component `(doc) -> None` filling doc.mentions."""

    def __init__(self, ner: bool = True, kb=None):
        self.ner = ner
        self._kb = kb
        if kb is None:   # the pipeline builds its components before the first document
            register_names(self.kb)

    @property
    def kb(self):
        if self._kb is None:
            from hadath.kb.base import load_kb
            self._kb = load_kb()
        return self._kb

    def __call__(self, doc) -> None:
        kb, g = self.kb, grammar()
        if not doc.sentences and doc.text:
            from hadath.extract.pipeline import segment_text
            segment_text(doc)   # used alone, outside the pipeline
        date = doc.published
        history: list[Item] = []
        countries: set[str] = set()   # countries of the actors found so far: context for ambiguous names
        mentions: list[Mention] = []
        for sent in doc.sentences:
            items = self._sentence(sent, kb, g, date, history, countries)
            for it in items:
                if it.entity is None:
                    continue
                mentions.append(self._mention(doc, sent, it))
            history.extend(it for it in items if it.entity is not None)
            countries.update(it.entity.country for it in items if it.entity is not None and it.entity.country)
        if self.ner:
            mentions += _provisional(doc, mentions)
        mentions += _surnames(doc, mentions)
        mentions.sort(key=lambda m: (m.start, -m.end))
        out, last_end = [], -1
        for m in mentions:
            if m.start >= last_end:
                out.append(m)
                last_end = m.end
        doc.mentions = out

    # -- one sentence -------------------------------------------------------------
    def _sentence(self, sent, kb, g, date, history, countries=frozenset()) -> list[Item]:
        tokens = sent.tokens
        cands = readings(tokens, kb)
        items = []
        hits = scan(tokens, kb, cands)
        local = set(countries)   # + the countries of this sentence's unambiguous names
        for hit in hits:
            targets = {kb.entries[n][0] for n in hit.entries}
            actor = kb.actors.get(next(iter(targets))) if len(targets) == 1 else None
            if actor is not None and actor.country:
                local.add(actor.country)
        for hit in hits:
            it = resolve(hit, tokens, kb, date, local)
            if it is not None and false_friend(it, tokens, g):
                continue
            if it is not None:
                it.sentence = sent.index
                it.place = (it.i > 0 and tokens[it.i - 1].norm in g["prepositions"]) or \
                    has_preposition(normalize(tokens[it.i].text[:it.start - tokens[it.i].start]))
                items.append(it)
        items = appositions(items, tokens, cands, kb, date, sent.index)
        items = own_adjectives(combine(items, tokens, kb, g, date), tokens)
        military_things(items, tokens, kb, g, date)
        items = [it for it in items if not (it.kind == "demonym" and it.combine_only)]
        items = [it for it in items if not (it.kind == "agent" and it.key in g["weak_agents"]
                                            and it.entity is not None and it.entity.type == "agent")]
        nearest_country(items, tokens, kb, g, date)
        items = pronouns(items, tokens, kb, g, date, history, sent.index)
        return items

    def _mention(self, doc, sent, it: Item) -> Mention:
        toks = sent.tokens
        framing = it.framing
        if framing is None and it.i > 0 and it.j < len(toks) and toks[it.i - 1].norm == QUOTE \
                and toks[it.j].norm == QUOTE:
            framing = "scare_quotes"
        return Mention(start=it.start, end=it.end, text=doc.text[it.start:it.end], entity=it.entity,
                       sentence=sent.index, kind=it.kind if it.kind in ("name", "metonym", "demonym",
                       "descriptor", "agent", "pronoun") else "descriptor",
                       framing=framing, token_start=it.i, token_end=it.j)


def register_names(kb) -> None:
    """Tell the segmenter the actors' Arabic name words, so that the tokens other components
    see split a name's clitics (لحفتر = ل + حفتر). A few thousand words: milliseconds."""
    from hadath.text import add_vocabulary
    add_vocabulary(w for w in kb.vocab if len(w) >= 3 and "\u0621" <= w[0] <= "\u064A")


_warned: set[str] = set()


def _warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        warnings.warn(message, RuntimeWarning, stacklevel=3)


KUNYA = frozenset({"ابو", "ام"})


# -- surnames -------------------------------------------------------------------------
def _surnames(doc, mentions: list[Mention]) -> list[Mention]:
    """A person named in full, then by the last word of the name alone (صالح علي الصماد ...
    وكان الصماد هدد): the same person, from there to the end of the document. The word must
    be written the same (الصماد, not صماد; عادل is not العادل), be no common word (بن علي:
    على) nor a month (طارق رمضان: رمضان), and the name no title (رئيس الشيشان) nor a
    kunya (أبو معاذ: معاذ is the son)."""
    from hadath.extract.dates import calendar_words
    from hadath.text.tokens import is_common_word
    people = sorted((m for m in mentions if m.entity.type == "person" and m.kind in ("name", "ner")
                     and len(m.text.split()) > 1 and bare(normalize(m.text.split()[0])) not in KUNYA),
                    key=lambda m: m.start)
    if not people:
        return []
    taken = [(m.start, m.end) for m in mentions]
    known: dict[str, object] = {}
    out, p = [], 0
    for sent in doc.sentences:
        for k, tok in enumerate(sent.tokens):
            while p < len(people) and people[p].end <= tok.start:
                word = normalize(people[p].text.split()[-1])
                if len(bare(word)) >= 3 and not is_common_word(word) and word not in calendar_words():
                    known[bare(word)] = (people[p].entity, word != bare(word))
                p += 1
            if not any(key in tok.norm for key in known) or any(s < tok.end and tok.start < e for s, e in taken):
                continue
            forms = [f for f in candidate_forms(tok.norm, known) if f.article == known[f.form][1]]
            if forms:
                f = forms[0]
                pre = f.pre - 2 if f.article and tok.norm[f.pre - 2:f.pre] == "ال" else f.pre   # الصماد
                s, e = offsets(tok, pre, f.suf)
                out.append(Mention(s, e, doc.text[s:e], known[f.form][0], sentence=sent.index,
                                   kind="descriptor", token_start=k, token_end=k + 1))
    return out


# -- NER ------------------------------------------------------------------------------
def _provisional(doc, mentions: list[Mention]) -> list[Mention]:
    try:
        from hadath.ner import provisional_mentions
    except (ImportError, AttributeError):
        return []
    taken = [(m.start, m.end) for m in mentions]
    try:
        found = provisional_mentions(doc, mentions) or []
    except (ImportError, AttributeError, FileNotFoundError, HadathError) as e:
        _warn_once(f"hadath: no provisional actors (NER unavailable: {e})")
        return []   # the NER part or its model is not there: KB mentions only
    out = []
    for m in found:
        if any(m.start < e and s < m.end for s, e in taken):
            continue
        m.kind = "ner"
        m.entity.provisional = True
        out.append(m)
    return out
