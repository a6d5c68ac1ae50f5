"""Every actor of the reference article's gold table is found and resolved in the article,
with country, sector and English name right (matching as ../shared/eval/score.py does)."""
from __future__ import annotations

import json
import re

import pytest

from conftest import REFERENCE, REFERENCE_GOLD


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", s.casefold()).strip()


def denotes(entity, gold: dict) -> bool:
    """Name, Wikidata id or (for a state) country with sector GOV or none, as the scorer."""
    if gold.get("wikidata") and entity.wikidata == gold["wikidata"]:
        return True
    names = {_norm(a) for a in gold.get("aliases", [])} | {_norm(gold["name"])}
    if _norm(entity.name) in names:
        return True
    return bool(gold.get("is_state")) and entity.country == gold.get("country") \
        and entity.sector in (None, "GOV")


def right_details(entity, gold: dict) -> bool:
    if gold.get("country") and entity.country != gold["country"]:
        return False
    return not gold.get("sector") or entity.sector == gold["sector"]


@pytest.fixture(scope="module")
def mentions(shared):
    from hadath.extract.pipeline import segment_text
    from hadath.kb import MentionFinder
    from hadath.model import Document
    gold = json.loads(REFERENCE_GOLD.read_text(encoding="utf-8"))
    doc = Document(id="ref", text=REFERENCE.read_text(encoding="utf-8"), published=gold["doc"]["published"])
    segment_text(doc)
    MentionFinder(ner=False)(doc)
    return doc.mentions


def gold_actors():
    if not REFERENCE_GOLD.exists():
        return []
    actors = json.loads(REFERENCE_GOLD.read_text(encoding="utf-8"))["actors"]
    return sorted(actors.items())


@pytest.mark.parametrize("key,gold", gold_actors(), ids=[k for k, _ in gold_actors()])
def test_gold_actor_found(mentions, key, gold):
    if gold.get("kind") == "author":
        pytest.skip("the author's by-line is the attribution layer's job")
    found = [m for m in mentions if denotes(m.entity, gold)]
    assert found, f"{gold['name']} not found among {sorted({m.entity.name for m in mentions})}"
    assert any(right_details(m.entity, gold) for m in found), \
        f"{gold['name']}: country/sector wrong in {[(m.entity.country, m.entity.sector) for m in found]}"


def test_scare_quotes_and_loaded_terms(mentions):
    israel = [m for m in mentions if m.entity.country == "ISR"]
    assert any(m.framing == "scare_quotes" for m in israel)
    assert any(m.framing == "loaded_term" for m in israel)   # جيش الاحنلال


def test_mentions_are_sorted_and_disjoint(mentions):
    for a, b in zip(mentions, mentions[1:]):
        assert a.end <= b.start
    for m in mentions:
        assert m.sentence >= 0 and 0 <= m.token_start < m.token_end
