"""Knowledge-base speed: loading (cold build from YAML, warm from the compiled cache, each in
a fresh process) and `find` on a 5,000-word text; then the same with 100,000 synthetic
person names added, to check the matcher stays fast at that scale.

    .venv/bin/python benchmarks/bench_kb.py [--words 5000] [--synthetic 100000]

The text is taken from the ANT corpus when ../shared is present (measurement only), else
the reference article repeated, else a built-in sample.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PY = sys.executable

LOAD = """
import sys, time
t = time.perf_counter()
from hadath.kb.base import load_kb_from
from pathlib import Path
kb = load_kb_from(Path(sys.argv[1]) if sys.argv[1] != "-" else None)
print(time.perf_counter() - t, len(kb), len(kb.keys))
"""


def text_of(words: int) -> str:
    ant = SHARED / "data" / "ant" / "ant_v2.1_middleeast_world.jsonl.gz"
    parts, n = [], 0
    if ant.exists():
        with gzip.open(ant, "rt", encoding="utf-8") as f:
            for line in f:
                t = json.loads(line)["text"]
                parts.append(t)
                n += len(t.split())
                if n >= words:
                    break
    else:
        ref = SHARED / "examples" / "cafiero_haftar_israel.ar.txt"
        sample = ref.read_text(encoding="utf-8") if ref.exists() else "قال الجيش الإسرائيلي إن حفتر التقى مسؤولين في القاهرة.\n"
        while n < words:
            parts.append(sample)
            n += len(sample.split())
    return " ".join(" ".join(parts).split(" ")[:words])


def load_in_subprocess(directory: str, cache: str) -> tuple[float, int, int]:
    env = dict(os.environ, HADATH_CACHE_DIR=cache)
    out = subprocess.run([PY, "-c", LOAD, directory], env=env, capture_output=True, text=True, check=True)
    secs, actors, names = out.stdout.split()
    return float(secs), int(actors), int(names)


def find_time(directory: str | None, cache: str, text: str, repeat: int = 3) -> tuple[float, int]:
    os.environ["HADATH_CACHE_DIR"] = cache
    from hadath.extract.pipeline import segment_text
    from hadath.kb import MentionFinder
    from hadath.kb.base import load_kb_from
    from hadath.model import Document
    kb = load_kb_from(Path(directory) if directory else None)
    finder = MentionFinder(ner=False, kb=kb)
    best, count = float("inf"), 0
    for _ in range(repeat):
        doc = Document(id="bench", text=text)
        segment_text(doc)          # the pipeline's first component, not timed
        t = time.perf_counter()
        finder(doc)
        best = min(best, time.perf_counter() - t)
        count = len(doc.mentions)
    return best, count


SYLLABLES = ["محمد", "أحمد", "علي", "حسن", "خالد", "عمر", "يوسف", "إبراهيم", "سالم", "ناصر", "فهد", "سعيد",
             "عبد الله", "عبد الرحمن", "منصور", "جمال", "كريم", "طارق", "مراد", "رشيد", "الحسيني", "التميمي",
             "العتيبي", "الزهراني", "القحطاني", "الشمري", "المصري", "الحلبي", "الدوري", "البغدادي"]
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def synthetic_persons(n: int, seed: int = 7) -> str:
    rnd = random.Random(seed)
    lines = []
    for i in range(n):
        family = "".join(rnd.choice(LETTERS) for _ in range(rnd.randint(4, 7)))
        ar = f"{rnd.choice(SYLLABLES)} {rnd.choice(SYLLABLES)} {family}"
        lines.append(f"- {{id: SYN_{i}, type: person, name: Synthetic {i}, ar: [{ar}], country: LBY}}")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=5000)
    ap.add_argument("--synthetic", type=int, default=100_000)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from hadath.kb.loader import data_dir
    text = text_of(args.words)
    results = {"words": len(text.split())}
    with tempfile.TemporaryDirectory() as tmp:
        cache = os.path.join(tmp, "cache")
        cold, actors, names = load_in_subprocess("-", cache)
        warm, _, _ = load_in_subprocess("-", cache)
        results["shipped"] = {"actors": actors, "names": names, "load_cold_s": round(cold, 3),
                              "load_warm_s": round(warm, 3)}
        secs, count = find_time(None, cache, text)
        results["shipped"].update(find_s=round(secs, 4), mentions=count)
        if args.synthetic:
            big = os.path.join(tmp, "data")
            shutil.copytree(data_dir(), big)
            Path(big, "zz_synthetic.yaml").write_text(synthetic_persons(args.synthetic), encoding="utf-8")
            cache2 = os.path.join(tmp, "cache2")
            cold, actors, names = load_in_subprocess(big, cache2)
            warm, _, _ = load_in_subprocess(big, cache2)
            secs, count = find_time(big, cache2, text)
            results["with_synthetic"] = {"actors": actors, "names": names, "load_cold_s": round(cold, 3),
                                         "load_warm_s": round(warm, 3), "find_s": round(secs, 4),
                                         "mentions": count}
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
