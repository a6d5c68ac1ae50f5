"""The event engine: triggers, their arguments, modality, dates, places and sources.

Method: a lexicon of triggers (data/triggers.yaml) over a shallow analysis of each
sentence (structure.py: clauses, preposition markers, coordination). For each trigger:
- verbs take their subject from before the verb in the same clause (SVO, what follows
  إن/أن, or the pronoun of إنه itself) or else from right after it (VSO); their recipient
  is the first argument after them carrying a marker the lexicon allows (obj = unmarked),
  not past another event's trigger; a verbal head may stand apart from its object noun
  (أطلقت كتائب القسام عشرات الصواريخ, triggers.py);
- a casualty verb before a count is a passive (قتل 3 فلسطينيين في غارة إسرائيلية): the
  count is the victims, the force of the attack (if named) the actor;
- verbal nouns take an adjective actor (الدعم الإسرائيلي), else a genitive (دعم إسرائيل,
  or the object: تزويد الجيش), else the subject of the verb that governs them (بدأت
  إسرائيل في تزويد ...); بين X و Y gives both sides; a preceding "receive" verb (تلقى)
  swaps the roles (تلقى حفتر دعما من ...);
- coordinated actors (X و Y، إلى جانب Z) each get an event of their own, so that counts
  stay dyadic; intermediaries (عبر) go to `others`.
Material conflict must also read as something that happened (salience.py: a logistic
score over cues, its ASSAULT weights fitted on labelled newswire). Then negation,
future and hypothetical marks, the clause's report frame (attribution.py), the nearest
date (an anaphoric one, في ذلك الوقت, takes the last explicit date) and the event's place.
"""
from __future__ import annotations

from hadath import plover
from hadath.extract.dates import find_dates
from hadath.extract.denial import dispute
from hadath.extract.places import event_location, find_places
from hadath.extract.salience import SALIENT_TYPES, passive_casualty, protesters_acting, reads_as_happened
from hadath.extract.structure import QUOTES, Arg, SentenceView, counterpart, grammar, strip_conj
from hadath.extract.triggers import Trigger, TriggerMatch, candidate_forms, find_triggers, load_lexicon
from hadath.model import DateSpan, Document, Event, Mention
from hadath.text import normalize

HELP = frozenset({"SUPPORT", "AID", "COOPERATE"})
MAX_GAP = 4         # tokens between a verb and a VSO subject
ARMED = frozenset({"MIL", "REB", "INS", "UAF", "SPY", "COP"})
VERBAL_ATTACK = Trigger(type="ACCUSE", mode="disapprove", verb=True, rec=("obj", "على"))


class EventFinder:
    """Pipeline component: fills doc.events."""

    def __call__(self, doc: Document) -> None:
        doc.events = []
        by_sentence: dict[int, list[Mention]] = {}
        for m in doc.mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        last_date: DateSpan | None = None   # the last explicit date before this sentence
        for sent in doc.sentences:
            if not sent.tokens:
                continue
            view = SentenceView(doc.text, sent, by_sentence.get(sent.index, []))
            dates = find_dates(doc.text, sent.start, sent.end, doc.published)
            places = find_places(doc.text, sent.start, sent.end)
            named = view.taken | _place_tokens(view, places)   # بيشاور is no يشاور
            matches = find_triggers(view.tokens, named, view.role_tokens)
            matches += protesters_acting(view, matches)
            view.verb_tokens = {i for m in matches if m.trigger.verb for i in range(m.first, m.last)}
            view.trigger_starts = {m.first for m in matches}
            view.args = [a for a in view.args if not _attribute(view, a, matches)]
            found = [(match, _events_for(doc, view, match, places)) for match in matches]
            events = _fold_means(view, found)
            events += dispute(view, events, doc.sources[:1])
            for ev in events:
                ev.date = _pick_date(dates, ev, last_date)
                ev.location = _pick_place(places, ev)
                _mark_historical(ev, doc.published)
                doc.events.append(ev)
            explicit = [d for d in dates if d.start or d.end]
            if explicit:
                last_date = max(explicit, key=lambda d: d.char_start)
        doc.events = _dedupe(doc.events)


