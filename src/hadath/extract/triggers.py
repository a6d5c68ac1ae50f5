"""The trigger lexicon (data/triggers.yaml) and the trigger matcher.

Verbs are listed once, as "past|present" in the 3rd person masculine singular; every
conjugation is generated here. The matcher looks a token up by its normalised form and by
the forms left when proclitics (و ف ب ل ك س ال لل), one pronoun enclitic or the
accusative alef are taken off, so that وبدعم، لدعمه، ستدعم، دعمًا all find دعم.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from hadath.extract.structure import grammar
from hadath.model import Token
from hadath.resources import load_yaml
from hadath.text import normalize


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    mode: str | None = None
    context: tuple[str, ...] = ()
    rec: tuple[str, ...] = ("obj",)
    verb: bool = False
    receive: bool = False
    actorless: bool = False
    weak: bool = False
    symmetric: bool = False
    idafa: str = "actor"     # who the genitive after a verbal noun is: actor or recipient
    addressed: bool = False  # an event only with a recipient (سعى لدى واشنطن, not سعى إلى)
    unless: frozenset = frozenset()   # words that, among the next two, make it no event


@dataclass(slots=True)
class TriggerMatch:
    trigger: Trigger
    first: int          # token indexes in the sentence, end exclusive
    last: int
    form: str = ""
    object: int = -1    # the object noun of a verbal head split from it (أطلقت القوات صواريخ)


@dataclass
class Lexicon:
    words: dict[str, Trigger] = field(default_factory=dict)
    present: set[str] = field(default_factory=set)      # imperfect verb forms (يدعم، تدعم ...)
    phrases: dict[str, list[tuple[tuple[str, ...], Trigger]]] = field(default_factory=dict)
    nouns: dict[str, Trigger] = field(default_factory=dict)   # noun readings of forms that are verbs too (دعم)
    skip: set[str] = field(default_factory=set)   # forms that are never triggers (أيدي)

    def add_word(self, form: str, trig: Trigger) -> None:
        form = normalize(form)
        self.words.setdefault(form, trig)   # first entry wins: keep the file ordered
        if not trig.verb:
            self.nouns.setdefault(form, trig)

    def add_phrase(self, phrase: str, trig: Trigger) -> None:
        words = tuple(normalize(w) for w in phrase.split())
        self.phrases.setdefault(words[0], []).append((words, trig))


def _past_forms(p: str) -> list[str]:
    forms = [p, p + "ت", p + "ا", p + "تا", p + "وا", p + "نا", p + "تم", p + "ن"]
    # Final alef maqsura / ya of weak verbs (سعى يسعى) keeps its shape only in some persons.
    if p.endswith("ي"):
        forms += [p[:-1] + "ت", p[:-1] + "وا", p[:-1] + "يت"]
    if p.endswith("ا"):
        forms += [p[:-1] + "وا", p[:-1] + "ت"]
    return forms


def conjugate(past: str, present: str) -> list[str]:
    """Common finite forms of a verb from its past and present 3ms forms: past forms first."""
    p, y = normalize(past), normalize(present)
    stem = y[1:] if y[:1] in "يت" else y
    past_forms = _past_forms(p)
    pres = [pre + stem for pre in ("ي", "ت", "ن", "ا")]
    pres += [pre + stem + suf for pre in ("ي", "ت") for suf in ("ون", "ان", "وا", "ين", "ن")]
    if stem.endswith(("ي", "و")):
        pres += [pre + stem[:-1] + suf for pre in ("ي", "ت") for suf in ("ون", "ان", "وا", "ن")]
    return past_forms + pres


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    lex = Lexicon()
    for entry in load_yaml("hadath.extract", "data/triggers.yaml"):
        if "skip" in entry:
            lex.skip.update(normalize(w) for w in entry["skip"])
            continue
        base = dict(type=entry["type"], mode=entry.get("mode"), context=tuple(entry.get("context") or ()),
                    rec=tuple(normalize(r) for r in entry.get("rec") or ("obj",)), receive=bool(entry.get("receive")),
                    actorless=bool(entry.get("actorless")), weak=bool(entry.get("weak")),
                    symmetric=bool(entry.get("symmetric")), idafa=entry.get("idafa", "actor"),
                    addressed=bool(entry.get("addressed")),
                    unless=frozenset(normalize(w) for w in entry.get("unless") or ()))
        verb_trig, noun_trig = Trigger(verb=True, **base), Trigger(**base)
        verbal_heads = _verbal_heads()
        for spec in entry.get("v") or ():
            past, present = spec.split("|")
            forms = conjugate(past, present)
            for form in forms:
                lex.add_word(form, verb_trig)
            past_forms = set(_past_forms(normalize(past)))
            lex.present.update(f for f in forms if f not in past_forms)
        for noun in entry.get("n") or ():
            (lex.add_phrase if " " in noun else lex.add_word)(noun, noun_trig)
        for phrase in entry.get("p") or ():
            trig = verb_trig if normalize(phrase.split()[0]) in verbal_heads else noun_trig
            (lex.add_phrase if " " in phrase else lex.add_word)(phrase, trig)
    return lex


def _verbal_heads() -> frozenset:
    from hadath.extract.structure import grammar   # late: structure reads the same data folder
    return grammar().verbal_heads


_PROCLITICS = ("وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك", "س")
_ENCLITICS = ("هما", "هم", "هن", "ها", "كم", "نا", "ه", "ي", "ك")


@lru_cache(maxsize=100_000)
def candidate_forms(norm: str) -> tuple[str, ...]:
    """The word and what remains of it with clitics taken off, most specific first."""
    out = [norm]
    stems = [norm]
    for _ in range(2):   # up to two layers of proclitics: و+ب+ال ...
        nxt = []
        for w in stems:
            for pre in _PROCLITICS:
                if w.startswith(pre) and len(w) - len(pre) >= 3:
                    nxt.append(w[len(pre):])
        stems = nxt
        out += nxt
    for w in list(out):
        if w.endswith("ا") and len(w) > 3:          # accusative: دعما، اجتماعا
            out.append(w[:-1])
        for suf in _ENCLITICS:
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                rest = w[:-len(suf)]
                out.append(rest)
                if rest.endswith("ت"):               # مساندته -> مساندة
                    out.append(rest[:-1] + "ه")
    return tuple(dict.fromkeys(out))


def find_triggers(tokens: list[Token], taken: set[int], soft: frozenset[int] = frozenset()) -> list[TriggerMatch]:
    """Trigger matches in a sentence's tokens, skipping tokens in `taken` (actor mentions);
    a multi-word pattern may run over `soft` ones (role words: أرسلت قوات)."""
    lex = load_lexicon()
    out: list[TriggerMatch] = []
    objects = set()   # object nouns already read with their verbal head
    i = 0
    while i < len(tokens):
        if i in taken or i in objects or not tokens[i].norm or tokens[i].norm in lex.skip or _in_hashtag(tokens, i):
            i += 1
            continue
        forms = candidate_forms(tokens[i].norm)
        match = _phrase_at(tokens, i, forms, lex, taken - soft, taken)
        if match is None:
            for f in forms:
                trig = lex.words.get(f)
                if trig is not None and (_first_person_misread(tokens[i].norm, f, lex) or _nisba(tokens[i].norm, f)
                                         or _ta_marbuta(tokens[i], f)):
                    continue
                if trig is not None:
                    if trig.verb and f in lex.nouns and _noun_reading(tokens, i, f):
                        trig = lex.nouns[f]
                    elif trig.verb and (_after_noun_head(tokens, i) or _after_count(tokens, i)):
                        continue   # من تحالف "قوات سوريا الديمقراطية"، 34 طالب لاهوت: nouns
                    elif trig.verb and _has_article(tokens[i].norm, f):
                        continue   # التوافق is a noun, not the verb توافق
                    elif trig.verb and tokens[i].stem_text.startswith("إ"):
                        continue   # إصابته is the noun (his injury); the verb is أصابته
                    match = TriggerMatch(trig, i, i + 1, f)
                    break
        if match is not None and _cancelled(tokens, match, taken):
            match = None
        if match is not None:
            out.append(match)
            objects.add(match.object)
            i = match.last
        else:
            i += 1
    return out


def _has_article(norm: str, form: str) -> bool:
    """Verbs never take the article: is `form` preceded by ال (or لل) in the token?"""
    head = norm[:len(norm) - len(form)] if norm.endswith(form) else ""
    return head.endswith(("ال", "لل"))


def _in_hashtag(tokens: list[Token], i: int) -> bool:
    """#تحالف_دعم_الشرعية is a tag, not a sentence."""
    return any(0 <= j < len(tokens) and tokens[j].text in ("_", "#") for j in (i - 1, i + 1))


