"""Rules over the matches of one sentence: appositions, adjectival role words, role word +
country (الجيش الإسرائيلي، السلطات في القاهرة، حكومة ليبيا), role word + named actor,
titles before names, capitals as places, an actor's own adjective, weapons + adjective,
and the nearest country for bare role words."""
from __future__ import annotations

from hadath.kb.items import QUOTE, Item, definite, gap_is_quotes, has_preposition, stem_of
from hadath.kb.loader import Agent
from hadath.kb.matcher import scan
from hadath.kb.names import bare
from hadath.kb.resolve import agent_entity, combined_entity, resolve
from hadath.text import normalize


def appositions(items: list[Item], tokens, cands, kb, date, sentence) -> list[Item]:
    """A description right after the name it describes (أورين حزان، عضو حزب الليكود) adds
    nothing about who is meant: read the actors named inside it instead (the Likud)."""
    out: list[Item] = []
    for it in items:
        prev = out[-1] if out else None
        if it.kind == "descriptor" and it.framing is None and prev is not None and prev.entity \
                and it.entity and prev.entity.id == it.entity.id and prev.kind == "name" \
                and all(not tokens[k].norm[:1].isalnum() for k in range(prev.j, it.i)):
            skip = {it.key}
            for _ in range(4):   # descriptions inside descriptions of the same person
                subs = []
                for hit in scan(tokens[it.i:it.j], kb, cands[it.i:it.j], skip=frozenset(skip)):
                    hit.i, hit.j = hit.i + it.i, hit.j + it.i
                    sub = resolve(hit, tokens, kb, date)
                    if sub is not None:
                        sub.sentence = sentence
                        subs.append(sub)
                again = {x.key for x in subs if x.kind == "descriptor" and x.entity.id == it.entity.id}
                if not again:
                    break
                skip |= again
            out.extend(subs)
            continue
        out.append(it)
    return out


DASHES = frozenset({"ـ", "-", "–", "—"})
NEAREST_WINDOW = 8   # tokens between the country and the role word; further off it is a guess


# Armed groups are as often the enemies of the state named before them as its own:
# ... البيت الأبيض ... ميليشيات مدعومة من إيران are no American militias.
# The same holds for the opposition and civilians (قصف أحياء المعارضة، مقتل مدنيين after
# الطائرات الروسية: not Russia's).
NO_NEAREST = frozenset({"REB", "INS", "UAF", "OPP", "CVL"})


def nearest_country(items: list[Item], tokens, kb, g, date) -> None:
    """A bare role word (a sector, no country) takes the country of the last actor named
    shortly before it in the sentence: ... حكومة الوفاق الوطني ... مجلس النواب -> the Libyan
    House of Representatives."""
    last, at = None, -1
    for it in items:
        e = it.entity
        if it.kind == "agent" and last and e is not None and e.type == "agent" and not e.country \
                and it.agent and it.agent.sector and it.agent.sector not in NO_NEAREST \
                and not it.agent.person and not it.suffix \
                and it.i - at <= NEAREST_WINDOW \
                and not (it.j < len(tokens) and bare(stem_of(tokens[it.j])) in g["no_country"]):
            it.entity = combined_entity(kb, it.agent, last, date, it.key)
        e = it.entity
        if e is not None and e.country and kb.actors.get(e.country) is not None \
                and kb.actors[e.country].is_state:
            last, at = e.country, it.j   # any actor of a country: a state, its army, its government


def military_things(items: list[Item], tokens, kb, g, date) -> None:
    """صاروخ إسرائيلي، الضربات الجوية الأمريكية: weapon (+ adjective) + demonym = that
    country's military. The mention grows leftwards over the weapon words."""
    taken = {k for it in items for k in range(it.i, it.j)}
    mil = kb.agents.get("AGENT_MIL") or Agent("AGENT_MIL", "MIL", "military", [])
    for it in items:
        if it.kind != "demonym" or not it.country:
            continue
        k = it.i
        while k > 0 and k - 1 not in taken and bare(stem_of(tokens[k - 1])) in g["military_things"] \
                and it.i - k < 2:
            k -= 1
        if k < it.i and bare(stem_of(tokens[k])) not in ("جوي", "جويه", "بحريه", "عسكريه", "صاروخي"):
            head = tokens[k]
            it.i, it.start = k, head.start + (len(head.text) - len(head.text.lstrip("وف")) if
                                             head.norm[:1] in "وف" and len(head.norm) > 3 else 0)
            it.entity, it.kind = combined_entity(kb, mil, it.country, date), "agent"


def own_adjectives(items: list[Item], tokens) -> list[Item]:
    """An actor followed by its own country's adjective (الليكود الإسرائيلي, جيش الاحتلال
    "الإسرائيلي"): one mention."""
    out: list[Item] = []
    for nxt in items:
        it = out[-1] if out else None
        if it is not None and it.kind in ("name", "descriptor", "agent") and nxt.kind == "demonym" \
                and it.entity and it.entity.country == nxt.country \
                and it.entity.type not in ("state", "territory") and gap_is_quotes(tokens, it.j, nxt.i):
            quoted = nxt.i > it.j and nxt.j < len(tokens) and tokens[nxt.j].norm == QUOTE
            it.j, it.end = nxt.j, nxt.end
            if quoted:
                it.j, it.end = nxt.j + 1, tokens[nxt.j].end   # keep the quotes balanced
            continue
        out.append(nxt)
    return out


