"""Who acts and who is acted upon: the actor and recipient arguments of one trigger.

Rules over structure.py's view of the sentence (clauses, preposition markers, coordination):
- verbs take their subject from before the verb in the same clause (SVO, what follows
  إن/أن, or the pronoun of إنه itself) or else from right after it (VSO), where the verb
  agrees with it (a masculine verb takes no feminine noun, a plural verb none); a verb after
  a relative pronoun has the noun before it as its subject; a second verb with و shares the
  first one's; their recipient is the first argument after them carrying a marker the
  lexicon allows (obj = unmarked), not past another event's trigger;
- verbal nouns take an adjective actor (الدعم الإسرائيلي), else a genitive (دعم إسرائيل, or
  the object: تزويد الجيش), else the subject of the verb that governs them (بدأت إسرائيل في
  تزويد ...); بين X و Y gives both sides; a preceding "receive" verb (تلقى، يحظى، تعرض ل)
  swaps the roles; اتهم X Y بدعم Z: Y supports Z;
- casualty reports: casualties.py.
"""
from __future__ import annotations

from hadath.extract.attribution import cues
from hadath.extract.casualties import by_means_of, casualty, cause_before, objectless, victims
from hadath.extract.structure import QUOTES, Arg, SentenceView, counterpart, grammar, strip_conj
from hadath.extract.triggers import TriggerMatch, candidate_forms, load_lexicon
from hadath.model import Mention
from hadath.text import normalize

HELP = frozenset({"SUPPORT", "AID", "COOPERATE"})
_AMONG = frozenset({"من", "بينها", "بينهم", "منها", "منهم"})   # من بين الكيانات "إسرائيل"، بينها فرنسا
MAX_GAP = 4         # tokens between a verb and a VSO subject


def arguments(view: SentenceView, match: TriggerMatch) -> tuple[list[Mention], list[Mention]]:
    trig = match.trigger
    cs, ce = view.clause(match.first, match.last)
    after = [a for a in view.args if a.first >= match.last]
    before = [a for a in view.args if a.last <= match.first]

    # "X received support from Y"
    receiver = _receive_subject(view, match, before)
    if receiver is not None:
        # from whom: من X (من بين الكيانات "إسرائيل"), a demonym adjective (دعما سعوديا) or the
        # genitive (حصل على موافقة البرلمان); not a noun further on (تعرض تيلرسون لانتقادات
        # لمحاولته تقليص موازنة الخارجية)
        givers = [a for a in after if a.mention.kind != "pronoun" and (a.marker == "من" or a.marker == "" and (
            a.mention.kind == "demonym" or _adjacent(view, match.last, a.first)
            or any(w in _AMONG for w in view.norms[max(0, a.first - 5):a.first])))]
        return _mentions(view.group(givers[0])) if givers else [], _mentions(view.group(receiver))

    # تتابع القوات اليمنية بدعم من التحالف العربي: the coalition supports the forces
    backer = _backed_by(view, match, after)
    if backer is not None:
        supported = [a for a in before if a.marker == "" and a.first >= cs][-1:]
        return _mentions(view.group(backer)), _mentions(view.group(supported[0])) if supported else []

    # اتهمت واشنطن إيران بدعم الحوثيين: the accused does what it is accused of
    accused = _accused_of(view, match, before)
    if accused is not None:
        genitive = [a for a in after if a.first == match.last and a.marker == ""]
        return _mentions(view.group(accused)), _mentions(view.group(genitive[0])) if genitive else []

    # يتهم النظام السوري باستخدام ...: one noun, then what it is accused of: it is the accused
    if trig.type == "ACCUSE" and trig.mode == "allege" and trig.verb and _accused_passive(view, match, after):
        return [], _mentions(view.group(after[0]))

    # بين X و Y: both sides
    between = [a for a in after if a.marker == "بين" and a.first - match.last <= 3]
    if between:
        group = view.group(between[0])
        if len(group) >= 2:
            return [group[0].mention], _mentions(group[1:])

    if casualty(view, match):
        return by_means_of(view, match, after, ce) or cause_before(view, match, before), \
            victims(view, match, before, after, cs)

    if trig.verb and _written_passive(view, match):   # احتُجز خاشقجي، قُتلا: the subject is the done-to
        subject = [a for a in after if a.marker == "" and a.first - match.last <= MAX_GAP][:1] or \
                  [a for a in before if a.marker == "" and a.first >= cs][-1:]
        return [], _mentions(view.group(subject[0])) if subject else []
    if trig.verb and trig.type in ("ASSAULT", "COERCE") and objectless(view, match):
        done_to = [a for a in before if a.marker == "" and a.first >= cs and a.last >= match.first - 3]
        if done_to:   # شابة تدعى خديجة اختطفت بعد أن ...: a force verb with no object is passive
            return [], _mentions(view.group(done_to[-1]))

    actor_arg = None
    if trig.verb and not _reported_masdar(view, match, before):
        subj = [a for a in before if a.first >= cs - 1 and _may_be_subject(view, match, a, cs)]
        subj = [a for a in subj if a.first >= cs or a in subj[-1:]]   # the أن before the clause
        post = [a for a in after if a.first <= ce and a.first - match.last <= MAX_GAP]
        rel = _relative_head(view, match, before)
        if rel is not None:
            actor_arg = rel or None
        elif subj and not _verb_subject_object(view, match, post):
            actor_arg = _group_start(view, _shared_subject(view, match, subj))
        elif post and post[0].marker == "" and not post[0].conj and _agrees(view, match, post[0]):
            actor_arg = post[0]   # a VSO subject never opens with و
    else:
        actor_arg = _noun_actor(view, match, after, before, cs)
    actors = view.group(actor_arg) if actor_arg else []
    recipients = _recipient(view, match, after, actors, ce)
    return _mentions(actors), _mentions(recipients)


