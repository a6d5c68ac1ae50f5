"""Tokenisation with clitic segmentation, offset-preserving.

A token is a run of letters (Arabic, Latin), digits and the invisible characters that can
sit inside a name, or one punctuation mark. Each Arabic token is segmented by `segment()`
into proclitics (و ف, then ب ل ك or the future س, then the article ال; لل = ل + ال),
a stem and one pronoun enclitic (ه ها هم هما هن ك كم ي نا).

Segmentation peels one layer at a time, from the outside in (conjunction, preposition or
future, article, then enclitic), and decides each layer from word counts in news text
(data/vocab.txt), as unsupervised segmenters do: a clitic comes off when what remains is
attested as a word in other contexts more often than the whole is attested as a word of
its own. A remainder is attested when it is seen bare or behind another proclitic; the
whole is attested when it carries proclitics or the article itself (ووزير, الوزير show
that وزير is a word). For enclitics the test is the article, which never combines with a
pronoun (المصري shows that مصري is not مصر + ي), and a feminine or plural (مصرية). So
وقال = و + قال, حكومته = حكومة + ه, سيدعم = س + يدعم, but وزير, واشنطن, بنغازي, لبنان
stay whole, and an unknown word keeps its letters. What the surface shows is used too: a
final ة is never an enclitic, a word written with أ has no article, and a remainder
written with a bare ا is rarely a word news spells with a hamza (واحد is not و + أحد).
Closed-class words (data/function_words.txt) are never split. Words the caller registers
with add_vocabulary() (actor names from the knowledge base) count as well-attested, so
لحفتر = ل + حفتر once حفتر is registered. Accuracy: tests/test_text_clitics.py.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from hadath.model import Token
from hadath.text.normalize import INVISIBLE, normalize, normalize_with_map

_INVIS = "".join(sorted(INVISIBLE))
_LETTER = r"[^\W_]|[\u064B-\u065F\u0670\u0640\u06D6-\u06ED" + _INVIS + "]"
_WORD = re.compile(rf"(?:{_LETTER})+(?:[.,٫٬](?:\d)+)*")
_TOKEN = re.compile(rf"{_WORD.pattern}|\S")

CONJ = ("و", "ف")
PREP = ("ب", "ل", "ك", "س")
SUFFIXES = ("هما", "هم", "هن", "ها", "كم", "نا", "ه", "ك", "ي")   # longest first
MIN_STEM = 2
MAX_WORD = 30             # longer "words" (runs of letters without spaces) stay whole

# Decision constants (see the module docstring); tuned on the phenomenon, not on words.
MIN_EVIDENCE = 4
# Proclitic ratios: the remainder's evidence must exceed the whole's evidence times this.
PEEL_RATIO = {"و": 1.0, "ف": 1.0, "ب": 1.0, "ل": 1.0, "ك": 2.0, "س": 1.0}
# Weight of the whole word's own count on the side of keeping it. و ب ل prefix most
# words that can take them (وأضاف is far more frequent than أضاف, بسبب than سبب), so
# their count says nothing; ف and ك are rarer, so a frequent ف- or ك-word (فكرة, كينيا)
# is more likely a word of its own.
PEEL_SELF = {"ف": 10.0, "ك": 1.0, "س": 1.0}
SUFFIX_RATIO = 1.0
# Same for enclitics: pronoun objects and possessives are common for ه ها هم ..., rare in
# news for the first and second person ي ك كم (يشارك is a word, not يشار + ك).
SUFFIX_SELF = {"ي": 5.0, "ك": 5.0, "كم": 5.0}
SUFFIX_SELF_DEFAULT = 0.1
HOSTED_CAP = 3
# An ال-word seen with pronoun enclitics this often (relative to itself) is not article +
# stem (التزام: التزامه); below it, typos (العمره beside 1068 العمر) are ignored.
ARTICLE_ENCLITIC_SHARE = 0.02
# Share of the writers who drop the hamza of أ إ: a remainder written with a bare ا
# counts the words the news spells with a hamza at this rate (sloppy text still works).
HAMZA_SLOPPY = 0.03
REGISTERED = 1000         # evidence given to a word registered with add_vocabulary()
_NO_SEG = ((), 0, 0, "")

_extra_vocab: set[str] = set()
_HAMZA_ALEF = str.maketrans("أإآى", "اااي")
_TO_NORM = str.maketrans("ة", "ه")


def _read(name: str) -> str:
    try:
        return resources.files("hadath.text").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


_COUNT: dict[str, int] = {}         # lookup key (hamza alefs -> ا) -> count
_BARE: dict[str, int] = {}          # key -> count of the forms written with a bare initial ا


@lru_cache(maxsize=1)
def _counts() -> dict[str, int]:
    """The vocabulary counts (loaded once, into _COUNT and _BARE)."""
    for line in _read("vocab.txt").splitlines():
        if line and not line.startswith("#"):
            form, _, n = line.partition("\t")
            count = int(n) if n else 1
            key = form.translate(_HAMZA_ALEF)
            _COUNT[key] = _COUNT.get(key, 0) + count
            if form[0] == "ا":
                _BARE[key] = _BARE.get(key, 0) + count
    return _COUNT


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(w.strip() for w in _read("function_words.txt").splitlines()
                     if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def _ranks() -> dict[str, int]:
    return {key: i for i, key in enumerate(sorted(_counts(), key=_counts().get, reverse=True))}


def is_common_word(norm: str, top: int = 300) -> bool:
    """Among the `top` most frequent words of the news corpus (في، على، الذي، قال ...)."""
    rank = _ranks().get(norm.translate(_HAMZA_ALEF))
    return rank is not None and rank < top


def add_vocabulary(words) -> None:
    """Register extra known words (normalised), e.g. actor names from the knowledge base."""
    _extra_vocab.update(normalize(w) for w in words)
    _analyse.cache_clear()
    _evidence.cache_clear()
    _analyse_surface.cache_clear()


def is_known(word: str) -> bool:
    """Whether a word (normalised, or with ة kept) is in the vocabulary or registered."""
    key = word.translate(_HAMZA_ALEF)
    counts = _counts()
    return (key in counts or (key[-1:] == "ه" and key[:-1] + "ة" in counts)
            or key.translate(_TO_NORM) in _extra_vocab or key in _function_words())


# ---------------------------------------------------------------- evidence from counts
def _c(key: str) -> int:
    return _COUNT.get(key, 0)


def _registered(key: str) -> bool:
    return key.translate(_TO_NORM) in _extra_vocab or key in _function_words()


def _hosted(key: str) -> int:
    """How often `key` is seen carrying a proclitic (not the article): it is a word."""
    return _c("و" + key) + _c("ف" + key) + _c("ب" + key) + _c("ل" + key)


def _hosted_remainder(key: str, whole: str) -> int:
    """As _hosted, for a remainder of `whole` (which is left out): without ف (many words
    begin with ف: فرقة is not ف + رقة), and each form counted at most HOSTED_CAP times
    as often as the bare word, since a hosted form far more frequent than its host is a
    word of its own (بعد is not ب + عد)."""
    cap = HOSTED_CAP * max(_c(key), 1)
    return sum(min(_c(h + key), cap) for h in "وبل" if h + key != whole)


def _with_article(key: str) -> int:
    """How often `key` is seen after the article: a word that takes no pronoun enclitic."""
    return _c("ال" + key) + _c("وال" + key) + _c("بال" + key) + _c("لل" + key)


@lru_cache(maxsize=100_000)
def _evidence(key: str) -> int:
    """How well `key` is attested as a word: bare, with a proclitic or the article."""
    if _registered(key):
        return REGISTERED + _c(key)
    return _c(key) + _hosted(key) + _with_article(key)


def _as_remainder(rest: str, whole: str, bare_alef: bool = False) -> float:
    """Evidence that `rest` is a word, leaving out `whole` (the form being decided).
    `bare_alef`: rest is written with a plain initial ا, so a word news writes with
    أ or إ (أحد, أدى) is unlikely: واحد is not و + أحد."""
    e = _c(rest) + _hosted_remainder(rest, whole)
    if _registered(rest):
        return REGISTERED + e
    if bare_alef and rest[0] == "ا" and e:
        total = _c(rest)
        bare = _BARE.get(rest, 0) / total if total else 1.0
        e *= bare + HAMZA_SLOPPY * (1.0 - bare)
    if e >= MIN_EVIDENCE or _c(whole) >= MIN_EVIDENCE:
        return e
    # an unseen word: a rare accusative of a known word (وتخريبا), or a remainder that
    # itself carries clitics around a known stem
    if len(rest) >= 4 and rest[-1] == "ا" and whole[0] in CONJ:
        e = max(e, _c(rest[:-1]))
    if e < MIN_EVIDENCE and len(rest) >= 3:
        pre, s, t, suf = _analyse(rest)
        if pre or suf:
            e = MIN_EVIDENCE
    return e


def _as_whole(key: str) -> int:
    """Evidence that `key` is a word of its own (it carries clitics, or is registered)."""
    if _registered(key):
        return REGISTERED
    return _hosted(key) + _with_article(key)


def _peel(whole: str, rest: str, bare_alef: bool = False) -> bool:
    """Whether the proclitic whole[0] comes off, leaving `rest`."""
    e = _as_remainder(rest, whole, bare_alef)
    p = whole[0]
    if p in CONJ:
        against = _as_whole(whole)
    else:   # وبموجب says nothing about بموجب: و attaches outside ب in either reading
        against = _as_whole(whole) - _c("و" + whole) - _c("ف" + whole)
    against += PEEL_SELF.get(p, 0.0) * _c(whole)
    # Accusative (tanween) alef: بعيدا shows that بعيد is a word, since a noun after a
    # preposition is never accusative; ليلا is ليل + ا and واحدا is واحد + ا, not ل + يلا
    # or و + احدا (but وتخريبا is و + تخريبا, as وتخريب is و + تخريب).
    if p not in CONJ and not (whole + "ا").endswith(("ها", "هما", "كما")):
        against += _c(whole + "ا")
    if whole[-1] == "ا" and len(whole) > 3 and not _analyse(whole[:-1])[0]:
        against += _c(whole[:-1])
    if len(rest) == 2 and rest not in _function_words():
        against += _c(whole)      # short remainders are weak evidence (ولي العهد, not و + لي)
    return e >= MIN_EVIDENCE and e > PEEL_RATIO[p] * against


# ---------------------------------------------------------------- the segmenter
def segment(norm: str) -> tuple[tuple[str, ...], int, int, str]:
    """Segment a normalised word: (proclitics, stem start, stem end, enclitic).

    Stem offsets index into `norm`. `norm` may keep ة, ى and the hamza alefs (أ إ آ):
    tokenize() passes them, since a final ة is never an enclitic and a word that starts
    with أ has no article; a plain normalize() form works too.
    """
    pre, s, e, suf = _analyse(norm)
    return (pre, s, e, suf) if (pre or suf) else ((), 0, len(norm), "")


segment.cache_clear = lambda: add_vocabulary(())   # kept for callers of the old API


@lru_cache(maxsize=200_000)
def _analyse(form: str) -> tuple[tuple[str, ...], int, int, str]:
    _counts()
    key = form.translate(_HAMZA_ALEF)
    n = len(key)
    if n < 2 or n > MAX_WORD or not ("\u0621" <= key[0] <= "\u064A") \
            or key in _function_words() \
            or (key[0] not in _FIRST and key[-1] not in _LAST):
        return _NO_SEG
    pre: list[str] = []
    i = 0
    # 1. conjunction
    if key[0] in CONJ and n >= 3 and _peel(key, key[1:], form[1] == "ا"):
        pre.append(key[0])
        i = 1
    # 2. a preposition or the future particle; ل + ال is written لل
    if n - i >= 2 and key[i:] not in _function_words():
        p = key[i]
        rest = key[i + 1:]
        if p in "بل" and form[i + 1:] in _PRONOUNS:       # له, بها, لهم: preposition + pronoun
            return tuple(pre), i, i + 1, rest
        if p == "ل" and key.startswith("لل", i) and n - i >= 4:
            return _lil(form, key, i, pre)
        if p in "بك" and form.startswith("ال", i + 1) \
                and _article(key, i + 1, known=_c(key[i:]) >= MIN_EVIDENCE):
            pre += [p, "ال"]
            return tuple(pre), i + 3, n, ""
        if p in PEEL_RATIO and (n - i >= 4 or rest in _function_words()) \
                and rest not in _PREP_PRONOUNS \
                and (p != "س" or rest[0] in "يتن") and _peel(key[i:], rest, form[i + 1] == "ا") \
                and not _enclitic_wins(form, key, i, rest):
            pre.append(p)
            i += 1
    # 3. the article (written with a plain alef)
    if form.startswith("ال", i) and _article(key, i):
        pre.append("ال")
        return tuple(pre), i + 2, n, ""
    # 4. a pronoun enclitic
    suf = _enclitic(form, key, i)
    return tuple(pre), i, n - len(suf), suf


_PRONOUNS = frozenset(SUFFIXES)
_FIRST = frozenset("وفبلكسا")                  # letters a proclitic can start with
_LAST = frozenset(s[-1] for s in SUFFIXES)     # letters an enclitic can end with


def _takes_enclitics(word: str) -> bool:
    """Whether word (which starts with ال) is seen with pronoun enclitics, so that its ال
    is not the article: التزام (التزامه), التقطت (التقطتها), القت; also when word itself
    ends with one (التزاماتها)."""
    for w in (word, *(word[:-len(s)] for s in ("ه", "ها", "هم") if word.endswith(s))):
        n = _c(w)
        if n >= MIN_EVIDENCE and (w == word or n >= _c(word)):   # not المت + هم
            enc = _c(w + "ه") + _c(w + "ها") + _c(w + "هم")
            if enc >= MIN_EVIDENCE and enc >= ARTICLE_ENCLITIC_SHARE * n:
                return True
    return False


def _enclitic_wins(form: str, key: str, i: int, rest: str) -> bool:
    """بعدها: بعد + ها beats ب + عدها when بعد is better attested than the stem of
    the other reading (لقواته stays ل + قوات + ه: قوات beats لقوات)."""
    suf = _enclitic(form, key, i)
    if not suf:
        return False
    stem = key[i:len(key) - len(suf)]
    mine = max(_evidence(s) for s in _restorations(stem, suf))
    pre_r, s_r, e_r, suf_r = _analyse(form[i + 1:])
    if suf_r:
        other = max(_evidence(s) for s in _restorations(rest[s_r:e_r], suf_r))
    else:
        other = _as_remainder(rest, key[i:])
    return mine > other


_PREP_PRONOUNS = frozenset(p + s for p in "بل" for s in SUFFIXES)   # كلهم is كل + هم


def _article(key: str, i: int, known: bool = False) -> bool:
    """Whether key[i:] (which starts with ال) is the article and a stem. After ب ك, if
    the whole word is a known word, the stem must be attested (كاليفورنيا)."""
    if key[i:] in _function_words() or _takes_enclitics(key[i:]):
        return False
    rest = key[i + 2:]
    if len(rest) >= 3:
        return not known or _evidence(rest) >= MIN_EVIDENCE
    # a two-letter stem must be seen bare or with the article (بالغة is not ب + ال + غة)
    return len(rest) == 2 and _c(rest) + _c("ال" + rest) >= MIN_EVIDENCE


def _lil(form: str, key: str, i: int, pre: list[str]):
    """ل + ال + stem (للرئيس), or ل + a word that starts with ل (للبنان, للجنة)."""
    short, long_ = key[i + 2:], key[i + 1:]
    if _evidence(long_) > _evidence(short) and len(long_) >= 3:
        article = _c("ال" + long_) > 0.2 * _c(long_)   # للجنة: ل + اللجنة, للبنان: ل + لبنان
        return tuple(pre + (["ل", "ال"] if article else ["ل"])), i + 1, len(key), ""
    return tuple(pre + ["ل", "ال"]), i + 2, len(key), ""


def _enclitic(form: str, key: str, i: int) -> str:
    word = key[i:]
    if form[-1] in "ةى" or word[-1] not in _LAST:
        return ""
    for suf in SUFFIXES:
        if not form.endswith(suf) or len(word) - len(suf) < MIN_STEM:
            continue
        stem = word[:-len(suf)]
        if len(stem) == 2 and stem not in _function_words():
            continue              # two-letter stems are noise (درهم, بنك), but منه, عنه
        e = max(_evidence(s) for s in _restorations(stem, suf))
        against = _with_article(word) + SUFFIX_SELF.get(suf, SUFFIX_SELF_DEFAULT) * _c(word)
        if suf == "ي" and _nisba(word):
            continue              # a nisba adjective (المصري, مصرية), not مصر + ي
        if _registered(word):
            against += REGISTERED
        if e >= MIN_EVIDENCE and e > SUFFIX_RATIO * against:
            return suf
    return ""


def _nisba(word: str) -> bool:
    """Whether word (ending in ي) is an adjective: it takes the article, or has a
    feminine or plural about as common as itself."""
    forms = _evidence(word + "ة") + _c(word + "ين")
    return (_with_article(word) >= MIN_EVIDENCE
            or (forms >= MIN_EVIDENCE and forms >= 0.2 * _c(word)))


def _restorations(stem: str, suf: str) -> tuple[str, ...]:
    """The stem as it is written without an enclitic: حكومت -> حكومة, حلفاؤ -> حلفاء,
    and before a third-person object أعطا -> أعطى (normalised أعطي)."""
    last = stem[-1]
    if last == "ت":
        return (stem, stem[:-1] + "ة")
    if last in "ؤئ":
        return (stem, stem[:-1] + "ء")
    if last == "ا" and suf[0] == "ه":
        return (stem, stem[:-1] + "ي")
    return (stem,)


# ---------------------------------------------------------------- tokens
class _SegTable(dict):
    """normalize()'s table, except that ة ى أ إ آ stay (see segment)."""
    KEEP = {0x0629: "ة", 0xFE93: "ة", 0xFE94: "ة", 0x0649: "ى", 0x0623: "أ", 0x0625: "إ",
            0x0622: "آ"}

    def __missing__(self, o: int) -> str:
        v = self.KEEP.get(o) or normalize(chr(o))
        self[o] = v
        return v