def _adjectives(items: list[Item], tokens) -> list[Item]:
    """Role words used as adjectives (الدعم العسكري، القوى المسلحة، دكتاتورية عسكرية) modify
    the noun before them: dropped, or, after another role word (مسؤول عسكري), they refine
    its sector."""
    out: list[Item] = []
    for it in items:
        if it.kind == "agent" and it.j - it.i == 1 and it.i > 0 and tokens[it.i - 1].norm[:1].isalpha():
            tok, prev_tok = tokens[it.i], tokens[it.i - 1]
            both_definite = definite(tok) and definite(prev_tok)
            nisba = _is_adjective(tokens, it) and not definite(tok) and not definite(prev_tok)
            prev = out[-1] if out and out[-1].j == it.i else None
            if both_definite or nisba:
                if prev is not None and prev.kind == "agent" and prev.entity \
                        and prev.entity.type == "agent" and not prev.entity.country:
                    prev.j, prev.end = it.j, it.end
                    prev.agent = Agent(prev.agent.id, it.agent.sector, prev.agent.name, prev.agent.ar,
                                       prev.agent.person)
                    prev.entity = agent_entity(prev.agent)
                    continue
                if prev is None:
                    continue
        out.append(it)
    return out


def combine(items: list[Item], tokens, kb, g, date) -> list[Item]:
    items = _adjectives(items, tokens)
    out: list[Item] = []
    k = 0
    n = len(items)
    while k < n:
        it = items[k]
        nxt = items[k + 1] if k + 1 < n else None
        # role word + demonym / + country name / + في + country or capital
        # (a past office with no holder at the date has no role word to combine: agent is None)
        if it.kind == "agent" and it.agent is not None and nxt is not None and not it.suffix:
            iso = None
            head_definite = definite(tokens[it.j - 1])
            state_next = nxt.kind in ("name", "metonym", "descriptor") and nxt.entity \
                and nxt.entity.type in ("state", "territory")
            if (nxt.kind == "demonym" or nxt.country) and gap_is_quotes(tokens, it.j, nxt.i) \
                    and definite(tokens[nxt.i]) == head_definite:
                iso = nxt.country   # adjectives agree in definiteness: الجيش الإسرائيلي
            elif state_next and nxt.i == it.j and not head_definite:
                iso = nxt.entity.country or nxt.entity.id   # construct state: حكومة ليبيا, جيش الاحتلال
            elif state_next and nxt.i in (it.j + 1, it.j + 2) and tokens[it.j].norm in g["agent_country_links"] \
                    and (nxt.i == it.j + 1 or tokens[it.j + 1].norm in g["location_words"]):
                iso = nxt.entity.country or nxt.entity.id   # المسؤولين في الجزائر، الشرطة في جنوب لندن
            if iso:
                merged = Item(it.i, nxt.j, it.start, nxt.end,
                              combined_entity(kb, it.agent, iso, date, it.key), "agent",
                              framing=nxt.framing if nxt.framing == "loaded_term" else None,
                              gender=it.gender, number=it.number, agent=it.agent, sentence=it.sentence)
                out.append(merged)
                k += 2
                continue
        # a role word in construct with a named actor: عملاء الموساد -> the Mossad
        if it.kind == "agent" and nxt is not None and nxt.i == it.j and not it.suffix \
                and it.key not in g["weak_agents"] \
                and not definite(tokens[it.j - 1]) and nxt.kind == "name" and nxt.entity \
                and nxt.entity.type not in ("state", "territory", "person") \
                and not has_preposition(normalize(tokens[nxt.i].text[:nxt.start - tokens[nxt.i].start])):
            # (not across a preposition: مصدر عسكري لوكالة رويترز is a source speaking to Reuters;
            # not a weak role word: وطالب الاتحاد الأوروبي is the EU demanding)
            nxt.i, nxt.start = it.i, it.start
            out.append(nxt)
            k += 2
            continue
        # a title right before a person's name: الجنرال خليفة حفتر -> the name alone
        if it.kind == "agent" and it.agent and it.agent.person and nxt is not None and nxt.i == it.j \
                and nxt.entity and nxt.entity.type == "person":
            k += 1
            continue
        # a capital used as a place: في طرابلس
        if it.kind == "metonym" and it.i > 0 and (tokens[it.i - 1].norm in g["location_words"]
                                                  or it.start > tokens[it.i].start):
            prefix = normalize(tokens[it.i].text[:it.start - tokens[it.i].start])
            if tokens[it.i - 1].norm in g["location_words"] or prefix.endswith("ب"):
                k += 1
                continue
        # a dateline: "أنقرة ـ رويترز:" names where the story was filed, not an actor
        if it.kind == "metonym" and it.j < len(tokens) and tokens[it.j].text in DASHES \
                and all(not tokens[x].norm[:1].isalnum() for x in range(it.i)):
            k += 1
            continue
        out.append(it)
        k += 1
    return out


def _is_adjective(tokens, it: Item) -> bool:
    stem = normalize(tokens[it.i].text[it.start - tokens[it.i].start:])
    return stem.endswith(("ي", "يه")) and it.agent is not None
