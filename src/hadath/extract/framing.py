"""Framing markers: how a document names its actors (scare quotes around "إسرائيل", loaded
terms such as جيش الاحتلال or الميليشيات), each with the neutral actor it denotes, so that
outlets can be compared on how they frame the same actors."""
from __future__ import annotations

from collections import Counter

from hadath.model import Document


def mark_framing(doc: Document) -> None:
    """Pipeline component: doc.framing, one record per framed mention, plus a summary."""
    doc.framing = [{"kind": m.framing, "text": m.text, "start": m.start, "end": m.end,
                    "sentence": m.sentence, "actor_id": m.entity.id, "actor": m.entity.name}
                   for m in doc.mentions if m.framing and not _quoted_title(m)]
    counts = Counter((f["kind"], f["actor"]) for f in doc.framing)
    doc.meta["framing_summary"] = [{"kind": k, "actor": a, "count": n} for (k, a), n in counts.most_common()]


def _quoted_title(m) -> bool:
    """Quotes around an outlet's name («الشرق الأوسط») are typography, not scare quotes."""
    return m.framing == "scare_quotes" and m.entity.type == "outlet"
