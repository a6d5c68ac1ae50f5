"""How much one event counts: PLOVER score times a certainty discount (docs/NETWORK.md)."""
from __future__ import annotations

from functools import lru_cache

from hadath import plover
from hadath.resources import load_yaml

# Quad classes in PLOVER's numeric order (quad_code 1..4), as field names.
QUAD_FIELDS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
_QUAD_INDEX = {"VC": 0, "MC": 1, "VK": 2, "MK": 3}


@lru_cache(maxsize=1)
def rules() -> dict:
    return load_yaml("hadath.network", "data/weighting.yaml")


@lru_cache(maxsize=1)
def event_types() -> tuple[str, ...]:
    """The 16 PLOVER types in the order of the data file (their index is the type code)."""
    return tuple(plover.types())


@lru_cache(maxsize=1)
def type_quads() -> tuple[int, ...]:
    """Quad index (0..3) of each type code."""
    spec = plover.types()
    return tuple(_QUAD_INDEX[spec[t]["quad"]] for t in event_types())


@lru_cache(maxsize=1)
def _type_codes() -> dict[str, int]:
    return {t: i for i, t in enumerate(event_types())}


def type_code(event_type: str | None) -> int:
    """Index of a PLOVER type, -1 for anything else."""
    return _type_codes().get((event_type or "").upper(), -1)


@lru_cache(maxsize=512)
def score(event_type: str, mode: str | None) -> float:
    """PLOVER score of a type (and mode, where the mode has a score of its own); 0 if unknown."""
    if type_code(event_type) < 0:
        return 0.0
    mode = (mode or "").lower().replace("_", "-") or None
    return plover.score(event_type.upper(), mode)


def discount(certainty: str | None, source_kinds=(), aux=()) -> float:
    """The smallest factor that applies: certainty, then caps by source kind and aux mode."""
    r = rules()
    factor = float(r["certainty"].get(certainty or "asserted", 1.0))
    for kind in source_kinds:
        cap = r["source_kind"].get(kind)
        if cap is not None:
            factor = min(factor, float(cap))
    for a in aux:
        cap = r["aux"].get(a)
        if cap is not None:
            factor = min(factor, float(cap))
    return factor


def event_weight(record: dict) -> float:
    """Signed weight of one event record: score x discount."""
    kinds = [s.get("kind") for s in record.get("attribution") or () if isinstance(s, dict)]
    mode = record.get("mode")
    if isinstance(mode, list):      # PLOVER allows a list of modes: the first one scores
        mode = mode[0] if mode else None
    return score(record.get("type") or "", mode) * discount(
        record.get("certainty"), kinds, record.get("aux") or ())
