"""From a match to an actor: choosing among a key's entries (kind, date, type) and
building the entities of roles, states, role words and role word + country."""
from __future__ import annotations

from hadath.kb.actors import Actor
from hadath.kb.items import Item, grammar, has_enclitic, offsets, stem_of
from hadath.kb.loader import Agent
from hadath.kb.matcher import Hit
from hadath.kb.names import bare
from hadath.model import Entity
from hadath.text import normalize


TYPE_RANK = {t: n for n, t in enumerate(
    "state territory igo government legislature ministry agency court armed_group party "
    "organisation organization outlet company person".split())}


KIND_RANK = {"name": 0, "role": 1, "descriptor": 2, "framing": 3, "metonym": 4, "demonym": 5, "agent": 6}


def _choose(entries, kb, date, context=frozenset()):
    """The best entry for a key: by kind, then date validity, then whether the actor's
    country is already in the document (كاميرون after بريطانيا is David Cameron), then type."""
    def rank(e):
        target, kind, info = e
        actor = kb.actors.get(target)
        k = KIND_RANK.get(kind, 9)
        if kind == "role":   # a role held on the date names the person (before an office's name)
            valid = actor.roles[info].valid(date) if actor else False
            k = -1 if valid else 7
        t = TYPE_RANK.get(actor.type, 20) if actor else 20
        dated = 0
        if actor is not None and actor.is_person and actor.roles:
            dated = 0 if any(r.valid(date) for r in actor.roles) else 1
        local = 0 if actor is not None and actor.country in context else 1
        return (k, dated, local, t)
    return min(entries, key=rank)


def _another_given_name(kb, target: str, tokens, i: int) -> bool:
    """A surname after someone else's given name (زاهر المرزوقي is not Moncef Marzouki)."""
    actor = kb.actors.get(target)
    if i == 0 or actor is None or not actor.is_person:
        return False
    prev = bare(tokens[i - 1].norm)
    return prev in kb.given_names and prev not in {bare(w) for n in actor.ar for w in normalize(n).split()}


def resolve(hit: Hit, tokens, kb, date, context=frozenset()) -> Item | None:
    entries = [kb.entries[n] for n in hit.entries]
    need = kb.article.get(hit.key) if hit.j - hit.i == 1 else None   # one-word names only
    f = hit.first
    if need is not None and not f.fuzzy and (f.article or bool(f.suffix)) != need:
        # الجزيرة (the channel) is not جزيرة (an island); مالي is not المالي
        entries = [e for e in entries if e[1] in ("agent", "demonym")]
        if not entries:
            return None
    target, kind, info = _choose(entries, kb, date, context)
    f = hit.first
    single = hit.j - hit.i == 1
    if single and kind == "name" and _another_given_name(kb, target, tokens, hit.i):
        return None
    pre = f.pre
    if f.article and tokens[hit.i].norm[pre - 2:pre] == "ال":
        pre -= 2   # the article belongs to the name (القاهرة), other proclitics do not
    start, end = offsets(tokens[hit.i], pre, f.suf if single else 0)
    if not single:
        end = tokens[hit.j - 1].end
    suffix = f.suffix if has_enclitic(tokens[hit.i], f.suffix) else ""
    if f.suffix and not suffix:
        return None   # e.g. a noun in ة read as noun + pronoun
    it = Item(hit.i, hit.j, start, end, None, kind, suffix=suffix, article=f.article, key=hit.key)
    last = normalize(tokens[hit.j - 1].text)
    for t2, k2, i2 in entries:
        if k2 == "demonym" and kind != "demonym":
            it.country = t2   # السعودية: a state's name and an adjective
    if kind == "demonym":
        it.country, it.number = target, info.rstrip("!")
        it.combine_only = info.endswith("!")
        it.entity = state_entity(kb, target, date)
        it.gender = "f" if last.endswith(("ه", "ات", "تان", "تين")) else "m"
        return it if it.entity else None
    if kind == "agent":
        agent = kb.agents.get(target)
        if agent is None:
            return None
        it.agent, it.number = agent, info
        it.gender = "f" if last.endswith(("ه", "ات")) else "m"
        if last.endswith(("ات",)):
            it.number = "pl"
        it.entity = agent_entity(agent)
        return it
    actor = kb.actors.get(target)
    if actor is None:
        return None
    it.entity = actor.entity(date)
    if kind == "role" and not actor.roles[info].valid(date):
        # nobody in the base held this role then: the role itself, with its country and sector
        it.entity, it.kind = _role_entity(kb, actor.roles[info], actor, date), "agent"
        return it
    if kind == "role":
        it.kind = "descriptor"
    elif kind == "framing":
        it.kind, it.framing = "descriptor", "loaded_term"
    elif hit.fuzzy and kind == "descriptor":
        it.framing = None
    it.gender = _gender(actor, hit, tokens)
    return it