def _may_be_subject(view: SentenceView, match: TriggerMatch, a: Arg, cs: int) -> bool:
    """An unmarked noun before a verb that may be its subject: not the genitive of another
    noun, not a speaker whose words are quoted or an outlet that reports, and a pronoun only
    as the doer."""
    if a.marker or _governed(view, a) or _quoting(view, a, match):
        return False
    if _is_speaker(view, a) and a.mention.entity.sector == "MED":
        return False
    return a.mention.kind != "pronoun" or _subject_pronoun(view, a, cs)


def _relative_head(view: SentenceView, match: TriggerMatch, before: list[Arg]) -> Arg | bool | None:
    """The subject of a verb that follows a relative pronoun: the noun the clause is about
    (إيران، التي تدعم حزب الله), or False when that noun is no actor (so the object after
    the verb is not taken for its subject). None when the verb is no relative clause's
    first word, or carries the head's pronoun (الفصائل التي تدعمها إيران: إيران is the subject)."""
    j = match.first - 1
    while j >= 0 and strip_conj(view.norms[j]) in ("قد", "كانت", "كان"):
        j -= 1
    if j < 0 or strip_conj(view.norms[j]) not in grammar().relatives or view.tokens[match.first].suffix:
        return None
    k = j - 1
    while k >= 0 and (view.norms[k] in QUOTES or view.norms[k] in "،,"):
        k -= 1
    head = [a for a in before if a.last == k + 1 and a.marker == "" and a.mention.kind != "pronoun"]
    return _group_start(view, head[-1]) if head else False


def _shared_subject(view: SentenceView, match: TriggerMatch, subj: list[Arg]) -> Arg:
    """و + verb with no subject of its own shares the previous verb's: in قتل جنود الحرس
    الثوري 10 مسلحين وأصاب آخرين, the gunmen are what the first verb did to, not the subject."""
    last = subj[-1]
    if view.tokens[match.first].prefixes[:1] not in (("و",), ("ف",)):
        return last
    earlier = [i for i in view.verb_tokens if i < last.first and i not in range(match.first, match.last)]
    if not earlier:
        return last
    v = max(earlier)
    own = [a for a in subj if v < a.first and a.last <= last.first and last not in view.group(a)]
    return own[0] if own else next((a for a in reversed(subj) if a.last <= v), last)


