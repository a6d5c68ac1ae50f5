"""Corpus label priors: how a tagger labels each stem across a large unlabelled corpus.

A name the training data never shows is often clear somewhere in a large news corpus (after
a title, beside a known name). `build_priors` tags every sentence of a corpus with a
tagger and counts, for each stem, the entity types it received; the tagger's features then
include each stem's bands (features.Featurizer, `gp=`), a corpus-wide consistency signal.
Only stems and counts are kept (data/priors.tsv); none of the text is.
"""
from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

MIN_COUNT = 3   # occurrences a stem needs: rarer stems get `gp=none`
MIN_SHARE = 0.1   # types a stem took less often than this are left out


def count_labels(corpus: Path, tagger, limit: int | None = None, log=print
                 ) -> dict[str, Counter]:
    """stem -> Counter of types (PERS ... or O) the tagger gave it over the corpus's texts,
    segmented as the pipeline segments them."""
    from hadath.extract.pipeline import segment_text
    from hadath.model import Document

    counts: dict[str, Counter] = {}
    stems = tagger.featurizer.stems
    opener = gzip.open if str(corpus).endswith(".gz") else open
    with opener(corpus, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if limit is not None and n >= limit:
                break
            doc = Document(str(n), json.loads(line).get("text") or "")
            segment_text(doc)
            sents = [[t.text for t in s.tokens] for s in doc.sentences]
            for words, tags in zip(sents, tagger.tag_sentences(sents)):
                for s, t in zip(stems(words), tags):
                    counts.setdefault(s, Counter())[t[2:] or "O"] += 1
            if n % 2000 == 0:
                log(f"{n} articles")
    return counts


def write_priors(counts: dict[str, Counter], out: Path, source: str) -> int:
    rows = sorted(((s, c) for s, c in counts.items() if sum(c.values()) >= MIN_COUNT),
                  key=lambda sc: (-sum(sc[1].values()), sc[0]))
    with open(out, "w", encoding="utf-8") as f:
        f.write(f"# stem\tcount\ttype:count ... as the tagger labelled {source}; see NOTICE.md\n")
        for s, c in rows:
            f.write(f"{s}\t{sum(c.values())}\t" + " ".join(f"{k}:{v}" for k, v in c.most_common()) + "\n")
    return len(rows)


def read_priors(text: str) -> dict[str, tuple[str, ...]]:
    """stem -> its prior features: for each type it took at least MIN_SHARE of the time,
    `gp=TYPE` and `gp=TYPE:band` (band: hi >= 0.7, mid >= 0.3, lo)."""
    out = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        stem, total, labels = line.split("\t")[:3]
        total = int(total)
        if total < MIN_COUNT:
            continue
        f = []
        for item in labels.split():
            lab, n = item.rsplit(":", 1)
            share = int(n) / total
            if share >= MIN_SHARE:
                band = "hi" if share >= 0.7 else "mid" if share >= 0.3 else "lo"
                f += [f"gp={lab}", f"gp={lab}:{band}"]
        out[stem] = tuple(f)
    return out
