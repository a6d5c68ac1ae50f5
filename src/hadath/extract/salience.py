"""Salience: does a sentence report a material conflict as something that happened, or
only name it (تبرير القتل، ذكرى الهجوم، مخاطر الهجمات)? A logistic score over cues of the
sentence, with weights per event type in data/salience.yaml (fitted by
scripts/fit_salience.py); and protesters who act (أغلق المتظاهرون الطريق), which are a
protest without a protest word."""
from __future__ import annotations

from functools import lru_cache
from math import fsum

from hadath.extract.casualties import is_year, passive_casualty
from hadath.extract.structure import SentenceView, grammar, strip_conj
from hadath.extract.triggers import Trigger, TriggerMatch, load_lexicon
from hadath.model import Mention
from hadath.resources import load_yaml
from hadath.text import normalize

SALIENT_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE"})   # reported only when they happened

PROTESTERS_ACT = Trigger(type="PROTEST", mode="demo", rec=(normalize("ضد"), normalize("على")), verb=True,
                         actorless=True)


def protesters_acting(view: SentenceView, matches: list[TriggerMatch]) -> list[TriggerMatch]:
    """Protesters as the subject of an action verb (أغلق المتظاهرون الطريق), or a crowd
    that gathers (تجمع مئات ...), are a protest."""
    g = grammar()
    used = {i for m in matches for i in range(m.first, m.last)}
    out = []
    count = lambda w: w in g.crowd or g.is_number(w)
    for a in view.args:
        if normalize(a.mention.text.split()[0]) not in g.protesters:   # المتظاهرون (المسلمون)
            continue
        if a.marker and not (a.marker == "من" and a.first > 1 and count(view.norms[a.first - 2])):
            continue   # مئات من المتظاهرين is a subject; بين المتظاهرين is not
        # VSO: the verb before the subject (past numbers and crowd words); SVO: right after it
        j = a.first - 1
        while j >= 0 and (count(view.norms[j]) or view.norms[j] in ("من",)):
            j -= 1
        for k in (j, a.last):
            if 0 <= k < len(view.tokens) and k not in used and k not in view.taken \
                    and strip_conj(view.norms[k]) in g.protest_actions:
                out.append(TriggerMatch(PROTESTERS_ACT, k, k + 1, strip_conj(view.norms[k])))
                used.add(k)
                break
    # a crowd that gathers (تجمع مئات من الأقباط أمام الكاتدرائية): the verb opens its clause
    # (VSO); inside one, تجمع is the noun (موقع تجمع المتظاهرين)
    for k, w in enumerate(view.norms[:-1]):
        if strip_conj(w) in g.gatherings and k not in used and count(view.norms[k + 1]) \
                and view.clause(k, k + 1)[0] == k:
            out.append(TriggerMatch(PROTESTERS_ACT, k, k + 1, strip_conj(w)))
    return out


def reads_as_happened(view: SentenceView, match: TriggerMatch, actors: list[Mention], recipients: list[Mention],
                     places, modal: bool, reported: bool) -> bool:
    """Does the sentence report this conflict as something that happened? A logistic score
    over the cues below, with the weights of data/salience.yaml."""
    model = load_salience()[match.trigger.type]
    found = cues(view, match, actors, recipients, places, modal, reported)
    # fsum: exact, so the set's (hash-seeded) order cannot tip a score that sits on 0
    return fsum([model["bias"], *(model["weights"].get(c, 0.0) for c in found)]) >= 0


@lru_cache(maxsize=1)
def load_salience() -> dict:
    return load_yaml("hadath.extract", "data/salience.yaml")


def cues(view: SentenceView, match: TriggerMatch, actors: list[Mention], recipients: list[Mention],
         places, modal: bool, reported: bool) -> set[str]:
    """The cues of one candidate event: words of the sentence (casualties, times, weapons),
    its grammar (a verb or a noun, past or present, in the background, in quotes) and its
    arguments (a named actor, a target)."""
    g = grammar()
    words = [strip_conj(w) for w in view.norms]
    first = match.first
    cues = {"place"} if _place_in_clause(places, view.span(first, match.last)) else set()
    for k, w in enumerate(words):
        if w in g.casualties:
            cues.add("casualties")
            if any(g.is_number(x) for x in words[k + 1:k + 3]):
                cues.add("casualty_count")
        if w in g.time_cues:
            cues.add("time")
        if w in g.weapons:
            cues.add("weapon")
        if w in g.occurrence and not first <= k < match.last:
            cues.add("occurrence")
        if w in g.crowd:
            cues.add("crowd")
        if g.is_number(w):
            cues.add("number")
        if is_year(w) or w in g.year_words:
            cues.add("year")
        if w in g.alternatives:
            cues.add("alternative")
        if w in g.figurative:
            cues.add("figurative")
    if words and words[-1] in ("؟", "?"):
        cues.add("question")
    before = words[max(0, first - 3):first]
    if first and words[first - 1] in g.topic_words:
        cues.add("topic")
    if first and words[first - 1] in g.during and not match.trigger.verb:
        cues.add("during")   # خلال التظاهرة، في مظاهرات قمعتها: the setting of another event
    if any(w in g.background for w in before[-2:]):
        cues.add("background")
    if any(w in g.intent for w in words[max(0, first - 4):first]):
        cues.add("intent")      # بتهمة خطف، محاولة لتفجير، بالتخطيط لهجمات
    if first and g.is_number(words[first - 1]) and not match.trigger.verb:
        cues.add("counted")     # 140 هجوما انتحاريا في العام 2006: a tally
    if any(w in g.pluperfect for w in before):
        cues.add("pluperfect")
    if first and (words[first - 1] in g.acted_upon or view.norms[first][:1] in "بل" and not match.trigger.verb):
        cues.add("acted_upon")
    cues.add(f"mode:{match.trigger.mode}")
    if match.trigger.verb:
        present = match.form in load_lexicon().present and match.form not in g.passive_verbs   # أُصيب
        cues.add("present_verb" if present else "past_verb")
    else:
        cues.add("noun")
    if first < 4:
        cues.add("early")
    if len(words) > 45:
        cues.add("long")
    if _quoted(view, first):
        cues.add("quoted")
    if match.trigger.verb and passive_casualty(view, match):
        cues.add("victims_subject")   # قتل 20 شخصا، ثمانية اشخاص قتلوا: who died, not who killed
    if actors:
        cues.add("actor")
    elif "casualties" in cues:
        cues.add("casualties_without_actor")
    if any(m.kind in ("name", "metonym", "demonym", "descriptor") for m in actors):
        cues.add("named_actor")
    if actors and recipients:
        cues.add("actor_and_target")
    if modal:
        cues.add("modal")
    if reported:
        cues.add("reported")
    return cues


def _quoted(view: SentenceView, first: int) -> bool:
    """Inside «...» or "...": a slogan or a statement, not the report itself."""
    prefix = view.text[view.sentence.start:view.span(first, first + 1)[0]]
    return prefix.count("«") > prefix.count("»") or prefix.count('"') % 2 == 1


def _place_in_clause(places, span) -> bool:
    """Is there a place (في بغداد) in the trigger's own clause?"""
    for p in places or ():
        c0, c1 = getattr(p, "clause_start", -1), getattr(p, "clause_end", -1)
        if c0 <= span[0] < c1 and getattr(p, "role", "none") in ("location", "at"):
            return True
    return False