def _agrees(view: SentenceView, match: TriggerMatch, arg: Arg) -> bool:
    """Can the noun after a verb be its subject? A verb before its subject is singular and
    agrees in gender: a masculine verb does not take a feminine noun (وكما دعم المعارضة
    السورية: the subject is dropped, the opposition is the object), a plural verb takes no
    subject after it (هاجموا الجيش)."""
    form = view.tokens[match.first].stem_norm   # the verb as written (a phrase's head: أطلقت)
    if not form:
        return True
    if match.trigger.type in ("ASSAULT", "COERCE") and match.last < len(view.norms) \
            and grammar().is_number(view.norms[match.last]):
        return False   # أصاب 3 أطفال: a count after a verb of force is what it did to (تظاهر آلاف: who)
    if form.endswith(("وا", "ون")):
        return False
    masculine = form[:1] == "ي" if form in load_lexicon().present else not form.endswith(("ت", "تا"))
    if not masculine or arg.mention.entity.type in ("person", "PER"):
        return True
    if arg.mention.kind == "metonym":
        return False   # عندما زار الرياض: cities are feminine, the capital is what was visited
    head = match.last   # the noun right after the verb heads its subject (هدد تنظيم "الدولة")
    while head < arg.first and view.norms[head] in QUOTES:
        head += 1
    noun = view.tokens[head].stem_norm
    return not noun.endswith(("ه", "ات")) or noun in grammar().masculine_plurals


def _verb_subject_object(view: SentenceView, match: TriggerMatch, post: list[Arg]) -> bool:
    """و + verb + subject + object starts a clause of its own (..., واتهمت الحكومة الفلسطينية
    إسرائيل): the noun before it is not its subject. With one noun after it, the subject is
    shared (قصفت إسرائيل غزة واتهمت حماس)."""
    if not view.tokens[match.first].prefixes[:1] in (("و",), ("ف",)):
        return False
    plain = [a for a in post if a.marker == "" and not a.conj]
    return len(plain) >= 2 and plain[0].first == match.last


def topic_demonym(view: SentenceView, a: Arg, matches: list[TriggerMatch]) -> bool:
    """A demonym adjective of an ordinary noun (الملف الليبي، الصحراء الليبية) says what the
    thing is about, not who acts; after a trigger (الدعم العسكري الإسرائيلي) it is the actor."""
    k = a.first - 1
    if a.mention.kind != "demonym" or a.marker or a.conj or k < 0 or k in view.taken:
        return False
    if not normalize(a.mention.text).endswith(("ي", "يه")) or not view.norms[k][:1].isalpha():
        return False   # الليبيون: people; a quote or a comma before it: no adjective
    sides = grammar().sides
    noun = strip_conj(view.norms[k])
    people = grammar().victim_nouns | grammar().crowd   # فتى فلسطيني، آلاف الفلسطينيين
    if noun in grammar().prepositions or noun in sides or noun in people or view.norms[k] in people \
            or counterpart(view.norms[k]) or k > 0 and strip_conj(view.norms[k - 1]) in sides:
        return False   # ... or one adjective away: الدفاعات الجوية السورية; people: فتى فلسطيني
    return not any(m.first <= j < m.last for m in matches for j in (k, k - 1))


def _governed(view: SentenceView, a: Arg) -> bool:
    """A noun phrase that is the genitive of the noun before it is no subject: برصاص قوات
    الجيش، بحسب الجيش، استهداف قوات الاحتلال (the object of a verbal noun)."""
    j = a.first - 1
    while j >= 0 and view.norms[j] in QUOTES:
        j -= 1
    if j < 0 or view.boundary[j] or j in view.verb_tokens or view.tokens[j].stem_norm in grammar().decision_nouns:
        return False   # لقرار الولايات المتحدة الانسحاب: whose decision, who withdraws
    prefixes = view.tokens[j].prefixes
    return any(p in ("ب", "ل", "ك") for p in prefixes) and strip_conj(view.norms[j]) not in grammar().prepositions \
        or j in view.trigger_starts or view.tokens[j].stem_norm in grammar().means


def _subject_pronoun(view: SentenceView, a: Arg, clause_start: int) -> bool:
    """A pronoun that is the doer, not an owner (مصالحها): the possessor of forces, as the
    whole word (قواته، طائراته قصفت), or the subject of an أن/إن clause (قال الجيش إنه قصف)."""
    tok = view.tokens[a.first]
    if a.first == clause_start - 1:
        return tok.suffix != "" and strip_conj(tok.stem_norm) == "ان"
    return a.mention.start <= tok.stem_start


