"""A small deterministic pipeline and corpus generator for the store's tests (no tests here).

The fake pipeline finds a handful of actors and verbs by plain string search and makes
one event per sentence holding a verb and an actor, so that the store's mechanics
(resume, corroboration, exports) are tested independently of the real extractors.
Loaded by worker processes as "test_store_fake:load" (tests/ is on sys.path).
"""
from __future__ import annotations

import gzip
import json
import os
import random
import time
from pathlib import Path

from hadath.model import DateSpan, Entity, Event, Mention, Place, Source
from hadath.text import split_sentences

ACTORS = {
    "مصر": Entity("EGY", "Egypt", "مصر", "EGY", None, "state", "Q79"),
    "ليبيا": Entity("LBY", "Libya", "ليبيا", "LBY", None, "state", "Q1016"),
    "روسيا": Entity("RUS", "Russia", "روسيا", "RUS", None, "state", "Q159"),
    "تركيا": Entity("TUR", "Turkey", "تركيا", "TUR", None, "state", "Q43"),
    "حفتر": Entity("Q6583542", "Khalifa Haftar", "خليفة حفتر", "LBY", "MIL", "person", "Q6583542"),
    "الأمم المتحدة": Entity("UN", "United Nations", "الأمم المتحدة", "IGO", "IGO", "igo", "Q1065"),
    "الجيش الإسرائيلي": Entity("IDF", "Israel Defense Forces", "الجيش الإسرائيلي", "ISR", "MIL",
                               "armed_group", "Q49154", affiliations=("ISR",)),
}
VERBS = {"زار": ("CONSULT", "visit", 4.0), "هاجم": ("ASSAULT", None, -9.0), "دعم": ("SUPPORT", None, 5.0),
         "انتقد": ("ACCUSE", "disapprove", -2.0), "هدد": ("THREATEN", None, -3.5),
         "التقى": ("CONSULT", None, 2.5)}
PLACES = {"القاهرة": ("Cairo", "EGY"), "طرابلس": ("Tripoli", "LBY")}


def load(**kwargs):
    delay = float(os.environ.get("HADATH_FAKE_DELAY", "0"))

    def nlp(doc):
        if "بطيء جدا" in doc.text:
            time.sleep(30)
        if "انهيار" in doc.text:
            raise ValueError("the fake pipeline breaks on this one")
        if delay:
            time.sleep(delay)
        doc.mentions, doc.events = [], []
        doc.sources = [Source(doc.meta["outlet"], "outlet")] if doc.meta.get("outlet") else []
        for i, (s, e) in enumerate(split_sentences(doc.text)):
            sent = doc.text[s:e]
            found = []
            for name, entity in ACTORS.items():
                at = sent.find(name)
                while at >= 0:
                    framing = "scare_quotes" if sent[max(0, at - 1):at] == '"' else None
                    found.append(Mention(s + at, s + at + len(name), name, entity, i, framing=framing))
                    at = sent.find(name, at + 1)
            found.sort(key=lambda m: m.start)
            doc.mentions.extend(found)
            for verb, (etype, mode, score) in VERBS.items():
                at = sent.find(verb)
                if at < 0 or not (found or "مجهولون" in sent):   # unknown perpetrators: an event with no actor
                    continue
                before = [m for m in found if m.start < s + at]
                after = [m for m in found if m.start > s + at and (not before or m.entity.id != before[-1].entity.id)]
                actor = before[-1:] or found[:1]
                recipient = [m for m in after if m.entity.id != actor[0].entity.id][:1]
                place = next((PLACES[p] + (p, sent.find(p)) for p in PLACES if p in sent), None)
                attribution = [Source(doc.meta["outlet"], "outlet")] if doc.meta.get("outlet") else []
                certainty = "asserted"
                if "نقلا عن" in sent:
                    attribution.append(Source("Reuters", "organization", "reuters", "رويترز"))
                    certainty = "reported"
                date = DateSpan(doc.published, doc.published, "day", "") if doc.published else None
                doc.events.append(Event(
                    type=etype, mode=mode, actor=actor, recipient=recipient, date=date,
                    location=Place(place[0], place[1], place[2], s + place[3], s + place[3] + len(place[2]))
                    if place else None,
                    certainty=certainty, attribution=attribution, sentence=i, evidence=(s, e),
                    trigger=(s + at, s + at + len(verb), verb), score=score, confidence=0.9,
                    framing=["scare_quotes"] if '"' in sent else []))
        return doc

    return nlp


