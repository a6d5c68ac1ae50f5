"""Casualty reports: the dead and wounded are the recipients, the actor is only the means.

قتل 3 فلسطينيين في غارة إسرائيلية، مقتل العميد، أصيب، لقي مصرعه، الذين قتلوا: the casualty
word names the victims (the count or genitive after it, or the noun before a verb). Who did
it is what the sentence names as the means of the harm (برصاص الجيش، في غارة إسرائيلية، على
يد، جراء قصف الطيران الروسي) or the force before a verb of causing (غارة ... أدت لمقتل). The
casualties and the attack that caused them are one event (fold_means); the dead of a crash
or a fire are none (accident).
"""
from __future__ import annotations

from hadath.extract.structure import Arg, SentenceView, grammar, strip_conj
from hadath.extract.triggers import TriggerMatch
from hadath.model import Event, Mention


def casualty(view: SentenceView, match: TriggerMatch) -> bool:
    """A report of the dead and wounded: a passive casualty verb (قتل 3 فلسطينيين، بيلور قتل
    في التفجير) or a casualty noun (مقتل، قتلى، إصابة)."""
    if match.trigger.verb:
        return strip_conj(view.norms[match.first]) in grammar().passive_verbs or passive_casualty(view, match)
    token = view.tokens[match.first]
    stem = token.stem_norm
    if token.suffix and stem.endswith("ت"):
        stem = stem[:-1] + "ه"   # إصابته: إصابة + his
    return stem in grammar().casualty_nouns


def accident(view: SentenceView, match: TriggerMatch) -> bool:
    """The dead of a crash or a fire, with no weapon named (تحطمت طائرة ... ما أسفر عن
    أربعة قتلى), an explosion of something that is no weapon (انفجر بركان), or a bomb found
    or defused (فككت قوات الأمن سيارة مفخخة)."""
    g = grammar()
    cs = view.clause(match.first, match.last)[0]
    if any(strip_conj(w) in g.defused for w in view.norms[max(cs, match.first - 10):match.first]):
        return True   # نزع 3000 لغم وعبوة ناسفة: found, not set off
    killing = casualty(view, match) or strip_conj(view.norms[match.first]) in g.casualties
    if not killing:   # انفجر بركان، انفجار أنبوب غاز
        return any(strip_conj(w) in g.accidents for w in view.norms[match.last:match.last + 2])
    stems = [t.stem_norm for t in view.tokens]
    return any(strip_conj(n) in g.accidents for n in view.norms) and \
        not any(s in g.means or s in g.weapons for s in stems)


def victims(view: SentenceView, match: TriggerMatch, before, after, cs) -> list[Mention]:
    """The dead and wounded: the count or genitive after the word (مقتل العميد، قتل 12 من
    قوات النظام), else, for a verb or سقطوا بين قتيل وجريح, the noun before it."""
    means = grammar().means
    own = [a for a in view.args if a.mention.kind == "pronoun" and match.first <= a.first < match.last]
    if own and not match.trigger.verb:
        return [own[0].mention]   # بعد إصابته برصاص الشرطة: his
    by = next((j for j in range(match.last, len(view.tokens)) if view.tokens[j].stem_norm in means), len(view.tokens))
    near = [a for a in after if a.first - match.last <= 3 and a.first < by   # برصاص الجيش: who shot
            and (a.marker == "" or _partitive(view, a))]
    if not near and (match.trigger.verb or match.first and strip_conj(view.norms[match.first - 1]) == "بين"):
        near = [a for a in before if a.marker == "" and a.first >= max(cs, match.first - 4)][-1:]
    return [a.mention for a in view.group(near[0])] if near else []


def by_means_of(view: SentenceView, match: TriggerMatch, after, ce) -> list[Mention]:
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


def cause_before(view: SentenceView, match: TriggerMatch, before: list[Arg]) -> list[Mention]:
    """غارة جوية إسرائيلية أدت لمقتل ...: the force named right before the verb of causing."""
    k = match.first - 1
    while k >= 0 and view.norms[k] in grammar().prepositions:   # أدت إلى، أسفرت عن
        k -= 1
    if k < 0 or strip_conj(view.norms[k]) not in grammar().causes:
        return []
    cause = [a for a in before if a.last == k and a.marker == "" and a.mention.kind != "pronoun"
             and a.mention.entity.type not in ("person", "PER")]   # حكم الرئيس أردوغان، أدى إلى: no attacker
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