def _noun_actor(view: SentenceView, match: TriggerMatch, after, before, cs) -> Arg | None:
    trig = match.trigger
    near = [a for a in after if a.first - match.last <= 2 and all(
        view.norms[i] in QUOTES or not view.boundary[i] for i in range(match.last, a.first))]
    if near and near[0].mention.kind == "demonym" and near[0].marker == "" and \
            not counterpart(view.norms[near[0].first]) and \
            not any(grammar().is_number(view.norms[i]) for i in range(match.last, near[0].first)):
        # (لقاء) نظيره الإيراني: the other side; طرد 23 دبلوماسيا روسيا: the expelled
        return near[0]   # الدعم (العسكري) الإسرائيلي; in تزويد الجيش الليبي the demonym is the army's
    launcher = _launched_by(view, match, after)
    if launcher is not None:
        return launcher or None   # لهجوم شنه مستوطنون: carried out by someone, if unnamed
    pron = _pronoun_on(view, match)
    if pron is not None:
        return pron
    token = view.tokens[match.first]
    if near and not token.suffix and near[0].marker == "" and _adjacent(view, match.last, near[0].first) \
            and trig.idafa == "actor" \
            and not near[0].conj and not _purpose(view, match):   # دعم الإرهاب وحزب الله: a conjunct;
        return near[0]                                   # دعوته الحريري: his, Hariri the object
    if near and near[0].first == match.last and near[0].marker == "ل" and "ل" not in trig.rec \
            and "ال" not in view.tokens[match.first].prefixes:
        return near[0]   # an indefinite noun's ل is its owner: هجوما للميليشيات
    subj = [a for a in before if a.first >= cs and a.marker == "" and a.mention.kind != "pronoun"
            and not _reporter(view, a, match) and not _governed(view, a) and not _witness(view, a)
            and not (trig.type == "PROTEST" and a.mention.entity.sector in ("MIL", "COP", "SPY", "GOV"))]
    # The clause's subject, but not across another event verb whose object the noun is (رفض
    # أوغلو التحذيرات: the warnings are not his), except for an adverbial noun (بالتنسيق مع)
    # that is no protest around another act (قتلت القوات ... خلال احتجاجات); and never for
    # what the subject has an attitude to (نددت السلطة بالإفراج، وصفت الحكومة إطلاق سراح).
    attitude = any(strip_conj(view.norms[j]) in grammar().attitude_verbs for j in range(cs, match.first))
    setting = _adverbial(view, match) and trig.type != "PROTEST"
    if subj and not attitude and (setting or not any(subj[-1].last <= i < match.first for i in view.verb_tokens)):
        return _group_start(view, subj[-1])
    # apposition across one comma: مجلس النواب ، المتحالف مع ...
    adjacent = [a for a in before if a.last < match.first and all(view.norms[i] in QUOTES or view.norms[i] in "،,"
                                                                  for i in range(a.last, match.first))]
    if adjacent and adjacent[-1].marker == "":
        return adjacent[-1]
    return None


def _recipient(view: SentenceView, match: TriggerMatch, after, actors, ce) -> list[Arg]:
    trig = match.trigger
    start = max([match.last] + [a.last for a in actors])
    if actors and actors[-1].first >= match.last:   # VSO: the object follows the (coordinated) subject
        ce = max(ce, view.clause(actors[-1].first, actors[-1].last)[1])
    own = {x.mention.entity.id for x in actors}
    for a in after:
        if a.first < start or a.mention.entity.id in own:   # the trigger's own (VSO) subject, its apposition
            continue
        if view.norms[a.first - 1] == "باسم":
            continue   # الناطق باسم الرئاسة: whom the speaker speaks for
        if a.first > ce + 1 and a.marker not in ("بين",):
            break
        if a.marker == "ل" and any(match.last <= t < a.first for t in view.trigger_starts):
            break   # سعى لوجود أقوى للتصدي لإيطاليا: Italy is what the second event is against
        marker = a.marker or "obj"
        if marker in trig.rec or (marker == "بين" and trig.symmetric):
            if marker == "obj" and not trig.verb and trig.idafa == "actor" and a.first == match.last \
                    and not actors and not _purpose(view, match):
                continue
            return view.group(a)
    return []


