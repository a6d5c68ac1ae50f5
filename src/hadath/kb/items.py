"""Matched spans (Item) and the token facts the mention rules share: offsets without
clitics, definiteness, enclitics, quotes, and the word lists of data/grammar/coref.yaml."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from hadath.kb.loader import Agent
from hadath.kb.names import ARTICLE, bare
from hadath.model import Entity
from hadath.resources import read_text
from hadath.text import normalize, normalize_with_map


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
    g["feminine_titles"] = frozenset(bare(normalize(w)) for w in g.get("feminine_titles") or ())
    g["military_things"] = frozenset(bare(w) for w in g["military_things"])
    g["no_country"] = frozenset(bare(normalize(w)) for w in g.get("no_country") or ())
    g["no_antecedent_types"] = frozenset(g.get("no_antecedent_types") or ())
    g["false_friends"] = {bare(normalize(k)): {side: words if isinstance(words, bool) else
                                               frozenset(bare(normalize(w)) for w in words)
                                               for side, words in (v or {}).items()}
                          for k, v in (g.get("false_friends") or {}).items()}
    g["pronouns"] = {normalize(k): v for k, v in g["pronouns"].items()}
    # the nouns before a place name (مدينة، ولاية): one list, the NER's
    heads = read_text("hadath.ner", "data/place_heads.txt")
    g["place_heads"] = frozenset(bare(w.strip()) for w in heads.splitlines() if w.strip() and not w.startswith("#"))
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


# -- resolving one match ------------------------------------------------------------
def offsets(tok, pre: int, suf: int) -> tuple[int, int]:
    """Character span of a token without `pre` leading and `suf` trailing normalised characters."""
    if pre == 0 and suf == 0:
        return tok.start, tok.end
    _, index = normalize_with_map(tok.text)
    s = tok.start + index[pre] if pre < len(index) else tok.start
    e = tok.start + index[len(index) - suf - 1] + 1 if suf else tok.end
    return s, e


def has_enclitic(tok, suffix: str) -> bool:
    """Normalisation turns ة into ه: a final teh marbuta is no pronoun."""
    if not suffix:
        return False
    letters = [c for c in tok.text if "\u0621" <= c <= "\u064A"]
    return bool(letters) and not (suffix.endswith("ه") and letters[-1] == "ة")


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


def has_preposition(proclitics: str) -> bool:
    if proclitics.endswith("لل"):
        return True
    if proclitics.endswith("ال"):
        proclitics = proclitics[:-2]
    return proclitics[-1:] in ("ب", "ل", "ك")


# -- combinations ---------------------------------------------------------------------
def gap_is_quotes(tokens, a: int, b: int) -> bool:
    return all(tokens[k].norm == QUOTE for k in range(a, b))


def stem_of(tok) -> str:
    """The token without a leading و/ف (and with the article kept for bare())."""
    n = tok.norm
    return n[1:] if n[:1] in ("و", "ف") and len(n) > 3 and (n[1:2] == "ا" or len(n) > 4) else n
