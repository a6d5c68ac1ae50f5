"""Denials of what was just said: قصفت الطائرات الروسية مستشفى، وهو ما نفته موسكو.

A denial verb that points back, after ما or الذي (وهو ما نفته، الأمر الذي نفاه) or with ذلك
or هذه الاتهامات as its object (لكن روسيا نفت ذلك), disputes the events reported before it
in the sentence: they stay, as the claim of whoever reported them (certainty "claimed"),
and the denial itself is a REJECT event by the one who denies, against the accuser if the
sentence names one (the PLOVER manual suggests CAMEO 016 "deny responsibility" -> REJECT).
A denial that comes first (نفت روسيا أن تكون طائراتها قصفت ...) is a report frame
(attribution.py): the events inside it are negated.
"""
from __future__ import annotations

from hadath import plover
from hadath.extract.structure import SentenceView, grammar, strip_conj
from hadath.model import Event

POINTERS = frozenset({"ما", "الذي", "التي"})   # وهو ما نفته، الأمر الذي نفاه
OBJECTS = frozenset({"ذلك", "هذا", "هذه", "الاتهامات", "الاتهام", "المزاعم", "الادعاءات", "التقارير", "الانباء"})


def dispute(view: SentenceView, events: list[Event], author) -> list[Event]:
    """Mark the events a backward denial disputes; return the REJECT events of the denials."""
    out: list[Event] = []
    for k in _backward_denials(view):
        at = view.tokens[k].start
        disputed = [e for e in events if e.trigger[0] < at and not e.negated and e.type != "REJECT"]
        if not disputed:
            continue
        for e in disputed:
            if e.certainty in ("asserted", "reported"):
                e.certainty = "claimed"
        denier = _denier(view, k)
        if denier is None:
            continue
        accusers = [a for e in disputed if e.type == "ACCUSE" for a in e.actor
                    if a.entity.id != denier.entity.id]
        start, end = view.span(k, k + 1)
        out.append(Event(type="REJECT", actor=[denier], recipient=accusers[:1], certainty="asserted",
                         attribution=list(author), sentence=view.sentence.index,
                         evidence=(view.sentence.start, view.sentence.end),
                         trigger=(start, end, view.text[start:end]), score=plover.score("REJECT", None),
                         confidence=0.6))
    return out


def _backward_denials(view: SentenceView) -> list[int]:
    denials = grammar().denial_verbs
    out = []
    for k, tok in enumerate(view.tokens):
        if k == 0 or "نف" not in tok.norm:   # every denial verb has نف: most tokens go here, cheaply
            continue
        if tok.stem_norm not in denials and strip_conj(tok.norm) not in denials:
            continue
        before = strip_conj(view.norms[k - 1])
        after = {strip_conj(n) for n in view.norms[k + 1:k + 4]}
        if before in POINTERS or after & OBJECTS:
            out.append(k)
    return out


def _denier(view: SentenceView, k: int):
    """Who denies: the subject after the verb (VSO), or right before it (روسيا نفت)."""
    for a in view.args:
        if a.first > k and a.first - k <= 3 and a.marker == "":
            return a.mention
    before = [a for a in view.args if a.last == k and a.marker == ""]
    return before[-1].mention if before else None
