"""Place names (cities, regions, countries) from a gazetteer, and the location of an event.

`find_places(text, start, end)` finds the gazetteer names of data/places.yaml in
text[start:end] and returns them as `PlaceMention`s (a `Place` that also knows the
preposition that introduces it and the clause it sits in). Proclitics are stripped from
the text (في بنغازي، بطرابلس، وسيناء، لليبيا), so the span is the name alone.

`event_location(places, trigger_start, trigger_end)` picks the place where an event
happened: a place introduced by في / ب after the trigger in its clause, then before it;
places introduced by من / إلى / نحو / ضد only when there is nothing else. The
preposition roles and their order are data (places.yaml: prepositions, role_rank).

Matching runs on the normalised text split into words by one regex; each word is looked
up (with and without its proclitics) in a dict of first words of names, built once.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache


from hadath.resources import load_yaml
from hadath.errors import HadathError
from hadath.model import Place
from hadath.text.normalize import normalize, normalize_with_map

__all__ = ["PlaceMention", "find_places", "event_location", "gazetteer"]


_WORD = re.compile(r"[^\W\d_]+")
# Harakat and tatweel only (for `exact` names, which keep their hamza).
_HARAKAT = {c: None for c in list(range(0x064B, 0x0660)) + [0x0670, 0x0640]}


@dataclass(slots=True)
class PlaceMention(Place):
    """A Place found in text, with what event_location needs to rank it."""
    role: str = "none"          # location, at, source, destination, target, none
    prep: str = ""              # the normalised preposition that introduces it
    clause_start: int = -1      # the clause around it (offsets into the text)
    clause_end: int = -1
    type: str = "city"          # city, region, country
    fronted: bool = False       # its clause is only the preposition and the place (في بنغازي، ...)


@dataclass(slots=True)
class _Entry:
    name: str
    country: str | None
    type: str = "city"
    cue_only: bool = False
    strict: bool = False
    exact: frozenset = frozenset()
    not_before: frozenset = frozenset()
    descriptor: bool = False    # العاصمة السورية: dropped when the name itself follows


@dataclass
class Gazetteer:
    entries: list[_Entry]
    index: dict[str, list[tuple[tuple[str, ...], int]]]   # first word -> [(words, entry)], longest first
    cues: frozenset
    fillers: frozenset
    preps: dict[tuple[str, ...], str]                     # preposition words -> role
    prep_len: int
    role_rank: dict[str, int]
    last_resort: frozenset
    directions: frozenset
    ambiguous: dict[str, dict]
    clause_break: re.Pattern
    names: dict[str, int] = field(default_factory=dict)   # places.yaml key -> entry (for ambiguity rules)
    keys: dict[str, tuple] = field(default_factory=dict)  # written first word -> readings in index


def _norm(s: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(normalize(str(s))))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer of data/places.yaml, loaded once."""
    d = load_yaml("hadath.extract", "data/places.yaml")

    entries: list[_Entry] = []
    index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    names: dict[str, int] = {}

    def add(entry: _Entry, variants, key: str) -> None:
        eid = len(entries)
        entries.append(entry)
        names.setdefault(key, eid)
        for v in variants:
            words = _norm(v)
            if not words:
                continue
            bucket = index.setdefault(words[0], [])
            if all(w != words for w, _ in bucket):   # first definition of a name wins
                bucket.append((words, eid))

    # hand-written places first: a city's name beats a generated country form of it
    for cc, places in (d.get("places") or {}).items():
        country = None if cc in ("-", None) else str(cc)
        for name, spec in places.items():
            if isinstance(spec, list):
                spec = {"ar": spec}
            variants = spec.get("ar", [])
            add(_Entry(str(spec.get("name", name)), spec.get("country", country), spec.get("type", "city"),
                       cue_only=spec.get("cue") == "only", strict=bool(spec.get("strict")),
                       exact=(frozenset(str(v).translate(_HARAKAT) for v in variants)
                              if spec.get("exact") else frozenset()),
                       not_before=frozenset(" ".join(_norm(w)) for w in spec.get("not_before", []))),
                variants, str(name))
    by_name: dict[str, _Entry] = {}
    for e in entries:
        by_name.setdefault(e.name, e)
    for name, variants in (d.get("capital_descriptors") or {}).items():
        city = by_name.get(str(name))
        if city is None:
            raise HadathError(f"places.yaml: capital_descriptors names an unknown place: {name}")
        add(_Entry(city.name, city.country, city.type, descriptor=True), variants, f"{name} (capital)")
    extra = d.get("country_variants") or {}
    flags = d.get("country_flags") or {}
    for cc, spec in (d.get("countries") or {}).items():
        f = flags.get(cc) or {}
        add(_Entry(str(spec["en"]), str(cc), "country", cue_only=f.get("cue") == "only",
                   strict=bool(f.get("strict"))),
            list(extra.get(cc, [])) + list(spec.get("ar", [])), str(spec["en"]))
    for bucket in index.values():
        bucket.sort(key=lambda x: -len(x[0]))

    preps: dict[tuple[str, ...], str] = {}
    for role, words in (d.get("prepositions") or {}).items():
        for w in words:
            key = _norm(w)
            if key:
                preps.setdefault(key, role)
    breaks = [re.escape(normalize(str(w))) for w in d.get("clause_breaks", [])]
    words = [b for b in breaks if re.fullmatch(r"[\w\\ ]+", b)]
    marks = [b for b in breaks if b not in words]
    parts = ["[" + "".join(marks) + "]"] if marks else []
    if words:
        parts.append(r"(?<!\w)(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")(?!\w)")
    clause_break = re.compile("|".join(parts) or r"(?!)")
    # every written form of a name's first word (with proclitics) -> its readings
    keys: dict[str, tuple] = {}
    for first in index:
        forms = {first}
        for c in ("", "و", "ف"):
            forms.update(c + p + first for p in ("", "ب", "ل", "ك"))
            if first.startswith("ال"):
                forms.add(c + "لل" + first[2:])
        for form in forms:
            found = tuple(r for r in _readings(form) if r[0] in index)
            if found:
                keys[form] = found
    return Gazetteer(
        entries=entries, index=index,
        cues=frozenset(" ".join(_norm(w)) for w in d.get("cues", [])),
        fillers=frozenset(" ".join(_norm(w)) for w in d.get("fillers", [])),
        preps=preps, prep_len=max((len(k) for k in preps), default=1),
        role_rank={r: i for i, r in enumerate(list(d.get("role_rank", [])) + list(d.get("last_resort", [])))},
        last_resort=frozenset(d.get("last_resort", [])),
        directions=frozenset(" ".join(_norm(w)) for w in d.get("directions", [])),
        ambiguous={" ".join(_norm(k)): v for k, v in (d.get("ambiguous") or {}).items()},
        clause_break=clause_break, names=names, keys=keys)


