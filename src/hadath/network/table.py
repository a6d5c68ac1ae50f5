"""One pass over event records into compact columns: the basis of every graph view.

Records are not kept. Each event that links at least two actors becomes one row
(event id, type code, signed weight, day); each directed actor pair keeps the array of
its rows. Any window, roll-up or series is then computed from these arrays, without
reading the records again.
"""
from __future__ import annotations

from array import array
from typing import Iterable

from hadath.network.weighting import event_weight, type_code
from hadath.network.windows import event_day

ENTITY_FIELDS = ("name", "name_ar", "country", "sector", "type", "wikidata")
MAX_ALIASES = 30


def entity_id(entity: dict) -> str | None:
    """The actor id of an entity record; a provisional actor without id goes by its name."""
    eid = entity.get("id")
    if eid:
        return str(eid)
    name = entity.get("name") or entity.get("text")
    return f"~{name}" if name else None


def affiliation_ids(value) -> list[str]:
    """Affiliations as a list of ids: entries may be ids, {"id": ..., "from": ..., "until": ...}
    or the knowledge base's spans (an object with `.of`)."""
    out = []
    for item in value or ():
        if isinstance(item, dict):
            aid = item.get("id") or item.get("of")
        elif isinstance(item, str):
            aid = item
        else:
            aid = getattr(item, "of", None)
        if aid:
            out.append(str(aid))
    return out


def is_generic(entity: dict) -> bool:
    """An unnamed role without a country ("a soldier", "officials"): the same id stands for
    different people in every article, so it would pool them into one spurious hub."""
    return entity.get("type") == "agent" and not entity.get("country")


class EventTable:
    def __init__(self, keep_generic: bool = False):
        self.keep_generic = keep_generic
        self.event_ids: list[str] = []
        self.types = array("b")          # PLOVER type code, -1 unknown
        self.weights = array("d")        # signed, discounted
        self.days = array("i")           # ordinal day, 0 undated
        self.others: dict[int, tuple[str, ...]] = {}   # row -> ids of intermediaries
        self.pairs: dict[tuple[str, str], array] = {}   # (actor, recipient) -> rows
        self.entities: dict[str, dict] = {}             # id -> attributes (first seen, gaps filled)
        self.activity: dict[str, int] = {}              # id -> events naming it as actor/recipient
        self.aliases: dict[str, set[str]] = {}          # id -> surface texts seen
        self.skipped = {"negated": 0, "no_pair": 0, "unknown_type": 0}
        self.generic = 0                                # generic actors left out
        self.records = 0

    # --- building ---------------------------------------------------------------
    def add(self, record: dict) -> None:
        self.records += 1
        if record.get("negated"):
            self.skipped["negated"] += 1
            return
        actors = self._side(record.get("actor"))
        recipients = self._side(record.get("recipient"))
        others = self._side(record.get("others")) if record.get("others") else ()
        if len(actors) == 1 and len(recipients) == 1:     # the common case, without sets
            pairs = [(actors[0], recipients[0])] if actors[0] != recipients[0] else ()
        elif recipients:
            pairs = {(a, r) for a in actors for r in recipients if a != r}
        else:   # PLOVER reciprocal events (meetings, mutual fire): all parties are actors
            pairs = {(a, b) for a in actors for b in actors if a != b}
        if not pairs:
            self.skipped["no_pair"] += 1
            return
        code = type_code(record.get("type"))
        if code < 0:
            self.skipped["unknown_type"] += 1
        row = len(self.event_ids)
        self.event_ids.append(str(record.get("event_id") or f"row{row}"))
        self.types.append(code)
        self.weights.append(event_weight(record) if code >= 0 else 0.0)
        self.days.append(event_day(record))
        if others:
            parties = set(actors) | set(recipients)
            via = tuple(o for o in dict.fromkeys(others) if o not in parties)
            if via:
                self.others[row] = via
        table = self.pairs
        for pair in pairs:
            rows = table.get(pair)
            if rows is None:
                rows = table[pair] = array("i")
            rows.append(row)

    def _side(self, side) -> list[str]:
        ids = []
        for entity in side or ():
            if not isinstance(entity, dict):
                continue
            if not self.keep_generic and is_generic(entity):
                self.generic += 1
                continue
            eid = entity_id(entity)
            if eid is None:
                continue
            ids.append(eid)
            known = self.entities.get(eid)
            if known is None:
                known = self.entities[eid] = {k: entity.get(k) for k in ENTITY_FIELDS}
                known["affiliations"] = affiliation_ids(entity.get("affiliations"))
                self.activity[eid] = 0
                self.aliases[eid] = set()
            elif not known.get("affiliations") and entity.get("affiliations"):
                known["affiliations"] = affiliation_ids(entity["affiliations"])
            self.activity[eid] += 1
            text = entity.get("text")
            aliases = self.aliases[eid]
            if text and len(aliases) < MAX_ALIASES:
                aliases.add(text)
        return ids

    def extend(self, records: Iterable[dict]) -> "EventTable":
        add = self.add
        for record in records:
            add(record)
        return self

    # --- reading -------------------------------------------------------------------
    def day_range(self) -> tuple[int, int] | None:
        """First and last day of the dated events."""
        dated = [d for d in self.days if d > 0]
        return (min(dated), max(dated)) if dated else None


def build_table(records: Iterable[dict], keep_generic: bool = False) -> EventTable:
    return EventTable(keep_generic).extend(records)
