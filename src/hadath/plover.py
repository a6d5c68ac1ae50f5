"""The PLOVER ontology as data: event types, quad classes and cooperation/conflict scores."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

QUADS = {"VC": "verbal cooperation", "MC": "material cooperation",
         "VK": "verbal conflict", "MK": "material conflict"}


@lru_cache(maxsize=1)
def types() -> dict[str, dict]:
    text = resources.files("hadath").joinpath("data/plover.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def score(event_type: str, mode: str | None = None) -> float:
    spec = types()[event_type]
    return float((spec.get("modes") or {}).get(mode, spec["score"]))


def quad(event_type: str) -> str:
    return QUADS[types()[event_type]["quad"]]
