"""MentionFinder: the pipeline component that fills doc.mentions.

Per sentence: longest KB matches (matcher.scan), each resolved to one entry (names before
dated roles, descriptors, metonyms, demonyms and agents); then role words are combined
with an adjacent country (الجيش الإسرائيلي, السلطات في القاهرة -> country + sector),
titles before a person's name are dropped, capitals used as places are dropped, bare
role nouns and pronoun enclitics are resolved to the last compatible actor, and mentions
wrapped in quotes are marked as scare quotes. Then the NER's provisional actors are added.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import warnings

import yaml

from hadath.errors import HadathError

from hadath.kb.actors import Actor
from hadath.kb.loader import Agent
from hadath.kb.matcher import Hit, readings, scan
from hadath.kb.names import ARTICLE, bare, candidate_forms
from hadath.model import Entity, Mention
from hadath.text import normalize, normalize_with_map

TYPE_RANK = {t: n for n, t in enumerate(
    "state territory igo government legislature ministry agency court armed_group party "
    "organisation organization outlet company person".split())}
KIND_RANK = {"name": 0, "role": 1, "descriptor": 2, "framing": 3, "metonym": 4, "demonym": 5, "agent": 6}
QUOTE = '"'


@lru_cache(maxsize=1)
def grammar() -> dict:
    text = resources.files("hadath.kb").joinpath("data/grammar/coref.yaml").read_text(encoding="utf-8")
    g = yaml.safe_load(text)
    for key in ("pronoun_hosts", "forces_nouns", "location_words", "agent_country_links", "prepositions",
                "country_nouns", "feminine_heads", "weak_agents", "military_things"):
        g[key] = frozenset(normalize(w) for w in g.get(key) or ())
    g["masculine_states"] = frozenset(bare(normalize(w)) for w in g.get("masculine_states") or ())
    g["weak_agents"] = frozenset(bare(w) for w in g["weak_agents"])
    g["military_things"] = frozenset(bare(w) for w in g["military_things"])
    g["no_antecedent_types"] = frozenset(g.get("no_antecedent_types") or ())
    g["false_friends"] = {bare(normalize(k)): {side: words if isinstance(words, bool) else
                                               frozenset(bare(normalize(w)) for w in words)
                                               for side, words in (v or {}).items()}
                          for k, v in (g.get("false_friends") or {}).items()}
    g["pronouns"] = {normalize(k): v for k, v in g["pronouns"].items()}
    return g


@dataclass(slots=True)
class Item:
    i: int
    j: int
    start: int
    end: int
    entity: Entity | None
    kind: str
    framing: str | None = None
    gender: str = "m"
    number: str = "sg"
    agent: Agent | None = None
    country: str | None = None      # for demonyms
    suffix: str = ""                # pronoun enclitic on the first token
    article: bool = False
    sentence: int = -1
    key: str = ""                   # the matched key (bare forms)
    combine_only: bool = False      # a demonym that is an actor only after a role word (مالي)
    place: bool = False             # after a preposition (في ليبيا، إلى مصر، بإسرائيل): not a subject


class MentionFinder:
    """Pipeline component `(doc) -> None` filling doc.mentions."""

    def __init__(self, ner: bool = True, kb=None):
        self.ner = ner
        self._kb = kb
        if kb is None:   # the pipeline builds its components before the first document
            register_names(self.kb)

    @property
    def kb(self):
        if self._kb is None:
            from hadath.kb.base import load_kb
            self._kb = load_kb()
        return self._kb

    def __call__(self, doc) -> None:
        kb, g = self.kb, grammar()
        if not doc.sentences and doc.text:
            from hadath.extract.pipeline import segment_text
            segment_text(doc)   # used alone, outside the pipeline
        date = doc.published
        history: list[Item] = []
        mentions: list[Mention] = []
        for sent in doc.sentences:
            items = self._sentence(sent, kb, g, date, history)
            for it in items:
                if it.entity is None:
                    continue
                mentions.append(self._mention(doc, sent, it))
            history.extend(it for it in items if it.entity is not None)
        if self.ner:
            mentions += _provisional(doc, mentions)
        mentions.sort(key=lambda m: (m.start, -m.end))
        out, last_end = [], -1
        for m in mentions:
            if m.start >= last_end:
                out.append(m)
                last_end = m.end
        doc.mentions = out

    # -- one sentence -------------------------------------------------------------
    def _sentence(self, sent, kb, g, date, history) -> list[Item]:
        tokens = sent.tokens
        cands = readings(tokens, kb)
        items = []
        for hit in scan(tokens, kb, cands):
            it = _resolve(hit, tokens, kb, date)
            if it is not None and _false_friend(it, tokens, g):
                continue
            if it is not None:
                it.sentence = sent.index
                it.place = (it.i > 0 and tokens[it.i - 1].norm in g["prepositions"]) or \
                    _has_preposition(normalize(tokens[it.i].text[:it.start - tokens[it.i].start]))
                items.append(it)
        items = _appositions(items, tokens, cands, kb, date, sent.index)
        items = _own_adjectives(_combine(items, tokens, kb, g, date), tokens)
        _military_things(items, tokens, kb, g, date)
        items = [it for it in items if not (it.kind == "demonym" and it.combine_only)]
        items = [it for it in items if not (it.kind == "agent" and it.key in g["weak_agents"]
                                            and it.entity is not None and it.entity.type == "agent")]
        _nearest_country(items, kb, date)
        items = _pronouns(items, tokens, kb, g, date, history, sent.index)
        return items

    def _mention(self, doc, sent, it: Item) -> Mention:
        toks = sent.tokens
        framing = it.framing
        if framing is None and it.i > 0 and it.j < len(toks) and toks[it.i - 1].norm == QUOTE \
                and toks[it.j].norm == QUOTE:
            framing = "scare_quotes"
        return Mention(start=it.start, end=it.end, text=doc.text[it.start:it.end], entity=it.entity,
                       sentence=sent.index, kind=it.kind if it.kind in ("name", "metonym", "demonym",
                       "descriptor", "agent", "pronoun") else "descriptor",
                       framing=framing, token_start=it.i, token_end=it.j)


def register_names(kb) -> None:
    """Tell the segmenter the actors' Arabic name words, so that the tokens other components
    see split a name's clitics (لحفتر = ل + حفتر). A few thousand words: milliseconds."""
    from hadath.text import add_vocabulary
    add_vocabulary(w for w in kb.vocab if len(w) >= 3 and "\u0621" <= w[0] <= "\u064A")


