"""Propose person candidates from the seed dictionaries for review (not shipped as is).

UniversalPetrarch's Arabic actor dictionary gives Arabic names with CAMEO codes and dates but no
English; Phoenix gives English names with codes and dates. A pair is proposed when the Arabic
name, romanised (arabic-name-romanizer), is close to a Phoenix name with the same country code
and an overlapping date range, the Arabic name occurs in the news corpus, and no entry of the
curated files has that name yet. Pairs whose Arabic and English disagree simply never match
(they are dropped). The output is a review list: a person is added to leaders.txt only by hand,
with roles checked.

Usage: .venv/bin/python scripts/kb/seed_candidates.py SHARED_DATA_DIR [--out scratch/kb/seed_candidates.tsv]
"""
from __future__ import annotations

import argparse
import difflib
import gzip
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import ahocorasick

from measure_corpus import load_names, norm, variants

CODE_RE = re.compile(r"\[([A-Z~]{3,12})(?:\s+([<>]?\s*\d{6,8})?(?:-(\d{6,8}))?)?\s*\]")
GENERIC = set("جيش قوة شرطة حكومة وزارة وزير رئيس مجلس حزب حركة جماعة منظمة أمين عام ل جامعة "
              "دولة بنك شركة جريدة صحيفة وكالة اتحاد جبهة محكمة قاضي سفير نائب عضو قائد".split())


def year(tok: str | None) -> int | None:
    if not tok:
        return None
    d = re.sub(r"\D", "", tok)
    if len(d) == 6:                       # YYMMDD in Phoenix
        yy = int(d[:2])
        return 2000 + yy if yy < 40 else 1900 + yy
    return int(d[:4]) if len(d) >= 4 else None


def parse_upetrarch(path: Path) -> dict[str, list[tuple[str, int | None, int | None]]]:
    out: dict[str, list] = {}
    cur = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace() or not line.strip().startswith("["):
            name = line.split("[")[0].strip().strip("_").replace("_", " ")
            cur = out.setdefault(name, [])
            line = line[len(line.split("[")[0]):]
        for m in CODE_RE.finditer(line):
            if cur is not None:
                cur.append((m.group(1), year(m.group(2)), year(m.group(3))))
    return out


def parse_phoenix(path: Path) -> list[tuple[str, list[str], list[tuple[str, int | None, int | None]]]]:
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        s = line.split("#")[0].rstrip()
        if not s.strip():
            continue
        if s.startswith("+"):
            if out:
                out[-1][1].append(s[1:].strip().strip("_"))
        elif s.startswith((" ", "\t", "[")) and "[" in s:
            if out:
                for m in CODE_RE.finditer(s):
                    out[-1][2].append((m.group(1), year(m.group(2)), year(m.group(3))))
        else:
            name = s.split("[")[0].strip().strip("_")
            out.append((name, [], []))
            for m in CODE_RE.finditer(s):
                out[-1][2].append((m.group(1), year(m.group(2)), year(m.group(3))))
    return out


def simplify(s: str) -> str:
    s = s.lower().replace("_", " ").replace("-", " ")
    s = re.sub(r"\b(al|el|ad|as|ash|an|ar|at|az|bin|ibn|abu|abd|abdul|abdel)\b", " ", s)
    s = re.sub(r"[aeiouy']", "", s)
    return re.sub(r"\s+", " ", s).strip()


def overlaps(a, b) -> bool:
    a0, a1 = a[1] or 1900, a[2] or 2100
    b0, b1 = b[1] or 1900, b[2] or 2100
    return a0 <= b1 and b0 <= a1


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("shared")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[2] / "scratch" / "kb" / "seed_candidates.tsv"))
    args = ap.parse_args()
    import arabic_name_romanizer as romanizer
    shared = Path(args.shared)
    up = parse_upetrarch(shared / "lexicons/upetrarch_ar/actor_dict_ar_v4.txt")
    phx = parse_phoenix(shared / "lexicons/phoenix_en/Phoenix.Countries.actors.txt")
    by_country = defaultdict(list)
    for name, syns, codes in phx:
        for c in {c[0][:3] for c in codes}:
            by_country[c].append((name, syns, codes))
    known, _ = load_names()
    persons = {}
    for ar, codes in up.items():
        toks = ar.split()
        if not (2 <= len(toks) <= 4) or not codes or any(t in GENERIC for t in toks):
            continue
        if not any(c[1] or c[2] for c in codes):          # persons carry date ranges
            continue
        if norm(ar) in known:
            continue
        persons[norm(ar)] = (ar, codes)
    auto = ahocorasick.Automaton()
    for n in persons:
        for v in variants(n):
            auto.add_word(v, (len(v), n))
    auto.make_automaton()
    counts = Counter()
    with gzip.open(shared / "ant/ant_v2.1_middleeast_world.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            text = " " + norm(re.sub(r"[^\w\s]", " ", d["text"])) + " "
            for end, (ln, n) in auto.iter(text):
                if text[end - ln] == " " and text[end + 1] == " ":
                    counts[n] += 1
    rows = []
    for n, (ar, codes) in persons.items():
        if counts[n] < 3:
            continue
        latin = romanizer.transliterate(ar)
        best = (0.0, None, None)
        for c in {c[0][:3] for c in codes}:
            for name, syns, pcodes in by_country.get(c, []):
                if not any(overlaps(a, b) for a in codes for b in pcodes):
                    continue
                for cand in [name] + syns:
                    r = difflib.SequenceMatcher(None, simplify(latin), simplify(cand)).ratio()
                    if r > best[0]:
                        best = (r, name, pcodes)
        if best[0] >= 0.75:
            rows.append((counts[n], ar, latin, best[1], round(best[0], 2),
                         " ".join(f"{c}:{a}-{b}" for c, a, b in best[2])))
    rows.sort(reverse=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as w:
        w.write("corpus_count\tarabic\tromanised\tphoenix\tsimilarity\tphoenix_codes\n")
        for r in rows:
            w.write("\t".join(map(str, r)) + "\n")
    print(f"{len(up)} UniversalPetrarch entries, {len(phx)} Phoenix entries, "
          f"{len(persons)} unknown person-like Arabic names, {len(rows)} matched candidates -> {out}")


if __name__ == "__main__":
    main()