def _place_tokens(view: SentenceView, places) -> set[int]:
    spans = [(p.start, p.end) for p in places]
    return {i for i, t in enumerate(view.tokens) if any(s < t.end and t.start < e for s, e in spans)}


def _fold_means(view: SentenceView, found: list[tuple[TriggerMatch, list[Event]]]) -> list[Event]:
    """قتل خمسة مدنيين جراء القصف، مقتل 12 شخصا بتفجير انتحاري، غارة سعودية أدت لمقتل الصماد:
    the casualties and the attack that caused them are one event. The attack's word gives the
    mode and, if the casualties have none, the actor; its own events go."""
    g = grammar()
    gone: set[int] = set()
    for i, (cas, evs) in enumerate(found):
        if not evs or evs[0].type != "ASSAULT" or not _casualty(view, cas):
            continue
        for j, (m, m_evs) in enumerate(found):
            if j == i or j in gone or not m_evs or m.trigger.verb or m_evs[0].type != "ASSAULT" \
                    or _casualty(view, m):
                continue
            tok, prev = view.tokens[m.first], m.first - 1
            after = 0 <= m.first - cas.last <= 12 and (
                "ب" in tok.prefixes or strip_conj(view.norms[prev]) in g.means_markers or
                any(found[k][0].last == m.first for k in gone))   # في انفجار عبوة ناسفة
            before = 0 < cas.first - m.last <= 8 and \
                any(strip_conj(w) in g.causes for w in view.norms[m.last:cas.first])   # غارة ... أدت لمقتل
            if after or before:
                victims = {r.entity.id for e in evs for r in e.recipient}
                doers = [a for e in m_evs for a in e.actor if a.entity.id not in victims][:1]
                for e in evs:
                    e.mode = e.mode or m_evs[0].mode
                    if not e.actor and doers:
                        e.actor = doers
                gone.add(j)
    return [e for j, (_, evs) in enumerate(found) if j not in gone for e in evs]


# ---------------------------------------------------------------- arguments

def _events_for(doc: Document, view: SentenceView, match: TriggerMatch, places) -> list[Event]:
    trig = match.trigger
    actors, recipients = _arguments(view, match)
    t_start, t_end = view.span(match.first, match.last)
    frame = _frame(doc, view.sentence.index, t_start)
    speaker = _first_person_speaker(doc, view, match, frame)
    if speaker is not None:   # "نحث روسيا على ...": the speaker urges, Russia is urged
        recipients = [m for m in (actors or recipients) if m.entity.id != speaker.entity.id]
        actors = [speaker]
    if not actors and not (trig.actorless and not trig.weak) or trig.addressed and not recipients:
        return []
    negated, aux, certainty = _modality(view, match)
    modal = negated or "hypothetical" in aux or "future" in aux
    if trig.type == "ASSAULT" and _accident(view, match):
        return []
    if trig.type == "ASSAULT" and _verbal_attack(view, match, actors):
        trig = VERBAL_ATTACK
    if trig.type in SALIENT_TYPES and \
            not reads_as_happened(view, match, actors, recipients, places, modal, reported=frame is not None):
        return []
    others = _intermediaries(view, match)
    base = dict(type=trig.type, mode=trig.mode, context=list(trig.context), others=others,
                sentence=view.sentence.index, evidence=(view.sentence.start, view.sentence.end),
                trigger=(t_start, t_end, doc.text[t_start:t_end]),
                score=plover.score(trig.type, trig.mode))
    chain = frame.chain if frame else list(doc.sources[:1])
    if certainty is None:
        certainty = frame.certainty if frame else "asserted"
    if frame and frame.certainty == "denied":
        negated = True
    confidence = 0.5 if trig.weak else 0.7
    confidence += 0.1 if recipients else 0.0
    confidence -= 0.2 if not actors else 0.0
    framing = sorted({m.framing for m in [*actors, *recipients] if m.framing})
    out = []
    for actor in actors or [None]:
        rec = [r for r in recipients if actor is None or r.entity.id != actor.entity.id]
        if actor is not None and not rec and recipients and not trig.symmetric:
            continue   # the only recipient is the actor itself
        out.append(Event(actor=[actor] if actor else [], recipient=rec, negated=negated, aux=list(aux),
                         certainty=certainty, attribution=list(chain), confidence=confidence,
                         framing=framing, **base))
    return out