def _backed_by(view: SentenceView, match: TriggerMatch, after: list[Arg]) -> Arg | None:
    """بدعم من X، بإسناد من X: X gives the help; the clause's subject gets it."""
    if match.trigger.verb or match.trigger.type not in HELP or "ب" not in view.tokens[match.first].prefixes:
        return None
    backer = [a for a in after if a.marker == "من" and a.first - match.last <= 2]
    return backer[0] if backer else None


def _accused_of(view: SentenceView, match: TriggerMatch, before: list[Arg]) -> Arg | None:
    """The object of an accusation verb right before ب + verbal noun (اتهم X إيران بدعم ...)."""
    if match.trigger.verb or "ب" not in view.tokens[match.first].prefixes:
        return None
    obj = [a for a in before if a.last == match.first and a.marker == ""]
    if not obj:
        return None
    accused = _group_start(view, obj[-1])
    k = accused.first - 1
    accuser = [a for a in before if a.last == k + 1]
    if accuser:   # VSO: اتهمت واشنطن إيران
        k = _group_start(view, accuser[-1]).first - 1
    lex = load_lexicon()
    trig = next((lex.words[f] for f in candidate_forms(view.norms[k]) if f in lex.words), None) if k >= 0 else None
    return accused if trig is not None and trig.type == "ACCUSE" and trig.verb else None


def _written_passive(view: SentenceView, match: TriggerMatch) -> bool:
    """A past verb written with its passive damma (قُتل، أُصيب، احتُجز، اعتُقل)."""
    stem = view.tokens[match.first].stem_text
    return stem[:1] not in ("ي", "ت", "ن") and "\u064f" in stem[:4]


def _reported_masdar(view: SentenceView, match: TriggerMatch, before: list[Arg]) -> bool:
    """أعلن المرصد قصف مواقع، رفضت المحكمة طلب القس: right after the subject of a reporting
    verb or an event verb, with no أن or و, the word is the verbal noun it takes."""
    if view.tokens[match.first].prefixes[:1] in (("و",), ("ف",)):
        return False
    return any(a.last == match.first and a.marker == "" and (_is_speaker(view, a) or a.first - 1 in view.verb_tokens)
               for a in before)


def _accused_passive(view: SentenceView, match: TriggerMatch, after: list[Arg]) -> bool:
    """يُتهم X بـ ...: a single noun between an accusation verb and ب + what it is accused of
    (the active form names the accuser first: تتهم واشنطن طهران بدعم ...)."""
    if not after or after[0].marker or after[0].first - match.last > 1:
        return False
    nxt = view.group(after[0])[-1].last   # ويُتهم الجيش والميليشيات البوذية بارتكاب ...
    return any("ب" in t.prefixes for t in view.tokens[nxt:nxt + 2]) and \
        not any(a.marker == "" for a in after if nxt <= a.first < nxt + 2)


def _receive_subject(view: SentenceView, match: TriggerMatch, before) -> Arg | None:
    g = grammar()
    for j in range(match.first - 1, max(-1, match.first - 9), -1):   # past a title and a full name
        if view.boundary[j]:
            return None
        if strip_conj(view.norms[j]) in g.receive_verbs:
            # the subject after the verb, or right before it, or (وحصل: and he received) the
            # clause's subject further back
            shared = view.tokens[j].prefixes[:1] == ("و",)
            subj = [a for a in before if a.marker == "" and a.first > j] or \
                   [a for a in before if a.marker == "" and (shared or j - 1 <= a.last) and a.last <= j]
            if subj:
                return _group_start(view, subj[0] if subj[0].first > j else subj[-1])
            return None
    return None


def _purpose(view: SentenceView, match: TriggerMatch) -> bool:
    """لدعم قوات حفتر، لتمويل الحزب: a verbal noun of help as a purpose, whose genitive is
    whom it helps; the doer is the clause's subject. (In دعم إسرائيل لهجوم حفتر the ل is
    the support's recipient, and the offensive is Haftar's.)"""
    pre = view.tokens[match.first].prefixes
    return not match.trigger.verb and bool(pre) and pre[-1] == "ل" and match.trigger.type in HELP


