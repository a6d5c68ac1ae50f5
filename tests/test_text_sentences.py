"""Sentence splitting: Arabic punctuation, quotes, decimals, newlines, runaway sentences."""
from __future__ import annotations

from hadath.text import split_sentences
from hadath.text.sentences import MAX_CHARS


def sents(text: str, start: int = 0, end: int | None = None) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, start, end)]


def test_arabic_question_mark_period_and_exclamation():
    assert sents("هل انتهت الحرب؟ لا أعتقد! ربما تنتهي قريبا.") == [
        "هل انتهت الحرب؟", "لا أعتقد!", "ربما تنتهي قريبا."]


def test_arabic_comma_and_semicolon_do_not_end_a_sentence():
    text = "أولا، تراجع القتال؛ ثانيا، بدأت المفاوضات."
    assert sents(text) == [text]


def test_runs_of_terminal_marks_stay_together():
    assert sents("ماذا يحدث؟! لا أحد يعرف... ثم صمت…") == [
        "ماذا يحدث؟!", "لا أحد يعرف...", "ثم صمت…"]


def test_closing_quotes_and_brackets_belong_to_the_sentence():
    assert sents("قال الرئيس: «انتهى الأمر.» ثم غادر.") == ["قال الرئيس: «انتهى الأمر.»", "ثم غادر."]
    assert sents('وقال "الوضع خطير." وأضاف أن الحل سياسي.') == [
        'وقال "الوضع خطير."', "وأضاف أن الحل سياسي."]
    assert sents("(وصل الوفد.) ثم بدأ الاجتماع.") == ["(وصل الوفد.)", "ثم بدأ الاجتماع."]
    assert sents("قال: “لن نتراجع!” وغادر.") == ["قال: “لن نتراجع!”", "وغادر."]


def test_quotes_inside_a_sentence_do_not_split_it():
    text = 'وقعت «إسرائيل» و"مصر" اتفاقا في "كامب ديفيد" عام 1978.'
    assert sents(text) == [text]


def test_decimals_do_not_end_a_sentence():
    assert sents("ارتفع المؤشر 3.5 بالمئة. ثم تراجع") == ["ارتفع المؤشر 3.5 بالمئة.", "ثم تراجع"]
    assert sents("بلغ النمو ٣.٥ بالمئة و٢٫٧ العام الماضي.") == ["بلغ النمو ٣.٥ بالمئة و٢٫٧ العام الماضي."]


def test_initials_domains_and_abbreviations():
    assert sents("التقى د. محمد مع أ. علي في القاهرة.") == ["التقى د. محمد مع أ. علي في القاهرة."]
    assert sents("نشر موقع bbc.com الخبر. ثم حذفه.") == ["نشر موقع bbc.com الخبر.", "ثم حذفه."]
    assert sents("U.S. officials said so. Then they left.") == [
        "U.S. officials said so.", "Then they left."]


def test_missing_space_after_a_period_still_splits_arabic():
    assert sents("الجيش الليبي.وعلى الرغم من ذلك") == ["الجيش الليبي.", "وعلى الرغم من ذلك"]


def test_every_line_break_ends_a_sentence_and_blank_lines_vanish():
    text = "العنوان الرئيسي\nالفقرة الأولى بلا نقطة\n\n\n  الفقرة الثانية.  \r\nالأخيرة"
    assert sents(text) == ["العنوان الرئيسي", "الفقرة الأولى بلا نقطة", "الفقرة الثانية.", "الأخيرة"]


def test_spans_point_into_the_text_and_respect_start_end():
    text = "جملة أولى. جملة ثانية. جملة ثالثة."
    start = text.index("جملة ثانية")
    spans = split_sentences(text, start, len(text))
    assert [text[s:e] for s, e in spans] == ["جملة ثانية.", "جملة ثالثة."]
    assert all(start <= s < e <= len(text) for s, e in spans)


def test_very_long_sentence_without_punctuation_is_cut_at_commas_or_spaces():
    text = " ".join(["كلمة"] * 2000)                           # ~10,000 characters
    spans = split_sentences(text)
    assert len(spans) > 1
    assert all(e - s <= MAX_CHARS for s, e in spans)
    assert all(text[s:e].split() == text[s:e].split(" ") for s, e in spans)   # cut at spaces
    assert sum(len(text[s:e].split()) for s, e in spans) == 2000              # no word lost
    with_commas = "، ".join(["جملة طويلة جدا"] * 600)
    for s, e in split_sentences(with_commas):
        assert e - s <= MAX_CHARS
        assert with_commas[e - 1] == "،" or e == len(with_commas)


def test_long_run_without_any_space_is_cut_hard():
    text = "ب" * (3 * MAX_CHARS + 5)
    spans = split_sentences(text)
    assert spans[0] == (0, MAX_CHARS)
    assert spans[-1][1] == len(text)


def test_empty_and_blank_inputs():
    assert split_sentences("") == []
    assert split_sentences(" \n\t ") == []


def test_reference_article_sentences(reference_text):
    spans = split_sentences(reference_text)
    lines = [l for l in reference_text.splitlines() if l.strip()]
    # every paragraph ends with a period, a few hold two sentences
    assert len(spans) >= len(lines)
    first = reference_text[spans[0][0]:spans[0][1]]
    assert first.startswith("وقال كافييرو") and first.endswith("الليبي.")
    assert reference_text[spans[-1][0]:spans[-1][1]] == "بقلم: جورجيو كافييرو"