def _arguments(view: SentenceView, match: TriggerMatch) -> tuple[list[Mention], list[Mention]]:
    trig = match.trigger
    cs, ce = view.clause(match.first, match.last)
    after = [a for a in view.args if a.first >= match.last]
    before = [a for a in view.args if a.last <= match.first]

    # "X received support from Y"
    receiver = _receive_subject(view, match, before)
    if receiver is not None:
        givers = [a for a in after if a.marker in ("", "من") and a.mention.kind != "pronoun"]
        return _mentions(view.group(givers[0])) if givers else [], _mentions(view.group(receiver))

    # اتهمت واشنطن إيران بدعم الحوثيين: the accused does what it is accused of
    accused = _accused_of(view, match, before)
    if accused is not None:
        genitive = [a for a in after if a.first == match.last and a.marker == ""]
        return _mentions(view.group(accused)), _mentions(view.group(genitive[0])) if genitive else []

    # بين X و Y: both sides
    between = [a for a in after if a.marker == "بين" and a.first - match.last <= 3]
    if between:
        group = view.group(between[0])
        if len(group) >= 2:
            return [group[0].mention], _mentions(group[1:])

    if _casualty(view, match):
        return _by_means_of(view, match, after, ce) or _cause_before(view, match, before), \
            _victims(view, match, before, after, cs)

    actor_arg = None
    if trig.verb:
        subj = [a for a in before if a.first >= cs - 1 and a.marker == "" and not _governed(view, a)
                and not _quoting(view, a, match) and
                (a.mention.kind != "pronoun" or _subject_pronoun(view, a, cs))]
        subj = [a for a in subj if a.first >= cs or a in subj[-1:]]   # the أن before the clause
        post = [a for a in after if a.last <= ce + 1 and a.first - match.last <= MAX_GAP]
        rel = _relative_head(view, match, before)
        if rel is not None:
            actor_arg = rel or None
        elif subj and not _verb_subject_object(view, match, post):
            actor_arg = _group_start(view, _shared_subject(view, match, subj))
        elif post and post[0].marker == "" and not post[0].conj and _agrees(match, view, post[0]):
            actor_arg = post[0]   # a VSO subject never opens with و
    else:
        actor_arg = _noun_actor(view, match, after, before, cs)
    actors = view.group(actor_arg) if actor_arg else []
    recipients = _recipient(view, match, after, actors, ce)
    return _mentions(actors), _mentions(recipients)


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


def _agrees(match: TriggerMatch, view: SentenceView, arg: Arg) -> bool:
    """Can the noun after a verb be its subject? A verb before its subject is singular and
    agrees in gender: a masculine verb does not take a feminine noun (وكما دعم المعارضة
    السورية: the subject is dropped, the opposition is the object), a plural verb takes no
    subject after it (هاجموا الجيش)."""
    form = view.tokens[match.first].stem_norm   # the verb as written (a phrase's head: أطلقت)
    if not form:
        return True
    if form.endswith(("وا", "ون")):
        return False
    masculine = form[:1] == "ي" if form in load_lexicon().present else not form.endswith(("ت", "تا"))
    if not masculine or arg.mention.entity.type in ("person", "PER"):
        return True
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