# -- resolving one match ------------------------------------------------------------
def _offsets(tok, pre: int, suf: int) -> tuple[int, int]:
    """Character span of a token without `pre` leading and `suf` trailing normalised characters."""
    if pre == 0 and suf == 0:
        return tok.start, tok.end
    _, index = normalize_with_map(tok.text)
    s = tok.start + index[pre] if pre < len(index) else tok.start
    e = tok.start + index[len(index) - suf - 1] + 1 if suf else tok.end
    return s, e


def _choose(entries, kb, date):
    """The best entry for a key: by kind, then date validity, then actor type."""
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
        return (k, dated, t)
    return min(entries, key=rank)


def _resolve(hit: Hit, tokens, kb, date) -> Item | None:
    entries = [kb.entries[n] for n in hit.entries]
    need = kb.article.get(hit.key) if hit.j - hit.i == 1 else None   # one-word names only
    f = hit.first
    if need is not None and not f.fuzzy and (f.article or bool(f.suffix)) != need:
        # الجزيرة (the channel) is not جزيرة (an island); مالي is not المالي
        entries = [e for e in entries if e[1] in ("agent", "demonym")]
        if not entries:
            return None
    target, kind, info = _choose(entries, kb, date)
    f = hit.first
    single = hit.j - hit.i == 1
    pre = f.pre
    if f.article and tokens[hit.i].norm[pre - 2:pre] == "ال":
        pre -= 2   # the article belongs to the name (القاهرة), other proclitics do not
    start, end = _offsets(tokens[hit.i], pre, f.suf if single else 0)
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
        it.entity = _state_entity(kb, target, date)
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
        it.entity = _agent_entity(agent)
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
    if actor.is_person:
        return actor.gender
    g = grammar()
    head = hit.first.form
    if actor.is_state:
        return "m" if head in g["masculine_states"] or \
            " ".join([head] + [bare(t.norm) for t in tokens[hit.i + 1:hit.j]]) in g["masculine_states"] else "f"
    if head in g["feminine_heads"] or head.endswith(("ه", "ات")):
        return "f"
    return "m"


def _appositions(items: list[Item], tokens, cands, kb, date, sentence) -> list[Item]:
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
                    sub = _resolve(hit, tokens, kb, date)
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


def _false_friend(it: Item, tokens, g) -> bool:
    ctx = g["false_friends"].get(it.key) if it.j - it.i == 1 else None
    if not ctx:
        return False
    if ctx.get("always"):
        return True
    before = bare(tokens[it.i - 1].norm) if it.i > 0 else ""
    after = bare(tokens[it.j].norm) if it.j < len(tokens) else ""
    return before in ctx.get("before", ()) or after in ctx.get("after", ())