_SEG = _SegTable()
_MARKS = frozenset(chr(c) for c in [*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)])
_LOOKUP = str.maketrans("ى", "ي")


def lookup_form(s: str) -> str:
    """normalize(s) with teh marbuta and the hamza alefs أ إ آ kept: the form of the
    vocabulary (same length as normalize(s))."""
    return s.translate(_SEG).translate(_LOOKUP)


@lru_cache(maxsize=200_000)
def _analyse_surface(surface: str):
    """(norm, prefixes, stem start, stem end, suffix) for one token, offsets in `surface`."""
    norm, index = normalize_with_map(surface)
    if not norm:
        return norm, (), -1, -1, ""
    form = surface.translate(_SEG)
    if len(form) != len(norm):            # a character normalised to several: plain form
        form = norm
    pre, s, e, suf = _analyse(form)
    if not (pre or suf):
        return norm, (), -1, -1, ""
    end = index[e - 1] + 1
    while end < len(surface) and surface[end] in _MARKS:    # the last letter's tashkeel
        end += 1
    return norm, pre, index[s], end, suf


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of text[start:end], with offsets into `text` and clitic segmentation."""
    end = len(text) if end is None else end
    tokens = []
    append = tokens.append
    for m in _TOKEN.finditer(text, start, end):
        surface = m.group()
        b = m.start()
        norm, pre, s, e, suf = _analyse_surface(surface)
        if pre or suf:
            append(Token(surface, b, m.end(), norm, b + s, b + e, pre, suf))
        else:
            append(Token(surface, b, m.end(), norm))
    return tokens
