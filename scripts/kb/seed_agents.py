"""List role words of UniversalPetrarch's Arabic agents dictionary that occur in the news corpus
and that agents.yaml lacks, with their CAMEO code, for review by hand (not shipped as is).

Usage: .venv/bin/python scripts/kb/seed_agents.py SHARED_DATA_DIR
"""
from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

import ahocorasick
import yaml

from measure_corpus import norm, variants

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    shared = Path(sys.argv[1])
    agents = yaml.safe_load((ROOT / "src/hadath/kb/data/agents.yaml").read_text(encoding="utf-8"))
    known = {norm(a) for e in agents for a in e["ar"]}
    cands = {}
    for line in (shared / "lexicons/upetrarch_ar/agents.all.ar_v3.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*([^\[#]+?)\s*\[~?([A-Z]+)\]", line)
        if m:
            name = norm(m.group(1).replace("_", " ").strip())
            if name and name not in known and len(name) > 2:
                cands[name] = m.group(2)
    auto = ahocorasick.Automaton()
    for n in cands:
        for v in variants(n):
            auto.add_word(v, (len(v), n))
    auto.make_automaton()
    counts = Counter()
    with gzip.open(shared / "ant/ant_v2.1_middleeast_world.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            text = " " + norm(re.sub(r"[^\w\s]", " ", json.loads(line)["text"])) + " "
            for end, (ln, n) in auto.iter(text):
                if text[end - ln] == " " and text[end + 1] == " ":
                    counts[n] += 1
    for n, c in counts.most_common(150):
        print(f"{c}\t{cands[n]}\t{n}")


if __name__ == "__main__":
    main()
