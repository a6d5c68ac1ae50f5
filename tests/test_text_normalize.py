"""Normalisation for matching: one test per class of variation the issue lists."""
from __future__ import annotations

import pytest

from hadath.text import INVISIBLE, normalize, normalize_with_map


def test_tashkeel_and_quranic_marks_are_removed():
    assert normalize("مُحَمَّدٌ") == "محمد"
    assert normalize("الرَّئِيسُ") == "الرئيس"                        # hamza seat kept
    assert normalize("كِتَابًا") == "كتابا"
    assert normalize("رَحْمٰن") == "رحمن"                              # dagger alef U+0670
    assert normalize("ذٰلِكَ ۖ") == "ذلك "                              # small high ligature


def test_tatweel_is_removed():
    assert normalize("الرئيـــــس") == "الرئيس"
    assert normalize("حفـتر") == "حفتر"


@pytest.mark.parametrize("variant", ["أ", "إ", "آ", "ٱ"])
def test_alef_variants_become_bare_alef(variant):
    assert normalize(variant + "حمد") == "احمد"


def test_alef_maqsura_and_teh_marbuta():
    assert normalize("مصطفى") == "مصطفي"
    assert normalize("على") == normalize("علي")
    assert normalize("حكومة") == "حكومه"
    assert normalize("القاهرة") == normalize("القاهره")


@pytest.mark.parametrize("persian, arabic", [
    ("ک", "ك"), ("ی", "ي"), ("ە", "ه"), ("ۀ", "ه"), ("ھ", "ه"), ("ڪ", "ك"), ("ے", "ي")])
def test_persian_and_urdu_look_alikes(persian, arabic):
    assert normalize(persian) == arabic


def test_persian_spelling_of_a_word_matches_arabic():
    # the reference article writes والکیانات with Persian kaf and yeh
    assert normalize("والکیانات") == normalize("والكيانات") == "والكيانات"


def test_arabic_indic_and_persian_digits():
    assert normalize("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert normalize("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert normalize("عام ٢٠١٤") == "عام 2014"


def test_presentation_forms_and_ligatures():
    assert normalize("ﺑﻨﻐﺎﺯﻱ") == "بنغازي"             # contextual forms
    assert normalize("ﻻ") == "لا"                    # lam-alef ligature
    assert normalize("ﻷ") == "لا"                    # lam-alef with hamza
    assert normalize("ﷲ") == "الله"
    assert normalize("ﺓ") == "ه"
    assert normalize("\ufdfd")                       # bismillah ligature: no crash, not empty


@pytest.mark.parametrize("char", sorted(INVISIBLE))
def test_zero_width_and_bidi_controls_are_removed(char):
    assert normalize(f"حف{char}تر") == "حفتر"


def test_invisible_set_covers_the_usual_suspects():
    for c in ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff",
              "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067",
              "\u2068", "\u2069", "\u2060", "\u00ad"]:
        assert c in INVISIBLE


@pytest.mark.parametrize("quote", list("«»“”„‟‹›‘’‚‛'`\"″＂"))
def test_every_quote_style_becomes_a_double_quote(quote):
    assert normalize(quote) == '"'


def test_quoted_name_matches_across_quote_styles():
    forms = ["«إسرائيل»", "“إسرائيل”", "„إسرائيل“", "'إسرائيل'", "‘إسرائيل’", '"إسرائيل"']
    assert len({normalize(f) for f in forms}) == 1


def test_latin_is_lowercased_and_other_text_kept():
    assert normalize("BBC News") == "bbc news"
    assert normalize("ok, 3.5!") == "ok, 3.5!"


def test_map_points_back_to_the_original_characters():
    text = "قالَ «حفـتر» ﻻ"
    norm, index = normalize_with_map(text)
    assert norm == 'قال "حفتر" لا'
    assert len(index) == len(norm)
    # the two letters of the ligature both map to the ligature
    assert index[-1] == index[-2] == len(text) - 1
    # a span found in the normalised text maps back to the original span
    s = norm.index("حفتر")
    e = s + len("حفتر")
    assert text[index[s]:index[e - 1] + 1] == "حفـتر"


def test_map_is_identity_when_nothing_changes_length():
    text = "وقال الرئيس"
    norm, index = normalize_with_map(text)
    assert list(index) == list(range(len(text)))


def test_map_of_deletions_only_searches_the_deleted_positions():
    text = "قالَ حفـتر‏ أمسِ"
    norm, index = normalize_with_map(text)
    assert norm == "قال حفتر امس" and not isinstance(index, list)
    assert list(index) == [i for i, c in enumerate(text) if normalize(c)]
    assert index[-1] == len(text) - 2 and text[index[4]:index[7] + 1] == "حفـتر"
