"""Coreference within a document: bare titles (القائد) to the last person of their sector,
role nouns and listed hosts with a pronoun enclitic (قواته، بينه، مصالحها) to the last
compatible actor (gender, number; actors after a preposition tried last)."""
from __future__ import annotations

from hadath.kb.items import Item, grammar, has_enclitic, offsets
from hadath.kb.loader import Agent
from hadath.kb.names import bare, candidate_forms
from hadath.kb.resolve import combined_entity, state_entity
from hadath.model import Entity
from hadath.text import normalize


# -- coreference ----------------------------------------------------------------------
def _compatible(ante: Item, gender: str, number: str) -> bool:
    e = ante.entity
    if e is None or e.provisional:
        return False
    if number in ("pl", "du"):
        return ante.number in ("pl", "du") or (e.type not in ("person", "state", "territory")
                                               and e.type != "agent")
    if ante.number != "sg":
        return gender == "f" and ante.kind != "demonym"   # non-human plurals take ها
    if gender == "any":
        return True
    return ante.gender == gender


def _antecedent(history: list[Item], current: list[Item], gender, number, sentence, window,
                before: int, person_only=False, fits=None) -> Item | None:
    pool = [x for x in current if x.j <= before]
    found = _search(history + pool, gender, number, sentence, window, person_only, fits, False)
    return found or _search(history + pool, gender, number, sentence, window, person_only, fits, True)


def _search(items, gender, number, sentence, window, person_only, fits, places) -> Item | None:
    for cand in reversed(items):
        if sentence - cand.sentence > window:
            break
        if cand.kind == "demonym" and cand.number == "sg":
            continue   # an adjective (الدعم الإسرائيلي) is not an antecedent
        if cand.entity is None or (cand.entity.type == "agent" and not cand.entity.country):
            continue   # a bare role word tells nothing
        if cand.entity.type in grammar()["no_antecedent_types"]:
            continue
        if cand.place and not places:
            continue
        if person_only:
            if cand.entity and cand.entity.type == "person" and (fits is None or fits(cand.entity)):
                return cand
            continue
        if _compatible(cand, gender, number):
            return cand
    return None


def _same_sector(items: list[Item], sector: str, sentence: int, window: int) -> Item | None:
    """The last actor of this sector with a country (الحكومة اليمنية ... الحكومة)."""
    for cand in reversed(items):
        if sentence - cand.sentence > window:
            return None
        e = cand.entity
        if e is not None and e.sector == sector and e.country and e.type != "person":
            return cand
    return None


def _title_fits(kb, title: str, sector: str | None):
    """Can this bare title (قائد، رئيس) stand for that person? When the base gives the
    person's role names, the title must be a word of one of them (the chancellor is no
    "president"); otherwise the sectors must agree."""
    def fits(entity: Entity) -> bool:
        actor = kb.actors.get(entity.id)
        words = {bare(w) for r in (actor.roles if actor else ()) for ar in r.ar
                 for w in normalize(ar).split()}
        words |= {bare(w) for d in (actor.descriptors if actor else ()) for w in normalize(d).split()}
        if words:
            return title in words
        return sector is None or entity.sector in (None, sector)
    return fits


def _forces_of(kb, ante: Item, date) -> Entity | None:
    """What "his/its forces" means for an antecedent."""
    e = ante.entity
    if e.type == "person":
        for aid in e.affiliations:
            a = kb.actors.get(aid)
            if a is not None and (a.type == "armed_group" or a.sector == "MIL"):
                return a.entity(date)
        if e.country:
            mil = kb.agents.get("AGENT_MIL") or Agent("AGENT_MIL", "MIL", "forces", [])
            return combined_entity(kb, mil, e.country, date)
        return None
    if e.type in ("state", "territory") or (e.sector != "MIL" and e.country and e.type in (
            "government", "ministry", "agency", "legislature", "agent")):
        mil = kb.agents.get("AGENT_MIL") or Agent("AGENT_MIL", "MIL", "military", [])
        return combined_entity(kb, mil, e.country or e.id, date)
    return e