def _attribute(view: SentenceView, a: Arg, matches: list[TriggerMatch]) -> bool:
    """A demonym adjective of an ordinary noun (الملف الليبي، الصحراء الليبية) says what the
    thing is about, not who acts; after a trigger (الدعم العسكري الإسرائيلي) it is the actor."""
    k = a.first - 1
    if a.mention.kind != "demonym" or a.marker or a.conj or k < 0 or k in view.taken:
        return False
    if not normalize(a.mention.text).endswith(("ي", "يه")) or not view.norms[k][:1].isalpha():
        return False   # الليبيون: people; a quote or a comma before it: no adjective
    sides = grammar().sides
    if strip_conj(view.norms[k]) in grammar().prepositions or strip_conj(view.norms[k]) in sides \
            or counterpart(view.norms[k]) or k > 0 and strip_conj(view.norms[k - 1]) in sides:
        return False   # ... or one adjective away: الدفاعات الجوية السورية
    return not any(m.first <= j < m.last for m in matches for j in (k, k - 1))


def _casualty(view: SentenceView, match: TriggerMatch) -> bool:
    """A report of the dead and wounded: a passive casualty verb (قتل 3 فلسطينيين، بيلور قتل
    في التفجير) or a casualty noun (مقتل، قتلى، إصابة)."""
    if match.trigger.verb:
        return strip_conj(view.norms[match.first]) in grammar().passive_verbs or passive_casualty(view, match)
    return view.tokens[match.first].stem_norm in grammar().casualty_nouns


def _first_person_speaker(doc: Document, view: SentenceView, match: TriggerMatch, frame) -> Mention | None:
    """The speaker of a quoted verb in the first person (قال المتحدث: "نحث روسيا ...")."""
    form = match.form   # the lexicon's form, clitics off (سنقصف: نقصف)
    if not match.trigger.verb or frame is None or not frame.chain or form[:1] not in ("ن", "ا") \
            or form not in load_lexicon().present or form in grammar().passive_verbs:   # أُصيب
        return None
    said = frame.chain[-1]
    return next((m for m in doc.mentions if m.start == said.start and m.end == said.end), None)


def _verbal_attack(view: SentenceView, match: TriggerMatch, actors: list[Mention]) -> bool:
    """هاجم أردوغان من وصفهم بالمتآمرين، هاجمت وزارة الخارجية نادي ريال مدريد: a politician or
    a civil body that "attacks" does it in words (a commander's or a state's attack is an attack)."""
    return bool(actors) and strip_conj(view.norms[match.first]) in grammar().verbal_attack and \
        all(a.entity.type not in ("state", "territory") and a.entity.sector not in ARMED for a in actors)


def _accident(view: SentenceView, match: TriggerMatch) -> bool:
    """The dead of a crash or a fire, with no weapon named (تحطمت طائرة ... ما أسفر عن
    أربعة قتلى)."""
    g = grammar()
    if not _casualty(view, match):
        return False
    stems = [t.stem_norm for t in view.tokens]
    return any(strip_conj(n) in g.accidents for n in view.norms) and \
        not any(s in g.means or s in g.weapons for s in stems)


def _victims(view: SentenceView, match: TriggerMatch, before, after, cs) -> list[Mention]:
    """The dead and wounded: the count or genitive after the word (مقتل العميد، قتل 12 من
    قوات النظام), else, for a verb or سقطوا بين قتيل وجريح, the noun before it."""
    means = grammar().means
    near = [a for a in after if a.first - match.last <= 3 and (a.marker == "" or _partitive(view, a))
            and view.tokens[a.first - 1].stem_norm not in means]   # برصاص الجيش: who shot
    if not near and (match.trigger.verb or strip_conj(view.norms[match.first - 1]) == "بين"):
        near = [a for a in before if a.marker == "" and a.first >= max(cs, match.first - 4)][-1:]
    return _mentions(view.group(near[0])) if near else []


def _by_means_of(view: SentenceView, match: TriggerMatch, after, ce) -> list[Mention]:
    """Who did it, in a casualty report: the one a means of harm names (برصاص قوات الجيش،
    في غارة إسرائيلية، جراء قصف الطيران الروسي), or an armed force the attack is put on
    (في الضربات الجوية الأميركية), if the sentence names one."""
    g = grammar()
    for a in after:
        if a.first > ce + 1:
            break
        if _partitive(view, a):
            continue   # قتل 12 من قوات النظام: the dead
        if view.tokens[a.first - 1].stem_norm in g.means or \
                a.marker in ("في", "ب", "من", "جراء", "اثر", "خلال") and a.mention.entity.sector == "MIL":
            return [a.mention]
    return []


