"""Property-based tests of the text layer: whatever the input, every offset is valid.

Tokens slice back to the text, stems lie inside their token, normalize_with_map gives a
valid, monotone index per output character, sentence spans are ordered, disjoint and
inside the text, and nothing raises.
"""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from hadath.text import normalize, normalize_with_map, segment, split_sentences, tokenize
from hadath.text.sentences import MAX_CHARS

# Arabic letters, tashkeel, tatweel, presentation forms, Persian letters, digits of three
# scripts, every invisible and quote the normaliser knows, punctuation and whitespace,
# plus arbitrary Unicode (surrogates excluded: they cannot be encoded).
ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
PRESENTATION = st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF)
SPECIAL = st.sampled_from(list(
    "\u200b\u200c\u200d\u200e\u200f\u061c\ufeff\u2060\u00ad\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069«»“”„‟‹›‘’‚‛'`\"″＂.،؛؟!?…:;,()[]{}-–—/\\ \n\t\r\u00a0"
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹0123456789٫٬İ"))
WORDS = st.sampled_from(["وقال", "بإسرائيل", "للقائد", "لصحيفة", "حكومته", "ال", "لل",
                         "والتي", "ﻻ", "ﷲ", "كالعادة", "3.5", "د.", "»", "«"])
ANY = st.characters(blacklist_categories=("Cs",))
TEXT = st.lists(st.one_of(ARABIC, PRESENTATION, SPECIAL, WORDS, ANY), max_size=80).map("".join)

FEW = settings(max_examples=300, deadline=None)


@FEW
@given(TEXT)
def test_tokens_slice_back_to_the_text(text):
    last_end = 0
    for tok in tokenize(text):
        assert 0 <= tok.start < tok.end <= len(text)
        assert text[tok.start:tok.end] == tok.text
        assert tok.start >= last_end                      # in order, no overlap
        last_end = tok.end
        assert tok.norm == normalize(tok.text)
        if tok.stem_start >= 0:
            assert tok.start <= tok.stem_start < tok.stem_end <= tok.end
            assert tok.prefixes or tok.suffix
            assert tok.stem_text == text[tok.stem_start:tok.stem_end]
        else:
            assert not tok.prefixes and not tok.suffix
        assert isinstance(tok.stem_norm, str)


@FEW
@given(TEXT, st.integers(0, 100), st.integers(0, 100))
def test_tokens_of_a_slice_stay_inside_it(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    for tok in tokenize(text, start, end):
        assert start <= tok.start < tok.end <= end
        assert text[tok.start:tok.end] == tok.text


@FEW
@given(TEXT)
def test_normalize_with_map_indexes_are_valid_and_monotone(text):
    norm, index = normalize_with_map(text)
    assert norm == normalize(text)
    assert len(index) == len(norm)
    assert all(0 <= i < len(text) for i in index)
    assert all(a <= b for a, b in zip(index, index[1:]))
    # every output character comes from a source character whose own normal form has it
    for k, i in enumerate(index):
        assert norm[k] in normalize(text[i])


@FEW
@given(TEXT)
def test_sentence_spans_are_ordered_disjoint_and_inside(text):
    spans = split_sentences(text)
    prev = 0
    for s, e in spans:
        assert prev <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        assert e - s <= MAX_CHARS
        prev = e
    # no visible character is lost between sentences
    covered = set()
    for s, e in spans:
        covered.update(range(s, e))
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


@FEW
@given(st.text(alphabet=st.sampled_from("بلوفكسالتيهمنا ةىأإآ"), max_size=12))
def test_segment_offsets_index_into_the_word(word):
    pre, s, e, suf = segment(word)
    assert 0 <= s <= e <= len(word)
    if pre or suf:
        assert s < e
        assert word.endswith(suf) if suf and word[-1] not in "ةى" else True
    else:
        assert (s, e) == (0, len(word))


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.sampled_from("بيتـ‏"), min_size=1, max_size=30),
       st.sampled_from([" ", "", "،", ", ", " "]), st.integers(50, 3000))
def test_long_text_without_full_stops_is_cut(word, sep, n):
    text = (word + sep) * n
    spans = split_sentences(text)
    assert all(e - s <= MAX_CHARS for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    for tok in tokenize(text):
        assert text[tok.start:tok.end] == tok.text


def test_no_exception_on_edge_inputs():
    for text in ["", " ", "\n\n", ".", "...", "؟", "ـ", "\u200f", "ال", "لل", "و", "ﻻ", "ﷲ",
                 "\ufdfd", "\ufbc2", "İ", "a" * 5000, "و" * 500, "\u064b" * 50, "ة"]:
        for tok in tokenize(text):
            assert text[tok.start:tok.end] == tok.text
        split_sentences(text)
        normalize_with_map(text)
