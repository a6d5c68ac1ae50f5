"""Salience: does a sentence report a material conflict as something that happened, or
only name it (تبرير القتل، ذكرى الهجوم، مخاطر الهجمات)? A score from cues in the sentence,
weighted per event type in data/grammar.yaml (`salience`); and protesters who act
(أغلق المتظاهرون الطريق), which are a protest without a protest word."""
from __future__ import annotations

from hadath.extract.structure import SentenceView, grammar, strip_conj
from hadath.extract.triggers import Trigger, TriggerMatch, load_lexicon
from hadath.model import Mention
from hadath.text import normalize

SALIENT_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE"})   # reported only when they happened

PROTESTERS_ACT = Trigger(type="PROTEST", mode="demo", rec=(normalize("ضد"), normalize("على")), verb=True,
                         actorless=True)


def protesters_acting(view: SentenceView, matches: list[TriggerMatch]) -> list[TriggerMatch]:
    """Protesters as the subject of an action verb (أغلق المتظاهرون الطريق) are a protest."""
    g = grammar()
    used = {i for m in matches for i in range(m.first, m.last)}
    out = []
    for a in view.args:
        if a.marker or normalize(a.mention.text) not in g.protesters:
            continue
        # VSO: the verb before the subject (past numbers and crowd words); SVO: right after it
        j = a.first - 1
        while j >= 0 and (view.norms[j] in g.crowd or view.norms[j] in g.number_words
                          or view.norms[j].isdigit() or view.norms[j] in ("من",)):
            j -= 1
        for k in (j, a.last):
            if 0 <= k < len(view.tokens) and k not in used and k not in view.taken \
                    and strip_conj(view.norms[k]) in g.protest_actions:
                out.append(TriggerMatch(PROTESTERS_ACT, k, k + 1, strip_conj(view.norms[k])))
                used.add(k)
                break
    return out


def salience(view: SentenceView, match: TriggerMatch, actors: list[Mention], recipients: list[Mention],
              places, modal: bool) -> int:
    """How clearly the sentence reports this conflict as something that happened."""
    g = grammar()
    words = [strip_conj(w) for w in view.norms]
    cues = {"place"} if _place_in_clause(places, view.span(match.first, match.last)) else set()
    for k, w in enumerate(words):
        if w in g.casualties:
            cues.add("casualties")
            if any(x.isdigit() or x in g.number_words for x in words[k + 1:k + 3]):
                cues.add("casualty_count")
        if w in g.time_cues:
            cues.add("time")
        if w in g.weapons:
            cues.add("weapon")
        if w in g.occurrence and not match.first <= k < match.last:
            cues.add("occurrence")
        if w in g.crowd:
            cues.add("crowd")
    if words and words[-1] in ("؟", "?"):
        cues.add("question")
    if match.first and words[match.first - 1] in g.topic_words:
        cues.add("topic")
    if any(w in g.background for w in words[max(0, match.first - 2):match.first]):
        cues.add("background")
    if match.first and (words[match.first - 1] in g.acted_upon or view.norms[match.first][:1] in "بل"
                        and not match.trigger.verb):
        cues.add("acted_upon")
    if match.trigger.verb:
        cues.add("present_verb" if match.form in load_lexicon().present else "past_verb")
    if any(m.kind in ("name", "metonym", "demonym", "descriptor") for m in actors):
        cues.add("named_actor")
    if actors and recipients:
        cues.add("actor_and_target")
    if modal:
        cues.add("modal")
    weights = g.salience["weights"][match.trigger.type]
    return sum(weights.get(c, 0) for c in cues)


def _place_in_clause(places, span) -> bool:
    """Is there a place (في بغداد) in the trigger's own clause?"""
    for p in places or ():
        c0, c1 = getattr(p, "clause_start", -1), getattr(p, "clause_end", -1)
        if c0 <= span[0] < c1 and getattr(p, "role", "none") in ("location", "at"):
            return True
    return False
