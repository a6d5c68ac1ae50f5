"""The event engine: triggers, their arguments, modality, dates, places and sources.

Method: a lexicon of triggers (data/triggers.yaml, triggers.py) over a shallow analysis of
each sentence (structure.py: clauses, preposition markers, coordination). For each trigger
in a sentence:
- its actor and recipient (arguments.py; casualty reports: casualties.py); coordinated
  actors (X و Y، إلى جانب Z) each get an event of their own, so that counts stay dyadic;
  intermediaries (عبر) go to `others`;
- a quoted verb in the first person (نحث، سنقصف) is the speaker's; a politician's or a civil
  body's "attack" (هاجم) is in words (ACCUSE);
- material conflict must read as something that happened (salience.py: a logistic score
  over cues, its ASSAULT weights fitted on labelled newswire);
- negation, future and hypothetical marks, the clause's report frame (attribution.py), the
  nearest date (an anaphoric one, في ذلك الوقت, takes the last explicit date) and the place.
Then the casualties and the attack that caused them become one event (casualties.py), and
a denial that points back disputes what came before it (denial.py).
"""
from __future__ import annotations

from hadath import plover
from hadath.extract.arguments import arguments, intermediaries, topic_demonym
from hadath.extract.casualties import accident, fold_means
from hadath.extract.dates import find_dates
from hadath.extract.denial import dispute
from hadath.extract.places import event_location, find_places
from hadath.extract.salience import SALIENT_TYPES, protesters_acting, reads_as_happened
from hadath.extract.structure import SentenceView, grammar, strip_conj
from hadath.extract.triggers import Trigger, TriggerMatch, find_triggers, load_lexicon
from hadath.model import DateSpan, Document, Event, Mention

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
            view.args = [a for a in view.args if not topic_demonym(view, a, matches)]
            found = [(match, _events_for(doc, view, match, places)) for match in matches]
            events = fold_means(view, found)
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
    if not places:
        return set()
    spans = [(p.start, p.end) for p in places]
    return {i for i, t in enumerate(view.tokens) if any(s < t.end and t.start < e for s, e in spans)}


# ---------------------------------------------------------------- one trigger's events

def _events_for(doc: Document, view: SentenceView, match: TriggerMatch, places) -> list[Event]:
    trig = match.trigger
    actors, recipients = arguments(view, match)
    t_start, t_end = view.span(match.first, match.last)
    frame = _frame(doc, view.sentence.index, t_start)
    if _first_person(view, match):   # "نحث روسيا على ...": the speaker urges, Russia is urged
        speaker = _speaker(doc, frame)
        recipients = [m for m in (actors or recipients) if speaker is None or m.entity.id != speaker.entity.id]
        actors = [speaker] if speaker is not None else []
    if not actors and not (trig.actorless and not trig.weak) or trig.addressed and not recipients:
        return []
    if _not_an_occurrence(view, match, recipients):
        return []
    negated, aux, certainty = _modality(view, match)
    modal = negated or "hypothetical" in aux or "future" in aux
    if trig.type == "ASSAULT" and _verbal_attack(view, match, actors):
        trig = VERBAL_ATTACK
    if trig.type in SALIENT_TYPES and \
            not reads_as_happened(view, match, actors, recipients, places, modal, reported=frame is not None):
        return []
    others = intermediaries(view, match)
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


def _not_an_occurrence(view: SentenceView, match: TriggerMatch, recipients: list[Mention]) -> bool:
    """بموجب اتفاقية روما، اتفاق أوسلو: an agreement referred to or named; طرق إمداد الحوثيين: a
    means of supply; accidents and defused bombs (casualties.accident); يلتقي مرسيليا وأتلتيكو
    مدريد في المباراة النهائية: a match; لقاء مع قناة الحدث: an interview, not a meeting."""
    g = grammar()
    trig = match.trigger
    before = strip_conj(view.norms[match.first - 1]) if match.first else ""
    if not trig.verb and (before in g.reference_words or before in g.channels):
        return True
    if trig.type in ("ASSAULT", "COERCE"):
        return accident(view, match)
    if trig.type == "AGREE" and not trig.verb:   # اتفاق أوسلو، اتفاق الرياض: an accord's name
        named = [a for a in view.args if a.first == match.last and a.mention.kind == "metonym"]
        return bool(named) and len(view.group(named[0])) == 1
    if trig.type == "CONSULT":
        return any(strip_conj(w) in g.sports for w in view.norms) or bool(recipients) and \
            all(r.entity.type == "outlet" or r.entity.sector == "MED" for r in recipients)
    return False


def _first_person(view: SentenceView, match: TriggerMatch) -> bool:
    """A verb in the first person (نحث، سنقصف، أدعو; the lexicon's form, clitics off)."""
    form = match.form
    return match.trigger.verb and form[:1] in ("ن", "ا") and form in load_lexicon().present \
        and form not in grammar().passive_verbs   # أُصيب


def _speaker(doc: Document, frame) -> Mention | None:
    """Who says it (قال المتحدث: "..."), not the outlet that relayed it."""
    said = next((s for s in reversed(frame.chain) if s.kind != "outlet"), None) if frame else None
    if said is None:
        return None
    return next((m for m in doc.mentions if m.start == said.start and m.end == said.end), None)


def _verbal_attack(view: SentenceView, match: TriggerMatch, actors: list[Mention]) -> bool:
    """هاجم أردوغان من وصفهم بالمتآمرين، هاجمت وزارة الخارجية نادي ريال مدريد: a politician or
    a civil body that "attacks" does it in words (a commander's or a state's attack is an attack)."""
    return bool(actors) and strip_conj(view.norms[match.first]) in grammar().verbal_attack and \
        all(a.entity.type not in ("state", "territory") and a.entity.sector not in ARMED for a in actors)


# ---------------------------------------------------------------- modality

def _modality(view: SentenceView, match: TriggerMatch) -> tuple[bool, list[str], str | None]:
    """(negated, aux modes, certainty override) from the words around the trigger."""
    g = grammar()
    negated, aux, certainty = False, [], None
    prev = [view.norms[j] for j in range(max(0, match.first - 2), match.first)]
    if any(strip_conj(w) in g.negation for w in prev[-1:]) or \
            (len(prev) == 2 and view.tokens[match.first - 2].stem_norm in g.negation
             and prev[1] in ("ان", "يكون", "تكون", "وجود")):   # لعدم وجود اتفاقية
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

