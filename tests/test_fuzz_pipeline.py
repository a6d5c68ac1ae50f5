"""Property-based tests: no exception on any input, offsets always valid, output always valid
JSON for the contract of ../shared/eval/FORMAT.md (invariants in fuzz/invariants.py).

Example counts are modest so the suite stays fast; the long run is the atheris target
(fuzz/fuzz_pipeline.py, `make fuzz`), see docs/ROBUSTNESS.md.
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fuzz"))
import target  # noqa: E402
from invariants import check_document, check_records  # noqa: E402

from hadath.errors import InputError  # noqa: E402
from hadath.model import Document, event_records  # noqa: E402
from hadath.readers import Unit, decode, load_unit  # noqa: E402
from hadath.text import split_sentences, tokenize  # noqa: E402

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Arabic-heavy text: letters, marks, invisibles, punctuation, digits, Latin, whole words.
arabic_text = st.lists(st.one_of(st.sampled_from(target.ALPHABET), st.sampled_from(target.WORDS),
                                 st.characters()), max_size=300).map("".join)
# News-like sentences: mostly whole words (actors, event verbs, dates), some noise between them.
_token = st.one_of(st.sampled_from(target.WORDS), st.sampled_from(target.WORDS), st.sampled_from(target.WORDS),
                   st.text(alphabet=target.ALPHABET, max_size=4), st.characters())
_sentence = st.tuples(st.lists(_token, min_size=1, max_size=12),
                      st.sampled_from([".", "،", "\n", "", "؟", " - ", "!\u200f"])).map(
    lambda t: " ".join(t[0]) + t[1])
news_text = st.lists(_sentence, min_size=1, max_size=5).map(" ".join)
any_text = st.one_of(st.text(max_size=300), arabic_text, news_text, news_text)


@pytest.fixture(scope="module")
def nlp():
    return target._pipeline()


@FAST
@given(any_text)
def test_sentences_and_tokens_index_into_the_text(text):
    last = 0
    for s, e in split_sentences(text):
        assert last <= s <= e <= len(text)
        last = e
        for t in tokenize(text, s, e):
            assert s <= t.start <= t.end <= e and text[t.start:t.end] == t.text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(any_text)
def test_pipeline_never_raises_and_its_records_keep_the_contract(nlp, text):
    doc = nlp(Document(id="h", text=text, published="2019-07-01"))
    check_document(doc)
    records = event_records(doc)
    check_records(records, text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_fuzz_target_on_any_bytes(data):
    target.run_one(data)          # reader's decoding (strict and auto) or Arabic alphabet, then pipeline


@FAST
@given(st.binary(max_size=400), st.sampled_from(["utf-8", "auto", "windows-1256", "utf-16", "latin-9"]))
def test_decode_returns_text_or_a_one_line_input_error(data, encoding):
    try:
        text, used = decode(data, "x.txt", encoding)
    except InputError as e:
        assert e.where == "x.txt" and e.reason and "\n" not in e.reason
        return
    assert text.strip() and "\x00" not in text and isinstance(used, str)


@FAST
@given(st.binary(max_size=300))
def test_a_jsonl_line_is_a_document_or_an_input_error(tmp_path_factory, line):
    path = tmp_path_factory.getbasetemp() / "f.jsonl"
    item = load_unit(Unit(f"{path}:1", str(path), "jsonl", line))
    if isinstance(item, InputError):
        assert item.where == f"{path}:1" and "\n" not in item.reason
    else:
        assert isinstance(item.text, str) and item.text.strip() and item.id


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.text(alphabet=st.sampled_from('ab "\n,\r' + "قوات"), max_size=12),
                         min_size=1, max_size=3), max_size=5))
def test_any_csv_gives_documents_or_input_errors(tmp_path, rows):
    from hadath.readers import read_inputs
    buf = io.StringIO()
    buf.write("id,text\n")
    for row in rows:                       # raw joins: stray quotes and delimiters on purpose
        buf.write(",".join(row) + "\n")
    path = tmp_path / "t.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    for item in read_inputs([path]):
        if isinstance(item, InputError):
            assert item.where.startswith(str(path)) and "\n" not in item.reason
        else:
            assert item.text.strip()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(news_text, arabic_text), min_size=1, max_size=4))
def test_extract_output_is_always_json_lines(tmp_path, capsys, texts):
    from hadath.cli import main
    from test_robustness_inputs import NO_NER
    path = tmp_path / "feed.jsonl"
    # ASCII JSON: a lone surrogate the strategy draws is written as an escape, as crawlers do.
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)),
                    encoding="utf-8")
    try:
        code = main(["extract", *NO_NER, str(path)])
    except SystemExit as e:
        code = e.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    records = [json.loads(line) for line in out.splitlines()]
    errors = [r for r in records if r.get("record") == "error"]
    assert code == (1 if errors else 0)
    assert len(errors) == len(err.strip().splitlines()) if err.strip() else not errors
    by_id = {f"d{i}": re.sub("[\ud800-\udfff]", "\ufffd", t) for i, t in enumerate(texts)}   # as read
    for r in records:
        if "type" in r:
            check_records([r], by_id[r["doc_id"]])