_NOUN_BEFORE = frozenset(normalize(w) for w in (
    "عن", "في", "من", "إلى", "على", "مع", "حول", "بشأن", "بعد", "قبل", "خلال", "رغم", "إثر", "عبر",
    "فريق", "عملية", "عمليات", "حملة", "جولة", "مجال"))   # prepositions, and heads of a construct: فريق بحث


def _cancelled(tokens: list[Token], match: TriggerMatch, names: set[int]) -> bool:
    """اعترف بأن (admitted, not recognised), تحت تهديد السلاح, ثمن النهائي: the lexicon's
    `unless` words among the next two tokens that are no actor's name (اعترفت تل أبيب بأن)."""
    unless = match.trigger.unless
    if not unless:
        return False
    after = [t for i, t in enumerate(tokens[match.last:], match.last) if i not in names][:2]
    return any(t.norm in unless for t in after)


def _previous(tokens: list[Token], i: int) -> Token | None:
    """The token before i, past quotes."""
    j = i - 1
    while j >= 0 and not tokens[j].norm.strip('"'):
        j -= 1
    return tokens[j] if j >= 0 else None


def _after_noun_head(tokens: list[Token], i: int) -> bool:
    """After a preposition or the head of a construct (فريق بحث) a word is a noun."""
    prev = _previous(tokens, i)
    return prev is not None and prev.norm in _NOUN_BEFORE


