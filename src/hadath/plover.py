"""The PLOVER ontology as data: event types, quad classes and cooperation/conflict scores."""
from __future__ import annotations

from functools import lru_cache

from hadath.resources import load_yaml

QUADS = {"VC": "verbal cooperation", "MC": "material cooperation",
         "VK": "verbal conflict", "MK": "material conflict"}


@lru_cache(maxsize=1)
def types() -> dict[str, dict]:
    return load_yaml("hadath", "data/plover.yaml")


def score(event_type: str, mode: str | None = None) -> float:
    spec = types()[event_type]
    return float((spec.get("modes") or {}).get(mode, spec["score"]))


def quad(event_type: str) -> str:
    return QUADS[types()[event_type]["quad"]]