def _adverbial(view: SentenceView, match: TriggerMatch) -> bool:
    """A verbal noun inside a prepositional phrase: بالتنسيق، في تزويد، عبر دعم."""
    norm = strip_conj(view.norms[match.first])
    if norm[:1] in "بل" and not norm.startswith(("بين", "لقاء")):
        return True
    return match.first > 0 and strip_conj(view.norms[match.first - 1]) in grammar().prepositions


def _is_speaker(view: SentenceView, arg: Arg) -> bool:
    """The subject of a reporting verb (أعلنت مصادر رسمية مقتل ...) says, it does not act."""
    j = arg.first - 1
    while j >= 0 and view.norms[j] in QUOTES:
        j -= 1
    return j >= 0 and strip_conj(view.norms[j]) in cues().verbs


def _launched_by(view: SentenceView, match: TriggerMatch, after: list[Arg]) -> Arg | bool | None:
    """غارة جوية شنتها طائرة أمريكية، الهجوم الذي نفذه مسلحون: the subject of the verb that
    carried the attack out (with the noun's pronoun on it); False if the sentence does not
    name it as an actor, None if there is no such verb."""
    g = grammar()
    for k in range(match.last, min(len(view.tokens), match.last + 3)):
        tok = view.tokens[k]
        stem = strip_conj(tok.stem_norm)   # short words keep their pronoun unsegmented: شنه، شنها
        if tok.suffix and stem in g.launch_verbs or \
                any(stem.endswith(p) and stem[:-len(p)] in g.launch_verbs for p in ("ه", "ها", "هم")):
            subject = [a for a in after if a.marker == "" and 0 < a.first - k <= 3]
            return subject[0] if subject else False
        if view.boundary[k] and view.norms[k] not in g.relatives:
            return None
    return None


def _adjacent(view: SentenceView, i: int, j: int) -> bool:
    """Nothing but quotes between tokens i and j: a genitive follows its noun directly (in
    قصف مدفعي متقطع جماعات مسلحة the groups are shelled, not shelling)."""
    return all(view.norms[k] in QUOTES for k in range(i, j))


def _witness(view: SentenceView, arg: Arg) -> bool:
    """شهدت مدينة دوما قصفا: the place that saw it, not who did it."""
    return arg.first > 0 and strip_conj(view.norms[arg.first - 1]) in grammar().witness_verbs


def _reporter(view: SentenceView, arg: Arg, match: TriggerMatch) -> bool:
    """The subject of a reporting verb who only reports: an outlet or a monitor (أعلن المرصد
    قصف ...), or anyone announcing a bombing or a killing, which are done by nobody named
    (أعلنت الشرطة تفجيرا انتحاريا). Who announces its own act does it (أعلنت ماي طرد 23
    دبلوماسيا روسيا، أعلنت الحكومة فرض عقوبات)."""
    return _is_speaker(view, arg) and (arg.mention.entity.sector in ("MED", "NGO") or match.trigger.actorless)


def _quoting(view: SentenceView, arg: Arg, match: TriggerMatch) -> bool:
    """A speaker whose words are quoted (قال مدير المرصد "وافقت ثماني بلدات"): not the
    subject of a verb in the quote."""
    return _is_speaker(view, arg) and any(view.norms[i] in QUOTES or view.norms[i] == ":"
                                          for i in range(arg.last, match.first))


def _pronoun_on(view: SentenceView, match: TriggerMatch) -> Arg | None:
    for a in view.args:
        if a.mention.kind == "pronoun" and match.first <= a.first < match.last:
            return a
    return None


def _group_start(view: SentenceView, arg: Arg) -> Arg:
    """The first argument of the coordination the argument belongs to."""
    i = view.args.index(arg)
    while i > 0 and arg in view.group(view.args[i - 1]):
        i -= 1
    return view.args[i]


def intermediaries(view: SentenceView, match: TriggerMatch) -> list[Mention]:
    via = grammar().via
    return [a.mention for a in view.args if a.first >= match.last and a.marker in via]


def _mentions(args: list[Arg]) -> list[Mention]:
    return [a.mention for a in args]