# -- corpus ------------------------------------------------------------------------------

FILLER = ("في إطار جهود التهدئة", "وسط توتر متزايد", "بعد أسابيع من المفاوضات", "في خطوة مفاجئة",
          "وفق مصادر مطلعة", "رغم الانتقادات الدولية", "في ظل الأزمة الاقتصادية", "على هامش القمة")
OUTLETS = ("سكاي نيوز عربية", "فرانس 24", "العربية", "بي بي سي عربي")


def sentence(rng: random.Random) -> str:
    names = list(ACTORS)
    a, b = rng.sample(names, 2)
    verb = rng.choice(list(VERBS))
    place = rng.choice(list(PLACES) + ["", ""])
    tail = " نقلا عن رويترز" if rng.random() < 0.3 else ""
    where = f" في {place}" if place else ""
    return f"{a} {verb} {b}{where} {rng.choice(FILLER)}{tail}."


def article(rng: random.Random, n: int) -> str:
    body = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
    return f"تقرير رقم {n}: {body}"


def make_corpus(root: Path, n_docs: int = 1000, seed: int = 7) -> dict:
    """Folders of .txt, a JSONL file (one gzipped), a CSV, a few bad inputs and syndicated copies."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    counts = {"good": 0, "bad": 0}
    n_txt, n_csv = n_docs // 5, n_docs // 10
    n_jsonl = n_docs - n_txt - n_csv
    for i in range(n_txt):
        folder = root / f"txt{i % 4}"
        folder.mkdir(exist_ok=True)
        (folder / f"doc{i:05d}.txt").write_text(article(rng, i), encoding="utf-8")
        counts["good"] += 1
    lines = []
    for i in range(n_jsonl):
        day = f"2018-{rng.randint(3, 5):02d}-{rng.randint(1, 28):02d}"
        lines.append({"id": f"j{i:05d}", "text": article(rng, 10_000 + i), "published": day,
                      "outlet": rng.choice(OUTLETS), "title": f"خبر {i}", "url": f"https://example.org/{i}"})
    # Syndicated copies: the same article from another outlet, under another dateline.
    for i in range(0, 40, 2):
        lines[i + 1]["text"] = "(وكالات) " + lines[i]["text"]
        lines[i + 1]["published"] = lines[i]["published"]
        lines[i + 1]["outlet"] = OUTLETS[(OUTLETS.index(lines[i]["outlet"]) + 1) % len(OUTLETS)]
    half = len(lines) // 2
    with open(root / "feed.jsonl", "w", encoding="utf-8") as f:
        for row in lines[:half]:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
        f.write('{"id": "broken", "text": "نص\n')      # a broken JSONL line
        counts["bad"] += 1
    with gzip.open(root / "feed2.jsonl.gz", "wt", encoding="utf-8") as f:
        for row in lines[half:]:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    counts["good"] += len(lines)
    import csv
    with open(root / "table.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text", "outlet", "published"])
        for i in range(n_csv):
            w.writerow([f"c{i:05d}", article(rng, 20_000 + i), rng.choice(OUTLETS), "2018-04-01"])
    counts["good"] += n_csv
    (root / "bad").mkdir(exist_ok=True)
    (root / "bad" / "empty.txt").write_bytes(b"")
    (root / "bad" / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (root / "bad" / "cp1256.txt").write_bytes("مصر زار ليبيا في القاهرة.".encode("cp1256"))
    (root / "bad" / "crash.txt").write_text("مصر زار ليبيا ثم انهيار.", encoding="utf-8")
    counts["bad"] += 4
    return counts
