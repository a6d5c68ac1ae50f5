"""Clitic segmentation, measured on a hand-checked list (tests/data/clitics.tsv).

The list has 691 words: proper names and common words that begin with clitic-like
letters (وزير, واشنطن, بنغازي, لبنان), every proclitic and combination (و ف ب ل ك س, ال,
لل, وبال, وكال ...), pronoun enclitics with teh marbuta and hamza seats (حكومته,
أعضائها, وحلفاؤه), preposition + pronoun (له, بها), endings that only look like
enclitics (مصري, شبه, تفاهم, يشارك, هناك), and verbs. The first 465 words were used while
tuning the segmenter's constants; the last 226 ("held out") were written afterwards and
scored 214/226 = 94.7% before any further change.

Measured (2026-11-29): 687/691 = 99.4% overall; tuned part 465/465; held-out part
222/226 = 98.2%. The misses are bound stems and rare patterns: بموجب and بواسطة (موجب,
واسطة never occur alone, so nothing shows they are words), أخي (two-letter stem), تشويه.
Running text: of 200 random Arabic tokens of ANT articles, 196 were right (seed 7, before
the fixes that sample prompted); of another 200 drawn after them (seed 2024), 196 when the
ambiguous وفر, عامه and the dual وزارتي count as errors (the fourth: وسنتحاور, an unseen
future verb, is left whole).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from hadath.text import add_vocabulary, segment, tokenize
from hadath.text import tokens as text_tokens

GOLD = Path(__file__).parent / "data" / "clitics.tsv"
MIN_ACCURACY = 0.97
MIN_HELD_OUT_ACCURACY = 0.95


def load_gold() -> list[tuple[str, str, tuple[str, ...], str, str]]:
    rows, section = [], "tuned"
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.startswith("# held out"):
            section = "held_out"
        if not line.strip() or line.startswith("#"):
            continue
        word, pre, stem, suf = line.split("\t")
        rows.append((section, word, () if pre == "-" else tuple(pre.split("+")), stem,
                     "" if suf == "-" else suf))
    return rows


def analysis(word: str) -> tuple[tuple[str, ...], str, str]:
    toks = tokenize(word)
    assert len(toks) == 1, word
    t = toks[0]
    return t.prefixes, t.stem_text, t.suffix


def test_gold_list_is_well_formed():
    rows = load_gold()
    assert len(rows) >= 300
    assert len({r[1] for r in rows}) == len(rows)          # no duplicate words
    for _, word, pre, stem, suf in rows:
        assert word.endswith(stem + suf), word
        assert set(pre) <= {"و", "ف", "ب", "ل", "ك", "س", "ال"}, word
        assert suf in ("", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "ي", "نا"), word


def test_segmentation_accuracy_on_the_hand_checked_list():
    rows = load_gold()
    results = {}
    misses = []
    for section, word, pre, stem, suf in rows:
        got = analysis(word)
        ok = got == (pre, stem, suf)
        results.setdefault(section, []).append(ok)
        if not ok:
            misses.append(f"{word}: got {'+'.join(got[0]) or '-'} {got[1]} {got[2] or '-'}")
    total = [ok for oks in results.values() for ok in oks]
    accuracy = sum(total) / len(total)
    held_out = sum(results["held_out"]) / len(results["held_out"])
    assert accuracy >= MIN_ACCURACY, f"{accuracy:.3f}; misses: {misses}"
    assert held_out >= MIN_HELD_OUT_ACCURACY, f"{held_out:.3f}; misses: {misses}"


@pytest.mark.parametrize("word", ["وزير", "وكالة", "ولاية", "واشنطن", "بريطانيا", "بنغازي",
                                  "لبنان", "كركوك", "سوريا", "فرنسا", "فلسطين"])
def test_names_and_words_with_clitic_like_letters_are_not_broken(word):
    assert analysis(word) == ((), word, "")


def test_the_issue_examples():
    assert analysis("حكومته") == ((), "حكومت", "ه")            # teh marbuta before an enclitic
    assert analysis("حكومة") == ((), "حكومة", "")              # ة is never an enclitic
    assert analysis("سيدعم") == (("س",), "يدعم", "")
    assert analysis("وبنغازي") == (("و",), "بنغازي", "")
    assert analysis("للقائد") == (("ل", "ال"), "قائد", "")
    assert analysis("للبنان") == (("ل",), "لبنان", "")           # ل + a word that starts with ل
    assert analysis("للجنة") == (("ل", "ال"), "لجنة", "")        # ل + ال + لجنة, written لل


def test_reference_article_clitics(reference_text):
    toks = {t.text: t for t in tokenize(reference_text)}
    for word, pre, stem, suf in [("بإسرائيل", ("ب",), "إسرائيل", ""),
                                 ("وقواته", ("و",), "قوات", "ه"),
                                 ("للقائد", ("ل", "ال"), "قائد", ""),
                                 ("لصحيفة", ("ل",), "صحيفة", ""),
                                 ("وجيشه", ("و",), "جيش", "ه"),
                                 ("باسمها", ("ب",), "اسم", "ها")]:
        t = toks[word]
        assert (t.prefixes, t.stem_text, t.suffix) == (pre, stem, suf), word
    # "بإسرائيل" inside quotes: the quote is its own token, the word is segmented
    i = reference_text.index('"بإسرائيل"')
    quoted = [t for t in tokenize(reference_text, i, i + 10)]
    assert [t.text for t in quoted] == ['"', "بإسرائيل", '"']
    assert quoted[1].stem_text == "إسرائيل" and quoted[1].stem_start == i + 2


@pytest.fixture
def registered_vocabulary(monkeypatch):
    """add_vocabulary() for one test, then back to the shipped vocabulary."""
    monkeypatch.setattr(text_tokens, "_extra_vocab", set())
    yield add_vocabulary
    monkeypatch.undo()
    add_vocabulary(())            # clears the caches built with the test's words


def test_registered_names_are_found_behind_clitics(registered_vocabulary, reference_text):
    # حفتر is not in the 2018 news vocabulary: unknown, لحفتر keeps its letters ...
    assert analysis("لحفتر") == ((), "لحفتر", "")
    # ... until the knowledge base registers the name
    registered_vocabulary(["حفتر"])
    assert analysis("لحفتر") == (("ل",), "حفتر", "")
    assert analysis("وحفتر") == (("و",), "حفتر", "")
    assert analysis("حفتر") == ((), "حفتر", "")
    assert all(t.stem_start < 0 for t in tokenize(reference_text) if t.text == "حفتر")


def test_unknown_words_keep_their_letters():
    for word in ["بوركينافاسو", "ليسوتو", "كوالالمبور", "فانواتو", "بنغلادش", "كيغالي"]:
        assert analysis(word) == ((), word, ""), word


def test_article_needs_a_plain_alef():
    assert analysis("ألمانيا") == ((), "ألمانيا", "")
    assert analysis("الجزائر") == (("ال",), "جزائر", "")
    assert analysis("والتي") == (("و",), "التي", "")            # function words stay whole


def test_segment_api_on_normalised_words():
    assert segment("وقال") == (("و",), 1, 4, "")
    assert segment("بالحكومه") == (("ب", "ال"), 3, 8, "")
    pre, s, e, suf = segment("قواتهم")
    assert (pre, "قواتهم"[s:e], suf) == ((), "قوات", "هم")
    assert segment("واشنطن") == ((), 0, 6, "")
    assert segment("ab") == ((), 0, 2, "")


def test_stems_map_to_offsets_through_diacritics_and_tatweel():
    text = "وَقَالَ لِلْقَائِدِ وقواتـه"
    toks = tokenize(text)
    assert [t.stem_text for t in toks] == ["قَالَ", "قَائِدِ", "قوات"]   # marks stay on the stem
    assert [t.prefixes for t in toks] == [("و",), ("ل", "ال"), ("و",)]
    assert toks[2].suffix == "ه"
    assert toks[1].stem_norm == "قائد"