# --------------------------------------------------------------------------- clitics

@lru_cache(maxsize=100_000)
def _readings(word: str) -> tuple[tuple[str, int, str], ...]:
    """(stem, letters stripped from the front, proclitics) readings of a normalised word:
    the word itself first, then without و/ف, then without a preposition ب ل ك
    (لل = ل + the article of the name)."""
    out = [(word, 0, "")]
    i, conj = 0, ""
    if len(word) > 3 and word[0] in "وف":
        i, conj = 1, word[0]
        out.append((word[1:], 1, conj))
    rest = word[i:]
    if len(rest) > 3 and rest[0] in "بلك":
        if rest.startswith("لل"):
            # لل = ل + the article, whose alef is not written: the span starts after لل;
            # or ل + a name that starts with ل (لليبيا)
            out.append(("ا" + rest[1:], i + 2, conj + "ل"))
            out.append((rest[1:], i + 1, conj + "ل"))
        else:
            out.append((rest[1:], i + 1, conj + rest[0]))
    return tuple(out)


def _plain(word: str) -> str:
    """A normalised word without its conjunction and preposition proclitics (for cue and
    preposition words: بمدينة -> مدينه)."""
    return _readings(word)[-1][0]


# --------------------------------------------------------------------------- finding



def find_places(text: str, start: int = 0, end: int | None = None) -> list[PlaceMention]:
    """Place names of text[start:end], as PlaceMentions with offsets into `text`."""
    end = len(text) if end is None else end
    segment = text[start:end]
    if not segment:
        return []
    g = gazetteer()
    norm, index = normalize_with_map(segment)
    if g.keys.keys().isdisjoint(_WORD.findall(norm)):
        return []
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(norm)]
    out: list[PlaceMention] = []
    breaks: list[int] | None = None
    i, n = 0, len(words)
    last_end = -1
    while i < n:
        best = None
        for stem, cut, clitics in g.keys.get(words[i][2], ()):
            for names, eid in g.index.get(stem, ()):
                k = len(names)
                if k > 1 and (i + k > n or any(words[i + j][2] != names[j] for j in range(1, k))):
                    continue
                if best is None or k > best[0]:
                    best = (k, eid, cut, clitics)
                break
        if best is None:
            i += 1
            continue
        k, eid, cut, clitics = best
        entry = g.entries[eid]
        if entry.descriptor and i + k < n and words[i + k][2] in g.keys:
            i += k          # العاصمة الليبية طرابلس: the name follows
            continue
        s, e = words[i][0] + cut, words[i + k - 1][1]
        cs, ce = _to_text(start, index, s, e)
        prev = _prev_words(words, i, g.prep_len + 4)
        role, prep, used = _role(g, clitics, prev)
        if role == "none" and clitics == "و" and out and last_end == i:
            role, prep = out[-1].role, out[-1].prep      # في ليبيا وسيناء
        if not _accept(g, entry, text[cs:ce], clitics, role, prev, words, i + k):
            i += 1
            continue
        entry = _disambiguate(g, entry, words[i][2] if k == 1 else "", role, text, cs, ce)
        if breaks is None:
            breaks = [m.start() for m in g.clause_break.finditer(norm)]
        c0 = max((b for b in breaks if b < s), default=-1) + 1
        c1 = min((b for b in breaks if b >= e), default=len(norm))
        c0t = start + (index[c0] if c0 < len(index) else len(segment))
        c1t = start + (index[c1 - 1] + 1 if c1 > 0 else 0)
        fronted = role != "none" and not any(c0 <= words[j][0] for j in range(max(0, i - used - 1), i - used))
        out.append(PlaceMention(entry.name, entry.country, text[cs:ce], cs, ce, role=role, prep=prep,
                                clause_start=c0t, clause_end=c1t, type=entry.type, fronted=fronted))
        i += k
        last_end = i
    return out


