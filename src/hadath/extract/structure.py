"""A shallow analysis of one sentence: where clauses end, which preposition marks each actor
mention, and which mentions are coordinated. The event engine reads arguments off it.

Arabic marks most roles on the surface: a preposition (separate, من مع على, or a clitic,
ب ل ك) before a noun phrase says what it is to the verb, an unmarked noun phrase right
after a verb is its subject (VSO) or, after the subject, its object, and coordination is
و or a comma. That is enough, with the lexicon's recipient markers, for the arguments of
most news sentences; there is no parser to be wrong in subtler ways.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache


from hadath.resources import load_yaml
from hadath.model import Mention, Sentence, Token
from hadath.text import normalize

QUOTES = frozenset('"\'«»“”„')


@dataclass(frozen=True)
class Grammar:
    boundary_punct: frozenset
    boundary_words: frozenset
    coordination: tuple
    prepositions: frozenset
    relational_nouns: frozenset
    via: frozenset
    verbal_heads: frozenset
    receive_verbs: frozenset
    negation: frozenset
    denial_verbs: frozenset
    future_words: frozenset
    future_prefix: str
    hypothetical_words: frozenset
    embedding: frozenset
    occurrence: frozenset
    time_cues: frozenset
    casualties: frozenset
    topic_words: frozenset
    number_words: frozenset
    weapons: frozenset
    crowd: frozenset
    protesters: frozenset
    protest_actions: frozenset
    gatherings: frozenset
    sides: frozenset
    expected: frozenset
    acted_upon: frozenset
    background: frozenset
    year_words: frozenset
    pluperfect: frozenset
    alternatives: frozenset
    split_fillers: frozenset
    during: frozenset
    figurative: frozenset
    intent: frozenset
    casualty_nouns: frozenset
    relatives: frozenset
    passive_verbs: frozenset
    victim_nouns: frozenset
    masculine_plurals: frozenset
    causes: frozenset
    reference_words: frozenset
    channels: frozenset
    witness_verbs: frozenset
    launch_verbs: frozenset
    defused: frozenset
    attitude_verbs: frozenset
    decision_nouns: frozenset
    sports: frozenset
    ranks: frozenset
    verbal_attack: frozenset
    means: frozenset
    means_markers: frozenset
    accidents: frozenset

    def is_number(self, word: str) -> bool:
        """A count: digits or a number word (ثلاثة، عشرات، نحو)."""
        return word.isdigit() or word in self.number_words


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """data/grammar.yaml: every word list normalised into a frozenset (the punctuation as is,
    the coordination phrases in order)."""
    raw = load_yaml("hadath.extract", "data/grammar.yaml")
    lists = {f.name: frozenset(normalize(w) for w in raw[f.name])
             for f in fields(Grammar) if f.name not in _NOT_WORD_SETS}
    return Grammar(boundary_punct=frozenset(raw["boundary_punct"]),
                   coordination=tuple(normalize(w) for w in raw["coordination"]),
                   future_prefix=normalize(raw["future_prefix"]), **lists)


_NOT_WORD_SETS = frozenset({"boundary_punct", "coordination", "future_prefix"})


@dataclass(slots=True)
class Arg:
    """An actor mention as an argument candidate."""
    mention: Mention
    first: int          # token indexes in the sentence
    last: int           # exclusive
    marker: str         # preposition marking it ("" = unmarked; "ل", "ب", "من", "مع" ...)
    conj: bool          # introduced by و (coordinated with what precedes)


class SentenceView:
    """Tokens, clause boundaries and argument candidates of one sentence."""

    def __init__(self, text: str, sentence: Sentence, mentions: list[Mention]):
        self.text = text
        self.sentence = sentence
        self.tokens: list[Token] = sentence.tokens
        g = grammar()
        self.norms = [t.norm for t in self.tokens]
        self.boundary = [n in g.boundary_punct or n in g.boundary_words or strip_conj(n) in g.boundary_words
                         for n in self.norms]
        self.args = _titles_absorbed(sorted((self._arg(m) for m in mentions), key=lambda a: a.first), self.norms)
        self.taken = {i for a in self.args for i in range(a.first, a.last)
                      if a.mention.kind != "pronoun"}
        self.role_tokens = frozenset(i for a in self.args for i in range(a.first, a.last)
                                     if a.mention.kind == "agent")
        self.verb_tokens: set[int] = set()   # tokens of verb triggers, set by the event finder
        self.trigger_starts: set[int] = set()   # first tokens of all triggers, likewise

    # -- construction
    def _arg(self, m: Mention) -> Arg:
        first, last = m.token_start, m.token_end
        if first < 0 or last <= first:
            first, last = self.token_span(m.start, m.end)
        if m.kind == "demonym" and first > 0 and counterpart(self.norms[first - 1]):
            first -= 1   # بنظيره الإيراني: the counterpart, with its preposition
            m_start = self.tokens[first].stem_start if self.tokens[first].stem_start >= 0 else self.tokens[first].start
        else:
            m_start = m.start
        tok = self.tokens[first]
        prefix = normalize(self.text[tok.start:max(tok.start, m_start)])
        conj = prefix.startswith(("و", "ف"))
        core = prefix[1:] if conj else prefix
        marker = ""
        if core in grammar().prepositions:   # a pronoun on a preposition: بينه، عليه، معها
            marker = core
        elif core.startswith("ل"):        # ل and لل
            marker = "ل"
        elif core[:1] in ("ب", "ك"):
            marker = core[:1]
        if not marker:
            j = first - 1
            while j >= 0 and self.norms[j] in QUOTES:
                j -= 1
            if j >= 1 and strip_conj(self.norms[j]) in grammar().relational_nouns and \
                    strip_conj(self.norms[j - 1]) in grammar().prepositions:
                j -= 1   # في جنوب ليبيا: ليبيا is in the في phrase
            if j >= 0:
                w = self.norms[j]
                bare = strip_conj(w)
                if bare in grammar().prepositions:
                    marker = bare
                    conj = conj or w != bare
                elif w in ("و", "ف"):
                    conj = True
        return Arg(m, first, last, marker, conj)

    def token_span(self, start: int, end: int) -> tuple[int, int]:
        first = next((i for i, t in enumerate(self.tokens) if t.end > start), len(self.tokens) - 1)
        last = next((i for i, t in enumerate(self.tokens) if t.start >= end), len(self.tokens))
        return first, max(last, first + 1)

    # -- queries
    def clause(self, first: int, last: int) -> tuple[int, int]:
        """Token span of the clause around tokens [first, last)."""
        s = first
        while s > 0 and not self.boundary[s - 1]:
            s -= 1
        e = last
        while e < len(self.tokens) and not self.boundary[e]:
            e += 1
        return s, e

    def group(self, arg: Arg) -> list[Arg]:
        """The argument and those coordinated with it after it (X و Y ، Z وإلى جانب W)."""
        out = [arg]
        i = self.args.index(arg)
        for nxt in self.args[i + 1:]:
            gap = [n for n in self.norms[out[-1].last:nxt.first]
                   if n not in QUOTES and not (arg.marker and n == "و" + arg.marker)]   # بينه وبين إسرائيل
            joined = " ".join(gap)
            if nxt.marker and nxt.marker != arg.marker and not (nxt.marker == "بين" and arg.marker == "بين"):
                break
            if gap and not (joined in grammar().coordination or all(
                    w in ("و", "،", ",") or w in grammar().coordination for w in gap)
                    or _coordination_phrase(joined)):
                break
            if not gap and not nxt.conj:
                break
            out.append(nxt)
        return out

    def args_between(self, first: int, last: int) -> list[Arg]:
        return [a for a in self.args if a.first >= first and a.last <= last]

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character span of tokens [first, last)."""
        return self.tokens[first].start, self.tokens[last - 1].end