def _has_preposition(proclitics: str) -> bool:
    if proclitics.endswith("لل"):
        return True
    if proclitics.endswith("ال"):
        proclitics = proclitics[:-2]
    return proclitics[-1:] in ("ب", "ل", "ك")


def definite(tok) -> bool:
    """The token carries the article (after any conjunction or preposition)."""
    n = tok.norm
    for c in ("و", "ف"):
        if n.startswith(c) and len(n) > 3:
            n = n[1:]
            break
    if n in NOT_DEFINITE:
        return False
    if n.startswith(("بال", "كال", "لل")) and len(n) >= 5:
        return True
    return n.startswith(ARTICLE) and len(n) >= 4


# words that begin with ال but carry no article
NOT_DEFINITE = frozenset(normalize(w) for w in "إلى إلا الآن الذي التي الذين اللذان اللتان اللذين اللتين اللاتي اللواتي اللائي".split())


def _role_entity(kb, role, holder: Actor, date) -> Entity:
    iso = role.country or holder.country
    sector = role.sector or holder.sector
    adjective = (kb.demonyms.get(iso) or {}).get("en") if iso else None
    name = f"{adjective} {role.role}" if adjective and role.role else (role.role or holder.name)
    return Entity(id=f"{iso}-{sector}" if iso and sector else (iso or "ROLE"), name=name,
                  name_ar=role.ar[0] if role.ar else "", country=iso, sector=sector, type="agent",
                  affiliations=(iso,) if iso else ())


def _state_entity(kb, iso: str, date) -> Entity | None:
    a = kb.actors.get(iso)
    if a is not None:
        return a.entity(date)
    return Entity(id=iso, name=iso, country=iso, type="state")


def _agent_entity(agent: Agent) -> Entity:
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


# -- combinations ---------------------------------------------------------------------
def _gap_is_quotes(tokens, a: int, b: int) -> bool:
    return all(tokens[k].norm == QUOTE for k in range(a, b))


def _nearest_country(items: list[Item], kb, date) -> None:
    """A bare role word (a sector, no country) takes the last state named before it in the
    sentence: ... ليبيا ... مجلس النواب -> the Libyan House of Representatives."""
    last = None
    for it in items:
        e = it.entity
        if e is not None and e.type in ("state", "territory") and it.kind in ("name", "metonym", "demonym"):
            last = e.country or e.id
        elif it.kind == "agent" and last and e is not None and e.type == "agent" and not e.country \
                and it.agent and it.agent.sector and not it.agent.person and not it.suffix:
            it.entity = combined_entity(kb, it.agent, last, date, it.key)


def _military_things(items: list[Item], tokens, kb, g, date) -> None:
    """صاروخ إسرائيلي، الضربات الجوية الأمريكية: weapon (+ adjective) + demonym = that
    country's military. The mention grows leftwards over the weapon words."""
    taken = {k for it in items for k in range(it.i, it.j)}
    mil = kb.agents.get("AGENT_MIL") or Agent("AGENT_MIL", "MIL", "military", [])
    for it in items:
        if it.kind != "demonym" or not it.country:
            continue
        k = it.i
        while k > 0 and k - 1 not in taken and bare(_stem(tokens[k - 1])) in g["military_things"] \
                and it.i - k < 2:
            k -= 1
        if k < it.i and bare(_stem(tokens[k])) not in ("جوي", "جويه", "بحريه", "عسكريه", "صاروخي"):
            head = tokens[k]
            it.i, it.start = k, head.start + (len(head.text) - len(head.text.lstrip("وف")) if
                                             head.norm[:1] in "وف" and len(head.norm) > 3 else 0)
            it.entity, it.kind = combined_entity(kb, mil, it.country, date), "agent"


def _stem(tok) -> str:
    """The token without a leading و/ف (and with the article kept for bare())."""
    n = tok.norm
    return n[1:] if n[:1] in ("و", "ف") and len(n) > 3 and (n[1:2] == "ا" or len(n) > 4) else n


def _own_adjectives(items: list[Item], tokens) -> list[Item]:
    """An actor followed by its own country's adjective (الليكود الإسرائيلي, جيش الاحتلال
    "الإسرائيلي"): one mention."""
    out: list[Item] = []
    for nxt in items:
        it = out[-1] if out else None
        if it is not None and it.kind in ("name", "descriptor", "agent") and nxt.kind == "demonym" \
                and it.entity and it.entity.country == nxt.country \
                and it.entity.type not in ("state", "territory") and _gap_is_quotes(tokens, it.j, nxt.i):
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
                    prev.entity = _agent_entity(prev.agent)
                    continue
                if prev is None:
                    continue
        out.append(it)
    return out


