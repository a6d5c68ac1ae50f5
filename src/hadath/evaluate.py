"""Evaluation against gold files, with the matching rules of the reference scorer
(../shared/eval/score.py), so that `hadath eval` and score.py print the same figures.

- A system entity denotes a gold actor by Wikidata id, by English name or alias
  (normalised: accents, case, punctuation, a leading "the"/"al" ignored) or, for a
  state, by country code with sector GOV or none.
- Document gold (`gold-events/1`): gold events by line, required ones first, each takes
  the first unused system event on its line with an accepted type, not negated, whose
  sides match (either way round, or all in `actor`, for symmetric events).
- GSR: a sentence counts as detected when any non-negated event of its type has its id.
"""
from __future__ import annotations

import bisect
import json
import re
import unicodedata
from typing import Any


def norm_name(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[\u2019'`\"]", "", s)
    s = re.sub(r"[-_.,()]+", " ", s)
    s = re.sub(r"^(the|al) ", "", s.strip())
    return re.sub(r"\s+", " ", s).strip()


def entity_matches(ent: Any, gold: dict) -> bool:
    if not isinstance(ent, dict):
        return False
    if gold.get("wikidata") and ent.get("wikidata") == gold["wikidata"]:
        return True
    names = {norm_name(a) for a in gold.get("aliases", [])} | {norm_name(gold["name"])}
    candidates = [ent.get("name"), ent.get("name_en"), *(ent.get("aliases") or [])]
    if any(c and norm_name(c) in names for c in candidates):
        return True
    if gold.get("is_state") and ent.get("country") == gold.get("country"):
        return ent.get("sector") in (None, "", "GOV")
    return False


def _side(entities, keys, actors) -> bool:
    return any(entity_matches(e, actors[k]) for e in entities for k in keys)


def event_matches(ev: dict, gold: dict, actors: dict) -> bool:
    if ev.get("type") not in gold["types"] or ev.get("negated"):
        return False
    act, rec = ev.get("actor") or [], ev.get("recipient") or []
    g_act, g_rec = gold.get("actor", []), gold.get("recipient", [])
    need_rec = bool(g_rec) and not gold.get("recipient_optional")

    def direct(a, r):
        return ((not g_act) or _side(a, g_act, actors)) and ((not need_rec) or _side(r, g_rec, actors))

    if direct(act, rec):
        return True
    if gold.get("symmetric"):
        if direct(rec, act):
            return True
        both = act + rec
        for i, e in enumerate(both):
            if any(entity_matches(e, actors[k]) for k in g_act):
                if (not need_rec) or _side(both[:i] + both[i + 1:], g_rec, actors):
                    return True
    return False


def dates_agree(system: dict | None, gold: dict) -> bool:
    if not system:
        return False
    s = (system.get("start") or "0000-00-00", system.get("end") or "9999-99-99")
    g = (gold.get("start") or "0000-00-00", gold.get("end") or "9999-99-99")
    if s == ("0000-00-00", "9999-99-99"):
        return False
    return (s[0] <= g[1] and g[0] <= s[1] and s[0][:4] >= g[0][:4]
            and (g[1][:4] == "9999" or s[0][:4] <= g[1][:4]))


def events_only(records) -> list[dict]:
    return [r for r in records if isinstance(r, dict) and "type" in r]


def score_doc(gold: dict, text: str, records) -> dict:
    """Figures for one annotated article (score.py doc)."""
    actors = gold["actors"]
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    system = events_only(records)
    lines = []
    for ev in system:
        evd = ev.get("evidence") or {}
        start = evd.get("start")
        lines.append(max(0, bisect.bisect_right(starts, int(start)) - 1) if start is not None
                     else evd.get("line", -1))
    used, matched = set(), {}
    for g in sorted(gold["events"], key=lambda g: not g["required"]):
        for i, ev in enumerate(system):
            if i not in used and lines[i] == g["line"] and event_matches(ev, g, actors):
                used.add(i)
                matched[g["id"]] = ev
                break
    required = [g for g in gold["events"] if g["required"]]
    found = [g for g in required if g["id"] in matched]

    def frac(check):
        checked = [g for g in required if g["id"] in matched and check(g) is not None]
        return [sum(1 for g in checked if check(g)), len(checked)]

    def attribution(g):
        if not g.get("attribution"):
            return None
        chain = matched[g["id"]].get("attribution") or []
        return all(_side(chain, [k], actors) for k in g["attribution"])

    def location(g):
        if not g.get("location"):
            return None
        return norm_name((matched[g["id"]].get("location") or {}).get("name")) == norm_name(g["location"]["name"])

    return {
        "required_found": len(found), "required_total": len(required),
        "recall": round(len(found) / len(required), 4) if required else 0.0,
        "precision": round(len(used) / len(system), 4) if system else 0.0,
        "false_positives": len(system) - len(used),
        "attribution": frac(attribution),
        "date": frac(lambda g: dates_agree(matched[g["id"]].get("date"), g["date"]) if g.get("date") else None),
        "certainty": frac(lambda g: matched[g["id"]].get("certainty") == g["certainty"]
                          if g.get("certainty") else None),
        "location": frac(location),
        "missed": [g["id"] for g in required if g["id"] not in matched],
        "false_positive_events": [f"line {lines[i]} {ev.get('type')} "
                                  f"{','.join(e.get('name') or '?' for e in ev.get('actor') or [])} -> "
                                  f"{','.join(e.get('name') or '?' for e in ev.get('recipient') or [])}"
                                  for i, ev in enumerate(system) if i not in used],
    }


def score_gsr(gold_rows, records) -> dict:
    """Sentence-level detection and source-actor country (score.py gsr)."""
    by_doc: dict[str, list[dict]] = {}
    for ev in events_only(records):
        if not ev.get("negated"):
            by_doc.setdefault(str(ev.get("doc_id")), []).append(ev)
    tp = fp = fn = tn = country = total = 0
    for g in gold_rows:
        if g["label"] == "ambiguous":
            continue
        evs = [e for e in by_doc.get(str(g["id"]), []) if e.get("type") == g["event_type"]]
        positive = g["label"] == "yes"
        tp += bool(evs and positive)
        fp += bool(evs and not positive)
        fn += bool(positive and not evs)
        tn += bool(not positive and not evs)
        want = g.get("source_role")
        if positive and want and evs and want.get("main") not in (None, "None"):
            total += 1
            country += any(a.get("country") == want["main"] for e in evs for a in e.get("actor") or [])
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(f1, 4), "source_country": [country, total]}


def read_jsonl(path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
