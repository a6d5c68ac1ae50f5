"""The fuzz target without the fuzzer: `run_one(data: bytes)` (used by fuzz_pipeline.py and fuzz/run.py).

The first byte picks how the rest is read, so the fuzzer explores both ends:
  0-63    raw bytes through hadath.readers.decode (strict UTF-8), as a file would be
  64-127  raw bytes through decode(..., "auto") (UTF-16, Windows-1256, ISO-8859-6 guessing)
  128-255 bytes mapped onto an alphabet of Arabic letters, marks, invisibles, punctuation,
          digits and Latin (a byte >= 0xF0 and the next one pick a whole word), so that
          mutations stay close to real, messy Arabic text
A failure is any exception other than the reader's InputError, or a broken invariant.
"""
from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from hadath.errors import InputError  # noqa: E402
from hadath.extract import load_pipeline  # noqa: E402
from hadath.model import Document, event_records  # noqa: E402
from hadath.readers import decode  # noqa: E402
from invariants import check_document, check_records  # noqa: E402

ALPHABET = ("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى"         # letters
            "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640"  # tashkeel, superscript alef, tatweel
            "\u200b\u200c\u200d\u200e\u200f\u202b\u202c\u202e\u2066\u2069\u061c\ufeff\u00ad"  # invisibles
            "ﻻﷲﺍ"                                             # presentation forms
            "٠١٢٣٤٥٦٧٨٩0123456789"
            " \n\t  .،؛؟!:\"«»()-—/'"
            "HaftrTiplo3785 ")
# Whole words, so that the knowledge base and the event rules get something to match.
WORDS = ["حفتر", "قوات", "هاجمت", "طرابلس", "مصر", "زار", "ليبيا", "قال", "إن", "التقى", "الرئيس",
         "السيسي", "أمس", "يوم الأحد", "في", "وزير الخارجية", "الأمم المتحدة", "نفى", "المتحدث باسم",
         "الجيش الوطني الليبي", "2019", "تموز/يوليو", "و", "لم", "سوف", "قصف", "مظاهرة", "اتفاق"]

_nlp = None


def _pipeline():
    global _nlp
    if _nlp is None:
        import hadath
        model = os.path.join(os.path.dirname(hadath.__file__), "ner", "data", "ner.crfsuite")
        _nlp = load_pipeline(ner=os.path.exists(model))   # NER when its model is there
    return _nlp


def text_of(data: bytes) -> str | None:
    """The text the pipeline sees, or None when the reader refuses the bytes (fine: a clear error)."""
    if not data:
        return None
    mode, rest = data[0], data[1:]
    if mode < 128:
        try:
            return decode(rest, "fuzz", "utf-8" if mode < 64 else "auto")[0]
        except InputError:
            return None
    out = []
    i = 0
    while i < len(rest):
        b = rest[i]
        if b >= 0xF0 and i + 1 < len(rest):          # a whole word
            out.append(WORDS[rest[i + 1] % len(WORDS)])
            i += 2
        else:
            out.append(ALPHABET[b % len(ALPHABET)])
            i += 1
    return "".join(out)


def run_one(data: bytes) -> None:
    text = text_of(data)
    if text is None:
        return
    doc = _pipeline()(Document(id="fuzz", text=text, published="2019-07-01"))
    check_document(doc)
    check_records(event_records(doc), text)


def warm_up() -> None:
    _pipeline()