def _combine(items: list[Item], tokens, kb, g, date) -> list[Item]:
    items = _adjectives(items, tokens)
    out: list[Item] = []
    k = 0
    n = len(items)
    while k < n:
        it = items[k]
        nxt = items[k + 1] if k + 1 < n else None
        # role word + demonym / + country name / + في + country or capital
        if it.kind == "agent" and nxt is not None and not it.suffix:
            iso = None
            head_definite = definite(tokens[it.j - 1])
            state_next = nxt.kind in ("name", "metonym", "descriptor") and nxt.entity \
                and nxt.entity.type in ("state", "territory")
            if (nxt.kind == "demonym" or nxt.country) and _gap_is_quotes(tokens, it.j, nxt.i) \
                    and definite(tokens[nxt.i]) == head_definite:
                iso = nxt.country   # adjectives agree in definiteness: الجيش الإسرائيلي
            elif state_next and nxt.i == it.j and not head_definite:
                iso = nxt.entity.country or nxt.entity.id   # construct state: حكومة ليبيا, جيش الاحتلال
            elif state_next and nxt.i == it.j + 1 and tokens[it.j].norm in g["agent_country_links"]:
                iso = nxt.entity.country or nxt.entity.id   # المسؤولين في الجزائر
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
                and not definite(tokens[it.j - 1]) and nxt.kind == "name" and nxt.entity \
                and nxt.entity.type not in ("state", "territory", "person") \
                and not _has_preposition(normalize(tokens[nxt.i].text[:nxt.start - tokens[nxt.i].start])):
            # (not across a preposition: مصدر عسكري لوكالة رويترز is a source speaking to Reuters)
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
        out.append(it)
        k += 1
    return out


def _is_adjective(tokens, it: Item) -> bool:
    stem = normalize(tokens[it.i].text[it.start - tokens[it.i].start:])
    return stem.endswith(("ي", "يه")) and it.agent is not None

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
                before: int, person_only=False, sector=None) -> Item | None:
    pool = [x for x in current if x.j <= before]
    found = _search(history + pool, gender, number, sentence, window, person_only, sector, False)
    return found or _search(history + pool, gender, number, sentence, window, person_only, sector, True)


def _search(items, gender, number, sentence, window, person_only, sector, places) -> Item | None:
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
            if cand.entity and cand.entity.type == "person" and (
                    sector is None or cand.entity.sector in (None, sector)):
                return cand
            continue
        if _compatible(cand, gender, number):
            return cand
    return None


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


def _pronouns(items: list[Item], tokens, kb, g, date, history, sentence) -> list[Item]:
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
                               person_only=True,
                               sector=it.agent.sector or None)
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
            s, e = _offsets(tok, pre, 0)
        elif host in g["country_nouns"] and ante.entity.country:
            ent = _state_entity(kb, ante.entity.country, date)   # بلاده: his country
            s, e = _offsets(tok, pre, 0)
        else:
            ent = ante.entity
            s, e = _offsets(tok, len(tok.norm) - len(suf), 0)
        if ent is None:
            continue
        extra.append(Item(k, k + 1, s, e, ent, "pronoun", gender=ante.gender, number=ante.number,
                          sentence=sentence))
    return sorted(out + extra, key=lambda x: x.i)


def has_enclitic(tok, suffix: str) -> bool:
    """Normalisation turns ة into ه: a final teh marbuta is no pronoun."""
    if not suffix:
        return False
    letters = [c for c in tok.text if "\u0621" <= c <= "\u064A"]
    return bool(letters) and not (suffix.endswith("ه") and letters[-1] == "ة")


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


_warned: set[str] = set()


def _warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        warnings.warn(message, RuntimeWarning, stacklevel=3)


# -- NER ------------------------------------------------------------------------------
def _provisional(doc, mentions: list[Mention]) -> list[Mention]:
    try:
        from hadath.ner import provisional_mentions
    except (ImportError, AttributeError):
        return []
    taken = [(m.start, m.end) for m in mentions]
    try:
        found = provisional_mentions(doc, mentions) or []
    except (ImportError, AttributeError, FileNotFoundError, HadathError) as e:
        _warn_once(f"hadath: no provisional actors (NER unavailable: {e})")
        return []   # the NER part or its model is not there: KB mentions only
    out = []
    for m in found:
        if any(m.start < e and s < m.end for s, e in taken):
            continue
        m.kind = "ner"
        m.entity.provisional = True
        out.append(m)
    return out
