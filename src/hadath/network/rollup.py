"""Roll-ups: map each actor id to the node it counts for.

- `none`: every actor is its own node.
- `affiliation`: an actor counts for the root of its affiliation chain (Haftar -> LNA, a
  ministry -> its state). The chain comes from the entities' `affiliations` lists in the
  records, then from a user mapping file, then from the knowledge base when it has the id.
  The first affiliation listed is followed; cycles stop where they close; an armed group,
  party or company is not rolled into its state (data/rollup.yaml).
- `country`: an actor with a country counts for that country (node id = the ISO code);
  actors without one (the UN, a transnational movement) stay themselves.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from hadath.errors import HadathError
from hadath.network.table import affiliation_ids
from hadath.resources import load_yaml

ROLLUPS = ("none", "affiliation", "country")


def load_affiliations(path: str | Path) -> dict[str, list[str]]:
    """A YAML mapping `actor id: parent id` (or a list of parent ids, the first one counts)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as e:
        raise HadathError(f"{path}: cannot read affiliations ({e.__class__.__name__})") from None
    if not isinstance(data, dict):
        raise HadathError(f"{path}: affiliations must be a mapping 'actor id: parent id'")
    return {str(k): affiliation_ids(v if isinstance(v, list) else [v]) for k, v in data.items()}


def _kb_attributes(actor_id: str) -> dict:
    """Node attributes of an actor from the knowledge base; just its id as name if unknown."""
    try:
        from hadath.kb import load_kb
        entity = load_kb().entity(actor_id)
    except (ImportError, AttributeError, KeyError, TypeError, HadathError, OSError):
        entity = None
    if entity is None:
        return {"name": actor_id}
    return {"name": entity.name or actor_id, "name_ar": entity.name_ar, "country": entity.country,
            "sector": entity.sector, "type": entity.type, "wikidata": entity.wikidata}


class KbAffiliations:
    """Affiliations and types from the knowledge base (`hadath.kb.load_kb()`)."""

    def __init__(self, kb):
        self.kb = kb

    def _actor(self, eid: str):
        try:
            return self.kb.get(eid)
        except (KeyError, AttributeError):
            return None

    def __call__(self, eid: str) -> list[str]:
        actor = self._actor(eid)
        if actor is None:
            return []
        current = getattr(actor, "affiliation_ids", None)   # what holds now, then any span
        ids = list(current(None)) if callable(current) else []
        return ids or affiliation_ids(getattr(actor, "affiliations", None))

    def type(self, eid: str) -> str | None:
        return getattr(self._actor(eid), "type", None)


def _kb_affiliations() -> KbAffiliations | None:
    """The knowledge base's affiliations, or None when there is no usable base."""
    try:
        from hadath.kb import load_kb
        return KbAffiliations(load_kb())
    except (ImportError, AttributeError, HadathError, OSError):
        return None


class Rollup:
    """Identity: each actor is its own node."""
    name = "none"

    def __init__(self, table):
        self.table = table
        self._cache: dict[str, str] = {}

    def node(self, eid: str) -> str:
        return eid

    def __call__(self, eid: str) -> str:
        node = self._cache.get(eid)
        if node is None:
            node = self._cache[eid] = self.node(eid)
        return node

    def attributes(self, node: str) -> dict:
        """Node attributes: those of the entity with the node's id, else derived from members."""
        known = self.table.entities.get(node)
        if known:
            return dict(known)
        return {"name": node}


@lru_cache(maxsize=1)
def _rules() -> dict:
    data = load_yaml("hadath.network", "data/rollup.yaml")
    return {k: frozenset(v) for k, v in data.items()}


class AffiliationRollup(Rollup):
    name = "affiliation"

    def __init__(self, table, extra: dict[str, list[str]] | None = None, use_kb: bool = True):
        super().__init__(table)
        self.extra = extra or {}
        self.kb = _kb_affiliations() if use_kb else None

    def parent(self, eid: str) -> str | None:
        known = self.table.entities.get(eid) or {}
        for parents in (known.get("affiliations"), self.extra.get(eid),
                        self.kb(eid) if self.kb else None):
            if parents:
                return str(parents[0])
        return None

    def actor_type(self, eid: str) -> str | None:
        known = self.table.entities.get(eid)
        if known and known.get("type"):
            return known["type"]
        return self.kb.type(eid) if self.kb else None

    def node(self, eid: str) -> str:
        rules = _rules()
        seen = [eid]
        while True:
            parent = self.parent(seen[-1])
            if parent is None or parent in seen:
                return seen[-1]
            if (self.actor_type(seen[-1]) in rules["autonomous_types"]
                    and self.actor_type(parent) in rules["state_types"]):
                return seen[-1]
            seen.append(parent)

    def attributes(self, node: str) -> dict:
        known = self.table.entities.get(node)
        if known:
            return dict(known)
        return _kb_attributes(node)   # a root no event names directly: ask the base


class CountryRollup(Rollup):
    name = "country"

    def __init__(self, table):
        super().__init__(table)
        self._states: dict[str, dict] | None = None

    def node(self, eid: str) -> str:
        country = (self.table.entities.get(eid) or {}).get("country")
        return str(country) if country else eid

    def attributes(self, node: str) -> dict:
        if self._states is None:   # country -> the state's own entity, if some event names it
            self._states = {}
            for eid, e in self.table.entities.items():
                country = e.get("country")
                if country and country not in self._states:
                    self._states[country] = None
                if country and (e.get("type") == "state" or eid == country) and not self._states[country]:
                    self._states[country] = e
        if node in self._states:
            state = self._states[node]
            if state:
                return {**state, "country": node, "sector": None, "type": "state"}
            return {**_kb_attributes(node), "country": node, "sector": None, "type": "state"}
        return dict(self.table.entities.get(node) or {"name": node})


def make_rollup(table, name: str = "none", affiliations: dict | None = None,
                use_kb: bool = True) -> Rollup:
    if name in (None, "none"):
        return Rollup(table)
    if name == "affiliation":
        return AffiliationRollup(table, affiliations, use_kb=use_kb)
    if name == "country":
        return CountryRollup(table)
    raise HadathError(f"unknown roll-up {name!r} ({', '.join(ROLLUPS)})")