def _after_count(tokens: list[Token], i: int) -> bool:
    """34 طالب لاهوت: a counted noun (a year may stand before a verb: في عام 2014 قتل)."""
    prev = _previous(tokens, i)
    return prev is not None and prev.norm.isdigit() and not (len(prev.norm) == 4 and prev.norm[:2] in ("19", "20"))


def _ta_marbuta(token: Token, form: str) -> bool:
    """قابلة (capable) is not قابل + ه (met him): normalisation writes ة as ه, the text does not."""
    return token.text.endswith("ة") and token.norm.endswith(form + "ه")


def _nisba(norm: str, form: str) -> bool:
    """الاجتماعي (social) is not اجتماع + ي (my meeting), الوزاري (ministerial) no زار: a
    trigger with ي or ية after it is an adjective (a verb's "me" is ني)."""
    return norm.endswith((form + "ي", form + "يه", form + "يين", form + "يون"))


def _first_person_misread(norm: str, form: str, lex: Lexicon) -> bool:
    """الأسلحة is not أسلّح + ه (I arm him): a first-person verb with a pronoun taken off a
    word ending in ة (normalised ه) is a noun."""
    return form[:1] == "ا" and form in lex.present and norm.endswith("ه") and not norm.endswith(form)


def _noun_reading(tokens: list[Token], i: int, form: str) -> bool:
    """دعم after a preposition or with the article or ب/ل is the verbal noun, not the verb."""
    norm = tokens[i].norm
    if norm != form and norm.endswith(form) and any(c in norm[:len(norm) - len(form)] for c in "البك"):
        return True
    # إنّ and لأنّ take a noun (قال إن "رفض السلطات ..."); أن may take a verb
    prev = _previous(tokens, i)
    return _after_noun_head(tokens, i) or prev is not None and prev.text in ("إن", "وإن", "فإن", "لأن")


_VERB_ENDINGS = ("تا", "وا", "ت", "ا", "ن")


def _phrase_at(tokens, i, forms, lex, taken, names) -> TriggerMatch | None:
    """The longest multi-word pattern starting at token i; its first word may be conjugated
    (اطلق النار: أطلقت النار، أطلقوا النار). `taken` tokens break a pattern; a verbal head
    may stand apart from its object past any names (`names`: role words too)."""
    best = None
    heads = list(forms) + [f[:-len(e)] for f in forms for e in _VERB_ENDINGS if f.endswith(e) and len(f) > len(e) + 2]
    for f in heads:
        for words, trig in lex.phrases.get(f, ()):
            j, k = i + 1, 1
            while k < len(words) and j < len(tokens) and j not in taken:
                if words[k] not in candidate_forms(tokens[j].norm) and words[k] != tokens[j].norm:
                    break
                j, k = j + 1, k + 1
            if k == len(words) and (best is None or j > best.last):
                best = TriggerMatch(trig, i, j, " ".join(words))
            elif best is None and trig.verb and len(words) == 2:
                obj = _split_object(tokens, i, words[1], names)
                if obj is not None:
                    best = TriggerMatch(trig, i, i + 1, " ".join(words), obj)
    return best


MAX_SPLIT = 8   # tokens between a verbal head and its object noun


def _split_object(tokens, i, noun, taken) -> int | None:
    """VSO puts the subject between a verbal head and its object (أطلقت كتائب القسام عشرات
    الصواريخ، شنت الطائرات الإسرائيلية أمس غارات): the noun may follow past the subject's
    words, numbers and times."""
    g = grammar()
    for j in range(i + 1, min(len(tokens), i + 1 + MAX_SPLIT)):
        norm = tokens[j].norm
        if noun in candidate_forms(norm):
            return j if j > i + 1 else None
        if not (j in taken or g.is_number(norm) or norm in g.time_cues
                or norm in g.split_fillers):
            return None
    return None