def _to_text(start: int, index: Sequence[int], s: int, e: int) -> tuple[int, int]:
    return start + index[s], start + index[e - 1] + 1


def _prev_words(words, i: int, k: int) -> list[str]:
    """Up to k normalised words before words[i], nearest last."""
    return [w for _, _, w in words[max(0, i - k):i]]


def _role(g: Gazetteer, clitics: str, prev: list[str]) -> tuple[str, str, int]:
    """Role of the preposition that introduces a place, the preposition, and how many
    words before the place it spans: the place's own proclitic (بطرابلس، لليبيا), else the
    nearest preposition before it over filler words (في مدينة بنغازي، بمدينة بنغازي، في
    العاصمة الليبية طرابلس); a direction word with no preposition gives "at" (شمال بغداد)."""
    p = clitics.lstrip("وف")
    if p:
        return g.preps.get((p,), "none"), p, 0
    j = len(prev)
    direction = ""
    while j > 0:
        for k in range(min(g.prep_len, j), 0, -1):
            key = tuple(prev[j - k:j])
            for cand in (key, (_strip_conj(key[0]),) + key[1:]):
                if cand in g.preps:
                    return g.preps[cand], " ".join(cand), len(prev) - j + k
        w = prev[j - 1]
        stem, _, clitics = _readings(w)[-1]
        if w in g.fillers or stem in g.fillers:
            head = clitics.lstrip("وف")
            if head and stem in g.fillers:
                return g.preps.get((head,), "none"), head, len(prev) - j + 1
            if not direction and (w in g.directions or stem in g.directions):
                direction = stem
            j -= 1
            continue
        break
    if direction:
        return "at", direction, 0
    return "none", "", 0


def _strip_conj(w: str) -> str:
    return w[1:] if len(w) > 2 and w[0] in "وف" else w


def _accept(g: Gazetteer, entry: _Entry, surface: str, clitics: str, role: str,
            prev: list[str], words, after: int) -> bool:
    if entry.exact and surface.translate(_HARAKAT) not in entry.exact:
        return False
    if entry.not_before and after < len(words) and words[after][2] in entry.not_before:
        return False
    if entry.cue_only or entry.strict:
        cue = bool(prev) and (prev[-1] in g.cues or _plain(prev[-1]) in g.cues)
        if entry.cue_only:
            return cue
        # a separate preposition, or an attached ب (ل and ك make ordinary words: لغات)
        return cue or (role != "none" and clitics.lstrip("وف") in ("", "ب"))
    return True


def _disambiguate(g: Gazetteer, entry: _Entry, word: str, role: str, text: str,
                  cs: int, ce: int) -> _Entry:
    """Names shared by two places (عمان: Amman or Oman), by context words, then by the
    preposition, then the default of places.yaml."""
    key = _readings(word)[0][0] if word else ""
    for reading in _readings(word) if word else ():
        if reading[0] in g.ambiguous:
            key = reading[0]
            break
    rule = g.ambiguous.get(key)
    if not rule:
        return entry
    window = normalize(text[max(0, cs - 400):ce + 400])
    choice = None
    for name, cues in (rule.get("context") or {}).items():
        if any(re.search(rf"(?<!\w)[وفبل]?{re.escape(normalize(c))}(?!\w)", window) for c in cues):
            choice = name if choice is None else "?"
    if choice in (None, "?"):
        choice = rule.get("after_location_preposition") if role == "location" else None
        choice = choice or rule.get("default")
    eid = g.names.get(str(choice))
    return g.entries[eid] if eid is not None else entry


# --------------------------------------------------------------------------- event location

def event_location(places, trigger_start: int, trigger_end: int) -> Place | None:
    """The place where the event whose trigger spans these offsets happened, or None."""
    if not places:
        return None
    g = gazetteer()
    ranked = []
    for p in places:
        role = getattr(p, "role", "location")
        if role not in g.role_rank:
            continue                        # a bare name is an actor, not a location
        c0, c1 = getattr(p, "clause_start", -1), getattr(p, "clause_end", -1)
        if c0 < 0 or c0 <= trigger_start < c1 or c0 < trigger_end <= c1:
            where = 0                       # the trigger's clause
        elif p.end <= trigger_start and getattr(p, "fronted", False):
            where = 1                       # في بنغازي، اشتبكت القوات
        else:
            continue                        # another clause: another predicate's place
        after = p.start >= trigger_end
        dist = p.start - trigger_end if after else trigger_start - p.end
        ranked.append(((role in g.last_resort, where, g.role_rank[role], not after, abs(dist)), p))
    if not ranked:
        return None
    return min(ranked, key=lambda x: x[0])[1]