def pronouns(items: list[Item], tokens, kb, g, date, history, sentence) -> list[Item]:
    window = g.get("window", 3)
    taken = set()
    for it in items:
        taken.update(range(it.i, it.j))
    out: list[Item] = []
    for it in items:
        # bare definite role noun for a person (القائد) -> the last such person
        if it.kind == "agent" and it.agent and it.agent.person and it.agent.sector and it.article \
                and it.entity and it.entity.type == "agent" and it.j - it.i == 1 and it.number == "sg":
            ante = _antecedent(history, out, "m", "sg", sentence, g.get("title_window", 3), it.i,
                               person_only=True, fits=_title_fits(kb, it.key, it.agent.sector))
            if ante is not None:
                it.entity, it.kind = ante.entity, "descriptor"
        # bare definite institution (الحكومة، الجيش) -> the last one of its sector named with a country
        elif it.kind == "agent" and it.agent and not it.agent.person and it.agent.sector and it.article \
                and not it.suffix and it.entity and it.entity.type == "agent" and not it.entity.country:
            ante = _same_sector(history + out, it.agent.sector, sentence, window)
            if ante is not None:
                it.entity, it.kind = ante.entity, "descriptor"
        # role noun + pronoun: قواته -> the antecedent's forces
        if it.kind == "agent" and it.suffix in g["pronouns"]:
            feat = g["pronouns"][it.suffix]
            ante = _antecedent(history, out, feat["gender"], feat["number"], sentence, window, it.i)
            if ante is not None:
                it.end = tokens[it.i].end    # "his forces": the noun with its pronoun
                ent = _forces_of(kb, ante, date) if it.agent.sector == "MIL" else None
                if ent is None and ante.entity.country and it.agent.sector:
                    ent = combined_entity(kb, it.agent, ante.entity.country, date)
                if ent is not None:
                    it.entity, it.kind = ent, "pronoun"
        out.append(it)
    # free pronoun enclitics on hosts (بينه، مصالحها، لقواته when قوات is no agent word)
    extra: list[Item] = []
    for k, tok in enumerate(tokens):
        if k in taken or not tok.norm or not tok.norm[0].isalpha():
            continue
        reading = _pronoun_reading(tok, g)
        if reading is None:
            continue
        host, pre, suf = reading
        feat = g["pronouns"][suf]
        ante = _antecedent(history, sorted(out + extra, key=lambda x: x.i), feat["gender"],
                           feat["number"], sentence, window, k)
        if ante is None:
            continue
        if host in g["forces_nouns"]:
            ent = _forces_of(kb, ante, date)
            s, e = offsets(tok, pre, 0)
        elif host in g["country_nouns"] and ante.entity.country:
            ent = state_entity(kb, ante.entity.country, date)   # بلاده: his country
            s, e = offsets(tok, pre, 0)
        else:
            ent = ante.entity
            s, e = offsets(tok, len(tok.norm) - len(suf), 0)
        if ent is None:
            continue
        extra.append(Item(k, k + 1, s, e, ent, "pronoun", gender=ante.gender, number=ante.number,
                          sentence=sentence))
    return sorted(out + extra, key=lambda x: x.i)


def _pronoun_reading(tok, g):
    """(host stem, proclitic chars, enclitic) when the token is one of the hosts (prepositions,
    nouns of what actors have and do) + a third-person pronoun. Other words with a pronoun
    (verbs, any noun) are left alone: their antecedent is most often no actor at all."""
    norm = tok.norm
    pronouns = g["pronouns"]
    for f in candidate_forms(norm, g["pronoun_hosts"]):
        if f.suffix in pronouns and has_enclitic(tok, f.suffix):
            return f.form, f.pre, f.suffix
    return None
