"""Actors as loaded from the data files, and their time-bounded facts."""
from __future__ import annotations

from dataclasses import dataclass, field

from hadath.model import Entity

PERSON_TYPES = frozenset({"person"})
STATE_TYPES = frozenset({"state", "territory"})


@dataclass(slots=True)
class Span:
    """A time-bounded fact: membership of `of` (or a role in it) from..until (ISO, None = open)."""
    of: str | None
    start: str | None = None
    end: str | None = None
    role: str | None = None
    sector: str | None = None
    country: str | None = None
    ar: tuple[str, ...] = ()    # Arabic forms of the role (رئيس الوزراء الإسرائيلي): descriptors while valid

    def valid(self, date: str | None) -> bool:
        if date is None:       # no date: what holds now (open-ended)
            return self.end is None
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


MAX_ALIASES = 8   # English names an entity record carries besides its own


@dataclass(slots=True)
class Actor:
    id: str
    type: str
    name: str
    ar: list[str] = field(default_factory=list)
    en: list[str] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    affiliations: list[Span] = field(default_factory=list)
    roles: list[Span] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)
    descriptors: list[str] = field(default_factory=list)
    framing: list[str] = field(default_factory=list)
    gender: str = "m"          # m, f (grammatical gender of the Arabic name; persons by sex)
    family: str = ""           # data file it came from
    note: str = ""
    label: str = ""            # English name for output when shorter than `name` (see loader)

    @property
    def is_person(self) -> bool:
        return self.type in PERSON_TYPES

    @property
    def is_state(self) -> bool:
        return self.type in STATE_TYPES

    def affiliation_ids(self, date: str | None) -> tuple[str, ...]:
        ids = [a.of for a in self.affiliations if a.of and a.valid(date)]
        ids += [r.of for r in self.roles if r.of and r.valid(date) and r.of not in ids]
        return tuple(ids)

    def role_at(self, date: str | None) -> Span | None:
        """The current role (the latest-starting valid one)."""
        valid = [r for r in self.roles if r.valid(date)]
        return max(valid, key=lambda r: r.start or "") if valid else None

    def entity(self, date: str | None = None) -> Entity:
        sector, country = self.sector, self.country
        if self.is_person and not sector:
            role = self.role_at(date)
            if role:
                sector = role.sector or sector
                country = country or role.country
        if not country and self.type == "igo":
            country = "IGO"   # CAMEO's country-level code for international organisations
        return Entity(id=self.id, name=self.label or self.name, name_ar=self.ar[0] if self.ar else "",
                      country=country, sector=sector, type=self.type, wikidata=self.wikidata,
                      affiliations=self.affiliation_ids(date),
                      aliases=tuple(n for n in [self.name, *self.en][:MAX_ALIASES] if n != (self.label or self.name)))


# -- compact storage for the compiled cache ---------------------------------------------
# Unpickling 100k slotted dataclasses costs seconds; tuples of strings cost milliseconds.
# The cache holds tuples, and ActorTable turns one into an Actor when it is looked up.

def _pack_span(s: Span) -> tuple:
    return (s.of, s.start, s.end, s.role, s.sector, s.country, s.ar)


def pack(a: Actor) -> tuple:
    return (a.id, a.type, a.name, a.ar, a.en, a.country, a.sector, a.wikidata,
            [_pack_span(s) for s in a.affiliations], [_pack_span(s) for s in a.roles],
            a.metonyms, a.descriptors, a.framing, a.gender, a.family, a.note, a.label)


def unpack(t: tuple) -> Actor:
    (aid, typ, name, ar, en, country, sector, wikidata, affs, roles,
     metonyms, descriptors, framing, gender, family, note, label) = t
    return Actor(aid, typ, name, ar, en, country, sector, wikidata,
                 [Span(*s) for s in affs], [Span(*s) for s in roles],
                 metonyms, descriptors, framing, gender, family, note, label)


class ActorTable:
    """id -> Actor, materialised on first access from packed tuples."""

    def __init__(self, actors: dict[str, Actor] | None = None, packed: dict[str, tuple] | None = None):
        self._live: dict[str, Actor] = dict(actors or {})
        self._packed: dict[str, tuple] = packed if packed is not None else \
            {k: pack(v) for k, v in self._live.items()}

    def __getstate__(self):
        return self._packed

    def __setstate__(self, packed):
        self._packed, self._live = packed, {}

    def get(self, key, default=None):
        a = self._live.get(key)
        if a is None:
            t = self._packed.get(key)
            if t is None:
                return default
            a = self._live[key] = unpack(t)
        return a

    def __getitem__(self, key) -> Actor:
        a = self.get(key)
        if a is None:
            raise KeyError(key)
        return a

    def __contains__(self, key) -> bool:
        return key in self._packed

    def __len__(self) -> int:
        return len(self._packed)

    def __iter__(self):
        return iter(self._packed)

    def keys(self):
        return self._packed.keys()

    def values(self):
        return (self[k] for k in self._packed)

    def items(self):
        return ((k, self[k]) for k in self._packed)