def fold_means(view: SentenceView, found: list[tuple[TriggerMatch, list[Event]]]) -> list[Event]:
    """قتل خمسة مدنيين جراء القصف، مقتل 12 شخصا بتفجير انتحاري، غارة سعودية أدت لمقتل الصماد،
    قتل الجيش 3 فلسطينيين بقصف مدفعي، مقتل 6 مدنيين وإصابة العشرات: the casualties and the
    attack that caused them (or the wounded beside the dead) are one event. The attack's word
    gives the mode and, if the casualties have none, the actor; its own events go (قصفت الطائرات البلدة
    مما أسفر عن مقتل مدنيين: one event too)."""
    g = grammar()
    gone: set[int] = set()
    for i, (cas, evs) in enumerate(found):
        if i in gone or not evs or evs[0].type != "ASSAULT" or not (casualty(view, cas) or cas.trigger.verb):
            continue
        for j, (m, m_evs) in enumerate(found):
            if j == i or j in gone or not m_evs or m_evs[0].type != "ASSAULT":
                continue
            tok, prev = view.tokens[m.first], m.first - 1
            while prev > 0 and (g.is_number(view.norms[prev]) or view.norms[prev] in g.crowd):
                prev -= 1   # جراء عدة اعتداءات
            means = not casualty(view, m)
            after = means and not m.trigger.verb and 0 <= m.first - cas.last <= 12 and (
                "ب" in tok.prefixes or strip_conj(view.norms[prev]) in g.means_markers or
                any(found[k][0].last == m.first for k in gone))   # في انفجار عبوة ناسفة، قتل الجيش 3 بقصف
            before = means and casualty(view, cas) and 0 < cas.first - m.last <= 8 and \
                any(strip_conj(w) in g.causes for w in view.norms[m.last:cas.first])   # غارة ... أدت لمقتل
            wounded = casualty(view, cas) and casualty(view, m) and not m.trigger.verb and "و" in tok.prefixes and \
                0 <= m.first - cas.last <= 4   # مقتل 6 مدنيين وإصابة العشرات: one event
            if after or before or wounded:
                victims = {r.entity.id for e in evs for r in e.recipient}
                doers = [a for e in m_evs for a in e.actor if a.entity.id not in victims][:1]
                more = [r for e in m_evs for r in e.recipient if r.entity.id not in victims] if wounded else []
                for e in evs:
                    e.mode = e.mode or m_evs[0].mode
                    if not e.actor and doers:
                        e.actor = doers
                    e.recipient = e.recipient + more
                gone.add(j)
    kept = [e for j, (_, evs) in enumerate(found) if j not in gone for e in evs]
    # the dead are no attackers in another event of the sentence (قتل 500 مدني خلال أيام من القصف)
    dead = {r.entity.id for (m, evs) in found if casualty(view, m) for e in evs for r in e.recipient}
    for e in kept:
        if e.type == "ASSAULT" and e.actor and all(a.entity.id in dead for a in e.actor):
            e.actor = []
    return kept


def passive_casualty(view: SentenceView, match: TriggerMatch) -> bool:
    """قتل 20 شخصا، قتل شرطي أردني، ثمانية اشخاص قتلوا: the unvocalised verb is a passive when
    a count of people or a victim noun follows it with no subject before, or a count comes
    right before it."""
    g = grammar()
    if strip_conj(view.norms[match.first]) not in g.casualties:
        return False
    cs = view.clause(match.first, match.last)[0]
    if match.first and strip_conj(view.norms[match.first - 1]) in g.relatives:
        return True   # اليهود الذين قتلوا في المحرقة: who were killed
    if objectless(view, match):
        return True   # عائلات بأكملها قتلت في قصف النظام، 3 متشددين قتلوا،: no object, so no doer
    k = match.last
    while k < len(view.norms) and view.norms[k] in g.split_fillers:
        k += 1
    ce = view.clause(match.first, match.last)[1]
    if k < len(view.norms) and g.is_number(view.norms[k]):
        return not any(cs <= a.first and a.last <= match.first and a.marker == "" for a in view.args)
    if k < len(view.norms) and view.norms[k] in g.victim_nouns:   # قتل شرطي أردني، not قتل جنود الحرس 10 مسلحين
        return not any(g.is_number(w) for w in view.norms[k + 1:ce]) and \
            not any(cs <= a.first and a.last <= match.first and a.marker == "" for a in view.args)
    return any(g.is_number(w) and not is_year(w) for w in view.norms[max(cs, match.first - 3):match.first])


def objectless(view: SentenceView, match: TriggerMatch) -> bool:
    """Nothing a transitive verb could take after it: a preposition, ب + noun, the end of the
    clause or the next verb with و (عائلات قتلت في قصف، النجار قتلت وأصيب مئة، اختطفت بعد أن)."""
    g = grammar()
    k = match.last
    while k < len(view.norms) and (view.norms[k] in g.split_fillers or view.norms[k] in g.time_cues):
        k += 1
    if k < len(view.norms) and view.norms[k] in ("اوائل", "اواخر", "مطلع", "منتصف"):
        k += 2   # قتلا أوائل الأسبوع في قصف
    ce = view.clause(match.first, match.last)[1]
    if k >= ce:
        return True
    nxt = view.norms[k]
    if nxt in match.trigger.rec:
        return False   # اشتبك مع: the verb's own preposition
    if nxt[:1] == "و" and k in view.verb_tokens:
        return True   # the next verb begins
    if nxt in g.prepositions or nxt in g.means_markers or "ب" in view.tokens[k].prefixes:
        return not any(g.is_number(w) for w in view.norms[k:ce])   # قتلت في غزة 3: the count is its object
    return False


def is_year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")