def _gender(actor: Actor, hit: Hit, tokens) -> str:
    """Grammatical gender of a name as written: persons by sex, states and groups by their head noun."""
    g = grammar()
    if actor.is_person:
        if actor.gender == "m" and any(bare(normalize(ar.split()[0])) in g["feminine_titles"]
                                       for r in actor.roles for ar in r.ar if ar.split()):
            return "f"   # وزيرة الخارجية، رئيسة الوزراء: the data gave no sex, the title does
        return actor.gender
    head = hit.first.form
    if actor.is_state:
        return "m" if head in g["masculine_states"] or \
            " ".join([head] + [bare(t.norm) for t in tokens[hit.i + 1:hit.j]]) in g["masculine_states"] else "f"
    if head in g["feminine_heads"] or head.endswith(("ه", "ات")):
        return "f"
    return "m"


def false_friend(it: Item, tokens, g) -> bool:
    """A one-word name that is something else here: the base's false friends (شبه الجزيرة),
    or a person's name after a place noun (مدينة أوستن is Austin, Texas)."""
    if it.j - it.i == 1 and it.i > 0 and it.entity is not None and it.entity.type == "person" \
            and bare(stem_of(tokens[it.i - 1])) in g["place_heads"]:
        return True
    ctx = g["false_friends"].get(it.key) if it.j - it.i == 1 else None
    if not ctx:
        return False
    if ctx.get("always"):
        return True
    before = bare(tokens[it.i - 1].norm) if it.i > 0 else ""
    after = bare(tokens[it.j].norm) if it.j < len(tokens) else ""
    return before in ctx.get("before", ()) or after in ctx.get("after", ())


def _role_entity(kb, role, holder: Actor, date) -> Entity:
    iso = role.country or holder.country
    sector = role.sector or holder.sector
    adjective = (kb.demonyms.get(iso) or {}).get("en") if iso else None
    name = f"{adjective} {role.role}" if adjective and role.role else (role.role or holder.name)
    return Entity(id=f"{iso}-{sector}" if iso and sector else (iso or "ROLE"), name=name,
                  name_ar=role.ar[0] if role.ar else "", country=iso, sector=sector, type="agent",
                  affiliations=(iso,) if iso else ())


def state_entity(kb, iso: str, date) -> Entity | None:
    a = kb.actors.get(iso)
    if a is not None:
        return a.entity(date)
    return Entity(id=iso, name=iso, country=iso, type="state")


def agent_entity(agent: Agent) -> Entity:
    return Entity(id=agent.id, name=agent.name, name_ar=agent.ar[0] if agent.ar else "",
                  sector=agent.sector or None, type="agent")


def combined_entity(kb, agent: Agent, iso: str, date, key: str = "") -> Entity:
    """A role word with a country: the base's own actor when it has one (named "<role word>
    <demonym>" or "<role word> <country>", or with id ISO_SECTOR), else ISO-SECTOR."""
    sector = agent.sector or None
    if key:
        named = _named_combination(kb, key, iso, date)
        if named is not None:
            return named
    owner = kb.actors.get(iso)
    if owner is not None and not owner.is_state:
        return owner.entity(date)   # المبعوث الأممي: an organisation's adjective -> the organisation
    for cand in (f"{iso}-{sector}", f"{iso}_{sector}"):
        if cand in kb.actors:
            return kb.actors[cand].entity(date)
    if agent.person:
        holder = _role_holder(kb, agent, iso, date)
        if holder is not None:
            return holder.entity(date)
    state = kb.actors.get(iso)
    adjective = (kb.demonyms.get(iso) or {}).get("en") or (state.name if state else iso)
    return Entity(id=f"{iso}-{sector}" if sector else iso, name=f"{adjective} {agent.name}",
                  name_ar="", country=iso, sector=sector, type="agent",
                  affiliations=(iso,) if state else ())


def _named_combination(kb, key: str, iso: str, date) -> Entity | None:
    """مجلس النواب + Libya -> the actor named مجلس النواب الليبي, if the base has one."""
    from hadath.kb.names import SEP, name_key
    forms = []
    for d in (kb.demonyms.get(iso) or {}).get("ar", []):
        b = name_key(d)
        forms += [b, b + "ه"]
    state = kb.actors.get(iso)
    if state is not None:
        forms += [name_key(n) for n in state.ar]
    for form in forms:
        for n in kb.keys.get(key + SEP + form, ()):
            target, kind, _ = kb.entries[n]
            a = kb.actors.get(target)
            if kind == "name" and a is not None and a.country == iso:
                return a.entity(date)
    return None


def _role_holder(kb, agent: Agent, iso: str, date) -> Actor | None:
    """The person holding a role named like the agent (president, prime minister) in a country."""
    best = None
    for aid, n in kb.role_index.get((agent.name.casefold(), iso), ()):
        a = kb.actors[aid]
        r = a.roles[n]
        if r.valid(date) and (best is None or (r.start or "") > (best[1].start or "")):
            best = (a, r)
    return best[0] if best else None
