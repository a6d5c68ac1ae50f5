"""Derive data/vocab.txt (normalised word counts) from a news corpus in JSON Lines.

    python -m hadath.text.build_vocab CORPUS.jsonl.gz [--min-count 3] [-o vocab.txt]

Each line of the corpus is a JSON object with a "text" field (the ANT corpus layout).
Words are counted in the form the segmenter reads: `normalize()` except that teh
marbuta (ة) and the hamza alefs (أ إ آ) are kept, since a final ة is never a pronoun
enclitic (حكومة, not حكوم+ه) and the hamza tells أحد from the ا of واحد. Only
Arabic-script words seen at least --min-count times are written.
"""
from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter

from hadath.text.tokens import _TOKEN, lookup_form


def count_words(path: str) -> tuple[Counter, int]:
    counts: Counter = Counter()
    docs = 0
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text") or ""
            docs += 1
            counts.update(m.group() for m in _TOKEN.finditer(text))
    words: Counter = Counter()
    for surface, n in counts.items():
        form = lookup_form(surface)
        if form and "\u0621" <= form[0] <= "\u064A":
            words[form] += n
    return words, docs


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("-o", "--output", default="vocab.txt")
    args = ap.parse_args(argv)
    words, docs = count_words(args.corpus)
    kept = [(w, n) for w, n in words.items() if n >= args.min_count]
    kept.sort(key=lambda x: (-x[1], x[0]))
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(f"# word\tcount: {len(kept)} words seen >= {args.min_count} times in {docs} "
                "articles of the ANT corpus v2.1 (see NOTICE.md)\n")
        for w, n in kept:
            f.write(f"{w}\t{n}\n")


if __name__ == "__main__":
    main()