def _titles_absorbed(args: list[Arg], norms: list[str]) -> list[Arg]:
    """A role word or title right before a person's name is that person (السيناتور ريتشارد
    بلومينثال، الناطق باسم الرئاسة الفلسطينية نبيل أبو ردينة، نائب القائد العام للحرس الثوري
    حسين سلامي): the name takes the title's place and marker."""
    out: list[Arg] = []
    for a in args:
        if a.mention.entity.type in ("person", "PER") and not a.marker:
            office = len(out) >= 2 and not a.conj and norms[out[-1].last:a.first] in ([], ["،"], [","]) \
                and out[-2].mention.kind == "agent" and norms[out[-2].last:out[-1].first] == ["باسم"]
            if office:
                out.pop()   # the office the spokesman speaks for is part of his title
            prev = out[-1] if out else None
            between = norms[prev.last:a.first] if prev is not None else []
            ranked = between and all(w in grammar().ranks for w in between)   # ... العميد حسين سلامي
            apposed = between in (["،"], [","]) and not a.conj and _closed(norms, a.last, 0)   # مبعوث الأمم المتحدة، نيكولاي ملادينوف،
            if prev is not None and prev.mention.kind in ("agent", "descriptor") and \
                    (office or not between or ranked or apposed) and _same_country(prev, a):
                last = a.last
                if (office or apposed) and last < len(norms) and norms[last] in ("،", ","):
                    last += 1   # the comma that closes the apposition coordinates nothing
                out[-1] = Arg(a.mention, prev.first, last, prev.marker, prev.conj)
                continue
        prev = out[-1] if out else None
        if prev is not None and a.mention.kind == "agent" and prev.mention.entity.type in ("person", "PER") \
                and norms[prev.last:a.first] in (["،"], [","]) and _closed(norms, a.last):
            out[-1] = Arg(prev.mention, prev.first, a.last, prev.marker, prev.conj)
            continue   # كارلس بوغديمون، رئيس كتالونيا السابق، : his title, not a second actor
        out.append(a)
    return out


def _same_country(title: Arg, name: Arg) -> bool:
    """ناشد وزير التجارة التركي ترامب: a Turkish title is not Trump's."""
    a, b = title.mention.entity.country, name.mention.entity.country
    return not (a and b and a != b)


def _closed(norms: list[str], i: int, within: int = 2) -> bool:
    """The apposition ends within `within` words of i (رئيس كتالونيا السابق،)."""
    return any(j >= len(norms) or norms[j] in ("،", ",", ".", ":") for j in range(i, i + within + 1))


def counterpart(norm: str) -> bool:
    """نظيره الأردني، بنظيره القطري، نظرائه الأوروبيين: the counterpart of that country."""
    return "نظير" in norm or "نظراء" in norm


def strip_conj(w: str) -> str:
    """A word without a leading و or ف (وفي -> في, وقال -> قال); only lists are matched
    against the result, so a word that merely starts with و (وقت) does no harm."""
    return w[1:] if len(w) > 2 and w[0] in "وف" else w


def _coordination_phrase(joined: str) -> bool:
    g = grammar()
    for phrase in g.coordination:
        if " " in phrase and phrase in joined:
            rest = joined.replace(phrase, " ").split()
            return all(w in ("و", "،", ",", "و") for w in rest)
    return False