def _cause_before(view: SentenceView, match: TriggerMatch, before: list[Arg]) -> list[Mention]:
    """غارة جوية إسرائيلية أدت لمقتل ...: the force named right before the verb of causing."""
    k = match.first - 1
    while k >= 0 and view.norms[k] in grammar().prepositions:   # أدت إلى، أسفرت عن
        k -= 1
    if k < 0 or strip_conj(view.norms[k]) not in grammar().causes:
        return []
    cause = [a for a in before if a.last == k and a.marker == "" and a.mention.kind != "pronoun"]
    return [cause[-1].mention] if cause else []


def _partitive(view: SentenceView, a: Arg) -> bool:
    """من after a count: 12 من قوات النظام، 30 عنصرا من الميليشيات، 10 جنود على الأقل من حرس الحدود."""
    if a.marker != "من" or a.first < 2:
        return False
    g = grammar()
    for j in range(a.first - 2, max(-1, a.first - 7), -1):   # 10 جنود إيرانيين على الأقل من ...
        if view.boundary[j]:
            return False
        if g.is_number(view.norms[j]):
            return True
    return False


def _governed(view: SentenceView, a: Arg) -> bool:
    """A noun phrase that is the genitive of the noun before it is no subject: برصاص قوات
    الجيش، بحسب الجيش، استهداف قوات الاحتلال (the object of a verbal noun)."""
    j = a.first - 1
    while j >= 0 and view.norms[j] in QUOTES:
        j -= 1
    if j < 0 or view.boundary[j] or j in view.verb_tokens:
        return False
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
            not counterpart(view.norms[near[0].first]):   # (لقاء) نظيره الإيراني: the other side
        return near[0]   # الدعم (العسكري) الإسرائيلي; in تزويد الجيش الليبي the demonym is the army's
    token = view.tokens[match.first]
    if token.suffix or _pronoun_on(view, match):
        pron = _pronoun_on(view, match)
        if pron is not None:
            return pron
    if near and near[0].marker == "" and near[0].first - match.last <= 1 and trig.idafa == "actor" \
            and not near[0].conj and not _purpose(view, match):   # دعم الإرهاب وحزب الله: a conjunct
        return near[0]
    if near and near[0].first == match.last and near[0].marker == "ل" and "ل" not in trig.rec \
            and "ال" not in view.tokens[match.first].prefixes:
        return near[0]   # an indefinite noun's ل is its owner: هجوما للميليشيات
    subj = [a for a in before if a.first >= cs and a.marker == "" and a.mention.kind != "pronoun"
            and not _is_speaker(view, a) and not _governed(view, a)]
    # not across another event verb when the noun is its object (رفض أوغلو التحذيرات: the
    # warnings are not his); an adverbial noun (بالتنسيق مع) still takes the clause's subject
    if subj and (_adverbial(view, match) or
                 not any(subj[-1].last <= i < match.first for i in view.verb_tokens)):
        return _group_start(view, subj[-1])
    # apposition across one comma: مجلس النواب ، المتحالف مع ...
    adjacent = [a for a in before if all(view.norms[i] in QUOTES or view.norms[i] in "،,"
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
    from hadath.extract.attribution import cues
    j = arg.first - 1
    while j >= 0 and view.norms[j] in QUOTES:
        j -= 1
    return j >= 0 and strip_conj(view.norms[j]) in cues().verbs


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


def _intermediaries(view: SentenceView, match: TriggerMatch) -> list[Mention]:
    via = grammar().via
    return [a.mention for a in view.args if a.first >= match.last and a.marker in via]


def _mentions(args: list[Arg]) -> list[Mention]:
    return [a.mention for a in args]


# ---------------------------------------------------------------- modality

def _modality(view: SentenceView, match: TriggerMatch) -> tuple[bool, list[str], str | None]:
    """(negated, aux modes, certainty override) from the words around the trigger."""
    g = grammar()
    negated, aux, certainty = False, [], None
    prev = [view.norms[j] for j in range(max(0, match.first - 2), match.first)]
    if any(strip_conj(w) in g.negation for w in prev[-1:]) or \
            (len(prev) == 2 and prev[0] in g.negation and prev[1] in ("ان", "يكون", "تكون")):
        negated = True
    token = strip_conj(view.tokens[match.first].norm)
    if match.trigger.verb and token.startswith(g.future_prefix) and not match.form.startswith(g.future_prefix):
        aux.append("future")   # سيدعم، ستلتقي
    cs, ce = view.clause(match.first, match.last)
    window = view.norms[max(0, match.first - 6):match.first]
    expecting = view.norms[max(0, match.first - 10):match.first]
    if (any(w in g.future_words for w in view.norms[cs:ce]) or any(strip_conj(w) in g.expected for w in expecting)) \
            and "future" not in aux:
        aux.append("future")   # ... المقبل; من المتوقع أن يعقدا اجتماعا
    after = view.norms[match.last:match.last + 1] if not match.trigger.verb else []   # زيارة محتملة
    if any(strip_conj(w) in g.hypothetical_words for w in window + after if w) or _question(view):
        aux.append("hypothetical")
        certainty = "hypothetical"
    # embedded under warn/fear/refuse/want: حذروا حفتر من تلقي الدعم
    for j in range(match.first - 1, max(-1, match.first - 6), -1):
        w = strip_conj(view.norms[j])
        if w in g.embedding and not match.trigger.type == "THREATEN":
            aux.append("hypothetical")
            certainty = "hypothetical"
            break
        if view.norms[j] in "،,.;؛":
            break
    return negated, aux, certainty


def _question(view: SentenceView) -> bool:
    """هل ...؟ asks whether something happened; it does not say it did."""
    norms = [n for n in view.norms if n.strip('"')]
    return bool(norms) and (norms[-1] in ("؟", "?") or strip_conj(norms[0]) == "هل")


def _frame(doc: Document, sentence: int, offset: int):
    """The innermost report frame around a trigger (not one the trigger opens itself: اتهم)."""
    best = None
    for f in doc.frames:
        if f.sentence == sentence and f.start < offset < f.end:
            if best is None or f.start >= best.start:
                best = f
    return best


def _mark_historical(ev: Event, published: str | None) -> None:
    """PLOVER's historical mode: the event ended years before the report."""
    if not (published and ev.date and ev.date.end):
        return
    try:
        if int(ev.date.end[:4]) < int(published[:4]) - 2:
            ev.aux.append("historical")
    except ValueError:
        pass


# ---------------------------------------------------------------- dates and places

def _pick_date(dates: list[DateSpan], ev: Event, last: DateSpan | None) -> DateSpan | None:
    if not dates:
        return None
    t = ev.trigger[0]
    best = min(dates, key=lambda d: abs(d.char_start - t))
    if best.precision == "anaphoric" or (best.start is None and best.end is None):
        # في ذلك الوقت: the last explicit date before it, in this sentence or an earlier one
        earlier = [d for d in dates if (d.start or d.end) and d.char_start < best.char_start]
        antecedent = earlier[-1] if earlier else last
        if antecedent is None:
            return None
        return DateSpan(antecedent.start, antecedent.end, antecedent.precision, best.text,
                        best.char_start, best.char_end)
    return best


def _pick_place(places, ev: Event):
    return event_location(places, ev.trigger[0], ev.trigger[1]) if places else None


def _dedupe(events: list[Event]) -> list[Event]:
    seen, out = set(), []
    for ev in events:
        key = (ev.sentence, ev.type, tuple(m.entity.id for m in ev.actor),
               tuple(sorted(m.entity.id for m in ev.recipient)))
        if key in seen:
            continue
        seen.add(key)
        out.append(ev)
    return out

