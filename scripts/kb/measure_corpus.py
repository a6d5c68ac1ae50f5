"""Measure how often the Arabic names of the curated actor files occur in a real news corpus,
and list frequent candidate names the files miss.

Usage: .venv/bin/python scripts/kb/measure_corpus.py CORPUS.jsonl.gz [--out DIR]
The corpus (one JSON object a line with a "text" field, e.g. the ANT corpus) is read only for
counting; nothing from it is written except counts and short n-grams for review in DIR
(default scratch/kb, git-ignored).
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import ahocorasick
import yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "hadath" / "kb" / "data"
FAMILIES = ["igos", "armed_groups", "parties", "governments", "security", "persons",
            "outlets", "organisations"]
DIAC = re.compile(r"[\u064B-\u0652\u0640\u0670]")
CLITICS = ("و", "ف", "ب", "ل", "ك")
HEADS = ["حركة", "جماعة", "حزب", "تنظيم", "قوات", "وكالة", "صحيفة", "منظمة", "مجلس", "هيئة",
         "جيش", "ميليشيا", "ميليشيات", "لواء", "كتائب", "جبهة", "تحالف", "ائتلاف", "قناة", "شركة",
         "جمعية", "الرئيس", "وزير", "رئيس", "زعيم", "قائد", "المتحدث", "الأمين", "مبعوث", "المبعوث"]


def norm(s: str) -> str:
    s = DIAC.sub("", s)
    s = re.sub("[أإآٱ]", "ا", s)
    s = s.replace("ى", "ي").replace("ة", "ه")
    return re.sub(r"\s+", " ", s).strip()


def load_names() -> tuple[dict[str, set[str]], dict[str, str]]:
    names: dict[str, set[str]] = defaultdict(set)
    fam_of = {}
    for fam in FAMILIES:
        for e in yaml.safe_load((DATA / f"{fam}.yaml").read_text(encoding="utf-8")) or []:
            fam_of[e["id"]] = fam
            for a in (e.get("ar") or []) + (e.get("framing") or []) + (e.get("metonyms") or []):
                names[norm(a)].add(e["id"])
    return names, fam_of


def variants(name: str) -> list[str]:
    """The name with a clitic attached (وال, بال, لل...), as it appears in running text."""
    out = [name]
    for c in CLITICS:
        if name.startswith("ال") and c == "ل":
            out.append("ل" + name)           # للامم = ل + الامم
        else:
            out.append(c + name)
    out += ["و" + v for v in out[1:] if not v.startswith("و")]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--out", default=str(ROOT / "scratch" / "kb"))
    args = ap.parse_args()
    names, fam_of = load_names()
    auto = ahocorasick.Automaton()
    for n in names:
        for v in variants(n):
            auto.add_word(v, (len(v), n))
    auto.make_automaton()
    doc_hits: Counter = Counter()
    name_hits: Counter = Counter()
    ngrams: Counter = Counter()
    covered_tokens = 0
    n_docs = 0
    with gzip.open(args.corpus, "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            text = " " + norm(re.sub(r"[^\w\s]", " ", doc.get("title", "") + " " + doc["text"])) + " "
            n_docs += 1
            seen_ids = set()
            covered = bytearray(len(text))
            for end, (ln, n) in auto.iter(text):
                start = end - ln + 1
                if text[start - 1] != " " or text[end + 1] != " ":
                    continue
                name_hits[n] += 1
                seen_ids |= names[n]
                for i in range(start, end + 1):
                    covered[i] = 1
            for i in seen_ids:
                doc_hits[i] += 1
            toks = text.split()
            pos = 0
            starts = []
            for t in toks:
                pos = text.index(t, pos)
                starts.append(pos)
                pos += len(t)
            heads = {norm(h) for h in HEADS}
            for i, t in enumerate(toks):
                if t in heads or (t[:1] in CLITICS and t[1:] in heads):
                    for k in (2, 3, 4):
                        if i + k <= len(toks):
                            if not any(covered[starts[j]] for j in range(i, i + k)):
                                ngrams[" ".join(toks[i:i + k])] += 1
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    ids = list(fam_of)
    with (out / "entry_doc_counts.tsv").open("w", encoding="utf-8") as w:
        for i in sorted(ids, key=lambda x: -doc_hits[x]):
            w.write(f"{i}\t{fam_of[i]}\t{doc_hits[i]}\n")
    with (out / "name_counts.tsv").open("w", encoding="utf-8") as w:
        for n in sorted(names, key=lambda x: -name_hits[x]):
            w.write(f"{n}\t{name_hits[n]}\t{','.join(sorted(names[n]))}\n")
    with (out / "missing_ngrams.tsv").open("w", encoding="utf-8") as w:
        for g, c in ngrams.most_common(3000):
            w.write(f"{g}\t{c}\n")
    found = sum(1 for i in ids if doc_hits[i])
    print(f"{n_docs} documents; {found}/{len(ids)} entries occur at least once")
    by_fam = defaultdict(lambda: [0, 0])
    for i in ids:
        by_fam[fam_of[i]][1] += 1
        by_fam[fam_of[i]][0] += bool(doc_hits[i])
    for fam, (a, b) in sorted(by_fam.items()):
        print(f"  {fam:14s} {a:5d}/{b:5d} entries found")
    print(f"names with at least one hit: {sum(1 for n in names if name_hits[n])}/{len(names)}")


if __name__ == "__main__":
    main()
